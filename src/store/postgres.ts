// The PostgreSQL store (DATABASE_URL), for several Switchboard nodes sharing one database. The queries and row
// mapping are the SQLite store's (sql-store.ts): this file only connects, numbers placeholders, translates errors,
// and runs migrations under an advisory lock so nodes starting together apply each step once.
import pg from 'pg';
import { constraintError, UnreachableError, type StoreConstraintError } from './errors.ts';
import { applyMigrations } from './migrate.ts';
import { logColumns, type Row } from './rows.ts';
import { logRow, SqlStore, type SqlExecutor, type SqlValue } from './sql-store.ts';
import type { McpLogEntry } from './types.ts';

export interface PostgresStoreOptions {
  /** Connections per node (default 10). */
  poolSize?: number | undefined;
  /** Told about errors of idle pooled connections (e.g. the server restarted); they are replaced on next use. */
  onIdleError?: ((error: Error) => void) | undefined;
}

/** Key of the advisory lock that serializes migrations (any constant; advisory locks are per database). */
const migrationLockKey = 0x5357_4d47; // "SWMG"
/** First half of the two-part advisory lock keys of quota inserts (a key space apart from the migration lock's). */
const quotaLockSpace = 0x5351; // "SQ"
const connectTimeoutMs = 5_000;

/** MCP log columns that are not text; JSON's ->> reads every value as text. */
const logColumnTypes: Record<string, string> = { upstream_status: 'INTEGER', is_error: 'BOOLEAN', latency_ms: 'INTEGER' };
/** The columns of an MCP log row read from a JSON array of values in logRow's order. */
const logValues = logColumns.split(', ')
  .map((column, i) => (logColumnTypes[column] ? `CAST(value->>${i} AS ${logColumnTypes[column]})` : `value->>${i}`))
  .join(', ');

/** SQLSTATE codes of constraint violations. */
const constraintCodes: Record<string, StoreConstraintError['constraint']> = {
  23505: 'unique', 23503: 'foreign_key', 23514: 'check', 23502: 'not_null',
};

/** Connection failures: network errors, timeouts, and the server refusing the login or the database. */
const connectionCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', '28P01', '28000', '3D000', '57P03']);

export class PostgresStore extends SqlStore {
  /** The shared pool, also used to publish cache invalidations (pg_notify). */
  readonly pool: pg.Pool;
  /** host:port/database, for messages; never the password. */
  readonly target: string;
  readonly connectionString: string;
  protected readonly db: SqlExecutor;
  private closed = false;

  constructor(connectionString: string, options: PostgresStoreOptions = {}) {
    super();
    this.connectionString = connectionString;
    this.target = describeTarget(connectionString);
    this.pool = new pg.Pool({
      connectionString, max: options.poolSize ?? 10, connectionTimeoutMillis: connectTimeoutMs, keepAlive: true, application_name: 'switchboard',
    });
    this.pool.on('error', (error) => options.onIdleError?.(error));
    this.db = executor(this.pool, this.target);
  }

  async migrate(): Promise<void> {
    const client = await this.pool.connect().catch((error: unknown) => {
      throw translate(error, this.target);
    });
    try {
      await client.query('BEGIN');
      // Held until COMMIT: a node that starts meanwhile waits here, then finds every step applied.
      await client.query('SELECT pg_advisory_xact_lock($1)', [migrationLockKey]);
      await applyMigrations(executor(client, this.target));
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** A transaction holding a lock on the key (transaction-level advisory lock), so a count then insert is not raced. */
  protected override async inTurn<T>(key: string, work: (db: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect().catch((error: unknown) => {
      throw translate(error, this.target);
    });
    const db = executor(client, this.target);
    try {
      await db.run('BEGIN');
      await db.run('SELECT pg_advisory_xact_lock(?, hashtext(?))', [quotaLockSpace, key]);
      const result = await work(db);
      await db.run('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * A batch is one statement with its rows as one JSON parameter: the database unpacks the values, where the shared
   * multi-row INSERT would have this process bind twelve parameters per row (about three times the CPU here).
   */
  override async appendLogs(entries: McpLogEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db.run(`INSERT INTO mcp_logs (${logColumns}) SELECT ${logValues} FROM json_array_elements(?) AS value`, [JSON.stringify(entries.map(logRow))]);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

function executor(db: pg.Pool | pg.PoolClient, target: string): SqlExecutor {
  const query = async (sql: string, params: readonly SqlValue[] = []) => {
    try {
      return await db.query<Row>(numberPlaceholders(sql), params as SqlValue[]);
    } catch (error) {
      throw translate(error, target);
    }
  };
  return {
    get: async (sql, params) => (await query(sql, params)).rows[0],
    all: async (sql, params) => (await query(sql, params)).rows,
    run: async (sql, params) => (await query(sql, params)).rowCount ?? 0,
    exec: async (sql) => {
      await query(sql);
    },
  };
}

/** "?" → "$1", "$2"… outside of quoted strings. */
export function numberPlaceholders(sql: string): string {
  let out = '';
  let n = 0;
  let quoted = false;
  for (const char of sql) {
    if (char === "'") quoted = !quoted;
    out += char === '?' && !quoted ? `$${++n}` : char;
  }
  return out;
}

function translate(error: unknown, target: string): unknown {
  const pgError = error as { code?: string; table?: string; constraint?: string; message?: string };
  const constraint = pgError.code === undefined ? undefined : constraintCodes[pgError.code];
  if (constraint) return constraintError(constraint, [pgError.table, pgError.constraint].filter(Boolean).join('.'), error);
  const message = pgError.message ?? String(error);
  if ((pgError.code !== undefined && connectionCodes.has(pgError.code)) || /timeout exceeded when trying to connect|Connection terminated/i.test(message)) {
    return new UnreachableError(`cannot reach PostgreSQL at ${target} (DATABASE_URL): ${message}`, { cause: error });
  }
  return error;
}

function describeTarget(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${url.hostname || 'localhost'}:${url.port || 5432}${url.pathname}`;
  } catch {
    return 'the configured database';
  }
}
