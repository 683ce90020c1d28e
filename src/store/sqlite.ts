// The embedded store: one SQLite file (<data dir>/switchboard.db) through node:sqlite. Calls are synchronous under
// the hood, so each method runs to completion without interleaving; WAL and a busy timeout let the CLI write while
// a server is running.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { migrations, migrationsTableSql } from './migrations.ts';
import { decodeCursor, pageSize, toPage } from './pagination.ts';
import type {
  ApiToken, IntegratedAccount, LogQuery, McpLogEntry, McpServer, McpServerConfig, Page, PageRequest, Store, Tenant,
} from './types.ts';

export const databaseFileName = 'switchboard.db';

const busyTimeoutMs = 5000;
const accountColumns = 'id, tenant_id, integration, name, context, status, created_at, updated_at';
const serverColumns = 'id, tenant_id, integrated_account_id, name, config, expires_at, created_by, created_at, updated_at';
const logColumns = 'id, tenant_id, mcp_server_id, integrated_account_id, time, rpc_method, tool_name, upstream_status, is_error, latency_ms, client_name, client_version';

type Row = Record<string, unknown>;

const now = () => new Date().toISOString();
/** Timestamps are stored in one format (UTC, milliseconds) so that comparing them as text is comparing times. */
const normalizeTime = (time: string) => new Date(time).toISOString();

export class SqliteStore implements Store {
  private readonly db: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();

  constructor(file: string) {
    this.db = new DatabaseSync(file, { enableForeignKeyConstraints: true, timeout: busyTimeoutMs });
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
  }

  static open(dataDir: string): SqliteStore {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    return new SqliteStore(join(dataDir, databaseFileName));
  }

  async migrate(): Promise<void> {
    this.db.exec(migrationsTableSql);
    // IMMEDIATE takes the write lock first, so two processes starting together cannot apply a step twice.
    this.transaction('IMMEDIATE', () => {
      const applied = new Set(this.all('SELECT version FROM schema_migrations').map((row) => Number(row.version)));
      const newest = Math.max(0, ...applied);
      const known = migrations.at(-1)?.version ?? 0;
      if (newest > known) throw new Error(`the database schema is at version ${newest}, newer than this Switchboard knows (${known}); upgrade Switchboard`);
      for (const migration of migrations) {
        if (applied.has(migration.version)) continue;
        this.db.exec(migration.sql);
        this.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', migration.version, migration.name, now());
      }
    });
  }

  async close(): Promise<void> {
    if (!this.db.isOpen) return;
    this.statements.clear();
    this.db.close();
  }

  async ping(): Promise<void> {
    this.get('SELECT 1 AS ok');
  }

  async createTenant(name: string): Promise<Tenant> {
    return toTenant(this.get('INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?) RETURNING *', randomUUID(), name, now())!);
  }

  async getTenant(id: string): Promise<Tenant | undefined> {
    const row = this.get('SELECT * FROM tenants WHERE id = ?', id);
    return row && toTenant(row);
  }

  async listTenants(page: PageRequest): Promise<Page<Tenant>> {
    return this.page('SELECT * FROM tenants WHERE', [], page, toTenant);
  }

  async createApiToken(input: { tenant_id: string; name: string; token_hash: string }): Promise<ApiToken> {
    return toApiToken(this.get(
      'INSERT INTO api_tokens (id, tenant_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?) RETURNING *',
      randomUUID(), input.tenant_id, input.name, input.token_hash, now(),
    )!);
  }

  async findApiTokenByHash(tokenHash: string): Promise<ApiToken | undefined> {
    const row = this.get('SELECT * FROM api_tokens WHERE token_hash = ?', tokenHash);
    return row && toApiToken(row);
  }

  async deleteApiToken(tenantId: string, id: string): Promise<boolean> {
    return this.changes('DELETE FROM api_tokens WHERE tenant_id = ? AND id = ?', tenantId, id) > 0;
  }

  async createAccount(input: { tenant_id: string; integration: string; name: string; context: Record<string, string>; credentials_encrypted: string }): Promise<IntegratedAccount> {
    const time = now();
    return toAccount(this.get(
      `INSERT INTO integrated_accounts (id, tenant_id, integration, name, context, credentials_encrypted, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?) RETURNING ${accountColumns}`,
      randomUUID(), input.tenant_id, input.integration, input.name, JSON.stringify(input.context), input.credentials_encrypted, time, time,
    )!);
  }

  async getAccount(tenantId: string, id: string): Promise<IntegratedAccount | undefined> {
    const row = this.get(`SELECT ${accountColumns} FROM integrated_accounts WHERE tenant_id = ? AND id = ?`, tenantId, id);
    return row && toAccount(row);
  }

