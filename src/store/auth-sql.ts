// AuthStore in SQL that SQLite and PostgreSQL both accept, on the executor of the store it belongs to.
import { randomUUID } from 'node:crypto';
import type {
  AccessTokenRecord, AuthorizationCode, AuthStore, GrantView, Membership, OAuthClient, OAuthClientMetadata, OAuthGrant, RefreshOutcome, Role,
  Session, User,
} from './auth-types.ts';
import type { Row } from './rows.ts';
import { now, type SqlExecutor } from './sql-store.ts';

const userColumns = 'id, email, name, created_at, updated_at';
const grantColumns = 'id, tenant_id, mcp_server_id, user_id, client_id, scope, created_at, last_used_at';
const codeColumns = 'client_id, user_id, tenant_id, mcp_server_id, redirect_uri, code_challenge, scope, expires_at';

const text = (value: unknown) => String(value);
const textOrNull = (value: unknown) => (value === null || value === undefined ? null : String(value));

function toUser(row: Row, prefix = ''): User {
  return {
    id: text(row[`${prefix}id`]), email: text(row[`${prefix}email`]), name: textOrNull(row[`${prefix}name`]),
    created_at: text(row[`${prefix}created_at`]), updated_at: text(row[`${prefix}updated_at`]),
  };
}

function toGrant(row: Row): OAuthGrant {
  return {
    id: text(row.id), tenant_id: text(row.tenant_id), mcp_server_id: text(row.mcp_server_id), user_id: text(row.user_id),
    client_id: text(row.client_id), scope: text(row.scope), created_at: text(row.created_at), last_used_at: textOrNull(row.last_used_at),
  };
}

function toClient(row: Row): OAuthClient {
  return {
    id: text(row.id), kind: text(row.kind) as OAuthClient['kind'], metadata: JSON.parse(text(row.metadata)) as OAuthClientMetadata,
    secret_hash: textOrNull(row.secret_hash), created_at: text(row.created_at), updated_at: text(row.updated_at),
  };
}

function toCode(row: Row): AuthorizationCode {
  return {
    client_id: text(row.client_id), user_id: text(row.user_id), tenant_id: text(row.tenant_id), mcp_server_id: text(row.mcp_server_id),
    redirect_uri: text(row.redirect_uri), code_challenge: text(row.code_challenge), scope: text(row.scope), expires_at: text(row.expires_at),
  };
}

const clientName = (metadata: unknown) => {
  try {
    const name = (JSON.parse(text(metadata)) as OAuthClientMetadata).client_name;
    return typeof name === 'string' ? name : null;
  } catch {
    return null;
  }
};

export class SqlAuthStore implements AuthStore {
  private readonly db: SqlExecutor;

  constructor(db: SqlExecutor) {
    this.db = db;
  }

  async createUser(input: { email: string; name: string | null; password_hash: string | null }): Promise<User> {
    const time = now();
    return toUser((await this.db.get(
      `INSERT INTO users (id, email, name, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING ${userColumns}`,
      [randomUUID(), input.email, input.name, input.password_hash, time, time],
    ))!);
  }

  async getUser(id: string): Promise<User | undefined> {
    const row = await this.db.get(`SELECT ${userColumns} FROM users WHERE id = ?`, [id]);
    return row && toUser(row);
  }

  async findUserByEmail(email: string): Promise<(User & { password_hash: string | null }) | undefined> {
    const row = await this.db.get(`SELECT ${userColumns}, password_hash FROM users WHERE email = ?`, [email]);
    return row && { ...toUser(row), password_hash: textOrNull(row.password_hash) };
  }

  async setPassword(userId: string, passwordHash: string): Promise<void> {
    await this.db.run('UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?', [passwordHash, now(), userId]);
    await this.db.run('DELETE FROM sessions WHERE user_id = ?', [userId]);
  }

  async findUserByIdentity(issuer: string, subject: string): Promise<User | undefined> {
    const row = await this.db.get(
      `SELECT ${userColumns.split(', ').map((column) => `u.${column}`).join(', ')} FROM user_identities i JOIN users u ON u.id = i.user_id WHERE i.issuer = ? AND i.subject = ?`,
      [issuer, subject],
    );
    return row && toUser(row);
  }

  async linkIdentity(issuer: string, subject: string, userId: string): Promise<void> {
    await this.db.run('INSERT INTO user_identities (issuer, subject, user_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (issuer, subject) DO NOTHING', [issuer, subject, userId, now()]);
  }

  async setMembership(userId: string, tenantId: string, role: Role): Promise<void> {
    await this.db.run(
      'INSERT INTO memberships (user_id, tenant_id, role, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (user_id, tenant_id) DO UPDATE SET role = excluded.role',
      [userId, tenantId, role, now()],
    );
  }

