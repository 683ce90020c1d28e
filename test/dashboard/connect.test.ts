// Connecting accounts in a real browser (Debian's /usr/bin/chromium driven by playwright-core) through a sandbox
// provider's consent page: an end user opens a connect link without a Switchboard login, clicks Allow, and an agent
// then calls a tool of the new account with the official MCP SDK client; an admin registers the OAuth app and
// connects an account from the dashboard; a denial is said plainly; a revoked grant shows the account as needing a
// reconnect, and the Reconnect button makes it active again. The provider is chosen in one line (`providerUnderTest`).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildDashboard } from '../../dashboard/build.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { createTenant } from '../../src/services/tenants.ts';
import { leverProvider, type ConsentProvider } from '../connect/consent-providers.ts';
import { adminClient } from '../helpers/gateway-client.ts';

const providerUnderTest = leverProvider;

const chromiumPath = '/usr/bin/chromium';
const root = fileURLToPath(new URL('../../', import.meta.url));
const screenshots = join(root, 'test-results', 'screenshots');
const person = { email: 'admin@connect.example', password: 'connect e2e password' };

let provider: ConsentProvider;
let running: RunningServer;
let apiToken: string;
let browser: Browser;
let dataDir: string;
/** The browser reaches the server at its public URL: the provider sends it back there, with the round trip's cookie. */
let base: string;

before(async () => {
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: install Debian's Chromium (apt-get install -y chromium) to run the browser tests`);
  await buildDashboard({ quiet: true });
  mkdirSync(screenshots, { recursive: true });
  provider = await providerUnderTest();
  dataDir = mkdtempSync(join(tmpdir(), 'switchboard-connect-e2e-'));
  running = await startServer(loadConfig({
    PORT: '0', SWITCHBOARD_DATA_DIR: dataDir, SWITCHBOARD_INTEGRATIONS_DIR: provider.integrationsDir, SWITCHBOARD_UPSTREAM_ALLOWLIST: provider.origins.join(','),
  }), { logger: createLogger({ level: 'silent' }), watchIntegrations: false, cacheTtlMs: 0 });
  base = running.publicUrl;
  const created = await createTenant(running.store, 'Connect E2E');
  apiToken = created.token;
  await running.identity.users.ensureMember({ ...person, tenantId: created.tenant.id, role: 'admin' });
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  await running?.close();
  await provider?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function api(path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: any }> {
  const answer = await adminClient(running.url, apiToken).api(path, init);
  return { status: answer.status, body: answer.json };
}

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 }, locale: 'en-US', timezoneId: 'UTC', reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

async function callThroughMcp(accountId: string): Promise<string> {
  const created = await api(`/integrated-account/${accountId}/mcp`, { method: 'POST', body: { name: 'connect e2e agent' } });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const client = new Client({ name: 'connect-e2e', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(created.body.url)));
  try {
    const result = await client.callTool({ name: provider.tool.name, arguments: provider.tool.arguments });
    const text = (result.content as { type: string; text?: string }[]).map((block) => block.text ?? '').join('\n');
    return `${result.isError === true ? 'ERROR ' : ''}${text}`;
  } finally {
    await client.close();
  }
}

let linkAccountId: string;

test('an end user connects their account through a connect link and the consent page, with no Switchboard login; an agent calls a tool of it', async () => {
  const app = await api(`/oauth-app/${provider.integration}`, { method: 'PUT', body: provider.app });
  assert.equal(app.status, 200, JSON.stringify(app.body));
  const link = await api('/integrated-account/connect-link', { method: 'POST', body: { integration: provider.integration, name: 'Ada (via link)', context: provider.context } });
  assert.equal(link.status, 201, JSON.stringify(link.body));

  const page = await newPage();
  await page.goto(link.body.url);
  await page.getByRole('button', { name: 'Allow' }).waitFor();
  await page.screenshot({ path: join(screenshots, 'connect-consent.png') });
  await page.getByRole('button', { name: 'Allow' }).click();
  await page.getByRole('heading', { name: 'Connected' }).waitFor();
  assert.match(await page.locator('main').innerText(), /Your account is connected as “Ada \(via link\)”/);
  assert.equal(new URL(page.url()).pathname, '/connect/callback');
  await page.screenshot({ path: join(screenshots, 'connect-link-done.png') });

  const accounts = (await api('/integrated-account')).body.result as { id: string; name: string; status: string }[];
  const account = accounts.find((candidate) => candidate.name === 'Ada (via link)');
  assert.equal(account?.status, 'active');
  linkAccountId = account!.id;
  const answer = await callThroughMcp(linkAccountId);
  assert.match(answer, provider.tool.expect);

  // The link is spent.
  await page.goto(link.body.url);
  await page.getByText('This connect link was already used').waitFor();
  await page.context().close();
});

test('an end user connects an API-key account through a connect link\'s form in a real browser (its post carries this origin); an agent calls a tool of it', async () => {
  const link = await api('/integrated-account/connect-link', { method: 'POST', body: { integration: provider.integration, name: 'Ada (key)', context: provider.keyMode.context } });
  assert.equal(link.status, 201, JSON.stringify(link.body));
  const page = await newPage();
  const origins: (string | undefined)[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST') origins.push(request.headers().origin);
  });
  await page.goto(link.body.url);
  await page.getByLabel('API key').fill(provider.keyMode.apiKey);
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.getByRole('heading', { name: 'Connected' }).waitFor();
  assert.match(await page.locator('main').innerText(), /Your account is connected as “Ada \(key\)”/);
  assert.deepEqual(origins, [new URL(base).origin], 'the form post names the page\'s origin, not null');
  const accounts = (await api('/integrated-account')).body.result as { id: string; name: string; status: string }[];
  const account = accounts.find((candidate) => candidate.name === 'Ada (key)');
  assert.equal(account?.status, 'active');
  assert.match(await callThroughMcp(account!.id), provider.tool.expect);
  assert.equal((await api(`/integrated-account/${account!.id}`, { method: 'DELETE' })).status, 204);
  await page.context().close();
});

