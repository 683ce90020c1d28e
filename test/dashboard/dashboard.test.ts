// The dashboard in a real browser (Debian's /usr/bin/chromium driven by playwright-core) against a real server and
// the Pinpoint sandbox: sign in, connect an account through the generated form, browse and filter tools, create a
// read-only MCP server, read its URL off the page, use it with the official MCP SDK client, see the calls in the
// log, revoke it in the UI and see the URL refused. Screenshots of every page go to test-results/screenshots/, or to
// docs/screenshots/ (the ones the README shows) when UPDATE_SCREENSHOTS=1.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildDashboard } from '../../dashboard/build.ts';
import { toolMatchesSearch, type ToolLike } from '../../dashboard/src/tools.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { startPinpointSandbox, startPolymerSandbox, type PinpointSandbox, type PolymerSandbox } from '../../src/sandbox/index.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { createTenant } from '../../src/services/tenants.ts';

// Browser globals, for the callbacks Playwright runs in the page (the test itself is type-checked without the DOM lib).
declare const document: any;
declare const navigator: any;
declare const sessionStorage: any;
declare const localStorage: any;
declare const window: any;
type HTMLElement = any;
type HTMLInputElement = any;

const chromiumPath = '/usr/bin/chromium';
const root = fileURLToPath(new URL('../../', import.meta.url));
const screenshots = process.env.UPDATE_SCREENSHOTS === '1' ? join(root, 'docs', 'screenshots') : join(root, 'test-results', 'screenshots');
const sandboxKey = 'e2e-pinpoint-key-4f9a';
const person = { email: 'admin@e2e.example', password: 'e2e admin password' };

let sandbox: PinpointSandbox;
let polymer: PolymerSandbox;
let running: RunningServer;
let apiToken: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let dataDir: string;
/** Every URL the page asked for, and what the console reported: checked at the end. */
const requested: string[] = [];
const consoleProblems: string[] = [];

before(async () => {
  // Fail loudly: these tests are the dashboard's acceptance, they must never be skipped silently.
  if (!existsSync(chromiumPath)) {
    throw new Error(`${chromiumPath} is missing: install Debian's Chromium (apt-get install -y chromium) to run the dashboard browser tests`);
  }
  await buildDashboard({ quiet: true });
  mkdirSync(screenshots, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'switchboard-dashboard-e2e-'));
  sandbox = await startPinpointSandbox({ apiKeys: [sandboxKey] });
  polymer = await startPolymerSandbox({ apiKeys: ['e2e-polymer-key'] });
  running = await startServer(loadConfig({
    PORT: '0',
    SWITCHBOARD_DATA_DIR: dataDir,
    SWITCHBOARD_INTEGRATIONS_DIR: join(root, 'integrations'),
    // base_url overrides are refused unless the operator allows their origin.
    SWITCHBOARD_UPSTREAM_ALLOWLIST: [sandbox.origin, polymer.origin].join(','),
  }), { logger: createLogger({ level: 'silent' }), watchIntegrations: false, cacheTtlMs: 0 });
  const created = await createTenant(running.store, 'Dashboard E2E');
  apiToken = created.token;
  await running.identity.users.ensureMember({ ...person, tenantId: created.tenant.id, role: 'admin' });
  // As in the demo, one sandbox account is already connected; the test connects the Pinpoint one through the form.
  const existing = await api('/integrated-account', { method: 'POST', body: { integration: 'polymer', name: 'Polymer sandbox', context: { base_url: polymer.url }, credentials: { api_key: 'e2e-polymer-key' } } });
  assert.equal(existing.status, 201, JSON.stringify(existing.body));
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', timezoneId: 'UTC', reducedMotion: 'reduce' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: running.url });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('request', (request) => requested.push(request.url()));
  page.on('console', (message) => {
    // Chromium logs every 4xx answer; the tests provoke 400 and 401 on purpose and check what the page shows.
    if (/^Failed to load resource: the server responded with a status of 40[01]/.test(message.text())) return;
    if (message.type() === 'error' || message.type() === 'warning') consoleProblems.push(message.text());
  });
  page.on('pageerror', (error) => consoleProblems.push(String(error)));
});

