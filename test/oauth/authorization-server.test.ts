// Issue 16 (authorization server) and 13.7: discovery metadata, 404s where a server does not use OAuth, Dynamic
// Client Registration and Client ID Metadata Documents with Claude's and ChatGPT's callbacks, PKCE, resource binding,
// audience binding (a token for server A is refused on server B), refresh rotation and reuse detection, code replay,
// membership, and revocation.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, type TestContext } from 'node:test';
import { json } from '../api/harness.ts';
import {
  assertOAuthError, decide, listWith, obtainTokens, pkcePair, registerClient, signIn, startOAuthGateway, tokenRequest,
} from '../helpers/oauth.ts';

const claudeCallbacks = ['https://claude.ai/api/mcp/auth_callback', 'https://claude.com/api/mcp/auth_callback'];
const chatgptCallback = 'https://chatgpt.com/connector_platform_oauth_redirect';
const loopbackCallback = 'http://127.0.0.1:33418/callback';

/** Serves JSON documents on loopback, as a client's metadata host would. */
async function documentHost(t: TestContext, documents: (base: string) => Record<string, { status?: number; body: unknown; headers?: Record<string, string> }>) {
  let base = '';
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const document = documents(base)[req.url ?? ''];
    if (!document) return void res.writeHead(404).end();
    res.writeHead(document.status ?? 200, { 'content-type': 'application/json', ...document.headers }).end(JSON.stringify(document.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { base, requests };
}

test('discovery: RFC 8414 and RFC 9728 metadata; every other /.well-known path and non-OAuth server is a 404 JSON error (13.7)', async (t) => {
  const gateway = await startOAuthGateway(t);
  const base = gateway.running.publicUrl;
  const metadata = await json(await fetch(`${base}/.well-known/oauth-authorization-server`));
  assert.equal(metadata.issuer, base);
  assert.deepEqual(metadata.code_challenge_methods_supported, ['S256']);
  assert.ok(metadata.token_endpoint_auth_methods_supported.includes('none'));
  assert.equal(metadata.client_id_metadata_document_supported, true);
  assert.equal(metadata.registration_endpoint, `${base}/register`);
  assert.equal(metadata.authorization_response_iss_parameter_supported, true);
  assert.deepEqual(metadata.grant_types_supported, ['authorization_code', 'refresh_token']);

  const open = await gateway.createMcpServer('pinpoint', { config: { methods: ['read'] } });
  const tokenOnly = await gateway.createMcpServer('pinpoint', { config: { methods: ['read'], require_api_token_auth: true } });
  for (const [label, path] of [
    ['a URL-only server', `/.well-known/oauth-protected-resource/mcp/${open.token}`],
    ['an API-token server', `/.well-known/oauth-protected-resource/mcp/${tokenOnly.token}`],
    ['an unknown server', '/.well-known/oauth-protected-resource/mcp/not-a-real-token-0123456789'],
    ['the root resource', '/.well-known/oauth-protected-resource'],
    ['OpenID configuration', '/.well-known/openid-configuration'],
  ]) {
    const response = await fetch(`${base}${path}`);
    assert.equal(response.status, 404, label);
    assert.match(response.headers.get('content-type') ?? '', /application\/json/, label);
    assert.equal(typeof (await json(response)).error.message, 'string', label);
  }
  const refused = await listWith(tokenOnly.url, undefined);
  assert.equal(refused.status, 401);
  assert.equal(refused.challenge, null, 'no OAuth challenge for an API-token server');
  assert.match(refused.body.error.message, /requires the header "Authorization: Bearer <API token>"/);
  const unauthenticated = await listWith(gateway.protectedServer.url, undefined);
  assert.match(unauthenticated.body.error.message, /requires sign-in/);
});

test('Dynamic Client Registration: Claude\'s, ChatGPT\'s and loopback callbacks; other redirect URIs are refused', async (t) => {
  const gateway = await startOAuthGateway(t);
  const base = gateway.running.publicUrl;
  const session = await signIn(base);
  for (const callback of [...claudeCallbacks, chatgptCallback]) {
    const clientId = await registerClient(base, [callback], 'Connector');
    const tokens = await obtainTokens(base, session, { clientId, redirectUri: callback, resource: gateway.protectedServer.url });
    assert.equal((await listWith(gateway.protectedServer.url, tokens.access_token)).status, 200, callback);
  }
  const register = (body: unknown) => fetch(`${base}/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  for (const uri of ['http://evil.example/callback', 'cursor://callback', 'https://app.example/cb#frag', 'javascript:alert(1)']) {
    const response = await register({ redirect_uris: [uri], token_endpoint_auth_method: 'none' });
    assert.equal(response.status, 400, uri);
    assert.equal((await json(response)).error, 'invalid_redirect_uri', uri);
  }
  const secretClient = await json(await register({ client_name: 'Confidential', redirect_uris: [chatgptCallback], token_endpoint_auth_method: 'client_secret_post' }));
  assert.match(secretClient.client_secret, /^sbcs_/, 'a confidential client gets a secret once');
  const { verifier, challenge } = pkcePair();
  const answer = await decide(base, session, {
    response_type: 'code', client_id: secretClient.client_id, redirect_uri: chatgptCallback, code_challenge: challenge, code_challenge_method: 'S256', resource: gateway.protectedServer.url,
  });
  const code = new URL(answer.redirect_to).searchParams.get('code')!;
  const common = { grant_type: 'authorization_code', code, redirect_uri: chatgptCallback, code_verifier: verifier, client_id: secretClient.client_id };
  assertOAuthError(await tokenRequest(base, common), 401, 'invalid_client');
  assertOAuthError(await tokenRequest(base, { ...common, client_secret: `${secretClient.client_secret}x` }), 401, 'invalid_client');
  const basic = `Basic ${Buffer.from(`${secretClient.client_id}:${secretClient.client_secret}`).toString('base64')}`;
  const { client_id: _id, ...withoutId } = common;
  assert.equal((await tokenRequest(base, withoutId, { authorization: basic })).status, 200, 'client_secret_basic works for it too');

  const loopbackId = await registerClient(base, [loopbackCallback]);
  const anyPort = await decide(base, session, {
    response_type: 'code', client_id: loopbackId, redirect_uri: 'http://127.0.0.1:51999/callback', code_challenge: pkcePair().challenge, code_challenge_method: 'S256', resource: gateway.protectedServer.url,
  });
  assert.equal(anyPort.status, 'redirect', 'a loopback redirect URI matches on any port');
  const otherPath = await decide(base, session, {
    response_type: 'code', client_id: loopbackId, redirect_uri: 'http://127.0.0.1:51999/elsewhere', code_challenge: pkcePair().challenge, code_challenge_method: 'S256', resource: gateway.protectedServer.url,
  });
  assert.equal(otherPath.status, 'error');
  assert.equal(otherPath.redirect_to, undefined, 'an unregistered redirect URI is never redirected to');
});

test('Client ID Metadata Documents: Claude\'s and ChatGPT\'s callbacks; documents that lie about themselves are refused', async (t) => {
  const host = await documentHost(t, (base) => ({
    '/claude.json': { body: { client_id: `${base}/claude.json`, client_name: 'Claude', redirect_uris: claudeCallbacks, token_endpoint_auth_method: 'none' }, headers: { 'cache-control': 'max-age=600' } },
    '/chatgpt.json': { body: { client_id: `${base}/chatgpt.json`, client_name: 'ChatGPT', redirect_uris: [chatgptCallback] } },
    '/liar.json': { body: { client_id: 'https://claude.ai/oauth/client.json', client_name: 'Claude', redirect_uris: claudeCallbacks } },
    '/secret.json': { body: { client_id: `${base}/secret.json`, redirect_uris: [chatgptCallback], token_endpoint_auth_method: 'client_secret_basic' } },
    '/moved.json': { status: 302, body: {}, headers: { location: '/claude.json' } },
  }));
  const gateway = await startOAuthGateway(t, { clientMetadataFetch: { allowLoopback: true } });
  const base = gateway.running.publicUrl;
  const session = await signIn(base);
  for (const [document, callback, name] of [['claude.json', claudeCallbacks[1]!, 'Claude'], ['chatgpt.json', chatgptCallback, 'ChatGPT']] as const) {
    const clientId = `${host.base}/${document}`;
    const { challenge } = pkcePair();
    const params = { response_type: 'code', client_id: clientId, redirect_uri: callback, code_challenge: challenge, code_challenge_method: 'S256', resource: gateway.protectedServer.url };
    const consent = await json(await fetch(`${base}/oauth/authorization?${new URLSearchParams(params)}`, { headers: { cookie: session.cookie } }));
    assert.equal(consent.status, 'consent', JSON.stringify(consent));
    assert.equal(consent.details.client.name, name);
    const tokens = await obtainTokens(base, session, { clientId, redirectUri: callback, resource: gateway.protectedServer.url });
    assert.equal((await listWith(gateway.protectedServer.url, tokens.access_token)).status, 200);
  }
  assert.equal(host.requests.filter((path) => path === '/claude.json').length, 1, 'the document is cached (max-age)');
  for (const [document, reason] of [['liar.json', /names another client_id/], ['secret.json', /token_endpoint_auth_method/], ['moved.json', /could not be fetched: it must be served over https/], ['absent.json', /could not be fetched: it must be served over https/]] as const) {
    const { challenge } = pkcePair();
    const answer = await decide(base, session, { response_type: 'code', client_id: `${host.base}/${document}`, redirect_uri: chatgptCallback, code_challenge: challenge, code_challenge_method: 'S256', resource: gateway.protectedServer.url });
    assert.equal(answer.status, 'error', document);
    assert.match(answer.error_description, reason, document);
    assert.equal(answer.redirect_to, undefined, `${document}: never redirected`);
  }
});

test('authorization requests: PKCE S256 and resource are required, the server must use OAuth, and only its team may allow', async (t) => {
  const gateway = await startOAuthGateway(t);
  const base = gateway.running.publicUrl;
  const session = await signIn(base);
  const clientId = await registerClient(base, [loopbackCallback]);
  const { challenge } = pkcePair();
  const good = { response_type: 'code', client_id: clientId, redirect_uri: loopbackCallback, code_challenge: challenge, code_challenge_method: 'S256', state: 'xyz', resource: gateway.protectedServer.url };
  const open = await gateway.createMcpServer('pinpoint', { config: { methods: ['read'] } });
  for (const [label, change, error, description] of [
    ['no PKCE', { code_challenge: undefined, code_challenge_method: undefined }, 'invalid_request', /PKCE is required/],
    ['plain PKCE', { code_challenge_method: 'plain' }, 'invalid_request', /S256/],
    ['implicit flow', { response_type: 'token' }, 'unsupported_response_type', /code/],
    ['no resource', { resource: undefined }, 'invalid_target', /resource is required/],
    ['unknown resource', { resource: `${base}/mcp/unknown-token-000000000000` }, 'invalid_target', /not the URL of a live MCP server/],
    ['a URL-only server', { resource: open.url }, 'invalid_target', /does not use sign-in/],
  ] as const) {
    const params = Object.fromEntries(Object.entries({ ...good, ...change }).filter((entry): entry is [string, string] => entry[1] !== undefined));
    const answer = await decide(base, session, params);
    assert.equal(answer.error, error, label);
    assert.match(answer.error_description, description, label);
    const back = new URL(answer.redirect_to);
    assert.equal(back.searchParams.get('error'), error, `${label}: the error goes back to the client`);
    assert.equal(back.searchParams.get('state'), 'xyz');
    assert.equal(back.searchParams.get('iss'), base);
  }
  const denied = await decide(base, session, good, 'deny');
  assert.equal(new URL(denied.redirect_to).searchParams.get('error'), 'access_denied');

  const other = await gateway.otherTenant();
  await gateway.running.identity.users.ensureMember({ email: 'outsider@other.example', password: 'another long password', tenantId: other.tenant.id, role: 'admin' });
  const outsider = await signIn(base, { email: 'outsider@other.example', password: 'another long password' });
  const refused = await decide(base, outsider, good);
  assert.equal(refused.error, 'access_denied');
  assert.match(refused.error_description, /not a member of the team that owns the MCP server "Recruiting assistant"/);

  const withoutCsrf = await fetch(`${base}/oauth/authorization`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: session.cookie }, body: JSON.stringify({ query: `?${new URLSearchParams(good)}`, decision: 'approve' }) });
  assert.equal(withoutCsrf.status, 403, 'no code without the CSRF token');
});

test('audience binding: a token for server A is refused on server B; resource at the token endpoint must match', async (t) => {
  const gateway = await startOAuthGateway(t);
  const base = gateway.running.publicUrl;
  const session = await signIn(base);
  const serverB = await gateway.createMcpServer('polymer', { name: 'Other server', config: { methods: ['read'], auth: 'oauth' } });
  const clientId = await registerClient(base, [loopbackCallback]);
  const tokens = await obtainTokens(base, session, { clientId, redirectUri: loopbackCallback, resource: gateway.protectedServer.url });
  assert.equal((await listWith(gateway.protectedServer.url, tokens.access_token)).status, 200);
  const onB = await listWith(serverB.url, tokens.access_token);
  assert.equal(onB.status, 401);
  assert.match(onB.challenge ?? '', /error="invalid_token", error_description="The access token was issued for another MCP server"/);
  assert.match(onB.challenge ?? '', new RegExp(`resource_metadata="${base}/.well-known/oauth-protected-resource/mcp/${serverB.token}"`));

  const refreshed = await tokenRequest(base, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: clientId, resource: serverB.url });
  assertOAuthError(refreshed, 400, 'invalid_target', /another MCP server/);
  assert.equal((await listWith(gateway.protectedServer.url, gateway.token)).status, 200, 'an API token of the tenant is accepted too');
  const other = await gateway.otherTenant();
  assert.equal((await listWith(gateway.protectedServer.url, other.token)).status, 401, "another tenant's API token is not");
});

test('refresh tokens rotate; presenting a used one revokes the whole grant; a replayed code revokes its tokens', async (t) => {
  const gateway = await startOAuthGateway(t);
  const base = gateway.running.publicUrl;
  const session = await signIn(base);
  const clientId = await registerClient(base, [loopbackCallback]);
  const first = await obtainTokens(base, session, { clientId, redirectUri: loopbackCallback, resource: gateway.protectedServer.url });
  const second = await tokenRequest(base, { grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: clientId });
  assert.equal(second.status, 200);
  assert.notEqual(second.body.refresh_token, first.refresh_token, 'a new refresh token each time');
  assert.equal((await listWith(gateway.protectedServer.url, second.body.access_token)).status, 200);
  const third = await tokenRequest(base, { grant_type: 'refresh_token', refresh_token: second.body.refresh_token, client_id: clientId });
  assert.equal(third.status, 200);

  const replay = await tokenRequest(base, { grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: clientId });
  assertOAuthError(replay, 400, 'invalid_grant', /already used.*whole grant is revoked/);
  assert.equal((await listWith(gateway.protectedServer.url, third.body.access_token)).status, 401, 'the newest access token died with the grant');
  assertOAuthError(await tokenRequest(base, { grant_type: 'refresh_token', refresh_token: third.body.refresh_token, client_id: clientId }), 400, 'invalid_grant');
  const grants = await json(await gateway.api(`/integrated-account/${gateway.accounts.pinpoint}/mcp/${gateway.protectedServer.id}/grants`));
  assert.equal(grants.result.length, 0);

  const { verifier, challenge } = pkcePair();
  const answer = await decide(base, session, { response_type: 'code', client_id: clientId, redirect_uri: loopbackCallback, code_challenge: challenge, code_challenge_method: 'S256', resource: gateway.protectedServer.url });
  const code = new URL(answer.redirect_to).searchParams.get('code')!;
  const exchange = { grant_type: 'authorization_code', code, redirect_uri: loopbackCallback, client_id: clientId };
  assertOAuthError(await tokenRequest(base, { ...exchange, code_verifier: pkcePair().verifier }), 400, 'invalid_grant', /PKCE/);
  const { verifier: v2, challenge: c2 } = pkcePair();
  const again = await decide(base, session, { response_type: 'code', client_id: clientId, redirect_uri: loopbackCallback, code_challenge: c2, code_challenge_method: 'S256', resource: gateway.protectedServer.url });
  const code2 = new URL(again.redirect_to).searchParams.get('code')!;
  const granted = await tokenRequest(base, { ...exchange, code: code2, code_verifier: v2 });
  assert.equal(granted.status, 200);
  assertOAuthError(await tokenRequest(base, { ...exchange, code: code2, code_verifier: v2 }), 400, 'invalid_grant', /already used/);
  assert.equal((await listWith(gateway.protectedServer.url, granted.body.access_token)).status, 401, 'the replay revoked what the code granted');
  assert.equal((await tokenRequest(base, { ...exchange, code_verifier: verifier })).status, 200, 'a wrong verifier did not spend the code (test/oauth/token-binding.test.ts)');
});

test('revoking a connected client refuses its tokens at once; a member may revoke only their own', async (t) => {
  const gateway = await startOAuthGateway(t);
  const base = gateway.running.publicUrl;
  const session = await signIn(base);
  const clientId = await registerClient(base, [loopbackCallback]);
  const tokens = await obtainTokens(base, session, { clientId, redirectUri: loopbackCallback, resource: gateway.protectedServer.url });
  assert.equal((await listWith(gateway.protectedServer.url, tokens.access_token)).status, 200, 'cached now');
  const grantsPath = `/integrated-account/${gateway.accounts.pinpoint}/mcp/${gateway.protectedServer.id}/grants`;
  const [grant] = (await json(await gateway.api(grantsPath))).result;

  await gateway.running.identity.users.ensureMember({ email: 'colleague@acme.example', password: 'a different long password', tenantId: gateway.tenant.id, role: 'member' });
  const colleague = await signIn(base, { email: 'colleague@acme.example', password: 'a different long password' });
  const asColleague = await fetch(`${base}${grantsPath}/${grant.id}`, { method: 'DELETE', headers: { cookie: colleague.cookie, 'x-csrf-token': colleague.csrf } });
  assert.equal(asColleague.status, 403, "a member cannot disconnect another member's client");
  const ownWithoutCsrf = await fetch(`${base}${grantsPath}/${grant.id}`, { method: 'DELETE', headers: { cookie: session.cookie } });
  assert.equal(ownWithoutCsrf.status, 403, 'the CSRF token is required');
  const own = await fetch(`${base}${grantsPath}/${grant.id}`, { method: 'DELETE', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf } });
  assert.equal(own.status, 204);
  assert.equal((await listWith(gateway.protectedServer.url, tokens.access_token)).status, 401);
  assertOAuthError(await tokenRequest(base, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: clientId }), 400, 'invalid_grant');
});
