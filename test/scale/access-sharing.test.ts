// The token cache with a bus (unit level, fake bus and shared cache on SQLite): while the bus is live found entries
// live 30 s and misses 1 s; losing or regaining the bus drops everything and falls back to 1 s; invalidate publishes;
// a change from another node drops the entry; a shared cache is asked before the store.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test, type TestContext } from 'node:test';
import type { ChangeListener, InvalidationBus, SharedServerCache } from '../../src/cluster/types.ts';
import { createSecretBox } from '../../src/security/secrets.ts';
import { generateMcpToken, hashToken } from '../../src/security/tokens.ts';
import type { Invalidation } from '../../src/cluster/types.ts';
import { Access, liveCacheTtlMs } from '../../src/services/access.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import type { ServerRecord, Store } from '../../src/store/types.ts';
import { tempDir } from '../store/temp-dir.ts';

class FakeBus implements InvalidationBus {
  live = true;
  published: Invalidation[] = [];
  listeners: ChangeListener[] = [];
  async publish(change: Invalidation) {
    this.published.push(change);
  }
  subscribe(listener: ChangeListener) {
    this.listeners.push(listener);
  }
  setLive(live: boolean) {
    this.live = live;
    for (const listener of this.listeners) listener.reset();
  }
  async close() {}
}

async function setup(t: TestContext, sharedCache?: SharedServerCache) {
  const store = SqliteStore.open(tempDir(t));
  await store.migrate();
  t.after(() => store.close());
  const lookups = { servers: 0 };
  const counted: Store = Object.create(store, {
    findMcpServerByTokenHash: { value: (hash: string) => (lookups.servers++, store.findMcpServerByTokenHash(hash)) },
  });
  const secrets = createSecretBox(randomBytes(32));
  let clock = Date.parse('2030-01-01T00:00:00Z');
  const bus = new FakeBus();
  const access = new Access({ store: counted, secrets, now: () => clock, bus, sharedCache });
  const tenant = await store.createTenant('Acme');
  const account = await store.createAccount({ tenant_id: tenant.id, integration: 'acme', name: 'a', context: {}, credentials_encrypted: secrets.encrypt({ api_key: 'k1' }) });
  const token = generateMcpToken();
  const server = await store.createMcpServer({ tenant_id: tenant.id, integrated_account_id: account.id, name: 's', config: {}, expires_at: null, created_by: null, token_hash: hashToken(token) });
  return { store, secrets, access, bus, lookups, account, server, token, tick: (ms: number) => { clock += ms; } };
}

test('while the bus is live a found entry lives 30 s and a miss 1 s; losing the bus drops both and falls back to 1 s', async (t) => {
  const { access, bus, lookups, token, tick } = await setup(t);
  await access.resolveServer(token);
  tick(liveCacheTtlMs - 1);
  assert.ok(await access.resolveServer(token));
  assert.equal(lookups.servers, 1, 'served from cache for the whole live lifetime');
  tick(1);
  await access.resolveServer(token);
  assert.equal(lookups.servers, 2, 'then read again: the lifetime is a safety net');

  await access.resolveServer('unknown');
  tick(1_000);
  await access.resolveServer('unknown');
  assert.equal(lookups.servers, 4, 'a miss lives one second, live bus or not');

  bus.setLive(false);
  await access.resolveServer(token);
  assert.equal(lookups.servers, 5, 'losing the bus dropped the cache');
  tick(1_000);
  await access.resolveServer(token);
  assert.equal(lookups.servers, 6, 'and entries live one second while it is down');
  tick(500);
  bus.setLive(true);
  await access.resolveServer(token);
  assert.equal(lookups.servers, 7, 'regaining it drops the cache again: changes may have been missed meanwhile');
});

test('invalidate forgets here and publishes; a change published by another node is forgotten here', async (t) => {
  const { access, bus, lookups, token, server, account } = await setup(t);
  await access.resolveServer(token);
  await access.invalidate({ serverId: server.id });
  assert.deepEqual(bus.published, [{ serverId: server.id }]);
  await access.resolveServer(token);
  assert.equal(lookups.servers, 2);
  for (const listener of bus.listeners) listener.change({ accountId: account.id });
  await access.resolveServer(token);
  assert.equal(lookups.servers, 3, "another node's change to the account dropped its servers");
  for (const listener of bus.listeners) listener.change({ serverId: 'another-server' });
  await access.resolveServer(token);
  assert.equal(lookups.servers, 3, 'changes of other servers leave this one cached');
});

test('a shared cache is asked before the store, and its record is decrypted here', async (t) => {
  let shared: ServerRecord | undefined;
  const asked: string[] = [];
  const sharedCache: SharedServerCache = {
    async lookup(tokenHash, load) {
      asked.push(tokenHash);
      shared ??= await load();
      return shared;
    },
  };
  const { access, lookups, token, secrets } = await setup(t, sharedCache);
  const first = await access.resolveServer(token);
  assert.deepEqual(first?.account.credentials, { api_key: 'k1' });
  assert.equal(lookups.servers, 1);
  shared = { ...shared!, credentials_encrypted: secrets.encrypt({ api_key: 'k2' }) };
  await access.invalidate({});
  const second = await access.resolveServer(token);
  assert.deepEqual(second?.account.credentials, { api_key: 'k2' }, 'from the shared record');
  assert.equal(lookups.servers, 1, 'the store was not asked again');
  assert.deepEqual(asked, [hashToken(token), hashToken(token)]);
});
