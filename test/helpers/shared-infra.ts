// The PostgreSQL and Redis that CI runs on this machine, for tests of the scale-out backends. Each test gets its own
// database (sb_test_<random>, dropped after) and its own Redis key prefix, so parallel test files never collide.
// When either server does not answer, the test fails with what to start: these tests never skip.
import { randomBytes } from 'node:crypto';
import type { TestContext } from 'node:test';
import { Redis } from 'ioredis';
import pg from 'pg';
import { deleteKeysUnder } from '../../src/cluster/redis-keys.ts';

/** A maintenance database the tests may CREATE DATABASE from. */
export const adminDatabaseUrl = process.env.SWITCHBOARD_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const testRedisUrl = process.env.SWITCHBOARD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

type Cleanup = Pick<TestContext, 'after'>;

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminDatabaseUrl, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL for the tests does not answer at ${adminDatabaseUrl} (set SWITCHBOARD_TEST_DATABASE_URL, or start it: .ci/run does): ${(error as Error).message}`);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new empty database; resolves with its URL. Dropped (closing leftover connections) when the test ends. */
export async function createTestDatabase(t: Cleanup): Promise<string> {
  const name = `sb_test_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  t.after(() => admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)));
  const url = new URL(adminDatabaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs one statement on a database by URL, on a connection of its own. */
export async function queryDatabase(url: string, sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

/** A Redis key prefix of this test's own; its keys are deleted when the test ends. */
export async function createRedisPrefix(t: Cleanup): Promise<string> {
  const prefix = `sbtest:${randomBytes(6).toString('hex')}:`;
  const redis = new Redis(testRedisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 3_000, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new Error(`Redis for the tests does not answer at ${testRedisUrl} (set SWITCHBOARD_TEST_REDIS_URL, or start it: .ci/run does): ${(error as Error).message}`);
  }
  await redis.quit();
  t.after(async () => {
    const client = new Redis(testRedisUrl);
    await deleteKeysUnder(client, prefix);
    await client.quit();
  });
  return prefix;
}
