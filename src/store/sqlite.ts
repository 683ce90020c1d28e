// The embedded store: one SQLite file (<data dir>/switchboard.db) through node:sqlite. Calls are synchronous under
// the hood, so each statement runs to completion without interleaving; WAL and a busy timeout let the CLI write
// while a server is running. The queries themselves are shared with PostgreSQL (sql-store.ts).
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { constraintError, type StoreConstraintError } from './errors.ts';
import { applyMigrations } from './migrate.ts';
import type { Row } from './rows.ts';
import { SqlStore, type SqlExecutor } from './sql-store.ts';

export const databaseFileName = 'switchboard.db';

const busyTimeoutMs = 5000;
/** The migrations of this process's SQLite stores, chained. */
let migrationQueue: Promise<unknown> = Promise.resolve();

/** SQLite extended result codes of constraint violations. */
const constraintCodes: Record<number, StoreConstraintError['constraint']> = {
  2067: 'unique', 1555: 'unique', 787: 'foreign_key', 275: 'check', 1299: 'not_null',
};

export class SqliteStore extends SqlStore {
  protected readonly db: SqlExecutor;
  private readonly database: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();

  constructor(file: string) {
    super();
    if (file !== ':memory:') makePrivate(file);
    this.database = new DatabaseSync(file, { enableForeignKeyConstraints: true, timeout: busyTimeoutMs });
    this.database.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536;');
    this.db = {
      get: async (sql, params = []) => this.call(() => this.statement(sql).get(...params) as Row | undefined),
      all: async (sql, params = []) => this.call(() => this.statement(sql).all(...params) as Row[]),
      run: async (sql, params = []) => this.call(() => Number(this.statement(sql).run(...params).changes)),
      exec: async (sql) => this.call(() => this.database.exec(sql)),
    };
  }

  static open(dataDir: string): SqliteStore {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    return new SqliteStore(join(dataDir, databaseFileName));
  }

  migrate(): Promise<void> {
    // One at a time within this process: a second BEGIN IMMEDIATE here would wait on a lock this same thread holds.
    const run = migrationQueue.then(() => this.migrateNow());
    migrationQueue = run.catch(() => undefined);
    return run;
  }

  private async migrateNow(): Promise<void> {
    // IMMEDIATE takes the write lock first, so two processes starting together cannot apply a step twice. It runs
    // at start, before anything else uses this connection, so no other statement joins the transaction.
    this.database.exec('BEGIN IMMEDIATE');
    try {
      await applyMigrations(this.db);
      this.database.exec('COMMIT');
    } catch (error) {
      this.database.exec('ROLLBACK');
      throw error;
    }
  }

  async close(): Promise<void> {
    if (!this.database.isOpen) return;
    this.statements.clear();
    this.database.close();
  }

  private statement(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.database.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private call<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      const constraint = constraintCodes[(error as { errcode?: number }).errcode ?? -1];
      if (constraint) throw constraintError(constraint, (error as Error).message.replace(/^[A-Z ]+ constraint failed:? ?/, ''), error);
      throw error;
    }
  }
}

/**
 * The database and its WAL and shared-memory files readable by this user only (0600), whatever the umask or the
 * directory's mode: the file is created 0600 before SQLite opens it, and SQLite gives the -wal and -shm files it
 * creates the database file's mode. Files left by an older version are narrowed too.
 */
function makePrivate(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(path)) chmodSync(path, 0o600);
  }
}
