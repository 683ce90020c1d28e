// Work that must run once at a time per key across the whole cluster (an account's OAuth token renewal): a mutex
// per key in this process, then, on PostgreSQL, a transaction-scoped advisory lock that every node takes too.
import pg from 'pg';
import type { PostgresStore } from '../store/postgres.ts';
import type { ClusterLock } from './types.ts';

/** One holder per key in this process; later callers wait their turn, in order. */
export class LocalLock implements ClusterLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const mine = previous.catch(() => undefined).then(work);
    const tail = mine.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await mine;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}

/** Locks held for the duration of work, on connections of their own so they never starve the store's pool. */
const lockConnections = 4;

export class PostgresLock implements ClusterLock {
  private readonly local = new LocalLock();
  private readonly pool: pg.Pool;

  constructor(store: PostgresStore) {
    this.pool = new pg.Pool({ connectionString: store.connectionString, max: lockConnections, connectionTimeoutMillis: 5_000, application_name: 'switchboard-lock' });
    this.pool.on('error', () => undefined);
  }

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.local.run(key, async () => {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
        return await work();
      } finally {
        await client.query('COMMIT').catch(() => undefined);
        client.release();
      }
    });
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
