// The invalidation buses and the Redis token cache against the real servers: every node hears every change (its
// own too); a LISTEN connection killed by the database is noticed and replaced, with caches reset both ways; two
// nodes sharing Redis read a token from PostgreSQL once, never hold credentials in clear there, and an invalidation
// removes the shared entries (also those a racing fill would have written).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test, type TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { PgInvalidationBus } from '../../src/cluster/pg-bus.ts';
import { RedisInvalidationBus } from '../../src/cluster/redis-bus.ts';
import { RedisServerCache } from '../../src/cluster/redis-cache.ts';
import { connectCommands } from '../../src/cluster/redis-connect.ts';
import { redisKeys } from '../../src/cluster/redis-keys.ts';
import type { ChangeListener, InvalidationBus } from '../../src/cluster/types.ts';
import { createLogger } from '../../src/logger.ts';
import { createSecretBox } from '../../src/security/secrets.ts';
import { generateMcpToken, hashToken } from '../../src/security/tokens.ts';
import type { Invalidation } from '../../src/cluster/types.ts';
import { Access } from '../../src/services/access.ts';
import { PostgresStore } from '../../src/store/postgres.ts';
import type { ServerRecord, Store } from '../../src/store/types.ts';
import { eventually } from '../helpers/eventually.ts';
import { createRedisPrefix, createTestDatabase, queryDatabase, testRedisUrl } from '../helpers/shared-infra.ts';

const logger = createLogger({ level: 'silent' });

function record(bus: InvalidationBus) {
  const events: (Invalidation | 'reset')[] = [];
  const listener: ChangeListener = { change: (change) => events.push(change), reset: () => events.push('reset') };
  bus.subscribe(listener);
  return events;
}

async function migratedStore(t: TestContext): Promise<PostgresStore> {
  const store = new PostgresStore(await createTestDatabase(t), { poolSize: 4 });
  t.after(() => store.close());
  await store.migrate();
  return store;
}