  async listAccounts(tenantId: string, page: PageRequest): Promise<Page<IntegratedAccount>> {
    return this.page(`SELECT ${accountColumns} FROM integrated_accounts WHERE tenant_id = ? AND`, [tenantId], page, toAccount);
  }

  async updateAccount(
    tenantId: string, id: string,
    patch: { name?: string; context?: Record<string, string>; credentials_encrypted?: string; status?: IntegratedAccount['status'] },
  ): Promise<IntegratedAccount | undefined> {
    const row = this.update('integrated_accounts', accountColumns, { tenant_id: tenantId, id }, {
      name: patch.name,
      context: patch.context && JSON.stringify(patch.context),
      credentials_encrypted: patch.credentials_encrypted,
      status: patch.status,
    });
    return row && toAccount(row);
  }

  async deleteAccount(tenantId: string, id: string): Promise<boolean> {
    return this.changes('DELETE FROM integrated_accounts WHERE tenant_id = ? AND id = ?', tenantId, id) > 0;
  }

  async getAccountCredentials(accountId: string): Promise<string | undefined> {
    const row = this.get('SELECT credentials_encrypted FROM integrated_accounts WHERE id = ?', accountId);
    return row && String(row.credentials_encrypted);
  }

  async createMcpServer(input: Omit<McpServer, 'id' | 'created_at' | 'updated_at'> & { token_hash: string }): Promise<McpServer> {
    const time = now();
    return toServer(this.get(
      `INSERT INTO mcp_servers (id, tenant_id, integrated_account_id, name, config, token_hash, expires_at, created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${serverColumns}`,
      randomUUID(), input.tenant_id, input.integrated_account_id, input.name, JSON.stringify(input.config), input.token_hash,
      input.expires_at === null ? null : normalizeTime(input.expires_at), input.created_by, time, time,
    )!);
  }

  async getMcpServer(tenantId: string, accountId: string, id: string): Promise<McpServer | undefined> {
    const row = this.get(`SELECT ${serverColumns} FROM mcp_servers WHERE tenant_id = ? AND integrated_account_id = ? AND id = ?`, tenantId, accountId, id);
    return row && toServer(row);
  }

  async listMcpServers(tenantId: string, accountId: string, page: PageRequest): Promise<Page<McpServer>> {
    return this.page(`SELECT ${serverColumns} FROM mcp_servers WHERE tenant_id = ? AND integrated_account_id = ? AND`, [tenantId, accountId], page, toServer);
  }

  async updateMcpServer(
    tenantId: string, accountId: string, id: string,
    patch: { name?: string; config?: McpServerConfig; expires_at?: string | null },
  ): Promise<McpServer | undefined> {
    const row = this.update('mcp_servers', serverColumns, { tenant_id: tenantId, integrated_account_id: accountId, id }, {
      name: patch.name,
      config: patch.config && JSON.stringify(patch.config),
      expires_at: patch.expires_at === undefined || patch.expires_at === null ? patch.expires_at : normalizeTime(patch.expires_at),
    });
    return row && toServer(row);
  }

  async deleteMcpServer(tenantId: string, accountId: string, id: string): Promise<boolean> {
    return this.changes('DELETE FROM mcp_servers WHERE tenant_id = ? AND integrated_account_id = ? AND id = ?', tenantId, accountId, id) > 0;
  }

  async findMcpServerByTokenHash(tokenHash: string): Promise<{ server: McpServer; account: IntegratedAccount } | undefined> {
    const server = this.get(`SELECT ${serverColumns} FROM mcp_servers WHERE token_hash = ?`, tokenHash);
    if (!server) return undefined;
    const account = this.get(`SELECT ${accountColumns} FROM integrated_accounts WHERE id = ?`, String(server.integrated_account_id));
    return account && { server: toServer(server), account: toAccount(account) };
  }

  async deleteExpiredMcpServers(at: Date): Promise<number> {
    return this.changes('DELETE FROM mcp_servers WHERE expires_at IS NOT NULL AND expires_at <= ?', at.toISOString());
  }

