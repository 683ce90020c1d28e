// Secrets of OAuth accounts at rest and in logs: a Greenhouse account on client credentials through a whole life
// (tool calls and Proxy API calls, tokens renewed when they expire and when Greenhouse refuses them, the client secret
// rotated, the client revoked and the account reconnected), with Switchboard as its own process logging at trace
// level. The database files (while running, WAL included, and after shutdown) and the log hold none of the client
// secrets, their HTTP Basic form, or any access token Greenhouse issued. The same for authorization-code accounts
// connected through connect links (the fixture provider Orbit): the OAuth app's secret, connect link tokens, states,
// codes, PKCE verifiers, access and rotated refresh tokens, and an API key typed into a link's form.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { startGreenhouseSandbox } from '../../src/sandbox/index.ts';
import { TestBrowser } from '../connect/browser.ts';
import { ORBIT_CLIENT_ID, orbitIntegrationsDir, startOrbitSandbox } from '../connect/orbit-sandbox.ts';
import { shippedIntegrations } from '../api/harness.ts';
import { adminClient, callTool } from '../helpers/gateway-client.ts';
import { assertNoSecrets, dataFiles, marker } from '../helpers/secret-scan.ts';
import { startServerProcess } from '../helpers/server-process.ts';
import { greenhouseAccount } from '../mcp/harness.ts';

