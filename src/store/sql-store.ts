// The store written once in SQL that SQLite and PostgreSQL both accept ("?" placeholders; the PostgreSQL driver
// numbers them). A backend supplies a SqlExecutor and its own migrate/close; everything else lives here.
import { randomUUID } from 'node:crypto';
import { LimitReachedError } from './errors.ts';
import { SqlAuthStore } from './auth-sql.ts';
import { decodeCursor, pageSize, toPage } from './pagination.ts';
import {
  accountColumns, apiTokenColumns, connectSessionColumns, logColumns, oauthAppColumns, serverColumns, toAccount, toApiToken, toConnectSession,
  toLogEntry, toOAuthApp, toServer, toTenant, type Row,
} from './rows.ts';
import type {
  ApiToken, ConnectSession, IntegratedAccount, Limit, LogQuery, McpLogEntry, McpServer, McpServerConfig, OAuthApp, Page, PageRequest, ServerRecord,
  Store, Tenant, UpstreamTokens,
} from './types.ts';

export type SqlValue = string | number | null;

export interface SqlExecutor {
  get(sql: string, params?: readonly SqlValue[]): Promise<Row | undefined>;
  all(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  /** Runs one statement; resolves with the number of rows it inserted, changed or deleted. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Runs one or more statements without parameters (schema steps). */
  exec(sql: string): Promise<void>;
}

export const now = () => new Date().toISOString();
/** Timestamps are stored in one format (UTC, milliseconds) so that comparing them as text is comparing times. */
export const normalizeTime = (time: string) => (isoUtcMillis.test(time) ? time : new Date(time).toISOString());
const isoUtcMillis = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * A UUIDv7 (RFC 9562): milliseconds since the epoch, then random bits. Log rows arrive in time order, so their
 * primary-key index grows at its end instead of taking a random B-tree insert per row as UUIDv4 keys do.
 */
export function timeOrderedId(): string {
  const random = randomUUID();
  const time = Date.now().toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15)}`;
}

/** One MCP log entry as the values of logColumns, in order. */
export function logRow(entry: McpLogEntry): SqlValue[] {
  return [
    entry.id ?? timeOrderedId(), entry.tenant_id, entry.mcp_server_id, entry.integrated_account_id, normalizeTime(entry.time),
    entry.rpc_method, entry.tool_name, entry.upstream_status, entry.is_error ? 1 : 0, Math.round(entry.latency_ms),
    entry.client_name, entry.client_version, entry.user_id ?? null, entry.user_email ?? null, entry.oauth_client_id ?? null, entry.oauth_client_name ?? null,
  ];
}

/** Rows per INSERT of MCP logs: 16 parameters each stays far below both databases' parameter limits. */
const logRowsPerInsert = 512;

/**
 * [start, size] of the INSERTs for `count` rows: full chunks, then the rest as powers of two. Each size is one SQL
 * text, and prepared statements are cached per text: arbitrary sizes would cache up to 512 large statements
 * (tens of MiB of native memory, seen as RSS growth under load); powers of two keep it to ten.
 */
export function insertChunks(count: number): [number, number][] {
  const chunks: [number, number][] = [];
  let start = 0;
  for (let size = logRowsPerInsert; size >= 1; size /= 2) {
    while (count - start >= size && (size === logRowsPerInsert || (count - start) & size)) {
      chunks.push([start, size]);
      start += size;
    }
  }
  return chunks;
}
/** Servers not expired at the time given as the next parameter. */
const unexpired = '(expires_at IS NULL OR expires_at > ?)';

/** The condition and parameter that keep a query to servers live at `live` (nothing without it). */
function liveFilter(live: Date | undefined): { sql: string; params: SqlValue[] } {
  return live ? { sql: ` AND ${unexpired}`, params: [live.toISOString()] } : { sql: '', params: [] };
}

/** A quota check for insert(): the parent's rows counted by `count`, which must stay below `max`. */
interface InsertLimit {
  /** Names the parent, so inserts under one parent take turns (PostgreSQL). */
  key: string;
  count: string;
  params: SqlValue[];
  max: number;
}

const joinedServerColumns = [
  ...serverColumns.split(', ').map((column) => `s.${column}`),
  ...accountColumns.split(', ').map((column) => `a.${column} AS account_${column}`),
].join(', ');

const logPlaceholders = `(${logColumns.split(', ').map(() => '?').join(', ')})`;

export abstract class SqlStore implements Store {
  protected abstract readonly db: SqlExecutor;
  private authStore: SqlAuthStore | undefined;

  get auth(): SqlAuthStore {
    this.authStore ??= new SqlAuthStore(this.db);
    return this.authStore;
  }

  abstract migrate(): Promise<void>;
  abstract close(): Promise<void>;

  /**
   * Runs `work` (one conditional INSERT) so that no other work under the same key runs at the same time on any node.
   * SQLite runs each statement alone, so its count and insert cannot interleave with another's; PostgreSQL
   * overrides this with a transaction under a lock on the key.
   */
  protected inTurn<T>(_key: string, work: (db: SqlExecutor) => Promise<T>): Promise<T> {
    return work(this.db);
  }

  async ping(): Promise<void> {
    await this.db.get('SELECT 1 AS ok');
  }

  async createTenant(name: string): Promise<Tenant> {
    return toTenant((await this.db.get('INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?) RETURNING *', [randomUUID(), name, now()]))!);
  }

  async getTenant(id: string): Promise<Tenant | undefined> {
    const row = await this.db.get('SELECT * FROM tenants WHERE id = ?', [id]);
    return row && toTenant(row);
  }

  async listTenants(page: PageRequest): Promise<Page<Tenant>> {
    return this.page('SELECT * FROM tenants WHERE', [], page, toTenant);
  }

  async createApiToken(input: { tenant_id: string; name: string; token_hash: string; expires_at?: string | null }, limit?: Limit): Promise<ApiToken> {
    const expiresAt = input.expires_at ? normalizeTime(input.expires_at) : null;
    return toApiToken(await this.insert(
      'api_tokens', 'id, tenant_id, name, token_hash, created_at, expires_at', [randomUUID(), input.tenant_id, input.name, input.token_hash, now(), expiresAt], apiTokenColumns,
      limit && { key: `api_tokens:${input.tenant_id}`, count: 'SELECT COUNT(*) FROM api_tokens WHERE tenant_id = ?', params: [input.tenant_id], max: limit.max },
    ));
  }

  async listApiTokens(tenantId: string, page: PageRequest): Promise<Page<ApiToken>> {
    return this.page(`SELECT ${apiTokenColumns} FROM api_tokens WHERE tenant_id = ? AND`, [tenantId], page, toApiToken);
  }

  async findApiTokenByHash(tokenHash: string): Promise<ApiToken | undefined> {
    const row = await this.db.get(`SELECT ${apiTokenColumns} FROM api_tokens WHERE token_hash = ?`, [tokenHash]);
    return row && toApiToken(row);
  }

  async touchApiToken(id: string, at: string): Promise<void> {
    const time = normalizeTime(at);
    await this.db.run('UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)', [time, id, time]);
  }

  async deleteApiToken(tenantId: string, id: string): Promise<boolean> {
    return await this.db.run('DELETE FROM api_tokens WHERE tenant_id = ? AND id = ?', [tenantId, id]) > 0;
  }

  async createAccount(input: { tenant_id: string; integration: string; name: string; context: Record<string, string>; credentials_encrypted: string }, limit?: Limit): Promise<IntegratedAccount> {
    const time = now();
    return toAccount(await this.insert(
      'integrated_accounts', 'id, tenant_id, integration, name, context, credentials_encrypted, status, created_at, updated_at',
      [randomUUID(), input.tenant_id, input.integration, input.name, JSON.stringify(input.context), input.credentials_encrypted, 'active', time, time], accountColumns,
      limit && { key: `integrated_accounts:${input.tenant_id}`, count: 'SELECT COUNT(*) FROM integrated_accounts WHERE tenant_id = ?', params: [input.tenant_id], max: limit.max },
    ));
  }

  async getAccount(tenantId: string, id: string): Promise<IntegratedAccount | undefined> {
    const row = await this.db.get(`SELECT ${accountColumns} FROM integrated_accounts WHERE tenant_id = ? AND id = ?`, [tenantId, id]);
    return row && toAccount(row);
  }

  async listAccounts(tenantId: string, page: PageRequest): Promise<Page<IntegratedAccount>> {
    return this.page(`SELECT ${accountColumns} FROM integrated_accounts WHERE tenant_id = ? AND`, [tenantId], page, toAccount);
  }

  async updateAccount(
    tenantId: string, id: string,
    patch: { name?: string; context?: Record<string, string>; credentials_encrypted?: string; status?: IntegratedAccount['status'] },
  ): Promise<IntegratedAccount | undefined> {
    const row = await this.update('integrated_accounts', accountColumns, { tenant_id: tenantId, id }, {
      name: patch.name,
      context: patch.context && JSON.stringify(patch.context),
      credentials_encrypted: patch.credentials_encrypted,
      status: patch.status,
    });
    return row && toAccount(row);
  }

  async deleteAccount(tenantId: string, id: string): Promise<boolean> {
    return await this.db.run('DELETE FROM integrated_accounts WHERE tenant_id = ? AND id = ?', [tenantId, id]) > 0;
  }

  async getAccountCredentials(accountId: string): Promise<string | undefined> {
    const row = await this.db.get('SELECT credentials_encrypted FROM integrated_accounts WHERE id = ?', [accountId]);
    return row && String(row.credentials_encrypted);
  }

  async createMcpServer(input: Omit<McpServer, 'id' | 'created_at' | 'updated_at'> & { token_hash: string }, limit?: Limit): Promise<McpServer> {
    const time = now();
    const live = liveFilter(limit?.at);
    return toServer(await this.insert(
      'mcp_servers', 'id, tenant_id, integrated_account_id, name, config, token_hash, expires_at, created_by, created_at, updated_at',
      [randomUUID(), input.tenant_id, input.integrated_account_id, input.name, JSON.stringify(input.config), input.token_hash,
        input.expires_at === null ? null : normalizeTime(input.expires_at), input.created_by, time, time], serverColumns,
      limit && {
        key: `mcp_servers:${input.integrated_account_id}`, count: `SELECT COUNT(*) FROM mcp_servers WHERE integrated_account_id = ?${live.sql}`,
        params: [input.integrated_account_id, ...live.params], max: limit.max,
      },
    ));
  }

  async getMcpServer(tenantId: string, accountId: string, id: string, live?: Date): Promise<McpServer | undefined> {
    const filter = liveFilter(live);
    const row = await this.db.get(`SELECT ${serverColumns} FROM mcp_servers WHERE tenant_id = ? AND integrated_account_id = ? AND id = ?${filter.sql}`, [tenantId, accountId, id, ...filter.params]);
    return row && toServer(row);
  }

  async listMcpServers(tenantId: string, accountId: string, page: PageRequest, live?: Date): Promise<Page<McpServer>> {
    const filter = liveFilter(live);
    return this.page(`SELECT ${serverColumns} FROM mcp_servers WHERE tenant_id = ? AND integrated_account_id = ?${filter.sql} AND`, [tenantId, accountId, ...filter.params], page, toServer);
  }

  async updateMcpServer(
    tenantId: string, accountId: string, id: string,
    patch: { name?: string; config?: McpServerConfig; expires_at?: string | null },
    live?: Date,
  ): Promise<McpServer | undefined> {
    const row = await this.update('mcp_servers', serverColumns, { tenant_id: tenantId, integrated_account_id: accountId, id }, {
      name: patch.name,
      config: patch.config && JSON.stringify(patch.config),
      expires_at: patch.expires_at === undefined || patch.expires_at === null ? patch.expires_at : normalizeTime(patch.expires_at),
    }, liveFilter(live));
    return row && toServer(row);
  }

  async deleteMcpServer(tenantId: string, accountId: string, id: string, live?: Date): Promise<boolean> {
    const filter = liveFilter(live);
    return await this.db.run(`DELETE FROM mcp_servers WHERE tenant_id = ? AND integrated_account_id = ? AND id = ?${filter.sql}`, [tenantId, accountId, id, ...filter.params]) > 0;
  }

  async findMcpServerByTokenHash(tokenHash: string): Promise<ServerRecord | undefined> {
    const row = await this.db.get(
      `SELECT ${joinedServerColumns}, a.credentials_encrypted FROM mcp_servers s JOIN integrated_accounts a ON a.id = s.integrated_account_id WHERE s.token_hash = ?`,
      [tokenHash],
    );
    if (!row) return undefined;
    const account = Object.fromEntries(accountColumns.split(', ').map((column) => [column, row[`account_${column}`]]));
    return { server: toServer(row), account: toAccount(account), credentials_encrypted: String(row.credentials_encrypted) };
  }

  async deleteExpiredMcpServers(at: Date): Promise<number> {
    return this.db.run('DELETE FROM mcp_servers WHERE expires_at IS NOT NULL AND expires_at <= ?', [at.toISOString()]);
  }

  async acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const time = Date.now();
    // One statement: the row is taken when it is free, expired or already ours; concurrent callers cannot both win.
    return await this.db.run(
      `INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE leases.expires_at <= ? OR leases.holder = excluded.holder`,
      [name, holder, new Date(time + ttlMs).toISOString(), new Date(time).toISOString()],
    ) > 0;
  }

  async saveOAuthApp(input: Omit<OAuthApp, 'created_at' | 'updated_at'> & { client_secret_encrypted: string }): Promise<OAuthApp> {
    const time = now();
    return toOAuthApp((await this.db.get(
      `INSERT INTO upstream_oauth_apps (tenant_id, integration, client_id, client_secret_encrypted, authorize_url, token_url, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (tenant_id, integration) DO UPDATE SET client_id = excluded.client_id, client_secret_encrypted = excluded.client_secret_encrypted,
         authorize_url = excluded.authorize_url, token_url = excluded.token_url, updated_at = excluded.updated_at
       RETURNING ${oauthAppColumns}`,
      [input.tenant_id, input.integration, input.client_id, input.client_secret_encrypted, input.authorize_url, input.token_url, time, time],
    ))!);
  }

  async getOAuthApp(tenantId: string, integration: string): Promise<(OAuthApp & { client_secret_encrypted: string }) | undefined> {
    const row = await this.db.get(`SELECT ${oauthAppColumns}, client_secret_encrypted FROM upstream_oauth_apps WHERE tenant_id = ? AND integration = ?`, [tenantId, integration]);
    return row && { ...toOAuthApp(row), client_secret_encrypted: String(row.client_secret_encrypted) };
  }

  async listOAuthApps(tenantId: string): Promise<OAuthApp[]> {
    return (await this.db.all(`SELECT ${oauthAppColumns} FROM upstream_oauth_apps WHERE tenant_id = ? ORDER BY integration`, [tenantId])).map(toOAuthApp);
  }

  async deleteOAuthApp(tenantId: string, integration: string): Promise<boolean> {
    return await this.db.run('DELETE FROM upstream_oauth_apps WHERE tenant_id = ? AND integration = ?', [tenantId, integration]) > 0;
  }

  async getUpstreamTokens(accountId: string): Promise<UpstreamTokens | undefined> {
    const row = await this.db.get('SELECT tokens_encrypted, expires_at FROM upstream_tokens WHERE account_id = ?', [accountId]);
    return row && { tokens_encrypted: String(row.tokens_encrypted), expires_at: row.expires_at === null ? null : String(row.expires_at) };
  }

  async saveUpstreamTokens(accountId: string, tokens: UpstreamTokens): Promise<void> {
    await this.db.run(
      `INSERT INTO upstream_tokens (account_id, tokens_encrypted, expires_at, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (account_id) DO UPDATE SET tokens_encrypted = excluded.tokens_encrypted, expires_at = excluded.expires_at, updated_at = excluded.updated_at`,
      [accountId, tokens.tokens_encrypted, tokens.expires_at === null ? null : normalizeTime(tokens.expires_at), now()],
    );
  }

  async setAccountStatus(accountId: string, status: IntegratedAccount['status']): Promise<void> {
    await this.db.run('UPDATE integrated_accounts SET status = ?, updated_at = ? WHERE id = ?', [status, now(), accountId]);
  }

  async createConnectSession(input: Omit<ConnectSession, 'id' | 'created_at' | 'used_at'> & { token_hash: string }): Promise<ConnectSession> {
    return toConnectSession((await this.db.get(
      `INSERT INTO connect_sessions (id, token_hash, tenant_id, integration, account_name, account_id, context, verifier_encrypted, return_to, expires_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${connectSessionColumns}`,
      [randomUUID(), input.token_hash, input.tenant_id, input.integration, input.account_name, input.account_id, JSON.stringify(input.context), input.verifier_encrypted, input.return_to,
        normalizeTime(input.expires_at), now()],
    ))!);
  }

  async findConnectSession(by: { token_hash: string } | { state_hash: string }): Promise<ConnectSession | undefined> {
    const [column, value] = 'token_hash' in by ? ['token_hash', by.token_hash] : ['state_hash', by.state_hash];
    const row = await this.db.get(`SELECT ${connectSessionColumns} FROM connect_sessions WHERE ${column} = ?`, [value]);
    return row && toConnectSession(row);
  }

  async startConnectSession(id: string, stateHash: string, verifierEncrypted: string | null): Promise<void> {
    await this.db.run('UPDATE connect_sessions SET state_hash = ?, verifier_encrypted = ? WHERE id = ? AND used_at IS NULL', [stateHash, verifierEncrypted, id]);
  }

  async takeConnectState(stateHash: string): Promise<ConnectSession | undefined> {
    const row = await this.db.get(`UPDATE connect_sessions SET state_hash = NULL WHERE state_hash = ? AND used_at IS NULL RETURNING ${connectSessionColumns}`, [stateHash]);
    return row && toConnectSession(row);
  }

  async useConnectSession(id: string): Promise<boolean> {
    return await this.db.run('UPDATE connect_sessions SET used_at = ? WHERE id = ? AND used_at IS NULL', [now(), id]) > 0;
  }

  async deleteExpiredConnectSessions(at: Date): Promise<number> {
    return this.db.run('DELETE FROM connect_sessions WHERE expires_at < ?', [at.toISOString()]);
  }

  async appendLogs(entries: McpLogEntry[]): Promise<void> {
    for (const [start, size] of insertChunks(entries.length)) {
      const chunk = entries.slice(start, start + size);
      await this.db.run(
        `INSERT INTO mcp_logs (${logColumns}) VALUES ${chunk.map(() => logPlaceholders).join(', ')}`,
        chunk.flatMap(logRow),
      );
    }
  }

  async deleteLogsBefore(before: Date, max: number): Promise<number> {
    return this.db.run('DELETE FROM mcp_logs WHERE id IN (SELECT id FROM mcp_logs WHERE time < ? ORDER BY time LIMIT ?)', [before.toISOString(), max]);
  }

  async queryLogs(tenantId: string, query: LogQuery): Promise<Page<McpLogEntry>> {
    const conditions = ['tenant_id = ?'];
    const params: SqlValue[] = [tenantId];
    const equal = {
      mcp_server_id: query.mcp_server_id, integrated_account_id: query.integrated_account_id, tool_name: query.tool_name, rpc_method: query.rpc_method,
      client_name: query.client_name, client_version: query.client_version, user_id: query.user_id, oauth_client_id: query.oauth_client_id,
    };
    for (const [column, value] of Object.entries(equal)) {
      if (value === undefined) continue;
      conditions.push(`${column} = ?`);
      params.push(value);
    }
    if (query.since !== undefined) {
      conditions.push('time >= ?');
      params.push(normalizeTime(query.since));
    }
    if (query.until !== undefined) {
      conditions.push('time < ?');
      params.push(normalizeTime(query.until));
    }
    // Newest first: the cursor points backwards in time.
    const limit = pageSize(query);
    const after = decodeCursor(query.cursor);
    if (after) {
      conditions.push('(time, id) < (?, ?)');
      params.push(after.key, after.id);
    }
    const rows = await this.db.all(`SELECT ${logColumns} FROM mcp_logs WHERE ${conditions.join(' AND ')} ORDER BY time DESC, id DESC LIMIT ?`, [...params, limit + 1]);
    return toPage(rows.map(toLogEntry), limit, (entry) => ({ key: entry.time, id: entry.id! }));
  }

  /** A page in creation order; `select` ends with WHERE or AND so the keyset condition can follow. */
  private async page<T extends { id: string; created_at: string }>(select: string, params: SqlValue[], page: PageRequest, map: (row: Row) => T): Promise<Page<T>> {
    const limit = pageSize(page);
    const after = decodeCursor(page.cursor);
    const keyset = after ? '(created_at, id) > (?, ?)' : '1 = 1';
    const rows = await this.db.all(`${select} ${keyset} ORDER BY created_at, id LIMIT ?`, [...params, ...(after ? [after.key, after.id] : []), limit + 1]);
    return toPage(rows.map(map), limit, (item) => ({ key: item.created_at, id: item.id }));
  }

  /**
   * Sets the given columns (undefined ones are left alone) and updated_at on the row matching `where` and the
   * optional extra condition (SQL starting with " AND").
   */
  private update(
    table: string, columns: string, where: Record<string, string>, values: Record<string, SqlValue | undefined>,
    extra: { sql: string; params: SqlValue[] } = { sql: '', params: [] },
  ): Promise<Row | undefined> {
    const set = Object.entries(values).filter((entry): entry is [string, SqlValue] => entry[1] !== undefined);
    const assignments = [...set.map(([column]) => `${column} = ?`), 'updated_at = ?'];
    const conditions = Object.keys(where).map((column) => `${column} = ?`);
    return this.db.get(
      `UPDATE ${table} SET ${assignments.join(', ')} WHERE ${conditions.join(' AND ')}${extra.sql} RETURNING ${columns}`,
      [...set.map(([, value]) => value), now(), ...Object.values(where), ...extra.params],
    );
  }

  /**
   * Inserts one row and returns `returning` of it. With a limit, the row goes in only while the parent's count is
   * below the maximum, in one statement taken in turn with other inserts under the parent; else LimitReachedError.
   */
  private async insert(table: string, columns: string, values: SqlValue[], returning: string, limit: InsertLimit | undefined): Promise<Row> {
    if (!limit) return (await this.db.get(`INSERT INTO ${table} (${columns}) VALUES (${values.map(() => '?').join(', ')}) RETURNING ${returning}`, values))!;
    // Every column written this way is TEXT; PostgreSQL needs the type of a parameter in a SELECT list spelt out.
    const row = await this.inTurn(limit.key, (db) => db.get(
      `INSERT INTO ${table} (${columns}) SELECT ${values.map(() => 'CAST(? AS TEXT)').join(', ')} WHERE (${limit.count}) < ? RETURNING ${returning}`,
      [...values, ...limit.params, limit.max],
    ));
    if (!row) throw new LimitReachedError(limit.max);
    return row;
  }
}
