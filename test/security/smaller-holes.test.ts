// Issue 11, point 9: smaller holes, each attacked. (a) a failing integrations watcher (symlink loop, directory
// removed) is logged and the last good catalog keeps serving; (b) refusing a base_url never reveals the operator's
// allowlist; (c) the SQLite files are 0600 whatever the umask or directory mode; (d) credentials with edge
// whitespace or control characters are refused at save time, naming the field; (e) unexpected exceptions are logged
// with an error id that the caller also gets. (The dashboard's not-found page is in test/dashboard.)
import assert from 'node:assert/strict';
import { chmodSync, cpSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger } from '../../src/logger.ts';
import { SqliteStore, databaseFileName } from '../../src/store/sqlite.ts';
import { Catalog, type WatchEvent } from '../../src/tools/catalog.ts';
import { captureLogs, fixtureIntegrations, json, startTestServer, upstreamAllowlist } from '../api/harness.ts';
import { eventually } from '../helpers/eventually.ts';
import { post, startMcpTestServer } from '../mcp/harness.ts';
import { tempDir } from '../store/temp-dir.ts';

test('(a) a symlink loop or a removed directory stops the watcher, which is reported; the loaded catalog keeps serving and watching resumes', { timeout: 120_000 }, async (t) => {
  const dir = tempDir(t);
  const integrations = join(dir, 'integrations');
  cpSync(fixtureIntegrations, integrations, { recursive: true });
  const catalog = await Catalog.load(integrations);
  t.after(() => catalog.close());
  const events: WatchEvent[] = [];
  catalog.watch((event) => events.push(event));

  symlinkSync('loop-b', join(integrations, 'loop-a'));
  symlinkSync('loop-a', join(integrations, 'loop-b'));
  await eventually('the watcher failure is reported', () => events.some((event) => 'watcher' in event && event.watcher === 'failed'));
  const failure = events.find((event): event is Extract<WatchEvent, { watcher: 'failed' }> => 'watcher' in event && event.watcher === 'failed')!;
  assert.match(failure.error.message, /ELOOP/);
  assert.ok(catalog.get('acme'), 'the last good catalog keeps serving');

  rmSync(join(integrations, 'loop-a'));
  rmSync(join(integrations, 'loop-b'));
  await eventually('watching resumes', () => events.some((event) => 'watcher' in event && event.watcher === 'resumed'));
  const definition = join(integrations, 'acme', 'definition.yaml');
  writeFileSync(definition, readFileSync(definition, 'utf8').replace('label: Acme HR', 'label: Acme People'));
  await eventually('an edit is picked up again', () => catalog.get('acme')?.definition.label === 'Acme People');

  rmSync(integrations, { recursive: true });
  await eventually('the removed directory is reported', () => events.some((event) => 'watcher' in event && event.watcher === 'failed' && /was removed/.test(event.error.message)));
  assert.equal(catalog.get('acme')?.definition.label, 'Acme People', 'still serving what was loaded');

  // The directory comes back (a deploy replaced it): watching resumes and reads every definition again.
  const resumed = events.filter((event) => 'watcher' in event && event.watcher === 'resumed').length;
  cpSync(fixtureIntegrations, integrations, { recursive: true });
  await eventually('watching resumes with the new directory', () => events.filter((event) => 'watcher' in event && event.watcher === 'resumed').length > resumed, 90_000);
  await eventually('its definitions are read again', () => catalog.get('acme')?.definition.label === 'Acme HR');
});

test('(a) through the server: the failure is logged and the process keeps answering', { timeout: 60_000 }, async (t) => {
  const integrations = join(tempDir(t), 'integrations');
  cpSync(fixtureIntegrations, integrations, { recursive: true });
  const server = await startTestServer(t, { integrationsDir: integrations, overrides: { watchIntegrations: true } });
  symlinkSync('self', join(integrations, 'self'));
  await eventually('the failure is logged', () => server.logs.text().includes('watching the integrations directory failed'));
  assert.equal((await server.api('/integrations')).status, 200);
  assert.equal((await json(await server.api('/integrations'))).result[0].name, 'acme');
});

test('(b) refusing a base_url does not reveal SWITCHBOARD_UPSTREAM_ALLOWLIST, on the API nor in a tool error', async (t) => {
  const allowed = 'http://127.0.0.1:4999';
  const server = await startTestServer(t, { env: upstreamAllowlist(allowed, 'https://internal-proxy.corp.example') });
  const account = { integration: 'acme', context: { subdomain: 'acme', base_url: 'http://127.0.0.1:5000/api' }, credentials: { api_key: 'k' } };
  const refused = await server.api('/integrated-account', { method: 'POST', body: account });
  assert.equal(refused.status, 400);
  const text = await refused.text();
  assert.match(text, /is not an upstream origin this server allows/);
  assert.equal(text.includes('4999') || text.includes('internal-proxy'), false, 'no allowed origin is listed');

  const closed = await startTestServer(t);
  const closedText = await (await closed.api('/integrated-account', { method: 'POST', body: account })).text();
  assert.equal(JSON.parse(closedText).error.details[0].message, JSON.parse(text).error.details[0].message, 'an empty list reads the same as any other');

  const created = await json(await server.api('/integrated-account', { method: 'POST', body: { ...account, context: { subdomain: 'acme', base_url: `${allowed}/api` } } }));
  await server.running.store.updateAccount(server.tenant.id, created.id, { context: { subdomain: 'acme', base_url: 'http://10.0.0.7/api' } });
  const mcp = await json(await server.api(`/integrated-account/${created.id}/mcp`, { method: 'POST', body: { name: 'agent' } }));
  const called = await json(await post(mcp.url, { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'get_single_acme_widget_by_id', arguments: { id: '1' } } }));
  const toolText = called.result.content[0].text as string;
  assert.match(toolText, /base_url override is not an upstream origin this server allows/);
  assert.equal(toolText.includes('4999') || toolText.includes('internal-proxy') || toolText.includes('10.0.0.7'), false);
});