test('client secrets and access tokens of an OAuth account appear in clear neither in the database nor in a trace log', { timeout: 90_000 }, async (t) => {
  const clientSecret = marker('client-secret');
  const rotatedSecret = marker('client-secret-rotated');
  const greenhouse = await startGreenhouseSandbox({ rateLimit: null, clients: { 'acme-client': clientSecret, 'acme-rotated': rotatedSecret } });
  t.after(() => greenhouse.close());
  const server = await startServerProcess({ env: { SWITCHBOARD_INTEGRATIONS_DIR: shippedIntegrations, SWITCHBOARD_UPSTREAM_ALLOWLIST: greenhouse.origin, LOG_LEVEL: 'trace' } });
  t.after(() => server.dispose());
  const admin = adminClient(server.url, server.tenants[0]!.token);
  const { elena } = greenhouse.state.planted;

  const accountId = await admin.createAccount({ integration: 'greenhouse', name: 'Acme Greenhouse', ...greenhouseAccount(greenhouse, 'acme-client', clientSecret) });
  const mcp = await admin.createMcpServer(accountId);
  const calls = async () => {
    const answers = [
      await callTool(mcp.url, 'list_all_greenhouse_candidates', { email: elena.email }),
      await callTool(mcp.url, 'list_all_greenhouse_notes', { candidate_ids: [elena.candidateId] }),
      await callTool(mcp.url, 'create_a_greenhouse_application_stage_move', { application_id: String(elena.applicationId), from_stage_id: 1 }),
      await callTool(mcp.url, 'create_a_greenhouse_note', { candidate_id: elena.candidateId, body: 'Spoke about the offer timeline.', visibility: 'private' }),
    ];
    assert.deepEqual(answers.map((answer) => answer.isError), [false, false, true, false], answers.map((answer) => answer.toolText).join('\n'));
    assert.equal((await admin.proxy(accountId, 'jobs?limit=2')).status, 200);
  };

  await calls();
  // Greenhouse stops accepting the token: renewed on a 401.
  greenhouse.state.oauth.expireAll();
  await calls();
  // The secret is rotated: a new client, new tokens.
  assert.equal((await admin.api(`/integrated-account/${accountId}`, { method: 'PATCH', body: { credentials: { client_id: 'acme-rotated', client_secret: rotatedSecret } } })).status, 200);
  await calls();
  // The client is revoked: needs_reauth, then reconnected with the first client.
  greenhouse.state.oauth.disableClient('acme-rotated');
  assert.match((await callTool(mcp.url, 'list_all_greenhouse_jobs', { limit: 1 })).toolText, /must be reconnected/);
  assert.equal((await admin.api(`/integrated-account/${accountId}`)).json.status, 'needs_reauth');
  assert.equal((await admin.api(`/integrated-account/${accountId}`, { method: 'PATCH', body: { credentials: { client_id: 'acme-client', client_secret: clientSecret } } })).status, 200);
  await calls();
  // A refused account creation carrying a secret in its body.
  assert.equal((await admin.api('/integrated-account', { method: 'POST', body: { integration: 'greenhouse', context: { user_id: 'not a number' }, credentials: { client_id: 'x', client_secret: clientSecret } } })).status, 400);

  const issued = greenhouse.state.oauth.issued;
  assert.ok(issued.length >= 4, `${issued.length} access tokens were issued`);
  const secrets: Record<string, string> = {
    clientSecret,
    rotatedSecret,
    basicCredentials: Buffer.from(`acme-client:${clientSecret}`).toString('base64'),
    rotatedBasicCredentials: Buffer.from(`acme-rotated:${rotatedSecret}`).toString('base64'),
    ...Object.fromEntries(issued.map((token, index) => [`accessToken${index + 1}`, token.token])),
    // The signature part alone: a token cut at its dots must not leak either.
    ...Object.fromEntries(issued.map((token, index) => [`accessTokenSignature${index + 1}`, token.token.split('.').at(-1)!])),
  };

  const live = dataFiles(server.dataDir);
  assert.ok(live.names.some((name) => name.endsWith('-wal')), `the WAL is there: ${live.names.join(', ')}`);
  assert.ok(live.text.includes('Acme Greenhouse'), 'the database files were read');
  assertNoSecrets('database (running)', live.text, secrets);
  assert.equal(await server.stop(), 0, 'a clean shutdown');
  const closed = dataFiles(server.dataDir);
  assertNoSecrets('database (after shutdown)', closed.text, secrets);
  const logs = server.logs();
  assert.match(logs, /an integrated account needs to be reconnected/, 'the revoked client was logged, without its secret');
  assertNoSecrets('log', logs, secrets);

  // What is stored instead: the account's credentials and its current tokens as AES-256-GCM ciphertext.
  const db = new DatabaseSync(join(server.dataDir, 'switchboard.db'), { readOnly: true });
  t.after(() => db.close());
  const tokens = db.prepare('SELECT tokens_encrypted FROM upstream_tokens').all() as { tokens_encrypted: string }[];
  assert.equal(tokens.length, 1);
  assert.match(tokens[0]!.tokens_encrypted, /^v1:[\w-]{16}:[\w-]{22}:[\w-]+$/);
  const sealed = db.prepare('SELECT credentials_encrypted FROM integrated_accounts').all() as { credentials_encrypted: string }[];
  assert.ok(sealed.length === 1 && /^v1:/.test(sealed[0]!.credentials_encrypted));
  t.diagnostic(`scanned ${(live.text.length / 1024).toFixed(0)} KiB of database files while running, ${(closed.text.length / 1024).toFixed(0)} KiB after shutdown and ` +
    `${(logs.length / 1024).toFixed(0)} KiB of trace-level logs for ${Object.keys(secrets).length} secrets (${issued.length} access tokens): none found`);
});

