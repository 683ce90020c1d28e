// What an attacker with a copy of the data directory's database finds: hashes and ciphertext, no usable secret.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { generateMcpToken, hashToken } from '../../src/security/tokens.ts';
import { createServices } from '../../src/services/index.ts';
import { createTenant } from '../../src/services/tenants.ts';
import { keyFileName } from '../../src/security/secrets.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { Catalog } from '../../src/tools/catalog.ts';
import { tempDir } from './temp-dir.ts';

const fixtures = new URL('../api/fixtures/integrations/', import.meta.url).pathname;

test('the database files hold no credential, API token or MCP URL token in clear', async (t) => {
  const dir = tempDir(t);
  const config = loadConfig({ SWITCHBOARD_DATA_DIR: dir, SWITCHBOARD_INTEGRATIONS_DIR: fixtures });
  const store = SqliteStore.open(dir);
  await store.migrate();
  const services = createServices({ config, store, catalog: await Catalog.load(fixtures) });

  const credential = 'cred-5f1e2d3c4b5a69788796a5b4c3d2e1f0';
  const { tenant, token: apiToken } = await createTenant(store, 'Acme');
  const account = await services.accounts.create(tenant.id, { integration: 'acme', name: 'Marker account', context: { subdomain: 'acme' }, credentials: { api_key: credential } });
  await services.accounts.update(tenant.id, account.id, { credentials: { api_key: `${credential}-rotated` } });
  const mcpToken = generateMcpToken();
  await store.createMcpServer({ tenant_id: tenant.id, integrated_account_id: account.id, name: 'agent', config: {}, expires_at: null, created_by: null, token_hash: hashToken(mcpToken) });

  const readAll = () => readdirSync(dir).filter((name) => name !== keyFileName).map((name) => readFileSync(join(dir, name)).toString('latin1')).join('\n');
  const check = (label: string) => {
    const raw = readAll();
    assert.ok(raw.includes('Marker account'), `${label}: the files were read`);
    assert.ok(raw.includes(hashToken(mcpToken)), `${label}: the token hash is what is stored`);
    for (const secret of [credential, apiToken, apiToken.slice(3), mcpToken]) {
      assert.equal(raw.includes(secret), false, `${label}: found a secret in clear`);
    }
  };
  check('while open (WAL)');
  await store.close();
  check('after close');
});
