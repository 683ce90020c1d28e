// Work that must run once at a time per key across the whole cluster (an account's OAuth token renewal): a mutex
// per key in this process, then, on PostgreSQL, a transaction-scoped advisory lock that every node takes too.
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { PostgresStore } from '../store/postgres.ts';
import { LockTimeout, type ClusterLock } from './types.ts';

/** One holder per key in this process; later callers wait their turn, in order (each holder's work is bounded). */
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

/** Lock connections of a node: one per account renewing at the same moment, apart from the store's pool. */
const lockConnections = 16;
/**
 * How long a caller waits for a key (its turn on this node, a lock connection, the advisory lock): longer than a
 * token request may take (src/services/upstream-tokens.ts), so a waiter fails only when something is stuck.
 */
const lockWaitMs = 15_000;
/** Waits between tries of a lock another node holds: short at first, at most half a second. */
const firstPauseMs = 20;
const longestPauseMs = 500;

export interface PostgresLockOptions {
  connections?: number | undefined;
  waitMs?: number | undefined;
}

/**
 * A transaction-scoped advisory lock on a connection of a small pool of its own, so it never starves the store's.
 * A connection is held only while the lock is: a lock another node holds is tried again after a pause, with the
 * connection back in the pool, so waiters for one slow account never take connections from the others.
 */
export class PostgresLock implements ClusterLock {
  private readonly local = new LocalLock();
  private readonly pool: pg.Pool;
  private readonly waitMs: number;

  constructor(store: PostgresStore, options: PostgresLockOptions = {}) {
    this.waitMs = options.waitMs ?? lockWaitMs;
    this.pool = new pg.Pool({
      connectionString: store.connectionString, max: options.connections ?? lockConnections, connectionTimeoutMillis: this.waitMs, application_name: 'switchboard-lock',
    });
    this.pool.on('error', () => undefined);
  }

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.waitMs;
    return this.local.run(key, async () => {
      const client = await this.hold(key, deadline);
      try {
        return await work();
      } finally {
        await client.query('COMMIT').catch(() => undefined);
        client.release();
      }
    });
  }

  /** A connection in a transaction holding the key's advisory lock, by the deadline. */
  private async hold(key: string, deadline: number): Promise<pg.PoolClient> {
    for (let pause = firstPauseMs; ; pause = Math.min(pause * 2, longestPauseMs)) {
      if (Date.now() >= deadline) throw this.timeout('this key stayed busy');
      let client: pg.PoolClient;
      try {
        client = await this.pool.connect();
      } catch (error) {
        throw this.timeout(`no lock connection was free (${(error as Error).message})`);
      }
      let held = false;
      try {
        await client.query('BEGIN');
        const answer = await client.query<{ held: boolean }>('SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS held', [key]);
        held = answer.rows[0]?.held === true;
      } finally {
        if (!held) {
          await client.query('COMMIT').catch(() => undefined);
          client.release();
        }
      }
      if (held) return client;
      await sleep(Math.min(pause, Math.max(0, deadline - Date.now())));
    }
  }

  private timeout(why: string): LockTimeout {
    return new LockTimeout(`waited ${this.waitMs / 1000} s for the lock: ${why}`);
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