test('an OAuth app secret, connect links, states, codes, verifiers, access and refresh tokens and keys from link forms appear in clear neither in the database nor in a trace log', { timeout: 90_000 }, async (t) => {
  const apiKey = marker('orbit-api-key');
  const orbit = await startOrbitSandbox({ clientSecret: marker('orbit-app-secret'), rateLimit: null, apiKeys: [apiKey], accessTokenTtlSeconds: 60 });
  t.after(() => orbit.close());
  const server = await startServerProcess({ env: { SWITCHBOARD_INTEGRATIONS_DIR: orbitIntegrationsDir, SWITCHBOARD_UPSTREAM_ALLOWLIST: orbit.origin, LOG_LEVEL: 'trace' } });
  t.after(() => server.dispose());
  const admin = adminClient(server.url, server.tenants[0]!.token);
  assert.equal((await admin.api('/oauth-app/orbit', { method: 'PUT', body: { client_id: ORBIT_CLIENT_ID, client_secret: orbit.clientSecret, authorize_url: orbit.authorizeUrl, token_url: orbit.tokenUrl } })).status, 200);

  const seen: Record<string, string> = { appSecret: orbit.clientSecret };
  const oauthContext = { base_url: orbit.url, auth_mode: 'oauth' };
  // Two accounts through connect links and the consent page; one link the user abandons.
  for (const round of [1, 2, 3]) {
    const link = await admin.api('/integrated-account/connect-link', { method: 'POST', body: { integration: 'orbit', name: `Orbit ${round}`, context: oauthContext } });
    const browser = new TestBrowser();
    const opened = await browser.get(link.json.url);
    const authorize = new URL(opened.location!);
    seen[`linkToken${round}`] = link.json.url.split('/').pop();
    seen[`state${round}`] = authorize.searchParams.get('state')!;
    if (round === 3) continue;
    const callback = new URL(await browser.consent(opened.location!, 'allow'));
    seen[`code${round}`] = callback.searchParams.get('code')!;
    assert.equal((await browser.get(callback.toString())).status, 200);
  }
  // Tool calls across token lifetimes: each refresh rotates the refresh token.
  const accounts = (await admin.api('/integrated-account')).json.result as { id: string }[];
  for (const account of accounts) {
    const mcp = await admin.createMcpServer(account.id);
    assert.equal((await callTool(mcp.url, 'list_all_orbit_candidates', { limit: 2 })).isError, false);
    orbit.state.oauth.expireAll();
    assert.equal((await callTool(mcp.url, 'get_single_orbit_candidate_by_id', { id: '1' })).isError, false);
  }
  // An API key through a link's form: a refused one, then the right one.
  const keyLink = await admin.api('/integrated-account/connect-link', { method: 'POST', body: { integration: 'orbit', context: { base_url: orbit.url } } });
  seen.keyLinkToken = keyLink.json.url.split('/').pop();
  const browser = new TestBrowser();
  const csrf = /name="csrf" value="([^"]+)"/.exec((await browser.get(keyLink.json.url)).text)![1]!;
  seen.refusedKey = marker('typo-key');
  assert.equal((await browser.postForm(keyLink.json.url, { csrf, 'credentials.api_key': seen.refusedKey })).status, 400);
  seen.apiKey = apiKey;
  assert.equal((await browser.postForm(keyLink.json.url, { csrf, 'credentials.api_key': seen.apiKey })).status, 201);

  const issued = orbit.state.oauth.issued;
  assert.ok(issued.length >= 4 && orbit.state.grant.refreshTokens.length >= 4, `${issued.length} access tokens, ${orbit.state.grant.refreshTokens.length} refresh tokens`);
  issued.forEach((token, index) => { seen[`accessToken${index + 1}`] = token.token; });
  orbit.state.grant.refreshTokens.forEach((token, index) => { seen[`refreshToken${index + 1}`] = token; });
  orbit.state.grant.verifiers.forEach((verifier, index) => { seen[`pkceVerifier${index + 1}`] = verifier; });
  assert.equal(orbit.state.grant.verifiers.length, 2, 'each code came with its PKCE verifier');
  const live = dataFiles(server.dataDir);
  assert.ok(live.text.includes('Orbit 1'), 'the database files were read');
  assertNoSecrets('database (running)', live.text, seen);
  assert.equal(await server.stop(), 0, 'a clean shutdown');
  assertNoSecrets('database (after shutdown)', dataFiles(server.dataDir).text, seen);
  const logs = server.logs();
  assert.match(logs, /\/connect\/link\/<redacted>/, 'link requests were logged, their token redacted');
  assertNoSecrets('log', logs, seen);
  t.diagnostic(`${Object.keys(seen).length} secrets (${issued.length} access and ${orbit.state.grant.refreshTokens.length} refresh tokens, 2 codes and verifiers, 4 links, 3 states) found nowhere`);
});