  async appendLogs(entries: McpLogEntry[]): Promise<void> {
    if (entries.length === 0) return;
    this.transaction('DEFERRED', () => {
      for (const entry of entries) {
        this.run(
          `INSERT INTO mcp_logs (${logColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          entry.id ?? randomUUID(), entry.tenant_id, entry.mcp_server_id, entry.integrated_account_id, normalizeTime(entry.time),
          entry.rpc_method, entry.tool_name, entry.upstream_status, entry.is_error ? 1 : 0, Math.round(entry.latency_ms),
          entry.client_name, entry.client_version,
        );
      }
    });
  }

  async queryLogs(tenantId: string, query: LogQuery): Promise<Page<McpLogEntry>> {
    const conditions = ['tenant_id = ?'];
    const params: SQLInputValue[] = [tenantId];
    const equal = { mcp_server_id: query.mcp_server_id, integrated_account_id: query.integrated_account_id, tool_name: query.tool_name, rpc_method: query.rpc_method, client_name: query.client_name, client_version: query.client_version };
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
    const rows = this.all(`SELECT ${logColumns} FROM mcp_logs WHERE ${conditions.join(' AND ')} ORDER BY time DESC, id DESC LIMIT ?`, ...params, limit + 1);
    return toPage(rows.map(toLogEntry), limit, (entry) => ({ key: entry.time, id: entry.id! }));
  }

  /** A page in creation order; `select` ends with WHERE or AND so the keyset condition can follow. */
  private page<T extends { id: string; created_at: string }>(select: string, params: SQLInputValue[], page: PageRequest, map: (row: Row) => T): Page<T> {
    const limit = pageSize(page);
    const after = decodeCursor(page.cursor);
    const keyset = after ? '(created_at, id) > (?, ?)' : '1 = 1';
    const rows = this.all(`${select} ${keyset} ORDER BY created_at, id LIMIT ?`, ...params, ...(after ? [after.key, after.id] : []), limit + 1);
    return toPage(rows.map(map), limit, (item) => ({ key: item.created_at, id: item.id }));
  }

  /** Sets the given columns (undefined ones are left alone) and updated_at on the row matching `where`. */
  private update(table: string, columns: string, where: Record<string, string>, values: Record<string, SQLInputValue | undefined>): Row | undefined {
    const set = Object.entries(values).filter((entry): entry is [string, SQLInputValue] => entry[1] !== undefined);
    const assignments = [...set.map(([column]) => `${column} = ?`), 'updated_at = ?'];
    const conditions = Object.keys(where).map((column) => `${column} = ?`);
    return this.get(
      `UPDATE ${table} SET ${assignments.join(', ')} WHERE ${conditions.join(' AND ')} RETURNING ${columns}`,
      ...set.map(([, value]) => value), now(), ...Object.values(where),
    );
  }

  private transaction(mode: 'DEFERRED' | 'IMMEDIATE', work: () => void): void {
    this.db.exec(`BEGIN ${mode}`);
    try {
      work();
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  private statement(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private get(sql: string, ...params: SQLInputValue[]): Row | undefined {
    return this.statement(sql).get(...params) as Row | undefined;
  }

  private all(sql: string, ...params: SQLInputValue[]): Row[] {
    return this.statement(sql).all(...params) as Row[];
  }

  private run(sql: string, ...params: SQLInputValue[]): void {
    this.statement(sql).run(...params);
  }

  private changes(sql: string, ...params: SQLInputValue[]): number {
    return Number(this.statement(sql).run(...params).changes);
  }
}

const text = (value: unknown) => String(value);
const textOrNull = (value: unknown) => (value === null || value === undefined ? null : String(value));

function toTenant(row: Row): Tenant {
  return { id: text(row.id), name: text(row.name), created_at: text(row.created_at) };
}

function toApiToken(row: Row): ApiToken {
  return { id: text(row.id), tenant_id: text(row.tenant_id), name: text(row.name), created_at: text(row.created_at) };
}

function toAccount(row: Row): IntegratedAccount {
  return {
    id: text(row.id),
    tenant_id: text(row.tenant_id),
    integration: text(row.integration),
    name: text(row.name),
    context: JSON.parse(text(row.context)) as Record<string, string>,
    status: text(row.status) as IntegratedAccount['status'],
    created_at: text(row.created_at),
    updated_at: text(row.updated_at),
  };
}

function toServer(row: Row): McpServer {
  return {
    id: text(row.id),
    tenant_id: text(row.tenant_id),
    integrated_account_id: text(row.integrated_account_id),
    name: text(row.name),
    config: JSON.parse(text(row.config)) as McpServerConfig,
    expires_at: textOrNull(row.expires_at),
    created_by: textOrNull(row.created_by),
    created_at: text(row.created_at),
    updated_at: text(row.updated_at),
  };
}

function toLogEntry(row: Row): McpLogEntry {
  return {
    id: text(row.id),
    tenant_id: text(row.tenant_id),
    mcp_server_id: text(row.mcp_server_id),
    integrated_account_id: text(row.integrated_account_id),
    time: text(row.time),
    rpc_method: text(row.rpc_method),
    tool_name: textOrNull(row.tool_name),
    upstream_status: row.upstream_status === null ? null : Number(row.upstream_status),
    is_error: Number(row.is_error) === 1,
    latency_ms: Number(row.latency_ms),
    client_name: textOrNull(row.client_name),
    client_version: textOrNull(row.client_version),
  };
}