after(async () => {
  await browser?.close();
  await running?.close();
  await sandbox?.close();
  await polymer?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function api(path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(`${running.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${apiToken}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: response.status, body: response.status === 204 ? undefined : await response.json() };
}

/** A screenshot of the page: full page, or the top `height` pixels; toasts gone first. */
async function shot(name: string, options: { fullPage?: boolean; height?: number } = {}): Promise<void> {
  await page.locator('.toast').first().waitFor({ state: 'detached', timeout: 8000 });
  await page.evaluate(() => document.fonts.ready);
  const viewport = page.viewportSize()!;
  if (options.height) {
    await page.setViewportSize({ width: viewport.width, height: options.height });
    await page.evaluate(() => window.scrollTo(0, 0));
  }
  // Under heavy load Chromium now and then answers "Unable to capture screenshot"; a second try succeeds.
  for (let attempt = 1; ; attempt++) {
    try {
      await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: options.fullPage ?? !options.height, animations: 'disabled', caret: 'hide' });
      break;
    } catch (error) {
      if (attempt === 3 || !/Unable to capture screenshot/.test(String(error))) throw error;
      await page.waitForTimeout(250 * attempt);
    }
  }
  if (options.height) await page.setViewportSize(viewport);
}

/** Every visible form control has an accessible name. */
async function assertLabelled(where: string): Promise<void> {
  const unlabelled = await page.evaluate(() => ([...document.querySelectorAll('input, select, textarea, button')] as HTMLElement[])
    .filter((element) => element.getClientRects().length > 0 || element.closest('.chip-check, .segmented'))
    .filter((element) => element.getAttribute('type') !== 'hidden')
    .filter((element) => {
      const labelled = (element as HTMLInputElement).labels?.length || element.getAttribute('aria-label') || element.getAttribute('aria-labelledby');
      return !labelled && !(element.tagName === 'BUTTON' && element.textContent?.trim());
    })
    .map((element) => element.outerHTML.slice(0, 120)));
  assert.deepEqual(unlabelled, [], `unlabelled controls on ${where}`);
}

async function shownCount(): Promise<number> {
  const locator = page.getByTestId('tool-count');
  await page.waitForFunction(() => document.querySelector('[data-testid="tool-count"]')?.hasAttribute('data-count'));
  return Number(await locator.getAttribute('data-count'));
}

async function waitForCount(expected: number): Promise<void> {
  await page.waitForFunction((want) => document.querySelector('[data-testid="tool-count"]')?.getAttribute('data-count') === String(want), expected);
}

let accountId: string;
let mcpUrl: string;
let readTools: string[];

test('sign in: an operator API token stays in the tab; a person signs in with email and password into an HttpOnly session', async () => {
  const response = await page.goto(`${running.url}/accounts`);
  assert.equal(response?.status(), 200);
  const csp = response?.headers()['content-security-policy'] ?? '';
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self'(;|$)/);
  await page.waitForURL(/\/sign-in\?next=%2Faccounts$/);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await assertLabelled('sign-in');
  await shot('sign-in', { fullPage: false });

  await page.getByText('Sign in with an API token (operators)').click();
  await page.getByLabel('API token').fill('sb_not-a-real-token');
  await page.getByRole('button', { name: 'Sign in with token' }).click();
  await page.getByText('That API token was not accepted').waitFor();
  assert.equal(await page.getByLabel('API token').getAttribute('aria-invalid'), 'true');
  await page.getByLabel('API token').fill(apiToken);
  await page.getByLabel('API token').press('Enter');
  await page.waitForURL(`${running.url}/accounts`);
  await page.getByRole('heading', { name: 'Integrated accounts' }).waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('switchboard.api_token')), apiToken);
  assert.equal(await page.evaluate(() => localStorage.length), 0);
  assert.equal(await page.evaluate(() => document.cookie), '');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('switchboard.api_token')), null, 'signing out forgets the token');

  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByText('The email or password is wrong.').waitFor();
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(`${running.url}/accounts`);
  await page.getByRole('heading', { name: 'Integrated accounts' }).waitFor();
  assert.match((await page.getByTestId('signed-in-user').textContent()) ?? '', /admin@e2e\.example/);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('switchboard.api_token')), null);
  assert.equal(await page.evaluate(() => document.cookie), '', 'the session cookie is HttpOnly');
  const cookie = (await context.cookies()).find((candidate) => candidate.name === 'switchboard_session');
  assert.equal(cookie?.httpOnly, true);
  assert.equal(cookie?.sameSite, 'Lax');
  await page.getByRole('link', { name: 'Polymer sandbox' }).waitFor();
});

test('integrations catalogue and a connect form generated from the definition; API validation shown on the fields', async () => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrations' }).click();
  await page.getByRole('heading', { name: 'Pinpoint', exact: true }).waitFor();
  const integrations = (await api('/integrations')).body.result as { name: string; tool_count: number }[];
  for (const integration of integrations) {
    await page.getByText(`${integration.tool_count} tools`).first().waitFor();
  }
  await assertLabelled('integrations');
  await shot('integrations');

  await page.getByRole('link', { name: 'Connect account to Pinpoint' }).click();
  await page.waitForURL(/\/catalog\/pinpoint\/connect$/);
  // The fields come from the definition: context (subdomain) and credentials (API key).
  await page.getByLabel('Pinpoint subdomain').fill('acme');
  await page.getByLabel('Account name').fill('Acme recruiting (sandbox)');
  await page.getByLabel('API base URL override').fill(sandbox.url);
  await page.getByRole('button', { name: 'Connect account' }).click();
  // No API key: the API's own message appears next to the field.
  const expected = await api('/integrated-account', { method: 'POST', body: { integration: 'pinpoint', context: { subdomain: 'acme', base_url: sandbox.url }, credentials: {} } });
  assert.equal(expected.status, 400);
  const keyProblem = (expected.body.error.details as { field: string; message: string }[]).find((detail) => detail.field === 'credentials.api_key');
  assert.ok(keyProblem, 'the API reports the missing key');
  const keyField = page.getByLabel('API key', { exact: true });
  await page.waitForFunction(() => document.querySelector('#field-credentials-api_key')?.getAttribute('aria-invalid') === 'true');
  await page.locator('#field-credentials-api_key-error', { hasText: keyProblem.message }).waitFor();
  assert.equal(await keyField.evaluate((element) => element === document.activeElement), true, 'focus moves to the field to fix');

  await keyField.fill(sandboxKey);
  assert.equal(await keyField.getAttribute('type'), 'password');
  await assertLabelled('connect account');
  await shot('connect-account');
  await page.getByRole('button', { name: 'Connect account' }).click();
  await page.waitForURL(/\/accounts\/[^/]+\/tools$/);
  accountId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]!);
  const account = await api(`/integrated-account/${accountId}`);
  assert.equal(account.status, 200);
  assert.equal(account.body.name, 'Acme recruiting (sandbox)');
  assert.deepEqual(account.body.context, { subdomain: 'acme', base_url: sandbox.url });
  assert.equal(JSON.stringify(account.body).includes(sandboxKey), false, 'credentials are never sent back');

  // The new account is listed; its link leads back to its tools.
  await page.getByRole('heading', { name: 'Acme recruiting (sandbox)' }).waitFor();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrated accounts' }).click();
  await page.getByRole('link', { name: 'Acme recruiting (sandbox)' }).waitFor();
  await page.getByText('subdomain:').waitFor();
  await assertLabelled('accounts');
  await shot('accounts');
  await page.getByRole('link', { name: 'Acme recruiting (sandbox)' }).click();
  await page.waitForURL(`${running.url}/accounts/${accountId}/tools`);
});

test('tools: search and filter by method and tag, with the counts the API gives', async () => {
  await page.getByRole('heading', { name: 'Acme recruiting (sandbox)' }).waitFor();
  const all = (await api(`/integrated-account/${accountId}/tools`)).body.result as ToolLike[];
  assert.ok(all.length > 10);
  assert.equal(await shownCount(), all.length);
  assert.equal(await page.locator('[data-tool]').count(), all.length);
  await page.getByRole('tab', { name: /Tools/ }).getByText(String(all.length)).waitFor();

  readTools = ((await api(`/integrated-account/${accountId}/tools?methods=read`)).body.result as { name: string }[]).map((tool) => tool.name).sort();
  assert.ok(readTools.length > 0 && readTools.length < all.length);
  await page.getByRole('checkbox', { name: /^read/ }).check();
  await waitForCount(readTools.length);
  assert.deepEqual((await page.locator('[data-tool]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-tool')))).sort(), readTools);

  const readJobs = (await api(`/integrated-account/${accountId}/tools?methods=read&tags=jobs`)).body.result as { name: string }[];
  await page.getByRole('checkbox', { name: /^jobs/ }).check();
  await waitForCount(readJobs.length);
  assert.ok(readJobs.length < readTools.length);
  await page.getByText(`A server with this filter would expose ${readJobs.length} tool`).waitFor();

  await page.getByLabel('Search tools').fill('stage');
  const matching = readJobs.filter((tool) => toolMatchesSearch(all.find((one) => one.name === tool.name) as ToolLike, 'stage'));
  assert.ok(matching.length > 0 && matching.length < readJobs.length, 'the search narrows the list');
  await page.waitForFunction((want) => document.querySelectorAll('[data-tool]').length === want, matching.length);

  await page.getByLabel('Search tools').fill('');
  await page.getByRole('checkbox', { name: /^jobs/ }).uncheck();
  await waitForCount(readTools.length);

  // A tool opens to its description and a readable input schema.
  const tool = page.locator('details[data-tool="list_all_pinpoint_jobs"]');
  await tool.locator('> summary').click();
  const schema = tool.locator('table.schema-table');
  await schema.getByRole('columnheader', { name: 'Parameter' }).waitFor();
  await schema.getByRole('rowheader', { name: /limit/ }).waitFor();
  await schema.locator('.values code', { hasText: 'confidential' }).first().waitFor();
  await assertLabelled('tools');
  await shot('tools', { height: 1500 });

  await page.setViewportSize({ width: 390, height: 844 });
  await shot('tools-mobile', { height: 844 });
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('create a read-only MCP server: API validation messages, the URL once, client snippets, copy', async () => {
  // From the Tools tab, the current filter (read) pre-fills the form.
  await page.getByRole('button', { name: 'Create MCP server with this filter' }).click();
  await page.waitForURL(/\/servers$/);
  await page.getByRole('heading', { name: 'Create MCP server' }).waitFor();
  const read = page.getByRole('checkbox', { name: /^Read/ });
  assert.equal(await read.isChecked(), true);
  await page.getByTestId('create-preview').getByText(`This server will expose ${readTools.length} tool`).waitFor();

  // Invalid on purpose: a filter no tool matches. The page shows what the API answers, word for word.
  await page.getByLabel('Name', { exact: true }).fill('Recruiting assistant (read-only)');
  await read.uncheck();
  await page.getByRole('checkbox', { name: /^Custom/ }).check();
  await page.getByTestId('create-preview').getByText('No tool matches').waitFor();
  await page.getByRole('button', { name: 'Create server' }).click();
  const refused = await api(`/integrated-account/${accountId}/mcp`, { method: 'POST', body: { name: 'Recruiting assistant (read-only)', config: { methods: ['custom'], require_api_token_auth: false, tool_exposure: 'all' }, expires_at: null } });
  assert.equal(refused.status, 400);
  const alert = page.getByRole('alert').filter({ hasText: 'The server was not created.' });
  await alert.waitFor();
  await alert.getByText(refused.body.error.message, { exact: false }).first().waitFor();
  for (const detail of (refused.body.error.details ?? []) as { message: string }[]) {
    await alert.getByText(detail.message, { exact: false }).first().waitFor();
  }
  assert.equal(await (await api(`/integrated-account/${accountId}/mcp`)).body.result.length, 0, 'nothing was created');
  await shot('create-server-error');

  await page.getByRole('checkbox', { name: /^Custom/ }).uncheck();
  await read.check();
  await page.getByLabel('Expires').selectOption('7d');
  await page.getByTestId('create-preview').getByText(`This server will expose ${readTools.length} tool`).waitFor();
  await assertLabelled('create server');
  await shot('create-server');
  await page.getByRole('button', { name: 'Create server' }).click();

  const field = page.getByTestId('mcp-url');
  await field.waitFor();
  mcpUrl = await field.inputValue();
  assert.match(mcpUrl, new RegExp(`^${running.publicUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/mcp/[A-Za-z0-9_-]{20,}$`));
  await page.getByText("you won't see it again").waitFor();

  await page.getByRole('button', { name: 'Copy URL' }).click();
  await page.getByRole('button', { name: 'Copied', exact: true }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), mcpUrl);

  // Snippets: keyboard through the tabs (arrow keys), each carries the URL.
  const claude = JSON.parse(await page.getByTestId('snippet-claude').innerText());
  assert.deepEqual(claude.mcpServers.recruiting_assistant_read_only.args.slice(0, 3), ['-y', 'mcp-remote', mcpUrl]);
  await page.getByRole('tab', { name: 'Claude Desktop' }).focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getByTestId('snippet-chatgpt').innerText(), mcpUrl);
  await page.getByText('Developer mode', { exact: false }).first().waitFor();
  await page.keyboard.press('ArrowRight');
  assert.equal(JSON.parse(await page.getByTestId('snippet-cursor').innerText()).mcpServers.recruiting_assistant_read_only.url, mcpUrl);
  assert.equal(await page.getByRole('tab', { name: 'Cursor' }).evaluate((element) => element === document.activeElement), true);
  await page.keyboard.press('Home');
  await page.evaluate(() => document.activeElement?.blur());
  await shot('mcp-servers'); // the README's picture: the URL shown once, the client snippets, the list

  await page.getByRole('button', { name: "Done, I've copied it" }).click();
  await page.getByTestId('mcp-url').waitFor({ state: 'detached' });
  const row = page.locator('tr[data-server="Recruiting assistant (read-only)"]');
  await row.waitFor();
  await row.locator('.badge', { hasText: 'read' }).waitFor();
  await row.getByText('in 7 days').waitFor();
  assert.equal(await page.content().then((html) => html.includes(mcpUrl)), false, 'the URL is gone from the page');
  const listed = await api(`/integrated-account/${accountId}/mcp`);
  assert.equal(JSON.stringify(listed.body).includes(mcpUrl.split('/').pop()!), false, 'the API never returns the token again');
});

test('the URL from the page works with the official MCP SDK client and lists only read tools', async () => {
  const client = new Client({ name: 'dashboard-e2e', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(mcpUrl)));
  const { tools } = await client.listTools();
  const names = tools.map((tool) => tool.name).sort();
  assert.deepEqual(names, readTools);
  assert.ok(names.every((name) => /^(list|get)_/.test(name)), `only read tools: ${names.join(', ')}`);
  const result = await client.callTool({ name: 'list_all_pinpoint_jobs', arguments: { limit: 2 } });
  assert.notEqual(result.isError, true, JSON.stringify(result.content).slice(0, 300));
  await client.close();
});

test('edit a server in a dialog', async () => {
  const row = page.locator('tr[data-server="Recruiting assistant (read-only)"]');
  await row.getByRole('button', { name: /^Edit/ }).click();
  const dialog = page.getByRole('dialog', { name: /Edit/ });
  await dialog.waitFor();
  assert.equal(await dialog.getByRole('checkbox', { name: /^Read/ }).isChecked(), true);
  await dialog.getByLabel('Name', { exact: true }).fill('Recruiting assistant');
  await dialog.getByRole('checkbox', { name: /^candidates/ }).check();
  await dialog.getByRole('checkbox', { name: /^jobs/ }).check();
  const narrowed = (await api(`/integrated-account/${accountId}/tools?methods=read&tags=candidates,jobs`)).body.result.length;
  await dialog.getByTestId('edit-preview').getByText(`This server will expose ${narrowed} tool`).waitFor();
  await assertLabelled('edit server');
  await shot('edit-server', { fullPage: false });
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await dialog.waitFor({ state: 'detached' });
  const edited = page.locator('tr[data-server="Recruiting assistant"]');
  await edited.locator('.tag', { hasText: 'candidates' }).waitFor();
  const server = (await api(`/integrated-account/${accountId}/mcp`)).body.result[0];
  assert.equal(server.name, 'Recruiting assistant');
  assert.deepEqual(server.config.methods, ['read']);
  assert.deepEqual([...server.config.tags].sort(), ['candidates', 'jobs']);
  await shot('mcp-servers-list');
});

test('logs: the calls just made, filterable, with a chart', async () => {
  // Keyboard: the account tabs are an ARIA tablist.
  await page.getByRole('tab', { name: /MCP Servers/ }).focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForURL(/\/logs$/);
  assert.equal(await page.getByRole('tab', { name: 'Logs' }).getAttribute('aria-selected'), 'true');
  // Log entries are written in batches: refresh until they are there.
  const table = page.getByTestId('log-table');
  for (let attempt = 0; attempt < 30 && !(await table.getByText('tools/call').count()); attempt++) {
    await page.waitForTimeout(500);
    await page.getByRole('button', { name: 'Refresh' }).click();
  }
  await table.getByText('tools/call').waitFor();
  await table.getByText('tools/list').first().waitFor();
  await table.getByText('list_all_pinpoint_jobs').waitFor();
  const calls = Number(await page.getByTestId('log-calls').innerText());
  assert.ok(calls >= 3, `initialize, tools/list and tools/call are logged (${calls})`);
  assert.match(await page.locator('svg.chart desc').textContent() ?? '', new RegExp(`^${calls} calls? and \\d+ errors? in the last 24 hours`));

  await page.getByLabel('Request', { exact: true }).selectOption('tools/call');
  await page.waitForFunction(() => document.querySelector('[data-testid="log-calls"]')?.textContent === '1');
  await page.getByLabel('Request', { exact: true }).selectOption('');
  await page.waitForFunction((want) => document.querySelector('[data-testid="log-calls"]')?.textContent === String(want), calls);
  await assertLabelled('logs');
  await shot('logs');
});

test('revoke in the UI: the URL is refused at once', async () => {
  await page.getByRole('tab', { name: /MCP Servers/ }).click();
  const row = page.locator('tr[data-server="Recruiting assistant"]');
  const revoke = row.getByRole('button', { name: /^Revoke/ });
  // Escape closes the dialog without revoking, and focus returns to the button that opened it.
  await revoke.click();
  const dialog = page.getByRole('dialog', { name: /Revoke/ });
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await page.waitForFunction((element) => element === document.activeElement, await revoke.elementHandle(), { timeout: 2000 });
  await page.keyboard.press('Enter');
  await dialog.getByText('stops working immediately').waitFor();
  await shot('revoke-server', { fullPage: false });
  await dialog.getByRole('button', { name: 'Revoke server' }).click();
  await row.waitFor({ state: 'detached' });
  await page.getByText('No MCP servers yet').waitFor();

  const response = await fetch(mcpUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'e2e', version: '1' } } }),
  });
  assert.equal(response.status, 404);
  const client = new Client({ name: 'dashboard-e2e', version: '1.0.0' });
  await assert.rejects(client.connect(new StreamableHTTPClientTransport(new URL(mcpUrl))));
});

test('API tokens: create one (shown once), see it listed and used, revoke another with a confirmation', async () => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API tokens' }).click();
  await page.waitForURL(`${running.url}/api-tokens`);
  const defaultRow = page.locator('tr[data-token="default"]');
  await defaultRow.waitFor();
  assert.equal(await page.getByText('This session').count(), 0, 'a person signed in with a session: no token is "this session"');

  await page.getByRole('button', { name: 'Create API token' }).click();
  await page.getByRole('button', { name: 'Create token' }).click();
  assert.match(await page.locator('#token-name-error').innerText(), /must not be empty/); // the API's message, under the field
  assert.equal(await page.getByLabel('Name').getAttribute('aria-invalid'), 'true');
  await page.getByLabel('Name').fill('CI pipeline');
  await page.getByLabel('Expires').selectOption('30d');
  await assertLabelled('api-tokens (create)');
  await page.getByRole('button', { name: 'Create token' }).click();
  const secret = await page.getByTestId('new-token').inputValue();
  assert.match(secret, /^sb_[\w-]{43}$/);
  await page.getByText("Copy this token now — you won't see it again.").waitFor();
  await page.getByRole('button', { name: 'Copy token' }).click();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret);
  await shot('api-tokens', { fullPage: false });
  await page.getByRole('button', { name: "Done, I've copied it" }).click();
  await page.getByTestId('new-token').waitFor({ state: 'detached' });
  assert.equal(await page.getByText(secret).count(), 0, 'the secret is gone from the page');

  const row = page.locator('tr[data-token="CI pipeline"]');
  await row.getByText('Never').waitFor(); // not used yet
  assert.equal((await fetch(`${running.url}/integrations`, { headers: { authorization: `Bearer ${secret}` } })).status, 200);
  await page.reload();
  await row.locator('time').nth(1).waitFor(); // last used: now a time
  assert.match(await row.innerText(), /in 4 weeks|in 30 days|in 1 month/, 'expires in 30 days');

  await row.getByRole('button', { name: /^Revoke/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Revoke “CI pipeline”?' });
  await dialog.getByText('refused immediately').waitFor();
  await dialog.getByRole('button', { name: 'Revoke token' }).click();
  await row.waitFor({ state: 'detached' });
  assert.equal((await fetch(`${running.url}/integrations`, { headers: { authorization: `Bearer ${secret}` } })).status, 401);
  await defaultRow.waitFor();
  await assertLabelled('api-tokens');
});

test('a malformed address shows the not-found page', async () => {
  const response = await page.goto(`${running.url}/accounts/%E0%A4%A/tools`);
  assert.equal(response?.status(), 200);
  await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  await page.getByRole('link', { name: 'Go to integrated accounts' }).click();
  await page.getByRole('heading', { name: 'Integrated accounts' }).waitFor();
});

test('the page stayed on its origin, kept secrets out of URLs, and logged no errors', async () => {
  const origin = new URL(running.url).origin;
  const foreign = requested.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:'));
  assert.deepEqual(foreign, [], 'no request leaves the origin (no CDN, no fonts, no telemetry)');
  const token = mcpUrl.split('/').pop()!;
  assert.deepEqual(requested.filter((url) => url.includes(apiToken) || url.includes(token)), [], 'no secret in any URL');
  assert.deepEqual(consoleProblems, [], 'no console errors or CSP violations');

  // The dashboard does not shadow the API: API paths still answer as the API, client routes as the page.
  const unauthenticated = await fetch(`${running.url}/integrations`);
  assert.equal(unauthenticated.status, 401);
  assert.match(unauthenticated.headers.get('content-type') ?? '', /application\/json/);
  const route = await fetch(`${running.url}/accounts/${accountId}/logs`);
  assert.equal(route.status, 200);
  assert.match(route.headers.get('content-type') ?? '', /text\/html/);

  // Signing out ends the session in the store, not just on the page.
  const sessionId = (await context.cookies()).find((candidate) => candidate.name === 'switchboard_session')!.value;
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  const after = await fetch(`${running.url}/auth/session`, { headers: { cookie: `switchboard_session=${sessionId}` } });
  assert.equal(after.status, 401);
});

test('revoking the token this tab is signed in with asks first, then signs the tab out', async () => {
  const other = await api('/api-token', { method: 'POST', body: { name: 'Laptop' } });
  assert.equal(other.status, 201);
  await page.goto(`${running.url}/sign-in?next=%2Fapi-tokens`);
  await page.getByText('Sign in with an API token (operators)').click();
  await page.getByLabel('API token').fill(other.body.token);
  await page.getByLabel('API token').press('Enter');
  await page.waitForURL(`${running.url}/api-tokens`);
  const row = page.locator('tr[data-token="Laptop"]');
  await row.getByText('This session').waitFor();

  await row.getByRole('button', { name: /^Revoke/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Revoke the token you are signed in with?' });
  await dialog.getByText('This tab is signed in with “Laptop”. Revoking it signs you out at once').waitFor();
  await shot('revoke-own-token', { fullPage: false });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal((await fetch(`${running.url}/integrations`, { headers: { authorization: `Bearer ${other.body.token}` } })).status, 200, 'cancelled: nothing revoked');

  await row.getByRole('button', { name: /^Revoke/ }).click();
  await dialog.getByRole('button', { name: 'Revoke and sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByText('You revoked “Laptop”, the API token this tab was signed in with.').waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('switchboard.api_token')), null);
  assert.equal((await fetch(`${running.url}/integrations`, { headers: { authorization: `Bearer ${other.body.token}` } })).status, 401);
  assert.equal((await api('/integrations')).status, 200, 'the other token still works');
});