test('denying at the consent page connects nothing and says so plainly', async () => {
  const link = await api('/integrated-account/connect-link', { method: 'POST', body: { integration: provider.integration, context: provider.context } });
  const page = await newPage();
  await page.goto(link.body.url);
  await page.getByRole('button', { name: 'Deny' }).click();
  await page.getByRole('heading', { name: 'Not connected' }).waitFor();
  assert.match(await page.locator('main').innerText(), new RegExp(`Access was denied at ${provider.label}, so no account was connected`));
  assert.equal((await api('/integrated-account')).body.result.length, 1);
  await page.context().close();
});

test('an admin registers the OAuth app and connects an account from the dashboard; a revoked grant shows Reconnect, which restores it', async () => {
  assert.equal((await api(`/oauth-app/${provider.integration}`, { method: 'DELETE' })).status, 204);
  const page = await newPage();
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'Integrated accounts' }).waitFor();

  await page.goto(`${base}/catalog/${provider.integration}/connect`);
  await page.getByRole('heading', { name: `Register your ${provider.label} OAuth app` }).waitFor();
  await page.getByLabel('Client ID').fill(provider.app.client_id);
  await page.getByLabel('Client secret').fill(provider.app.client_secret);
  await page.getByLabel('Authorization page override').fill(provider.app.authorize_url);
  await page.getByLabel('Token endpoint override').fill(provider.app.token_url);
  await page.getByRole('button', { name: 'Save OAuth app' }).click();
  await page.getByRole('heading', { name: `Connect with ${provider.label}` }).waitFor();
  await page.getByLabel('Account name').first().fill('Team account');
  await page.locator('#field-context-base_url').first().fill(provider.context.base_url!);
  await page.screenshot({ path: join(screenshots, 'connect-dashboard.png'), fullPage: true });
  await page.getByRole('button', { name: `Continue to ${provider.label}` }).click();
  await page.getByRole('button', { name: 'Allow' }).click();
  await page.waitForURL(/\/accounts\/[^/]+\/tools$/);
  await page.getByRole('heading', { name: 'Team account' }).waitFor();
  const accountId = new URL(page.url()).pathname.split('/')[2]!;
  assert.match(await callThroughMcp(accountId), provider.tool.expect);

  // The user revokes the access at the provider: the next call marks the account.
  provider.revoke();
  assert.match(await callThroughMcp(accountId), /must be reconnected/);
  await page.goto(`${base}/accounts`);
  const row = page.locator('tr', { hasText: 'Team account' });
  await row.getByText('Needs reconnecting').waitFor();
  await page.screenshot({ path: join(screenshots, 'connect-needs-reauth.png'), fullPage: true });
  await row.getByRole('button', { name: /Reconnect/ }).click();
  await page.getByRole('button', { name: 'Allow' }).click();
  await page.waitForURL(new RegExp(`/accounts/${accountId}/tools$`));
  await page.getByText('Reconnected the account.').waitFor();
  assert.equal((await api(`/integrated-account/${accountId}`)).body.status, 'active');
  assert.match(await callThroughMcp(accountId), provider.tool.expect);
  await page.context().close();
});