test('(c) the SQLite database, WAL and shared-memory files are 0600 with umask 000 in a 0777 directory, and existing files are narrowed', async (t) => {
  const dir = tempDir(t);
  chmodSync(dir, 0o777);
  const previous = process.umask(0o000);
  t.after(() => process.umask(previous));
  const store = SqliteStore.open(dir);
  await store.migrate();
  await store.createTenant('Acme');
  const file = join(dir, databaseFileName);
  const modes = () => [file, `${file}-wal`, `${file}-shm`].map((path) => (statSync(path).mode & 0o777).toString(8));
  assert.deepEqual(modes(), ['600', '600', '600']);
  await store.close();

  chmodSync(file, 0o644);
  writeFileSync(`${file}-wal`, '', { mode: 0o666 });
  chmodSync(`${file}-wal`, 0o666);
  const reopened = SqliteStore.open(dir);
  t.after(() => reopened.close());
  await reopened.createTenant('Other');
  assert.deepEqual(modes(), ['600', '600', '600']);
});

test('(d) credentials with leading or trailing whitespace or control characters are refused at save time, naming the field, never echoing it', async (t) => {
  const server = await startTestServer(t);
  const before = (await json(await server.api('/integrated-account'))).result.length;
  const secret = 'sk-live-4f9a';
  for (const [api_key, problem] of [
    [` ${secret}`, /begins or ends with spaces or line breaks/], [`${secret}\n`, /begins or ends with spaces or line breaks/], [`${secret}\t`, /begins or ends/],
    [`${secret}\r\nX-Injected: 1`, /contains a control character/], [`${secret}\u0000`, /contains a control character/], [`sk\u0085live`, /contains a control character/],
  ] as const) {
    const refused = await server.api('/integrated-account', { method: 'POST', body: { integration: 'acme', context: { subdomain: 'acme' }, credentials: { api_key } } });
    assert.equal(refused.status, 400, JSON.stringify(api_key));
    const body = await json(refused);
    assert.deepEqual(body.error.details.map((detail: { field: string }) => detail.field), ['credentials.api_key']);
    assert.match(body.error.details[0].message, problem);
    assert.equal(JSON.stringify(body).includes(secret), false, 'the value is not echoed');
  }
  const created = await json(await server.api('/integrated-account', { method: 'POST', body: { integration: 'acme', context: { subdomain: 'acme' }, credentials: { api_key: 'fine' } } }));
  const patched = await server.api(`/integrated-account/${created.id}`, { method: 'PATCH', body: { credentials: { api_key: 'rotated ' } } });
  assert.equal(patched.status, 400, 'PATCH is checked the same way');
  assert.equal((await json(await server.api('/integrated-account'))).result.length, before + 1);
});

test('(e) unexpected exceptions: the MCP handler, tool execution and the Proxy API answer with an error id, which the log line carries', async (t) => {
  const { destination, logs } = captureLogs();
  let failLookups = false;
  const mcp = await startMcpTestServer({
    logger: createLogger({ level: 'info', destination }),
    execute: async () => {
      throw new TypeError('engine bug: cannot read properties of undefined');
    },
  });
  t.after(() => mcp.close());
  const resolve = mcp.deps.resolveServer;
  mcp.deps.resolveServer = async (token) => {
    if (failLookups) throw new Error('store bug');
    return resolve(token);
  };
  const { url } = mcp.add();
  const errorIdIn = (text: string) => /error id ([0-9a-f]{12})/.exec(text)?.[1];
  const logged = (id: string) => logs.text().split('\n').filter(Boolean).map((line) => JSON.parse(line)).find((line) => line.error_id === id);

  const called = await (await post(url, { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'list_all_pinpoint_jobs', arguments: {} } })).json();
  assert.equal(called.result.isError, true);
  const toolErrorId = errorIdIn(called.result.content[0].text);
  assert.ok(toolErrorId, called.result.content[0].text);
  assert.match(logged(toolErrorId)!.err.message, /engine bug/);
  assert.equal(called.result.content[0].text.includes('engine bug'), false, 'the details stay in the log');

  failLookups = true;
  const failed = await post(url, { jsonrpc: '2.0', id: 2, method: 'tools/list' });
  assert.equal(failed.status, 500);
  const handlerErrorId = errorIdIn((await failed.json()).error.message);
  assert.ok(handlerErrorId);
  assert.equal(logged(handlerErrorId)!.msg, 'MCP request failed');

  const server = await startTestServer(t, { env: upstreamAllowlist('http://127.0.0.1:9') });
  const account = await json(await server.api('/integrated-account', { method: 'POST', body: { integration: 'acme', context: { subdomain: 'acme', base_url: 'http://127.0.0.1:9/api' }, credentials: { api_key: 'k' } } }));
  server.running.services.accounts.connect = async () => {
    throw new RangeError('proxy bug');
  };
  const proxied = await server.api(`/proxy/widgets?integrated_account_id=${account.id}`);
  assert.equal(proxied.status, 500);
  const body = await json(proxied);
  assert.match(body.error.message, /^Internal error \(error id [0-9a-f]{12}\); the server log has the details\.$/);
  await sleep(10);
  assert.match(server.logs.text(), new RegExp(`"error_id":"${body.error.error_id}".*"msg":"admin API request failed"`));
  assert.equal(JSON.stringify(body).includes('proxy bug'), false);
});
