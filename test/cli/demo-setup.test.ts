// The demo's tenant and accounts: created once, reused on every start, refreshed when a sandbox moves.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { ensureDemo, type DemoAccountSpec } from '../../src/cli/demo-setup.ts';
import { hashToken } from '../../src/security/tokens.ts';
import { createServices } from '../../src/services/index.ts';
import { createTenant } from '../../src/services/tenants.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { Catalog } from '../../src/tools/catalog.ts';
import { fixtureIntegrations, upstreamAllowlist } from '../api/harness.ts';
import { tempDir } from '../store/temp-dir.ts';

const spec = (baseUrl: string): DemoAccountSpec => ({ integration: 'acme', name: 'Acme sandbox', context: { subdomain: 'demo', base_url: baseUrl }, credentials: { api_key: 'sandbox-key' } });

test('ensureDemo is idempotent, follows the sandbox port, uses SWITCHBOARD_API_TOKEN and the demo user settings when given', async (t) => {
  const dir = tempDir(t);
  const store = SqliteStore.open(dir);
  await store.migrate();
  t.after(() => store.close());
  const { accounts } = createServices({ config: loadConfig({ SWITCHBOARD_DATA_DIR: dir, ...upstreamAllowlist('http://127.0.0.1:4010', 'http://127.0.0.1:5010') }), store, catalog: await Catalog.load(fixtureIntegrations) });

  const first = await ensureDemo({ store, accounts, apiToken: undefined, specs: [spec('http://127.0.0.1:4010/api')] });
  assert.equal(first.tenant.name, 'Demo');
  assert.equal(first.tokenGenerated, true);
  assert.equal((await store.findApiTokenByHash(hashToken(first.token)))?.tenant_id, first.tenant.id);
  assert.equal(first.user.email, 'demo@switchboard.example');
  assert.equal(first.user.passwordGenerated, true);
  const { UserService } = await import('../../src/auth/users.ts');
  assert.ok(await new UserService(store).checkPassword(first.user.email, first.user.password), 'the printed password signs in');

  const again = await ensureDemo({ store, accounts, apiToken: 'sb_operator-chosen-token', specs: [spec('http://127.0.0.1:4010/api')] });
  assert.equal(again.tenant.id, first.tenant.id);
  assert.deepEqual(again.accounts, first.accounts, 'unchanged accounts are reused as they are');
  assert.equal(again.tokenGenerated, false);
  assert.equal((await store.findApiTokenByHash(hashToken('sb_operator-chosen-token')))?.tenant_id, first.tenant.id);
  await ensureDemo({ store, accounts, apiToken: 'sb_operator-chosen-token', specs: [spec('http://127.0.0.1:4010/api')] });

  const moved = await ensureDemo({ store, accounts, apiToken: undefined, specs: [spec('http://127.0.0.1:5010/api')] });
  assert.equal(moved.accounts[0]!.id, first.accounts[0]!.id);
  assert.equal(moved.accounts[0]!.context.base_url, 'http://127.0.0.1:5010/api');
  assert.equal((await store.listAccounts(first.tenant.id, {})).result.length, 1);
  assert.equal((await store.listTenants({})).result.length, 1);

  const chosen = await ensureDemo({ store, accounts, apiToken: undefined, specs: [spec('http://127.0.0.1:5010/api')], user: { email: 'Me@Example.com', password: 'my demo password' } });
  assert.deepEqual(chosen.user, { email: 'me@example.com', password: 'my demo password', passwordGenerated: false });
  const me = await new UserService(store).checkPassword('me@example.com', 'my demo password');
  assert.deepEqual((await store.auth.listMemberships(me!.id)).map((membership) => [membership.tenant_id, membership.role]), [[first.tenant.id, 'admin']]);

  const { token: otherToken } = await createTenant(store, 'Other');
  await assert.rejects(ensureDemo({ store, accounts, apiToken: otherToken, specs: [] }), /already belongs to another tenant/);
});
