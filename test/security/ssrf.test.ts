// Injection and SSRF: account context values and path arguments are checked and encoded so that no request reaches
// another host or another path. An "attacker" server listens on loopback the whole time and must see nothing; the
// legitimate upstream must see only single encoded path segments under its API path.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import { json, startTestServer, upstreamAllowlist, type TestServer } from '../api/harness.ts';
import { callTool } from '../helpers/gateway-client.ts';
import { startFaultUpstream, type FaultUpstream } from '../helpers/fault-upstream.ts';
import { httpRequest } from '../helpers/raw-http.ts';
import { startRecorder, type Recorder } from '../helpers/recorder.ts';

const fixtures = new URL('../api/fixtures/integrations/', import.meta.url).pathname;
const shipped = new URL('../../integrations/', import.meta.url).pathname;

let attacker: Recorder;
let upstream: FaultUpstream;
let integrationsDir: string;

before(async () => {
  attacker = await startRecorder();
  upstream = await startFaultUpstream({ redirectTo: `${attacker.url}/steal` });
  integrationsDir = mkdtempSync(join(tmpdir(), 'switchboard-ssrf-'));
  cpSync(join(fixtures, 'acme'), join(integrationsDir, 'acme'), { recursive: true });
  cpSync(join(shipped, 'pinpoint'), join(integrationsDir, 'pinpoint'), { recursive: true });
  // The riskiest definition shape: the whole host comes from the account, with no pattern, on the attacker's port.
  mkdirSync(join(integrationsDir, 'wholehost'));
  writeFileSync(join(integrationsDir, 'wholehost', 'definition.yaml'), `
format_version: 2
name: wholehost
label: Whole Host
description: A definition whose whole host comes from the account context.
base_url: http://{host}:${attacker.port}/api
context:
  host: { label: Host }
credentials:
  api_key: { label: API key }
auth: { kind: header, header: X-API-KEY, value: '{api_key}' }
resources:
  widgets:
    methods:
      get:
        http_method: GET
        path: /widgets/{id}
        docs: { description: Get one widget. }
`);
});

after(async () => {
  rmSync(integrationsDir, { recursive: true, force: true });
  await Promise.all([attacker.close(), upstream.close()]);
});

function assertAttackerSawNothing(): void {
  assert.equal(attacker.connections, 0, `the attacker's server was contacted: ${JSON.stringify(attacker.requests.slice(0, 3))}`);
}

async function gateway(t: TestContext, env: Record<string, string> = upstreamAllowlist(upstream.url)): Promise<TestServer> {
  const server = await startTestServer(t, { integrationsDir, env, cacheTtlMs: 0 });
  t.after(() => server.logs.assertFree([server.token, upstream.marker, 'ssrf-key']));
  return server;
}

async function mcpServerFor(server: TestServer, accountId: string): Promise<string> {
  const created = await json(await server.api(`/integrated-account/${accountId}/mcp`, { method: 'POST', body: { name: 'ssrf' } }));
  return created.url as string;
}

/**
 * Hostile values for a subdomain: other hosts, other paths, header injection, IP literals, odd dots. (A bare number
 * such as 2130706433 is a valid label: under a fixed suffix it names 2130706433.pinpointhq.com, not an address.)
 */
const hostileHostValues = [
  'evil.example', 'evil.example/', 'a/../../admin', '../', '..', '.', 'a%2fb', 'a%2Fb', 'evil.example#', 'evil.example?', 'a@evil.example',
  'evil.example:80', 'a\r\nHost: evil.example', 'a\nX-Injected: 1', 'a b', '127.0.0.1', '127.1', '0177.0.0.1',
  '169.254.169.254', '[::1]', '::1', '[::ffff:7f00:1]', '127。0。0。1', 'evil。example', 'ｅｖｉｌ', 'localhost.', 'a.localhost',
  'a\u0000b', '\ud800', 'A', '',
];

