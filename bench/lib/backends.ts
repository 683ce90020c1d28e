// Which store backends the bench can run switchboard on. SQLite is built in. The PostgreSQL contender runs the
// product as an operator would configure it (DATABASE_URL, plus REDIS_URL when the build supports Redis) on a fresh
// database; it is measured only when the build has that configuration and the servers answer, otherwise it is
// reported as not available with the reason, never approximated. Its name says whether Redis is part of it.
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { deleteKeysUnder } from '../../src/cluster/redis-keys.ts';

export type Backend = 'sqlite' | 'postgres';

export interface Availability {
  available: boolean;
  reason?: string;
  /** The contender's name in the results. */
  name: string;
}

const configSource = () => readFileSync(fileURLToPath(new URL('../../src/config.ts', import.meta.url)), 'utf8');

/** The server to create bench databases on (a fresh database per contender, dropped at the end). */
export const postgresUrl = () => process.env.BENCH_DATABASE_URL ?? process.env.SWITCHBOARD_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const redisUrl = () => process.env.BENCH_REDIS_URL ?? process.env.SWITCHBOARD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Prefix of this run's Redis keys and channels (REDIS_KEY_PREFIX), removed at the end. */
export const redisKeyPrefix = `switchboard-bench-${process.pid}-${Date.now().toString(36)}:`;

function answers(url: string, defaultPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port || defaultPort), hostname || '127.0.0.1');
    const done = (ok: boolean) => { socket.destroy(); resolve(ok); };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export async function availability(backend: Backend): Promise<Availability & { redis: boolean }> {
  if (backend === 'sqlite') return { available: true, name: 'switchboard (SQLite)', redis: false };
  const source = configSource();
  const redis = source.includes("'REDIS_URL'");
  const name = redis ? 'switchboard (PostgreSQL + Redis)' : 'switchboard (PostgreSQL; this build has no Redis)';
  if (!source.includes("'DATABASE_URL'")) return { available: false, name: 'switchboard (PostgreSQL + Redis)', redis, reason: 'this build has no PostgreSQL configuration (DATABASE_URL in src/config.ts)' };
  if (!await answers(postgresUrl(), 5432)) return { available: false, name, redis, reason: `PostgreSQL does not answer at ${new URL(postgresUrl()).host}` };
  if (redis && !await answers(redisUrl(), 6379)) return { available: false, name, redis, reason: `Redis does not answer at ${new URL(redisUrl()).host}` };
  return { available: true, name, redis };
}

/** Settings (as environment variables for loadConfig) that put the product on this database and Redis. */
export function sharedStoreEnv(databaseUrl: string, redis: boolean): Record<string, string> {
  return { DATABASE_URL: databaseUrl, ...(redis ? { REDIS_URL: redisUrl(), REDIS_KEY_PREFIX: redisKeyPrefix } : {}) };
}

/** Deletes this run's Redis keys. */
export async function dropRedisKeys(): Promise<void> {
  const { Redis } = await import('ioredis');
  const client = new Redis(redisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1 });
  await client.connect();
  try {
    await deleteKeysUnder(client, redisKeyPrefix);
  } finally {
    client.disconnect();
  }
}

/** A fresh, empty database on the bench PostgreSQL server; drop() removes it (and cuts its connections). */
export async function createBenchDatabase(label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const { default: pg } = await import('pg');
  const name = `switchboard_bench_${label}_${process.pid}_${Date.now().toString(36)}`.replace(/[^a-z0-9_]/g, '_');
  const admin = new pg.Client({ connectionString: postgresUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(postgresUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: postgresUrl() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
