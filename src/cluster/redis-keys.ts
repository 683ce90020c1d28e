// Every Redis key and channel Switchboard uses, under one prefix (REDIS_KEY_PREFIX), and the Lua scripts that keep
// the shared token cache consistent. Scripts touch keys they compute, so this needs a standalone Redis (or one
// primary with replicas), not Redis Cluster.
import type { Redis } from 'ioredis';
import { changesChannel } from './bus.ts';

export type RedisKeys = ReturnType<typeof redisKeys>;

export function redisKeys(prefix: string) {
  const token = `${prefix}mcp:token:`;
  return {
    /** Bumped by every invalidation; a cache fill that read the database before a bump is dropped. */
    generation: `${prefix}mcp:generation`,
    tokenPrefix: token,
    /** token hash → the ServerRecord as JSON. */
    token: (tokenHash: string) => `${token}${tokenHash}`,
    /** server id → its token hash, to find the entry when the server changes. */
    server: (serverId: string) => `${prefix}mcp:server:${serverId}`,
    /** account id → set of token hashes of its servers, to find the entries when the account changes. */
    account: (accountId: string) => `${prefix}mcp:account:${accountId}`,
    channel: `${prefix}${changesChannel}`,
  };
}

/**
 * KEYS: generation, server index ('' for none), account index ('' for none); ARGV: token key prefix, channel,
 * message. Bumps the generation, deletes the affected entries and their index keys, then publishes: atomically, so
 * a node told about the change can no longer read the old entry.
 */
/** Deletes every key that starts with `prefix`, a batch of SCAN at a time (never KEYS, which blocks the server). */
export async function deleteKeysUnder(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

export const invalidateScript = `
redis.call('INCR', KEYS[1])
local hashes = {}
if KEYS[2] ~= '' then
  local hash = redis.call('GET', KEYS[2])
  if hash then table.insert(hashes, hash) end
  redis.call('DEL', KEYS[2])
end
if KEYS[3] ~= '' then
  for _, hash in ipairs(redis.call('SMEMBERS', KEYS[3])) do table.insert(hashes, hash) end
  redis.call('DEL', KEYS[3])
end
for _, hash in ipairs(hashes) do redis.call('DEL', ARGV[1] .. hash) end
redis.call('PUBLISH', ARGV[2], ARGV[3])
return #hashes
`;

/**
 * KEYS: generation, token entry, server index, account index; ARGV: generation read before the database was,
 * record JSON, lifetime in ms, token hash. Stores the entry and its index keys only if no invalidation came between.
 */
export const fillScript = `
if (redis.call('GET', KEYS[1]) or '0') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
redis.call('SET', KEYS[3], ARGV[4], 'PX', ARGV[3])
redis.call('SADD', KEYS[4], ARGV[4])
redis.call('PEXPIRE', KEYS[4], ARGV[3])
return 1
`;
