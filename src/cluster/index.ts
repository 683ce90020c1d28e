// Composes what nodes sharing a database use to stay consistent, from the store and the config:
//   SQLite                  one node: nothing to share; leases still come from the store
//   PostgreSQL              invalidation by LISTEN/NOTIFY; leases in the database
//   PostgreSQL + REDIS_URL  invalidation by Redis pub/sub, a shared token cache in Redis; leases in the database
// Leases stay in the database even with Redis: one mechanism that is correct whether or not Redis answers.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { Invalidation } from './types.ts';
import { PostgresStore } from '../store/postgres.ts';
import type { Store } from '../store/types.ts';
import { PgInvalidationBus } from './pg-bus.ts';
import { RedisInvalidationBus } from './redis-bus.ts';
import { RedisServerCache } from './redis-cache.ts';
import { connectCommands, describeRedis } from './redis-connect.ts';
import { redisKeys } from './redis-keys.ts';
import { LocalLock, PostgresLock } from './locks.ts';
import type { ClusterLock, InvalidationBus, Lease, Probe, SharedServerCache } from './types.ts';

export interface Cluster {
  /** This node's name in leases: host, process id and a random suffix. */
  nodeId: string;
  /** What the node runs on, for the start log; no credentials. */
  topology: string;
  /** Undefined on SQLite, where every change happens in this process. */
  bus?: InvalidationBus | undefined;
  sharedCache?: SharedServerCache | undefined;
  lease: Lease;
  /** Mutual exclusion across nodes (OAuth token renewal): an advisory lock on PostgreSQL, in-process on SQLite. */
  lock: ClusterLock;
  /** Extra readiness checks (Redis); the store has its own. */
  probes: Probe[];
  close(): Promise<void>;
}

/**
 * Tells the running nodes about a change made outside them (by the CLI), through the bus they listen on; rejects
 * when it cannot. On SQLite there is nothing to tell: a node's caches keep an entry for at most a second.
 */
export async function announceChange(options: { config: Config; store: Store; logger: Logger }, change: Invalidation): Promise<void> {
  const { config, store, logger } = options;
  if (!(store instanceof PostgresStore)) return;
  if (!config.redisUrl) {
    await new PgInvalidationBus({ store, logger }).publishOnce(change);
    return;
  }
  const redis = await connectCommands(config.redisUrl);
  try {
    await new RedisInvalidationBus({ url: config.redisUrl, redis, keys: redisKeys(config.redisKeyPrefix), logger }).publishOnce(change);
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}

export async function startCluster(options: { config: Config; store: Store; logger: Logger }): Promise<Cluster> {
  const { config, store, logger } = options;
  const nodeId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const lease: Lease = { acquire: (name, ttlMs) => store.acquireLease(name, nodeId, ttlMs) };
  if (!(store instanceof PostgresStore)) return { nodeId, topology: 'SQLite (one node)', lease, lock: new LocalLock(), probes: [], close: async () => undefined };

  const lock = new PostgresLock(store);
  if (!config.redisUrl) {
    const bus = new PgInvalidationBus({ store, logger });
    await bus.start();
    return {
      nodeId, topology: `PostgreSQL ${store.target}; invalidation by LISTEN/NOTIFY`, bus, lease, lock, probes: [],
      close: async () => {
        await bus.close();
        await lock.close();
      },
    };
  }

  const redis = await connectCommands(config.redisUrl);
  const keys = redisKeys(config.redisKeyPrefix);
  const bus = new RedisInvalidationBus({ url: config.redisUrl, redis, keys, logger });
  try {
    await bus.start();
  } catch (error) {
    redis.disconnect();
    throw error;
  }
  return {
    nodeId, bus, lease, lock,
    topology: `PostgreSQL ${store.target}; Redis ${describeRedis(config.redisUrl)} for the shared token cache and invalidation by pub/sub`,
    sharedCache: new RedisServerCache({ redis, keys, logger }),
    probes: [{ name: 'redis', check: async () => void await redis.ping() }],
    close: async () => {
      await bus.close();
      await lock.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