test('PostgreSQL LISTEN/NOTIFY: every node hears each change; a killed LISTEN connection is noticed and replaced', async (t) => {
  const store = await migratedStore(t);
  const [a, b] = [new PgInvalidationBus({ store, logger }), new PgInvalidationBus({ store, logger })];
  t.after(() => Promise.all([a.close(), b.close()]));
  await Promise.all([a.start(), b.start()]);
  const [heardA, heardB] = [record(a), record(b)];
  assert.ok(a.live && b.live);

  await a.publish({ serverId: 'srv-1' });
  const ms = await eventually('both nodes hear the change', () => heardA.length === 1 && heardB.length === 1);
  t.diagnostic(`NOTIFY reached both listeners ${ms.toFixed(1)} ms after pg_notify returned`);
  assert.deepEqual([heardA, heardB], [[{ serverId: 'srv-1' }], [{ serverId: 'srv-1' }]]);

  // The database ends both LISTEN sessions (as a restart or failover would): each bus notices, resets its
  // listeners, reconnects, and resets them again (changes may have been missed in between).
  await queryDatabase(store.connectionString, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'switchboard-listen' AND datname = current_database()");
  await eventually('the lost subscription is noticed', () => !a.live || heardA.includes('reset'));
  await eventually('the subscription is back', () => a.live && b.live && heardB.filter((event) => event === 'reset').length === 2);
  await b.publish({ accountId: 'acct-1', apiTokenId: 'tok-1' });
  await eventually('changes flow again', () => heardA.at(-1) !== 'reset' && heardB.at(-1) !== 'reset');
  assert.deepEqual(heardA.at(-1), { accountId: 'acct-1', apiTokenId: 'tok-1' });
});

test('Redis: two nodes read a token from PostgreSQL once; shared entries hold no clear credential; invalidation removes them everywhere', async (t) => {
  const store = await migratedStore(t);
  const prefix = await createRedisPrefix(t);
  const keys = redisKeys(prefix);
  const secrets = createSecretBox(randomBytes(32));
  const lookups: string[] = [];
  const counted: Store = Object.create(store, {
    findMcpServerByTokenHash: { value: (hash: string) => (lookups.push(hash), store.findMcpServerByTokenHash(hash)) },
  });
  const node = async () => {
    const redis = await connectCommands(testRedisUrl);
    const bus = new RedisInvalidationBus({ url: testRedisUrl, redis, keys, logger });
    await bus.start();
    t.after(async () => {
      await bus.close();
      redis.disconnect();
    });
    const cache = new RedisServerCache({ redis, keys, logger });
    return { bus, cache, access: new Access({ store: counted, secrets, bus, sharedCache: cache }), heard: record(bus) };
  };
  const [one, two] = [await node(), await node()];
  const raw = new Redis(testRedisUrl);
  t.after(() => raw.quit());

  const tenant = await store.createTenant('Acme');
  const account = await store.createAccount({ tenant_id: tenant.id, integration: 'pinpoint', name: 'a', context: {}, credentials_encrypted: secrets.encrypt({ api_key: 'clear-credential-7f3a' }) });
  const tokens = [generateMcpToken(), generateMcpToken()];
  const servers = await Promise.all(tokens.map((token, i) => store.createMcpServer({
    tenant_id: tenant.id, integrated_account_id: account.id, name: `s${i}`, config: {}, expires_at: null, created_by: null, token_hash: hashToken(token),
  })));

  assert.equal((await one.access.resolveServer(tokens[0]!))?.account.credentials.api_key, 'clear-credential-7f3a');
  // The fill is not awaited by the lookup: wait for the entry itself.
  await eventually('the shared entry is written', async () => await raw.exists(keys.token(hashToken(tokens[0]!))) === 1);
  assert.equal((await two.access.resolveServer(tokens[0]!))?.server.id, servers[0]!.id);
  assert.equal(lookups.length, 1, 'the second node was served by Redis');
  const entry = await raw.get(keys.token(hashToken(tokens[0]!)));
  assert.ok(entry, 'node one shared its lookup');
  assert.ok(entry.includes('"credentials_encrypted":"v1:'), 'the credentials are stored sealed, as in the database');
  assert.equal(entry.includes('clear-credential-7f3a'), false);

  // A change through node one: the shared entry goes before node two hears of it.
  await one.access.invalidate({ serverId: servers[0]!.id });
  assert.equal(await raw.exists(keys.token(hashToken(tokens[0]!))), 0);
  await eventually('node two heard the change', () => two.heard.some((event) => event !== 'reset' && event.serverId === servers[0]!.id));
  await two.access.resolveServer(tokens[0]!);
  assert.equal(lookups.length, 2, 'read again from PostgreSQL');

  // An account change removes the shared entries of all its servers.
  await two.access.resolveServer(tokens[1]!);
  await eventually('both shared entries are written', async () => await raw.exists(keys.token(hashToken(tokens[0]!)), keys.token(hashToken(tokens[1]!))) === 2);
  await two.access.invalidate({ accountId: account.id });
  assert.equal(await raw.exists(keys.token(hashToken(tokens[0]!)), keys.token(hashToken(tokens[1]!))), 0);

  // A fill that read the database before an invalidation does not write what it read.
  let release!: () => void;
  const stale: ServerRecord = { server: servers[1]!, account, credentials_encrypted: 'v1:old' };
  const racing = one.cache.lookup(hashToken(tokens[1]!), () => new Promise((resolve) => {
    release = () => resolve(stale);
  }));
  await eventually('the racing lookup has read the generation', () => release !== undefined);
  await two.access.invalidate({ serverId: servers[1]!.id });
  release();
  assert.deepEqual(await racing, stale);
  await sleep(50);
  assert.equal(await raw.exists(keys.token(hashToken(tokens[1]!))), 0, 'the stale read was not shared');
});
