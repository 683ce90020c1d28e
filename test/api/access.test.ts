// Token resolution for MCP URLs and API tokens: decrypts credentials, refuses expired servers by the clock,
// caches for at most a second, and forgets at once what the management API invalidates.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { createSecretBox } from '../../src/security/secrets.ts';
import { generateMcpToken, hashToken } from '../../src/security/tokens.ts';
import { Access } from '../../src/services/access.ts';
import { createTenant } from '../../src/services/tenants.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import type { Store } from '../../src/store/types.ts';
import { tempDir } from '../store/temp-dir.ts';

async function setup(t: import('node:test').TestContext, expiresAt: string | null = null) {
  const store = SqliteStore.open(tempDir(t));
  await store.migrate();
  t.after(() => store.close());
  const lookups = { servers: 0, tokens: 0 };
  const counted: Store = Object.create(store, {
    findMcpServerByTokenHash: { value: (hash: string) => (lookups.servers++, store.findMcpServerByTokenHash(hash)) },
    findApiTokenByHash: { value: (hash: string) => (lookups.tokens++, store.findApiTokenByHash(hash)) },
  });
  const secrets = createSecretBox(randomBytes(32));
  let clock = Date.parse('2030-01-01T00:00:00Z');
  const access = new Access({ store: counted, secrets, now: () => clock });
  const { tenant, token: apiToken, api_token } = await createTenant(store, 'Acme');
  const account = await store.createAccount({ tenant_id: tenant.id, integration: 'acme', name: 'a', context: { subdomain: 'acme' }, credentials_encrypted: secrets.encrypt({ api_key: 'k1' }) });
  const token = generateMcpToken();
  const server = await store.createMcpServer({ tenant_id: tenant.id, integrated_account_id: account.id, name: 's', config: { methods: ['read'] }, expires_at: expiresAt, created_by: null, token_hash: hashToken(token) });
  return { store, access, lookups, tenant, apiToken, api_token, account, token, server, tick: (ms: number) => { clock += ms; } };
}

test('a URL token resolves to its server and decrypted account, served from cache for at most a second', async (t) => {
  const { access, lookups, token, server, account, tick } = await setup(t);
  const resolved = await access.resolveServer(token);
  assert.deepEqual(resolved?.server, server);
  assert.deepEqual(resolved?.account, { id: account.id, integration: 'acme', context: { subdomain: 'acme' }, credentials: { api_key: 'k1' }, tenantId: account.tenant_id, status: 'active' });
  await access.resolveServer(token);
  tick(999);
  await access.resolveServer(token);
  assert.equal(lookups.servers, 1);
  tick(1);
  await access.resolveServer(token);
  assert.equal(lookups.servers, 2, 'the entry lives one second');
  assert.equal(await access.resolveServer('unknown-token'), undefined);
  assert.equal(await access.resolveServer('unknown-token'), undefined);
  assert.equal(lookups.servers, 3, 'misses are cached too');
});

test('an expired server stops resolving at its expiry, even while cached', async (t) => {
  const { access, token, tick } = await setup(t, '2030-01-01T00:00:00.500Z');
  assert.ok(await access.resolveServer(token));
  tick(500);
  assert.equal(await access.resolveServer(token), undefined);
});

test('invalidate drops a deleted server or account at once; API tokens verify per tenant', async (t) => {
  const { store, access, token, server, account, tenant, apiToken, api_token } = await setup(t);
  assert.ok(await access.resolveServer(token));
  await store.deleteMcpServer(tenant.id, account.id, server.id);
  assert.ok(await access.resolveServer(token), 'still cached');
  access.invalidate({ serverId: server.id });
  assert.equal(await access.resolveServer(token), undefined);

  assert.equal(await access.verifyApiToken(apiToken, tenant.id), true);
  assert.equal(await access.verifyApiToken(apiToken, 'another-tenant'), false);
  assert.equal(await access.verifyApiToken('sb_wrong', tenant.id), false);
  await store.deleteApiToken(tenant.id, api_token.id);
  access.invalidate({ apiTokenId: api_token.id });
  assert.equal(await access.verifyApiToken(apiToken, tenant.id), false);
});

test('a lookup that overlaps an invalidation does not cache what it read', async (t) => {
  const { access, lookups, token, server } = await setup(t);
  const pending = access.resolveServer(token);
  access.invalidate({ serverId: server.id });
  assert.ok(await pending);
  await access.resolveServer(token);
  assert.equal(lookups.servers, 2);
});
