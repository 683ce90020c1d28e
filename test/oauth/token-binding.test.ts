// Issue 16 review: a code or refresh token is spent only by a request that passes every check. A wrong
// code_verifier, redirect_uri or resource, or another client presenting it, is refused without burning it; and
// another client presenting a (used or unused) refresh token of client A never revokes A's grant. Reuse by its own
// client still revokes the grant.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  assertOAuthError, decide, listWith, obtainTokens, pkcePair, registerClient, signIn, startOAuthGateway, tokenRequest, type OAuthGateway,
} from '../helpers/oauth.ts';

const callback = 'http://127.0.0.1:33418/callback';

async function setting(t: Parameters<typeof startOAuthGateway>[0]) {
  const gateway = await startOAuthGateway(t);
  const base = gateway.running.publicUrl;
  const session = await signIn(base);
  const owner = await registerClient(base, [callback], 'Owner');
  const other = await registerClient(base, [callback], 'Other');
  return { gateway, base, session, owner, other };
}

/** A fresh code for the client, and the verifier and exchange form that redeem it. */
async function codeFor(gateway: OAuthGateway, base: string, session: { cookie: string; csrf: string }, clientId: string) {
  const { verifier, challenge } = pkcePair();
  const answer = await decide(base, session, {
    response_type: 'code', client_id: clientId, redirect_uri: callback, code_challenge: challenge, code_challenge_method: 'S256', resource: gateway.protectedServer.url,
  });
  assert.equal(answer.status, 'redirect', JSON.stringify(answer));
  const code = new URL(answer.redirect_to).searchParams.get('code')!;
  return { grant_type: 'authorization_code', code, redirect_uri: callback, code_verifier: verifier, client_id: clientId };
}

test('a code survives a wrong verifier, a wrong redirect_uri, a wrong resource and another client, then works for its client', async (t) => {
  const { gateway, base, session, owner, other } = await setting(t);
  const serverB = await gateway.createMcpServer('polymer', { name: 'Other server', config: { methods: ['read'], auth: 'oauth' } });
  const exchange = await codeFor(gateway, base, session, owner);
  assertOAuthError(await tokenRequest(base, { ...exchange, code_verifier: pkcePair().verifier }), 400, 'invalid_grant', /PKCE/, 'wrong verifier');
  assertOAuthError(await tokenRequest(base, { ...exchange, redirect_uri: 'http://127.0.0.1:40000/callback' }), 400, 'invalid_grant', /redirect_uri differs/, 'wrong redirect_uri');
  assertOAuthError(await tokenRequest(base, { ...exchange, resource: serverB.url }), 400, 'invalid_target', /another MCP server/, 'wrong resource');
  assertOAuthError(await tokenRequest(base, { ...exchange, client_id: other }), 400, 'invalid_grant', /issued to another client/, 'another client');
  const granted = await tokenRequest(base, exchange);
  assert.equal(granted.status, 200, JSON.stringify(granted.body));
  assert.equal((await listWith(gateway.protectedServer.url, granted.body.access_token)).status, 200);

  assertOAuthError(await tokenRequest(base, { ...exchange, client_id: other }), 400, 'invalid_grant', /issued to another client/, 'another client replays the spent code');
  assert.equal((await listWith(gateway.protectedServer.url, granted.body.access_token)).status, 200, "another client's replay does not revoke the owner's grant");
  assertOAuthError(await tokenRequest(base, exchange), 400, 'invalid_grant', /already used/, 'the owner replays it');
  assert.equal((await listWith(gateway.protectedServer.url, granted.body.access_token)).status, 401, "the owner's own replay still revokes");
});

test("another client presenting A's refresh token, unused or already rotated, neither spends it nor revokes A's grant", async (t) => {
  const { gateway, base, session, owner, other } = await setting(t);
  const serverB = await gateway.createMcpServer('polymer', { name: 'Other server', config: { methods: ['read'], auth: 'oauth' } });
  const first = await obtainTokens(base, session, { clientId: owner, redirectUri: callback, resource: gateway.protectedServer.url });
  assertOAuthError(await tokenRequest(base, { grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: other }), 400, 'invalid_grant', /issued to another client/);
  assertOAuthError(await tokenRequest(base, { grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: owner, resource: serverB.url }), 400, 'invalid_target', /another MCP server/);
  assert.equal((await listWith(gateway.protectedServer.url, first.access_token)).status, 200, 'the grant lives');
  const second = await tokenRequest(base, { grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: owner });
  assert.equal(second.status, 200, `the refresh token was not spent: ${JSON.stringify(second.body)}`);

  assertOAuthError(await tokenRequest(base, { grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: other }), 400, 'invalid_grant', /issued to another client/, 'the rotated token, by another client');
  assert.equal((await listWith(gateway.protectedServer.url, second.body.access_token)).status, 200, "another client's replay does not revoke the owner's grant");
  const third = await tokenRequest(base, { grant_type: 'refresh_token', refresh_token: second.body.refresh_token, client_id: owner });
  assert.equal(third.status, 200, JSON.stringify(third.body));

  assertOAuthError(await tokenRequest(base, { grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: owner }), 400, 'invalid_grant', /whole grant is revoked/, 'reuse by the owner client');
  assert.equal((await listWith(gateway.protectedServer.url, third.body.access_token)).status, 401, 'reuse detection still revokes');
});
