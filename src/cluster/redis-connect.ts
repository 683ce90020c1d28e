// Redis connections: one for commands (fails fast while disconnected, so lookups fall back to the database instead
// of queueing) and, per subscription, one in subscriber mode that the bus supervises itself.
import { Redis } from 'ioredis';
import { UnreachableError } from '../store/errors.ts';

const connectTimeoutMs = 5_000;
const commandTimeoutMs = 1_000;

/** host:port of a Redis URL, for messages; never the password. */
export function describeRedis(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || 'localhost'}:${parsed.port || 6379}`;
  } catch {
    return 'the configured Redis';
  }
}

/** The command connection, connected; rejects naming the host when Redis does not answer. */
export async function connectCommands(url: string): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true, connectTimeout: connectTimeoutMs, commandTimeout: commandTimeoutMs, keepAlive: 10_000,
    enableOfflineQueue: false, maxRetriesPerRequest: 1, connectionName: 'switchboard',
    // Reconnects on its own, up to every 2 s; commands meanwhile fail at once.
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
  });
  let lastError: Error | undefined;
  // Failures surface on the commands and reconnecting is automatic; the last one explains a failed start.
  redis.on('error', (error: Error) => {
    lastError = error;
  });
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new UnreachableError(`cannot reach Redis at ${describeRedis(url)} (REDIS_URL): ${(lastError ?? error as Error).message}`, { cause: error });
  }
  return redis;
}

/** A subscriber connection that does not reconnect by itself: the subscription supervisor does. */
export function subscriberConnection(url: string): Redis {
  return new Redis(url, {
    lazyConnect: true, connectTimeout: connectTimeoutMs, keepAlive: 10_000, maxRetriesPerRequest: 0,
    autoResubscribe: false, retryStrategy: () => null, connectionName: 'switchboard-subscribe',
  });
}
