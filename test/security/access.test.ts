// Access: tenant isolation on every admin route (enumerated from the app, so a new route cannot slip through), MCP
// server filters on every way to reach a tool, expired and revoked URLs, and token brute force: only 404s, then 429.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test, type TestContext } from 'node:test';
import { createApp } from '../../src/api/app.ts';
import { loadConfig } from '../../src/config.ts';
import { GuessLimiter } from '../../src/security/guess-limiter.ts';
import { generateMcpToken } from '../../src/security/tokens.ts';
import { json, startTestServer, upstreamAllowlist, type TestServer } from '../api/harness.ts';
import { eventually } from '../helpers/eventually.ts';
import { callTool, mcpHeaders, rpc } from '../helpers/gateway-client.ts';
import { startFaultUpstream, type FaultUpstream } from '../helpers/fault-upstream.ts';

let upstream: FaultUpstream;
before(async () => { upstream = await startFaultUpstream(); });
after(() => upstream.close());

interface Tenant {
  api(path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  accountId: string;
  server: { id: string; token: string; url: string };
}

async function gateway(t: TestContext, env: Record<string, string> = {}, overrides: { now?: () => number } = {}) {
  const server = await startTestServer(t, { env: { ...upstreamAllowlist(upstream.url), ...env }, overrides });
  const secrets: string[] = [server.token];
  t.after(() => server.logs.assertFree(secrets));
  const setUp = async (api: TestServer['api'], config: Record<string, unknown> = {}): Promise<Tenant> => {
    const account = await json(await api('/integrated-account', { method: 'POST', body: { integration: 'acme', context: { subdomain: 'acme', base_url: upstream.url }, credentials: { api_key: `key-${randomBytes(4).toString('hex')}` } } }));
    const created = await json(await api(`/integrated-account/${account.id}/mcp`, { method: 'POST', body: { name: 'agent', config } }));
    assert.ok(created.token, JSON.stringify(created));
    secrets.push(created.token);
    return { api, accountId: account.id, server: created };
  };
  return { server, setUp };
}

const fetchAs = (server: TestServer, token: string): TestServer['api'] => (path, init = {}) => fetch(`${server.running.url}${path}`, {
  method: init.method ?? 'GET',
  headers: { authorization: `Bearer ${token}`, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
  ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
});

/** Admin routes without path parameters, and why each needs no per-object check (or which check it gets). */
const unparameterized: Record<string, string> = {
  'GET /health': 'public probe',
  'GET /ready': 'public probe',
  'GET /metrics': 'node metrics, no tenant data',
  'GET /*': 'dashboard files (public)',
  'HEAD /*': 'dashboard files (public)',
  'ALL /*': 'middleware (body limit, API token)',
  'GET /integrations': 'the catalog, shared by all tenants',
  'GET /openapi.json': 'the admin API description, no tenant data',
  'POST /integrated-account': 'checked below: creates in the caller tenant only',
  'GET /integrated-account': "checked below: lists the caller's accounts only",
  'GET /log': "checked below: the caller's entries only, whatever the filter",
  'GET /api-token': "checked below: lists the caller's tokens only",
  'POST /api-token': 'creates a token of the caller tenant only (test/api/api-tokens.test.ts)',
  'ALL /auth/*': 'middleware (body limit of the sign-in routes)',
  'GET /auth/options': 'what the sign-in page offers, no tenant data',
  'POST /auth/sign-in': 'answers the signing-in user only (test/auth/sessions.test.ts)',
  'GET /auth/session': "the caller's own session only",
  'POST /auth/tenant': "only a tenant the user is a member of (test/auth/sessions.test.ts)",
  'POST /auth/sign-out': "the caller's own session only",
  'GET /auth/oidc/start': 'single sign-on redirect, no tenant data',
  'GET /auth/oidc/callback': 'single sign-on return (test/auth/oidc.test.ts)',
  'ALL /.well-known/*': 'CORS headers of the OAuth metadata',
  'OPTIONS /.well-known/*': 'CORS preflight',
  'GET /.well-known/*': 'OAuth metadata: public by design; per MCP URL only for its token holder (test/oauth)',
  'ALL /register': 'CORS headers of client registration',
  'OPTIONS /register': 'CORS preflight',
  'POST /register': 'OAuth client registration, no tenant data',
  'ALL /token': 'CORS headers of the token endpoint',
  'OPTIONS /token': 'CORS preflight',
  'POST /token': 'OAuth token endpoint: grants are bound to a server and a member (test/oauth/authorization-server.test.ts)',
  'GET /oauth/authorization': "consent details: only members of the server's tenant may allow (test/oauth)",
  'POST /oauth/authorization': "the consent decision: only members of the server's tenant (test/oauth)",
  'ALL /connect/link/*': 'body limit of the connect pages',
  'GET /connect/callback': "the provider's return: the state names the session and its tenant (test/connect/connect-links.test.ts)",
  'POST /integrated-account/connect-link': "creates a link into the caller's tenant only (test/connect/connect-links.test.ts)",
  'GET /oauth-app': "lists the caller's OAuth apps only (test/connect/connect-links.test.ts)",
};

/** Routes whose parameter is not another tenant's object: a secret of its own, or an integration name within the caller's tenant. */
const notObjectIds: Record<string, string> = {
  'GET /connect/link/:token': 'a connect link: its secret token is the whole authority (test/connect/connect-links.test.ts)',
  'POST /connect/link/:token': 'the key form of a connect link (test/connect/connect-links.test.ts)',
  'POST /connect/:integration/start': "the caller's tenant only; another tenant's account_id is 404 (test/connect/connect-links.test.ts)",
  'GET /oauth-app/:integration': "the caller's tenant's app (test/connect/connect-links.test.ts)",
  'PUT /oauth-app/:integration': "the caller's tenant's app",
  'DELETE /oauth-app/:integration': "the caller's tenant's app",
};

test("every admin route answers 404 for another tenant's objects, and changes nothing", async (t) => {
  const { server, setUp } = await gateway(t);
  const other = await server.otherTenant();
  const mine = await setUp(server.api);
  const theirs = await setUp(fetchAs(server, other.token));
  await rpc(theirs.server.url, { jsonrpc: '2.0', id: 1, method: 'tools/list' }); // a log entry of theirs

  const app = createApp({ config: loadConfig({}), publicUrl: server.running.publicUrl, store: server.running.store, catalog: server.running.catalog, services: server.running.services, engine: server.running.engine, logger: server.running.logger, identity: server.running.identity });
  const routes = [...new Set(app.routes.map((route) => `${route.method} ${route.path}`))];
  const parameterized = routes.filter((route) => route.includes('/:') && !(route in notObjectIds));
  const unclassified = routes.filter((route) => !route.includes('/:') && !(route in unparameterized));
  assert.deepEqual(unclassified, [], 'a new admin route: classify it here (its tenant isolation must be tested)');
  assert.ok(parameterized.length >= 20, `routes with parameters: ${parameterized.length}`);

  const snapshot = async () => Promise.all([
    theirs.api(`/integrated-account/${theirs.accountId}`).then((r) => r.text()),
    theirs.api(`/integrated-account/${theirs.accountId}/mcp`).then((r) => r.text()),
  ]);
  const beforeAttempts = await snapshot();
  assert.ok(parameterized.includes('DELETE /api-token/:id'));
  const upstreamBefore = upstream.requests.length;
  const body = { name: 'hijacked' }; // valid for every PATCH and POST among them: the answer is about the id
  const theirToken = (await json(await theirs.api('/api-token'))).result[0].id as string;
  const fill = (path: string, accountId: string) => path
    .replace('/api-token/:id', `/api-token/${theirToken}`)
    .replace(':mcp_id', theirs.server.id).replace(':id/:method', '1/archive').replace(':resource', 'widgets')
    .replace('/proxy/widgets/:id', '/proxy/widgets/1').replace(':id', accountId);
  let attempts = 0;
  for (const route of parameterized) {
    const [method, path] = route.split(' ') as [string, string];
    const variants = path.startsWith('/proxy/')
      ? [`${fill(path, '')}?integrated_account_id=${theirs.accountId}`]
      // Their object under their account, and (for nested objects) under my account.
      : [fill(path, theirs.accountId), ...(path.includes(':mcp_id') ? [fill(path, mine.accountId)] : [])];
    for (const url of variants) {
      const answer = await server.api(url, { method, ...(method === 'GET' || method === 'DELETE' ? {} : { body: path.startsWith('/proxy/') ? { name: 'x' } : body }) });
      const text = await answer.text();
      assert.equal(answer.status, 404, `${method} ${url} → ${answer.status} ${text}`);
      assert.doesNotMatch(text, /forbidden|another tenant|belongs/i, 'a 404 says nothing about the owner');
      attempts++;
    }
  }
  assert.deepEqual(await snapshot(), beforeAttempts, "their account and servers are unchanged");
  assert.equal(upstream.requests.length, upstreamBefore, 'no proxy call reached the upstream with their credentials');
  const stillWorks = await callTool(theirs.server.url, 'get_single_acme_widget_by_id', { id: 'ok' });
  assert.equal(stillWorks.isError, false, 'their MCP URL still works');

  // The same requests with their own token find the objects: the 404s above were about ownership.
  for (const path of [`/integrated-account/${theirs.accountId}`, `/integrated-account/${theirs.accountId}/tools`, `/integrated-account/${theirs.accountId}/mcp/${theirs.server.id}`, `/proxy/widgets/ok?integrated_account_id=${theirs.accountId}`]) {
    assert.equal((await theirs.api(path)).status, 200, path);
  }

  // Routes without parameters only ever show the caller's own objects.
  const listed = await json(await server.api('/integrated-account'));
  assert.deepEqual(listed.result.map((account: { id: string }) => account.id), [mine.accountId]);
  const created = await json(await server.api('/integrated-account', { method: 'POST', body: { integration: 'acme', context: { subdomain: 'acme' }, credentials: { api_key: 'k' } } }));
  assert.equal((await theirs.api(`/integrated-account/${created.id}`)).status, 404);
  await eventually('their request reaches the log', async () => (await json(await theirs.api('/log?log_type=mcp'))).result.length > 0);
  assert.deepEqual((await json(await server.api(`/log?log_type=mcp&mcp_server_id=${theirs.server.id}`))).result, []);
  assert.ok((await json(await server.api('/api-token'))).result.every((token: { id: string }) => token.id !== theirToken));
  assert.equal((await theirs.api('/integrations')).status, 200, 'their API token survived the DELETE attempt');
  assert.ok((await json(await server.api('/log?log_type=mcp'))).result.every((entry: { mcp_server_id: string }) => entry.mcp_server_id !== theirs.server.id));
  t.diagnostic(`${parameterized.length} parameterized admin routes, ${attempts} cross-tenant requests: all 404`);
});

test('a filtered-out tool cannot be called through tools/call, discovery call_tool, or with an MCP URL on the Proxy API', async (t) => {
  const { server, setUp } = await gateway(t);
  const readOnly = await setUp(server.api, { methods: ['read'] });
  const discovery = (await json(await server.api(`/integrated-account/${readOnly.accountId}/mcp`, { method: 'POST', body: { name: 'discovery', config: { methods: ['read'], tool_exposure: 'discovery' } } }))).url as string;
  const before = upstream.requests.length;
  const writes = [['create_a_acme_widget', { name: 'x' }], ['delete_a_acme_widget_by_id', { id: 'ok' }], ['update_a_acme_widget_by_id', { id: 'ok' }]] as const;

  for (const [name, args] of writes) {
    const direct = await rpc(readOnly.server.url, { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } });
    assert.equal(direct.json.error.code, -32602, name);
    assert.equal(direct.json.error.message, `Unknown tool: ${name}`);
    const viaDiscovery = await callTool(discovery, 'call_tool', { tool_name: name, arguments: args });
    assert.equal(viaDiscovery.isError, true, name);
    assert.match(viaDiscovery.toolText, new RegExp(`Unknown tool: ${name}`));
    const schema = await callTool(discovery, 'get_tool_schema', { tool_names: [name] });
    assert.equal(schema.isError, true, 'its schema is not shown either');
  }
  const search = await callTool(discovery, 'search_tools', { query: 'create delete update widget', limit: 50 });
  assert.ok(!/create_a_|delete_a_|update_a_/.test(search.toolText), 'filtered-out tools are not found by search');
  assert.equal(upstream.requests.length, before, 'nothing reached the upstream');

  // The rule for the Proxy API: it is the tenant's own interface, authenticated by an API token, so MCP server
  // filters do not apply to it. An MCP URL (its token) never opens it, under any spelling.
  const mcpToken = readOnly.server.token;
  const asMcpToken = fetchAs(server, mcpToken);
  for (const path of [`/proxy/widgets?integrated_account_id=${readOnly.accountId}`, `/integrated-account/${readOnly.accountId}`, '/integrated-account']) {
    assert.equal((await asMcpToken(path, { method: 'GET' })).status, 401, `${path} with the MCP token as bearer`);
  }
  assert.equal((await asMcpToken(`/proxy/widgets?integrated_account_id=${readOnly.accountId}`, { method: 'POST', body: { name: 'x' } })).status, 401);
  for (const path of [`/mcp/${mcpToken}/proxy/widgets`, `/mcp/${mcpToken}/../proxy/widgets`, `/mcp/${mcpToken}/integrated-account`]) {
    const answer = await fetch(`${server.running.url}${path}?integrated_account_id=${readOnly.accountId}`, { method: 'POST', headers: { ...mcpHeaders, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x' }) });
    assert.ok([404, 401].includes(answer.status), `${path} → ${answer.status}`);
  }
  const withToken = await fetch(`${server.running.url}/proxy/widgets?integrated_account_id=${readOnly.accountId}&token=${mcpToken}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"x"}' });
  assert.equal(withToken.status, 401);
  assert.equal(upstream.requests.length, before, 'nothing reached the upstream');
  // With the tenant's API token the Proxy API reaches every method, as documented.
  assert.equal((await server.api(`/proxy/widgets/ok?integrated_account_id=${readOnly.accountId}`, { method: 'DELETE' })).status, 200);
});

test('expired, revoked and orphaned MCP URLs are refused at once; a revoked API token too', async (t) => {
  let clock = Date.parse('2031-01-01T00:00:00Z');
  const { server, setUp } = await gateway(t, {}, { now: () => clock });
  const tenant = await setUp(server.api);
  const expiring = await json(await server.api(`/integrated-account/${tenant.accountId}/mcp`, { method: 'POST', body: { name: 'short', expires_at: new Date(clock + 61_000).toISOString() } }));
  const tools = { jsonrpc: '2.0', id: 1, method: 'tools/list' };
  assert.equal((await rpc(expiring.url, tools)).status, 200);
  clock += 61_000;
  assert.equal((await rpc(expiring.url, tools)).status, 404, 'expired: refused at its expiry, before any sweep');

  assert.equal((await rpc(tenant.server.url, tools)).status, 200);
  assert.equal((await server.api(`/integrated-account/${tenant.accountId}/mcp/${tenant.server.id}`, { method: 'DELETE' })).status, 204);
  assert.equal((await rpc(tenant.server.url, tools)).status, 404, 'revoked: refused at once');

  const second = await json(await server.api(`/integrated-account/${tenant.accountId}/mcp`, { method: 'POST', body: { name: 'orphan' } }));
  assert.equal((await rpc(second.url, tools)).status, 200);
  assert.equal((await server.api(`/integrated-account/${tenant.accountId}`, { method: 'DELETE' })).status, 204);
  assert.equal((await rpc(second.url, tools)).status, 404, 'the URL of a deleted account is refused at once');

  const apiToken = await server.running.store.findApiTokenByHash((await import('../../src/security/tokens.ts')).hashToken(server.token));
  await server.running.store.deleteApiToken(server.tenant.id, apiToken!.id);
  server.running.services.access.invalidate({ apiTokenId: apiToken!.id });
  assert.equal((await server.api('/integrated-account')).status, 401, 'a revoked API token');
});

test('brute-forcing MCP URLs and API tokens yields only identical 404s and 401s, then 429 per client', async (t) => {
  const limit = 20;
  const { server, setUp } = await gateway(t, { SWITCHBOARD_TOKEN_MISS_LIMIT: String(limit), SWITCHBOARD_TRUSTED_PROXY_HOPS: '1' });
  const tenant = await setUp(server.api);
  const from = (client: string) => ({ 'x-forwarded-for': `203.0.113.250, ${client}` });
  const guess = (token: string, client: string) => rpc(`${server.running.url}/mcp/${token}`, { jsonrpc: '2.0', id: 1, method: 'tools/list' }, from(client));
  const valid = (client: string) => rpc(tenant.server.url, { jsonrpc: '2.0', id: 1, method: 'tools/list' }, from(client));

  // A legitimate client's valid calls never count.
  for (let i = 0; i < 3 * limit; i++) assert.equal((await valid('198.51.100.7')).status, 200);

  // A near miss: the valid token with its last character changed (never to itself, or the guess would be a hit).
  const nearMiss = (i: number) => `${tenant.server.token.slice(0, -1)}${[...'0123456789'].filter((digit) => digit !== tenant.server.token.at(-1))[i % 9]}`;
  const shapes = (i: number) => [generateMcpToken(), randomBytes(8).toString('hex'), 'A'.repeat(512), nearMiss(i), 'a.b~c-d_e'][i % 5]!;
  const bodies = new Set<string>();
  for (let i = 0; i < limit; i++) {
    const answer = await guess(shapes(i), '192.0.2.66');
    assert.equal(answer.status, 404, `guess ${i}`);
    bodies.add(answer.text);
  }
  assert.equal(bodies.size, 1, 'every miss is the same 404, whatever the token looks like');
  const blocked = await guess(generateMcpToken(), '192.0.2.66');
  assert.equal(blocked.status, 429);
  const retryAfter = Number(blocked.headers.get('retry-after'));
  assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
  assert.equal(blocked.json.error.code, -32000);
  assert.equal((await valid('192.0.2.66')).status, 429, 'a blocked client gets 429 even with a valid URL, so a hit would not stand out');

  // Other clients are unaffected, at their usual speed.
  const started = performance.now();
  for (let i = 0; i < 20; i++) assert.equal((await valid('198.51.100.7')).status, 200);
  t.diagnostic(`20 valid calls from another client while one is blocked: ${((performance.now() - started) / 20).toFixed(1)} ms each`);
  for (let i = 0; i < limit; i++) assert.equal((await guess(generateMcpToken(), '198.51.100.8')).status, 404, 'a second client has its own budget');

  // API tokens: the same budget per client.
  const admin = (bearer: string, client: string) => fetch(`${server.running.url}/integrated-account`, { headers: { authorization: `Bearer ${bearer}`, ...from(client) } });
  for (let i = 0; i < limit; i++) assert.equal((await admin(`sb_${randomBytes(32).toString('base64url')}`, '192.0.2.77')).status, 401);
  const adminBlocked = await admin(server.token, '192.0.2.77');
  assert.equal(adminBlocked.status, 429);
  assert.ok(Number(adminBlocked.headers.get('retry-after')) >= 1);
  assert.equal((await admin(server.token, '198.51.100.7')).status, 200);
});

test('the guess limit slides: each miss leaves the window a minute after it was made', () => {
  let now = 0;
  const limiter = new GuessLimiter({ limit: 3, windowMs: 60_000, now: () => now });
  for (const at of [0, 10_000, 20_000]) {
    now = at;
    assert.equal(limiter.retryAfter('a'), 0);
    limiter.miss('a');
  }
  assert.equal(limiter.retryAfter('a'), 40, 'blocked until the first miss is a minute old');
  now = 59_999;
  assert.equal(limiter.retryAfter('a'), 1);
  now = 60_000;
  assert.equal(limiter.retryAfter('a'), 0, 'one slot free again');
  limiter.miss('a');
  assert.equal(limiter.retryAfter('a'), 10);
  assert.equal(limiter.retryAfter('b'), 0, 'per client');
  const off = new GuessLimiter({ limit: 0 });
  for (let i = 0; i < 1000; i++) off.miss('a');
  assert.equal(off.retryAfter('a'), 0, 'limit 0 turns it off');
  const small = new GuessLimiter({ limit: 1, maxClients: 100, now: () => now });
  for (let i = 0; i < 1000; i++) small.miss(`client-${i}`);
  assert.equal(small.retryAfter('client-0'), 0, 'the oldest clients are forgotten past maxClients');
  assert.ok(small.retryAfter('client-999') > 0);
});