  async getMembership(userId: string, tenantId: string): Promise<Role | undefined> {
    const row = await this.db.get('SELECT role FROM memberships WHERE user_id = ? AND tenant_id = ?', [userId, tenantId]);
    return row && (text(row.role) as Role);
  }

  async listMemberships(userId: string): Promise<Membership[]> {
    const rows = await this.db.all(
      'SELECT m.tenant_id, t.name AS tenant_name, m.role FROM memberships m JOIN tenants t ON t.id = m.tenant_id WHERE m.user_id = ? ORDER BY t.name, m.tenant_id',
      [userId],
    );
    return rows.map((row) => ({ tenant_id: text(row.tenant_id), tenant_name: text(row.tenant_name), role: text(row.role) as Role }));
  }



  async createSession(input: { token_hash: string; user_id: string; tenant_id: string | null; expires_at: string }): Promise<void> {
    await this.db.run(
      'INSERT INTO sessions (token_hash, user_id, tenant_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      [input.token_hash, input.user_id, input.tenant_id, now(), input.expires_at],
    );
  }

  async findSession(tokenHash: string, at: Date): Promise<Session | undefined> {
    const row = await this.db.get(
      `SELECT s.tenant_id, s.created_at AS session_created_at, s.expires_at, ${userColumns.split(', ').map((column) => `u.${column} AS user_${column}`).join(', ')}
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?`,
      [tokenHash, at.toISOString()],
    );
    return row && { user: toUser(row, 'user_'), tenant_id: textOrNull(row.tenant_id), created_at: text(row.session_created_at), expires_at: text(row.expires_at) };
  }

  async setSessionTenant(tokenHash: string, tenantId: string): Promise<void> {
    await this.db.run('UPDATE sessions SET tenant_id = ? WHERE token_hash = ?', [tenantId, tokenHash]);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.run('DELETE FROM sessions WHERE token_hash = ?', [tokenHash]);
  }

  async saveClient(input: { id: string; kind: OAuthClient['kind']; metadata: OAuthClientMetadata; secret_hash: string | null }): Promise<OAuthClient> {
    const time = now();
    return toClient((await this.db.get(
      `INSERT INTO oauth_clients (id, kind, metadata, secret_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET metadata = excluded.metadata, updated_at = excluded.updated_at RETURNING *`,
      [input.id, input.kind, JSON.stringify(input.metadata), input.secret_hash, time, time],
    ))!);
  }

  async getClient(id: string): Promise<OAuthClient | undefined> {
    const row = await this.db.get('SELECT * FROM oauth_clients WHERE id = ?', [id]);
    return row && toClient(row);
  }

