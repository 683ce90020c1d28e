// The shared token cache in Redis: a node missing a token in its own cache asks Redis before PostgreSQL, so a token
// is read from the database about once per cluster rather than once per node. Entries hold what the database holds
// (non-secret rows, credentials still encrypted); they are deleted by invalidateScript and expire on their own.
// While Redis is unreachable, lookups go to the database.
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import type { ServerRecord } from '../store/types.ts';
import { fillScript, type RedisKeys } from './redis-keys.ts';
import type { SharedServerCache } from './types.ts';

/** How long a shared entry lives when nothing invalidates it. */
export const sharedEntryTtlMs = 60_000;

export class RedisServerCache implements SharedServerCache {
  private readonly redis: Redis;
  private readonly keys: RedisKeys;
  private readonly logger: Logger;
  private unavailable = false;

  constructor(options: { redis: Redis; keys: RedisKeys; logger: Logger }) {
    this.redis = options.redis;
    this.keys = options.keys;
    this.logger = options.logger;
  }

  async lookup(tokenHash: string, load: () => Promise<ServerRecord | undefined>): Promise<ServerRecord | undefined> {
    let cached: string | null | undefined;
    let generation: string | null | undefined;
    try {
      [cached, generation] = await this.redis.mget(this.keys.token(tokenHash), this.keys.generation);
      this.available();
    } catch (error) {
      this.failed(error);
      return load();
    }
    if (cached) return JSON.parse(cached) as ServerRecord;
    const record = await load();
    if (record) void this.fill(tokenHash, generation ?? '0', record);
    return record;
  }

  private async fill(tokenHash: string, generation: string, record: ServerRecord): Promise<void> {
    try {
      await this.redis.eval(
        fillScript, 4,
        this.keys.generation, this.keys.token(tokenHash), this.keys.server(record.server.id), this.keys.account(record.account.id),
        generation, JSON.stringify(record), sharedEntryTtlMs, tokenHash,
      );
    } catch (error) {
      this.failed(error);
    }
  }

  private available(): void {
    if (!this.unavailable) return;
    this.unavailable = false;
    this.logger.info('Redis answers again; token lookups use the shared cache');
  }

  private failed(error: unknown): void {
    if (this.unavailable) return;
    this.unavailable = true;
    this.logger.warn({ err: error }, 'Redis is not answering; token lookups go to the database until it is back');
  }
}
