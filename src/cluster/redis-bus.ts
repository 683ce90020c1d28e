// Cross-node invalidation through Redis pub/sub. Publishing runs invalidateScript, which also deletes the shared
// cache entries of what changed, so no node can refill its own cache from a stale shared entry.
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import { isEverything, type Invalidation } from './types.ts';
import { encodeChange } from './bus.ts';
import { describeRedis, subscriberConnection } from './redis-connect.ts';
import { deleteKeysUnder, invalidateScript, type RedisKeys } from './redis-keys.ts';
import { SupervisedBus, type Subscription, type SubscriptionHandlers } from './subscription.ts';

export class RedisInvalidationBus extends SupervisedBus {
  private readonly redis: Redis;
  private readonly keys: RedisKeys;

  constructor(options: { url: string; redis: Redis; keys: RedisKeys; logger: Logger }) {
    super({
      name: `Redis SUBSCRIBE ${options.keys.channel} at ${describeRedis(options.url)}`,
      connect: (handlers) => subscribe(options.url, options.keys.channel, handlers),
      logger: options.logger,
    });
    this.redis = options.redis;
    this.keys = options.keys;
  }

  protected async send(change: Invalidation): Promise<void> {
    if (isEverything(change)) await this.dropAllEntries();
    await this.redis.eval(
      invalidateScript, 3,
      this.keys.generation, change.serverId === undefined ? '' : this.keys.server(change.serverId), change.accountId === undefined ? '' : this.keys.account(change.accountId),
      this.keys.tokenPrefix, this.keys.channel, encodeChange(change),
    );
  }

  /** For "everything changed" (rare, never on a request path): bump the generation, then delete every entry. */
  private async dropAllEntries(): Promise<void> {
    await this.redis.incr(this.keys.generation);
    await deleteKeysUnder(this.redis, this.keys.tokenPrefix);
  }
}

async function subscribe(url: string, channel: string, handlers: SubscriptionHandlers): Promise<Subscription> {
  const redis = subscriberConnection(url);
  redis.on('message', (from: string, message: string) => {
    if (from === channel) handlers.message(message);
  });
  redis.on('error', (error: Error) => handlers.lost(error));
  redis.on('end', () => handlers.lost());
  try {
    await redis.connect();
    await redis.subscribe(channel);
  } catch (error) {
    redis.disconnect();
    throw error;
  }
  return {
    ping: async () => {
      await redis.ping();
    },
    close: async () => {
      redis.disconnect();
    },
  };
}