  async createCode(codeHash: string, code: AuthorizationCode): Promise<void> {
    await this.db.run(
      `INSERT INTO oauth_codes (code_hash, ${codeColumns}, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [codeHash, code.client_id, code.user_id, code.tenant_id, code.mcp_server_id, code.redirect_uri, code.code_challenge, code.scope, code.expires_at, now()],
    );
  }

  async findCode(codeHash: string, at: Date): Promise<AuthorizationCode | undefined> {
    const row = await this.db.get(`SELECT ${codeColumns} FROM oauth_codes WHERE code_hash = ? AND (grant_id IS NOT NULL OR expires_at > ?)`, [codeHash, at.toISOString()]);
    return row && toCode(row);
  }

  async redeemCode(codeHash: string, grantId: string, at: Date): Promise<{ kind: 'ok'; code: AuthorizationCode } | { kind: 'reused'; grant_id: string } | undefined> {
    // One statement claims the code, so two concurrent redemptions cannot both succeed.
    const claimed = await this.db.get(
      `UPDATE oauth_codes SET grant_id = ? WHERE code_hash = ? AND grant_id IS NULL AND expires_at > ? RETURNING ${codeColumns}`,
      [grantId, codeHash, at.toISOString()],
    );
    if (claimed) return { kind: 'ok', code: toCode(claimed) };
    const used = await this.db.get('SELECT grant_id FROM oauth_codes WHERE code_hash = ? AND grant_id IS NOT NULL', [codeHash]);
    return used ? { kind: 'reused', grant_id: text(used.grant_id) } : undefined;
  }

  async createGrant(grant: Omit<OAuthGrant, 'created_at' | 'last_used_at'>): Promise<OAuthGrant> {
    return toGrant((await this.db.get(
      `INSERT INTO oauth_grants (${grantColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, NULL) RETURNING ${grantColumns}`,
      [grant.id, grant.tenant_id, grant.mcp_server_id, grant.user_id, grant.client_id, grant.scope, now()],
    ))!);
  }

  async listGrants(tenantId: string, mcpServerId: string): Promise<GrantView[]> {
    const rows = await this.db.all(
      `SELECT ${grantColumns.split(', ').map((column) => `g.${column}`).join(', ')}, u.email AS user_email, c.metadata AS client_metadata
       FROM oauth_grants g JOIN users u ON u.id = g.user_id JOIN oauth_clients c ON c.id = g.client_id
       WHERE g.tenant_id = ? AND g.mcp_server_id = ? ORDER BY g.created_at DESC, g.id DESC LIMIT 1000`,
      [tenantId, mcpServerId],
    );
    return rows.map((row) => ({ ...toGrant(row), user_email: text(row.user_email), client_name: clientName(row.client_metadata) }));
  }

  async deleteGrant(tenantId: string, grantId: string): Promise<boolean> {
    return await this.db.run('DELETE FROM oauth_grants WHERE tenant_id = ? AND id = ?', [tenantId, grantId]) > 0;
  }

  async deleteGrantById(grantId: string): Promise<void> {
    await this.db.run('DELETE FROM oauth_grants WHERE id = ?', [grantId]);
  }


  async touchGrant(grantId: string, at: string): Promise<void> {
    await this.db.run('UPDATE oauth_grants SET last_used_at = ? WHERE id = ?', [at, grantId]);
  }

  async saveToken(input: { token_hash: string; grant_id: string; kind: 'access' | 'refresh'; expires_at: string }): Promise<void> {
    await this.db.run(
      'INSERT INTO oauth_tokens (token_hash, grant_id, kind, expires_at, used_at, created_at) VALUES (?, ?, ?, ?, NULL, ?)',
      [input.token_hash, input.grant_id, input.kind, input.expires_at, now()],
    );
  }

  async findAccessToken(tokenHash: string): Promise<AccessTokenRecord | undefined> {
    const row = await this.db.get(
      `SELECT t.grant_id, t.expires_at, g.tenant_id, g.mcp_server_id, g.user_id, g.client_id, g.scope, u.email AS user_email, c.metadata AS client_metadata
       FROM oauth_tokens t JOIN oauth_grants g ON g.id = t.grant_id JOIN users u ON u.id = g.user_id JOIN oauth_clients c ON c.id = g.client_id
       WHERE t.token_hash = ? AND t.kind = 'access'`,
      [tokenHash],
    );
    return row && {
      grant_id: text(row.grant_id), tenant_id: text(row.tenant_id), mcp_server_id: text(row.mcp_server_id), user_id: text(row.user_id),
      user_email: text(row.user_email), client_id: text(row.client_id), client_name: clientName(row.client_metadata), scope: text(row.scope),
      expires_at: text(row.expires_at),
    };
  }

  async findRefreshTokenGrant(tokenHash: string): Promise<OAuthGrant | undefined> {
    const row = await this.db.get(
      `SELECT ${grantColumns.split(', ').map((column) => `g.${column}`).join(', ')} FROM oauth_tokens t JOIN oauth_grants g ON g.id = t.grant_id
       WHERE t.token_hash = ? AND t.kind = 'refresh'`,
      [tokenHash],
    );
    return row && toGrant(row);
  }

  async useRefreshToken(tokenHash: string, at: Date): Promise<RefreshOutcome> {
    const time = at.toISOString();
    const claimed = await this.db.get(
      "UPDATE oauth_tokens SET used_at = ? WHERE token_hash = ? AND kind = 'refresh' AND used_at IS NULL AND expires_at > ? RETURNING grant_id, expires_at",
      [time, tokenHash, time],
    );
    if (claimed) {
      const grant = await this.db.get(`SELECT ${grantColumns} FROM oauth_grants WHERE id = ?`, [text(claimed.grant_id)]);
      return grant ? { kind: 'ok', grant: toGrant(grant), expires_at: text(claimed.expires_at) } : { kind: 'unknown' };
    }
    const used = await this.db.get("SELECT grant_id FROM oauth_tokens WHERE token_hash = ? AND kind = 'refresh' AND used_at IS NOT NULL", [tokenHash]);
    return used ? { kind: 'reused', grant_id: text(used.grant_id) } : { kind: 'unknown' };
  }

  async deleteExpiredAuthRows(at: Date): Promise<number> {
    const time = at.toISOString();
    let deleted = 0;
    deleted += await this.db.run('DELETE FROM sessions WHERE expires_at <= ?', [time]);
    // Redeemed codes stay an hour past expiry, so a late replay is still recognized (and revokes its grant).
    deleted += await this.db.run('DELETE FROM oauth_codes WHERE expires_at <= ?', [new Date(at.getTime() - 3_600_000).toISOString()]);
    // A used refresh token is kept until it expires: presenting it again is how reuse is detected.
    deleted += await this.db.run('DELETE FROM oauth_tokens WHERE expires_at <= ?', [time]);
    return deleted;
  }
}