test('hostile subdomains are refused when an account is saved, and a bad stored one is refused at call time', async (t) => {
  const server = await gateway(t);
  const credentials = { api_key: 'ssrf-key' };
  for (const integration of ['pinpoint', 'acme']) {
    for (const subdomain of hostileHostValues) {
      const created = await server.api('/integrated-account', { method: 'POST', body: { integration, context: { subdomain }, credentials } });
      assert.equal(created.status, 400, `${integration} subdomain ${JSON.stringify(subdomain)} was accepted`);
      assert.ok((await json(created)).error.details.some((problem: { field: string }) => problem.field.startsWith('context')), JSON.stringify(subdomain));
    }
  }
  // PATCH runs the same checks; the stored value is unchanged.
  const account = await json(await server.api('/integrated-account', { method: 'POST', body: { integration: 'acme', context: { subdomain: 'acme' }, credentials } }));
  for (const subdomain of hostileHostValues) {
    const patched = await server.api(`/integrated-account/${account.id}`, { method: 'PATCH', body: { context: { subdomain } } });
    assert.equal(patched.status, 400, `PATCH to ${JSON.stringify(subdomain)}`);
  }
  assert.deepEqual((await json(await server.api(`/integrated-account/${account.id}`))).context, { subdomain: 'acme' });

  // Values that reached the store some other way (an older release, a hand-edited row) are checked again per call.
  const url = await mcpServerFor(server, account.id);
  for (const subdomain of hostileHostValues.filter(Boolean)) {
    await server.running.store.updateAccount(server.tenant.id, account.id, { context: { subdomain } });
    server.running.services.access.invalidate();
    const called = await callTool(url, 'get_single_acme_widget_by_id', { id: '1' });
    assert.equal(called.isError, true, JSON.stringify(subdomain));
    assert.match(called.toolText, /Cannot call Acme HR: the account's "subdomain" setting is not valid/, JSON.stringify(subdomain));
    const proxied = await server.api(`/proxy/widgets/1?integrated_account_id=${account.id}`);
    assert.equal(proxied.status, 400, JSON.stringify(subdomain));
  }
  assertAttackerSawNothing();
});

test('a host made entirely of a context value cannot be an IP literal or a local name', async (t) => {
  const server = await gateway(t);
  const ipOrLocal = ['127.0.0.1', '127.1', '2130706433', '0x7f000001', '0177.0.0.1', '169.254.169.254', '10.0.0.1', '[::1]', '[::ffff:7f00:1]',
    '127。0。0。1', 'localhost', 'LOCALHOST', 'a.localhost', 'localhost.'];
  for (const host of ipOrLocal) {
    const created = await server.api('/integrated-account', { method: 'POST', body: { integration: 'wholehost', context: { host }, credentials: { api_key: 'k' } } });
    assert.equal(created.status, 400, `host ${host} was accepted`);
    assert.match(JSON.stringify(await json(created)), /an IP address or local name|not a valid URL|do not make a valid/, host);
  }
  // Stored anyway: the engine refuses at call time, before any connection.
  const account = await json(await server.api('/integrated-account', { method: 'POST', body: { integration: 'wholehost', context: { host: 'api.example.invalid' }, credentials: { api_key: 'k' } } }));
  assert.ok(account.id, JSON.stringify(account));
  const url = await mcpServerFor(server, account.id);
  for (const host of ipOrLocal) {
    await server.running.store.updateAccount(server.tenant.id, account.id, { context: { host } });
    server.running.services.access.invalidate();
    const called = await callTool(url, 'get_single_wholehost_widget_by_id', { id: '1' });
    assert.equal(called.isError, true, host);
    assert.match(called.toolText, /Cannot call Whole Host/, host);
  }
  assertAttackerSawNothing();
});

test('path arguments stay one encoded segment under the API path, through MCP and the Proxy API', async (t) => {
  const server = await gateway(t);
  const account = await json(await server.api('/integrated-account', { method: 'POST', body: { integration: 'acme', context: { subdomain: 'acme', base_url: upstream.url }, credentials: { api_key: 'k' } } }));
  const url = await mcpServerFor(server, account.id);
  const hostileIds = [
    '../admin', '..', '.', '../../../etc/passwd', 'a/b', 'a\\b', '..\\admin', '%2e%2e', '%2e%2e%2fadmin', '..%2fadmin', '..%2Fadmin', '%2f', '%252f',
    'a#frag', 'a?admin=1', 'a&b=c', '@evil.example', 'a@evil.example', 'http://evil.example/', '//evil.example', `127.0.0.1:${attacker.port}`,
    'a\r\nX-Injected: 1', 'a\nb', 'a\u0000', '%0d%0aX-Injected:%201', '\u2025', '．．', '\uff0e\uff0e\uff0fadmin', 'a\u2028b', '\ud800', 'ok',
  ];
  const before = upstream.requests.length;
  let refused = 0;
  for (const id of hostileIds) {
    const called = await callTool(url, 'get_single_acme_widget_by_id', { id });
    if (called.isError && /Invalid arguments/.test(called.toolText)) refused++;
  }
  const seen = upstream.requests.slice(before);
  for (const request of seen) {
    assert.match(request.path, /^\/api\/widgets\/[^/]+$/, `one segment under /api/widgets: ${request.path}`);
    const segment = decodeURIComponent(request.path.slice('/api/widgets/'.length));
    assert.ok(hostileIds.includes(segment), `the segment decodes to the argument as given: ${segment}`);
    assert.equal(request.headers['x-injected'], undefined);
  }
  t.diagnostic(`MCP: ${hostileIds.length} hostile ids, ${refused} refused as invalid arguments, ${seen.length} sent as one encoded segment`);
  assert.ok(refused >= 12, 'dot segments, slashes, backslashes, control characters and lone surrogates are refused');

  // The Proxy API takes the id from its own path: send raw paths (no client-side normalization).
  const proxyPaths = ['..%2Fadmin', '%2e%2e', '%2E%2E%2Fadmin', '..%5Cadmin', 'a%23frag', 'a%3Fadmin=1', '%40evil.example', 'a%0D%0AX-Injected:%201',
    '%C0%AE%C0%AE', '%ED%A0%80', 'http:%2F%2Fevil.example', 'ok'];
  const proxyBefore = upstream.requests.length;
  for (const path of proxyPaths) {
    const answer = await httpRequest(server.running.url, {
      path: `/proxy/widgets/${path}?integrated_account_id=${account.id}`, headers: [['authorization', `Bearer ${server.token}`]],
    });
    assert.ok(answer.status < 500, `${path}: ${answer.status} ${answer.body}`);
  }
  for (const request of upstream.requests.slice(proxyBefore)) assert.match(request.path, /^\/api\/widgets\/[^/]+$/, request.path);
  assertAttackerSawNothing();
});

test('base_url overrides: refused without SWITCHBOARD_UPSTREAM_ALLOWLIST, limited to its exact origins when set', async (t) => {
  const closed = await gateway(t, {});
  const refused = await closed.api('/integrated-account', { method: 'POST', body: { integration: 'acme', context: { subdomain: 'acme', base_url: attacker.url }, credentials: { api_key: 'k' } } });
  assert.equal(refused.status, 400);
  assert.match(JSON.stringify(await json(refused)), /http:\/\/127\.0\.0\.1:\d+ is not an upstream origin this server allows; the operator lists the origins base_url may use in SWITCHBOARD_UPSTREAM_ALLOWLIST/);

  const server = await gateway(t);
  const attempt = (base_url: string) => server.api('/integrated-account', { method: 'POST', body: { integration: 'acme', context: { subdomain: 'acme', base_url }, credentials: { api_key: 'k' } } });
  const port = new URL(upstream.origin).port;
  for (const allowed of [upstream.url, `${upstream.origin}/`, `${upstream.origin}/other/path`, `http://0x7f.0.0.1:${port}/api`]) {
    assert.equal((await attempt(allowed)).status, 201, allowed);
  }
  for (const other of [attacker.url, `http://localhost:${port}/api`, `https://127.0.0.1:${port}/api`, `http://127.0.0.1:${port}@127.0.0.1:${attacker.port}/api`,
    `http://127.0.0.1:${port}.evil.example/api`, `http://[::1]:${port}/api`, 'http://169.254.169.254/latest/meta-data', 'file:///etc/passwd', 'gopher://127.0.0.1:25/']) {
    const answer = await attempt(other);
    assert.equal(answer.status, 400, `${other} was accepted`);
  }
  const account = await json(await attempt(upstream.url));
  const patched = await server.api(`/integrated-account/${account.id}`, { method: 'PATCH', body: { context: { base_url: attacker.url } } });
  assert.equal(patched.status, 400, 'PATCH is checked as well');
  assert.match(JSON.stringify(await json(patched)), /is not an upstream origin this server allows; the operator lists the origins base_url may use in SWITCHBOARD_UPSTREAM_ALLOWLIST/);

  // An override stored while its origin was allowed (the operator removed it since) is refused per call.
  const url = await mcpServerFor(server, account.id);
  await server.running.store.updateAccount(server.tenant.id, account.id, { context: { subdomain: 'acme', base_url: `${attacker.url}/api` } });
  server.running.services.access.invalidate();
  const called = await callTool(url, 'get_single_acme_widget_by_id', { id: '1' });
  assert.equal(called.isError, true);
  assert.match(called.toolText, /base_url override is not an upstream origin this server allows \(SWITCHBOARD_UPSTREAM_ALLOWLIST\)/);
  assert.equal((await server.api(`/proxy/widgets/1?integrated_account_id=${account.id}`)).status, 400);
  assertAttackerSawNothing();
});

test('a credential cannot inject headers into the upstream request', async (t) => {
  const server = await gateway(t);
  const before = upstream.requests.length;
  for (const api_key of ['k\r\nX-Injected: 1', 'k\nX-Injected: 1', 'k\u0000', 'ключ']) {
    const body = { integration: 'acme', context: { subdomain: 'acme', base_url: upstream.url }, credentials: { api_key } };
    let account = await json(await server.api('/integrated-account', { method: 'POST', body }));
    if (/[\u0000-\u001f]/.test(api_key)) {
      // Refused at save time (naming the field); written behind the API's back to test the per-call check as well.
      assert.equal(account.error.details[0].field, 'credentials.api_key');
      account = await json(await server.api('/integrated-account', { method: 'POST', body: { ...body, credentials: { api_key: 'fine' } } }));
      await server.running.store.updateAccount(server.tenant.id, account.id, { credentials_encrypted: server.running.services.secrets.encrypt({ api_key }) });
    }
    const called = await callTool(await mcpServerFor(server, account.id), 'get_single_acme_widget_by_id', { id: 'ok' });
    assert.equal(called.isError, true, JSON.stringify(api_key));
    assert.match(called.toolText, /credential (contains a line break|holds a character not allowed in an HTTP header)/);
  }
  assert.equal(upstream.requests.length, before, 'no request was sent with a broken credential');
});

test('a redirect to another host is not followed, so the credentials never go there', async (t) => {
  const server = await gateway(t);
  const account = await json(await server.api('/integrated-account', { method: 'POST', body: { integration: 'acme', context: { subdomain: 'acme', base_url: upstream.url }, credentials: { api_key: 'ssrf-key' } } }));
  const called = await callTool(await mcpServerFor(server, account.id), 'get_single_acme_widget_by_id', { id: 'redirect' });
  assert.equal(called.isError, true);
  assert.match(called.toolText, /answered 302 with a redirect to http:\/\/127\.0\.0\.1:\d+\/steal; redirects are not followed/);
  assert.equal((await server.api(`/proxy/widgets/redirect?integrated_account_id=${account.id}`)).status, 502);
  assert.ok(upstream.requests.some((request) => request.path === '/api/widgets/redirect' && request.headers['x-api-key'] === 'ssrf-key'), 'the upstream got the call');
  assertAttackerSawNothing();
});
