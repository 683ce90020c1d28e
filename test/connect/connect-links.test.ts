// Connecting accounts over HTTP, as a browser and an embedding product do it, against the Orbit fixture sandbox (an
// OAuth provider with a consent page, PKCE, an audience and rotating refresh tokens; an API taking keys or tokens):
// OAuth apps, connect links through the provider and through the key form (checked by one upstream call), the
// callback's refusals (denied, bad scope, replayed, foreign or expired state), single use, expiry, tenant binding,
// CSRF and the failure limit; and reconnecting an account that needs it.
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { randomBytes } from 'node:crypto';
import { hashToken } from '../../src/security/tokens.ts';
import { adminClient, callTool, type AdminClient } from '../helpers/gateway-client.ts';
import { startTestServer, upstreamAllowlist, readDataFiles, type TestServer } from '../api/harness.ts';
import { DEFAULT_GREENHOUSE_CLIENT_ID, sandboxClientSecret, startGreenhouseSandbox } from '../../src/sandbox/index.ts';
import { json, startUpstream } from '../helpers/upstream.ts';
import { TestBrowser } from './browser.ts';
import { ORBIT_AUDIENCE, ORBIT_CLIENT_ID, orbitIntegrationsDir, startOrbitSandbox, type OrbitSandbox } from './orbit-sandbox.ts';

interface Setup {
  server: TestServer;
  admin: AdminClient;
  orbit: OrbitSandbox;
  /** The context that points an Orbit account at the sandbox's API. */
  sandboxContext: Record<string, string>;
}

/** `allowed`: more upstream origins the server allows besides the sandbox's. */
async function setUp(t: TestContext, env: Record<string, string> = {}, allowed: string[] = []): Promise<Setup> {
  const orbit = await startOrbitSandbox({ clientSecret: `orbit-secret-${randomBytes(8).toString('hex')}`, rateLimit: null });
  t.after(() => orbit.close());
  const server = await startTestServer(t, { integrationsDir: orbitIntegrationsDir, cacheTtlMs: 0, env: { ...upstreamAllowlist(orbit.origin, ...allowed), ...env } });
  const admin = adminClient(server.running.url, server.token);
  return { server, admin, orbit, sandboxContext: { base_url: orbit.url } };
}

async function registerApp({ admin, orbit }: Setup): Promise<void> {
  const saved = await admin.api('/oauth-app/orbit', { method: 'PUT', body: { client_id: ORBIT_CLIENT_ID, client_secret: orbit.clientSecret, authorize_url: orbit.authorizeUrl, token_url: orbit.tokenUrl } });
  assert.equal(saved.status, 200, saved.text);
}

async function oauthLink(setup: Setup, name = 'Orbit (Ada)'): Promise<string> {
  const link = await setup.admin.api('/integrated-account/connect-link', { method: 'POST', body: { integration: 'orbit', name, context: { ...setup.sandboxContext, auth_mode: 'oauth' } } });
  assert.equal(link.status, 201, link.text);
  return link.json.url as string;
}

const accounts = async (admin: AdminClient) => (await admin.api('/integrated-account')).json.result as { id: string; name: string; status: string; context: Record<string, string> }[];

describe('OAuth apps', () => {
  test('registered per tenant with the secret sealed and never shown; URL overrides only to allowed origins', async (t) => {
    const setup = await setUp(t);
    const { admin, orbit, server } = setup;
    const refused = await admin.api('/oauth-app/orbit', { method: 'PUT', body: { client_id: 'x', client_secret: 'y', token_url: 'http://10.0.0.1/token' } });
    assert.equal(refused.status, 400);
    assert.match(refused.text, /token_url.*not an upstream origin this server allows/);
    assert.equal((await admin.api('/oauth-app/nothing', { method: 'PUT', body: { client_id: 'x', client_secret: 'y' } })).status, 404);
    await registerApp(setup);
    const shown = await admin.api('/oauth-app/orbit');
    assert.deepEqual([shown.json.client_id, shown.json.source, shown.json.redirect_uri], [ORBIT_CLIENT_ID, 'tenant', `${server.running.publicUrl}/connect/callback`]);
    assert.equal(shown.text.includes(orbit.clientSecret), false, 'the secret is never sent back');
    assert.equal((await admin.api('/oauth-app')).json.result.length, 1);
    assert.equal(readDataFiles(server.dataDir).includes(orbit.clientSecret), false, 'the secret is sealed at rest');
    const other = await server.otherTenant();
    assert.equal((await adminClient(server.running.url, other.token).api('/oauth-app/orbit')).status, 404, "another tenant does not see it");
    assert.equal((await admin.api('/oauth-app/orbit', { method: 'DELETE' })).status, 204);
    assert.equal((await admin.api('/oauth-app/orbit')).status, 404);
  });

  test('an operator app from SWITCHBOARD_OAUTH_APPS serves tenants that registered none', async (t) => {
    const orbitSecret = `orbit-secret-${randomBytes(8).toString('hex')}`;
    const probe = await startOrbitSandbox({ clientSecret: orbitSecret, rateLimit: null });
    t.after(() => probe.close());
    const server = await startTestServer(t, {
      integrationsDir: orbitIntegrationsDir,
      env: { ...upstreamAllowlist(probe.origin), SWITCHBOARD_OAUTH_APPS: JSON.stringify({ orbit: { client_id: ORBIT_CLIENT_ID, client_secret: orbitSecret, authorize_url: probe.authorizeUrl, token_url: probe.tokenUrl } }) },
    });
    const admin = adminClient(server.running.url, server.token);
    const shown = await admin.api('/oauth-app/orbit');
    assert.deepEqual([shown.status, shown.json.source, shown.json.client_id], [200, 'operator', ORBIT_CLIENT_ID]);
    const setup = { server, admin, orbit: probe, sandboxContext: { base_url: probe.url } };
    const browser = new TestBrowser();
    const opened = await browser.get(await oauthLink(setup));
    assert.equal(opened.status, 302);
    assert.equal((await browser.get(await browser.consent(opened.location!, 'allow'))).status, 200);
    assert.equal((await accounts(admin)).length, 1);

    // The tenant does not own that app's secret: its accounts cannot send it to a token endpoint of their choosing.
    const thief = await startUpstream((request, response) => json(response, 200, { access_token: 'stolen', expires_in: 3600 }));
    t.after(() => thief.close());
    const steer = await admin.api('/integrated-account/connect-link', { method: 'POST', body: { integration: 'orbit', context: { base_url: probe.url, auth_mode: 'oauth', oauth_token_url: `${thief.url}/token` } } });
    assert.equal(steer.status, 400);
    assert.match(steer.text, /context.oauth_token_url.*is not a context field of orbit/);
    // A session holding such a context anyway (written as the store holds them): the code goes to the app's endpoint.
    const token = `sbcl_${randomBytes(32).toString('base64url')}`;
    await server.running.store.createConnectSession({
      tenant_id: server.tenant.id, integration: 'orbit', account_name: null, account_id: null, context: { base_url: probe.url, auth_mode: 'oauth', oauth_token_url: `${thief.url}/token` },
      verifier_encrypted: null, return_to: null, expires_at: new Date(Date.now() + 600_000).toISOString(), token_hash: hashToken(token),
    });
    const attacker = new TestBrowser();
    const started = await attacker.get(`${server.running.publicUrl}/connect/link/${token}`);
    assert.equal(started.status, 302);
    const state = new URL(started.location!).searchParams.get('state')!;
    const refused = await attacker.get(`${server.running.publicUrl}/connect/callback?state=${state}&code=made-up`);
    assert.match(refused.text, /Orbit did not accept the authorization: the token endpoint answered 400 invalid_grant/);
    assert.equal(thief.requests.length, 0, 'nothing was sent to the account\'s token URL');
    assert.equal((await accounts(admin)).length, 1);
  });
});

describe('connect links through the provider', () => {
  test('an end user without a Switchboard login connects their account; the agent then calls a tool; the link works once', async (t) => {
    const setup = await setUp(t);
    const { admin, orbit, server } = setup;
    await registerApp(setup);
    const link = await admin.api('/integrated-account/connect-link', { method: 'POST', body: { integration: 'orbit', name: 'Orbit (Ada)', context: { ...setup.sandboxContext, auth_mode: 'oauth' } } });
    assert.equal(link.status, 201, link.text);
    const lifetime = Date.parse(link.json.expires_at) - Date.now();
    assert.ok(lifetime > 3_500_000 && lifetime <= 3_600_000, `the link lives an hour (${lifetime} ms)`);
    assert.match(link.json.url, new RegExp(`^${server.running.publicUrl}/connect/link/sbcl_[\\w-]{43}$`));

    const browser = new TestBrowser();
    const opened = await browser.get(link.json.url);
    assert.equal(opened.status, 302);
    const authorize = new URL(opened.location!);
    assert.equal(`${authorize.origin}${authorize.pathname}`, orbit.authorizeUrl);
    const params = Object.fromEntries(authorize.searchParams);
    assert.deepEqual(
      [params.response_type, params.client_id, params.redirect_uri, params.scope, params.audience, params.code_challenge_method],
      ['code', ORBIT_CLIENT_ID, `${server.running.publicUrl}/connect/callback`, 'candidates:read offline_access', ORBIT_AUDIENCE, 'S256'],
    );
    assert.match(params.code_challenge!, /^[\w-]{43}$/);
    assert.match(params.state!, /^[\w-]{43}$/);

    const callback = await browser.consent(opened.location!, 'allow');
    assert.ok(callback.startsWith(`${server.running.publicUrl}/connect/callback?`), callback);
    const done = await browser.get(callback);
    assert.equal(done.status, 200, done.text);
    assert.match(done.text, /Your account is connected as “Orbit \(Ada\)”/);

    const [account] = await accounts(admin);
    assert.deepEqual([account!.name, account!.status, account!.context.auth_mode], ['Orbit (Ada)', 'active', 'oauth']);
    const mcp = await admin.createMcpServer(account!.id);
    const answer = await callTool(mcp.url, 'get_single_orbit_candidate_by_id', { id: '2' });
    assert.equal(answer.isError, false, answer.toolText);
    assert.match(answer.toolText, /Candidate 2/);
    assert.equal(orbit.state.oauth.issued.length, 1, 'the tokens of the code exchange were used');

    // Once used, neither the link nor the state works again, and nothing more is created.
    const again = await new TestBrowser().get(link.json.url);
    assert.equal(again.status, 404);
    assert.match(again.text, /already used/);
    const replay = await browser.get(callback);
    assert.equal(replay.status, 400);
    assert.match(replay.text, /unknown, was already completed/);
    assert.equal((await accounts(admin)).length, 1);
    // The link's token, the code and the tokens are nowhere in clear.
    const files = readDataFiles(server.dataDir);
    for (const secret of [link.json.url.split('/').pop()!, new URL(callback).searchParams.get('code')!, orbit.state.oauth.issued[0]!.token, orbit.state.grant.refreshTokens[0]!]) {
      assert.equal(files.includes(secret), false, `found in the database files: ${secret.slice(0, 8)}…`);
    }
    server.logs.assertFree([link.json.url.split('/').pop()!, new URL(callback).searchParams.get('code')!, orbit.state.oauth.issued[0]!.token]);
    assert.match(server.logs.text(), new RegExp(`"account":"${account!.id}","integration":"orbit","via":"link","msg":"an integrated account was connected"`));
  });

  test('tokens said to live for ever (expires_in 1e15) connect the account, their expiry taken as unknown', async (t) => {
    const setup = await setUp(t);
    await registerApp(setup);
    setup.orbit.state.oauth.lifetimeSeconds = 1e15;
    const browser = new TestBrowser();
    const opened = await browser.get(await oauthLink(setup));
    const done = await browser.get(await browser.consent(opened.location!, 'allow'));
    assert.equal(done.status, 200, done.text);
    const [account] = await accounts(setup.admin);
    assert.equal((await setup.server.running.store.getUpstreamTokens(account!.id))?.expires_at, null);
    const answer = await callTool((await setup.admin.createMcpServer(account!.id)).url, 'get_single_orbit_candidate_by_id', { id: '1' });
    assert.equal(answer.isError, false, answer.toolText);
  });

  test('the provider refusing (denied, bad scope) is said plainly and stores nothing', async (t) => {
    const setup = await setUp(t);
    await registerApp(setup);
    const browser = new TestBrowser();
    const opened = await browser.get(await oauthLink(setup));
    const denied = await browser.get(await browser.consent(opened.location!, 'deny'));
    assert.equal(denied.status, 400);
    assert.match(denied.text, /Access was denied at Orbit, so no account was connected/);

    // The link still works (nothing was connected); this time the provider does not know a scope.
    const reopened = await browser.get(await oauthLink(setup));
    const tampered = new URL(reopened.location!);
    tampered.searchParams.set('scope', 'candidates:read admin:everything');
    const page = await browser.get(tampered.toString());
    assert.equal(page.status, 302, 'the provider sends the error back');
    const badScope = await browser.get(page.location!);
    assert.match(badScope.text, /Orbit refused the permissions Switchboard asks for \(invalid_scope\)/);
    assert.match(badScope.text, /Unknown scope admin:everything/);
    assert.equal((await accounts(setup.admin)).length, 0);
    assert.equal(setup.orbit.state.oauth.issued.length, 0, 'no token was requested');
  });

  test('a state from another browser, a made-up one, an expired link or a code the provider refuses connect nothing', async (t) => {
    const setup = await setUp(t);
    const { server, admin, orbit } = setup;
    await registerApp(setup);
    const victim = new TestBrowser();
    const opened = await victim.get(await oauthLink(setup));
    const callback = await victim.consent(opened.location!, 'allow');
    const elsewhere = await new TestBrowser().get(callback);
    assert.equal(elsewhere.status, 400);
    assert.match(elsewhere.text, /started in another browser/);
    // The state was spent by that attempt: the right browser cannot finish with it either.
    assert.match((await victim.get(callback)).text, /unknown, was already completed/);

    const madeUp = await victim.get(`${server.running.url}/connect/callback?state=${randomBytes(32).toString('base64url')}&code=abc`);
    assert.match(madeUp.text, /unknown, was already completed/);
    assert.match((await victim.get(`${server.running.url}/connect/callback?code=abc`)).text, /missing the state/);

    // A code the provider does not know: the token endpoint's invalid_grant is shown, nothing stored.
    const fresh = new TestBrowser();
    const second = await fresh.get(await oauthLink(setup));
    const state = new URL(second.location!).searchParams.get('state')!;
    const refused = await fresh.get(`${server.running.publicUrl}/connect/callback?state=${state}&code=not-a-code`);
    assert.match(refused.text, /Orbit did not accept the authorization: the token endpoint answered 400 invalid_grant/);

    // An expired link (written as the store holds them).
    const token = `sbcl_${randomBytes(32).toString('base64url')}`;
    await server.running.store.createConnectSession({
      tenant_id: server.tenant.id, integration: 'orbit', account_name: null, account_id: null, context: { ...setup.sandboxContext, auth_mode: 'oauth' },
      verifier_encrypted: null, return_to: null, expires_at: new Date(Date.now() - 1000).toISOString(), token_hash: hashToken(token),
    });
    const expired = await fresh.get(`${server.running.url}/connect/link/${token}`);
    assert.equal(expired.status, 404);
    assert.match(expired.text, /expired/);
    assert.equal((await accounts(admin)).length, 0);
    assert.equal(orbit.state.oauth.issued.length, 0, 'no code was exchanged for tokens: the victim\'s state was spent by the attempt from elsewhere');
  });

  test("links bind to the calling tenant: the account lands there only; another tenant's account cannot be reconnected", async (t) => {
    const setup = await setUp(t);
    const { server, admin } = setup;
    await registerApp(setup);
    const other = await server.otherTenant();
    const otherAdmin = adminClient(server.running.url, other.token);
    const browser = new TestBrowser();
    const opened = await browser.get(await oauthLink(setup));
    assert.equal((await browser.get(await browser.consent(opened.location!, 'allow'))).status, 200);
    const [account] = await accounts(admin);
    assert.equal((await accounts(otherAdmin)).length, 0);
    const foreign = await otherAdmin.api('/connect/orbit/start', { method: 'POST', body: { account_id: account!.id } });
    assert.equal(foreign.status, 404);
    assert.equal((await otherAdmin.api('/integrated-account/connect-link', { method: 'POST', body: { integration: 'orbit', context: { auth_mode: 'oauth' } } })).status, 400, 'the other tenant has no OAuth app');
  });

  test('a link for an authorization-code account needs the OAuth app and every required context value up front', async (t) => {
    const setup = await setUp(t);
    const noApp = await setup.admin.api('/integrated-account/connect-link', { method: 'POST', body: { integration: 'orbit', context: { auth_mode: 'oauth' } } });
    assert.equal(noApp.status, 400);
    assert.match(noApp.text, /no OAuth app for orbit: an admin registers its client id and secret with PUT \/oauth-app\/orbit/);
    await registerApp(setup);
    const badRegion = await setup.admin.api('/integrated-account/connect-link', { method: 'POST', body: { integration: 'orbit', context: { auth_mode: 'oauth', region: 'mars' } } });
    assert.match(badRegion.text, /context.region/);
    assert.equal((await setup.admin.api('/integrated-account/connect-link', { method: 'POST', body: { integration: 'nope' } })).status, 400);
  });
});

describe('connect pages say what went wrong, never as JSON or a 500', () => {
  test("a token endpoint answering garbage, too much or nothing, an app deleted or no longer allowed: a plain page with the reason", async (t) => {
    let answer: 'invalid-json' | 'huge' = 'invalid-json';
    const broken = await startUpstream((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(answer === 'huge' ? JSON.stringify({ access_token: 'x', padding: 'p'.repeat(11 * 1024 * 1024) }) : '{"access_token": ');
    });
    t.after(() => broken.close());
    const setup = await setUp(t, {}, [broken.url]);
    const { admin, orbit, server } = setup;
    const app = (tokenUrl: string, authorizeUrl = orbit.authorizeUrl) =>
      admin.api('/oauth-app/orbit', { method: 'PUT', body: { client_id: ORBIT_CLIENT_ID, client_secret: orbit.clientSecret, authorize_url: authorizeUrl, token_url: tokenUrl } });
    assert.equal((await app(`${broken.url}/token`)).status, 200);
    const plainPage = (hop: { status: number; text: string }, reason: RegExp) => {
      assert.ok(hop.status >= 400 && hop.status < 500, `status ${hop.status}`);
      assert.match(hop.text, /^<!doctype html>/);
      assert.match(hop.text, /<h1>Not connected<\/h1>/);
      assert.match(hop.text, reason);
    };
    const callback = async () => {
      const browser = new TestBrowser();
      const opened = await browser.get(await oauthLink(setup));
      return browser.get(await browser.consent(opened.location!, 'allow'));
    };
    plainPage(await callback(), /Orbit did not accept the authorization: .*not valid JSON/);
    answer = 'huge';
    plainPage(await callback(), /Orbit did not accept the authorization: .*larger than/);
    await broken.close();
    plainPage(await callback(), /Orbit did not accept the authorization: /);

    // The app is deleted after the link was made, and after the round trip started.
    assert.equal((await app(orbit.tokenUrl)).status, 200);
    const link = await oauthLink(setup);
    const started = new TestBrowser();
    const opened = await started.get(await oauthLink(setup));
    const back = await started.consent(opened.location!, 'allow');
    assert.equal((await admin.api('/oauth-app/orbit', { method: 'DELETE' })).status, 204);
    plainPage(await new TestBrowser().get(link), /cannot be connected now: .*no OAuth app for orbit/);
    plainPage(await started.get(back), /cannot be connected now: .*no OAuth app for orbit/);

    // The app's authorization page is not an allowed origin any more (the allowlist shrank after it was saved).
    const stored = await app(orbit.tokenUrl);
    assert.equal(stored.status, 200);
    const saved = await server.running.store.getOAuthApp(server.tenant.id, 'orbit');
    await server.running.store.saveOAuthApp({ ...saved!, authorize_url: 'https://authorize.elsewhere.example/authorize' });
    plainPage(await new TestBrowser().get(await oauthLink(setup)), /oauth_app.authorize_url: the OAuth app&#39;s endpoint override \(https:\/\/authorize.elsewhere.example\) is not an upstream origin this server allows/);
    const fromDashboard = await admin.api('/connect/orbit/start', { method: 'POST', body: {} });
    assert.equal(fromDashboard.status, 400);
    assert.equal((await accounts(admin)).length, 0);
  });
});

describe('connect links with an API key', () => {
  const keyLink = async (setup: Setup) => {
    const link = await setup.admin.api('/integrated-account/connect-link', { method: 'POST', body: { integration: 'orbit', name: 'Orbit (key)', context: setup.sandboxContext } });
    assert.equal(link.status, 201, link.text);
    return link.json.url as string;
  };
  const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

  test('the form asks for the key and the unset context; a bad key is refused after one test call; a good one connects, once', async (t) => {
    const setup = await setUp(t);
    const { admin, orbit, server } = setup;
    const url = await keyLink(setup);
    const browser = new TestBrowser();
    const form = await browser.get(url);
    assert.equal(form.status, 200);
    assert.match(form.text, /<label for="f-credentials-api_key">API key<\/label>/);
    assert.match(form.text, /<label for="f-context-region">Region \(optional\)<\/label>/);
    assert.doesNotMatch(form.text, /base_url/, 'what the link set is not asked');
    const csrf = csrfOf(form.text);

    const before = orbit.requests.length;
    const bad = await browser.postForm(url, { csrf, 'credentials.api_key': 'wrong-key', 'context.region': 'eu' });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /Orbit refused it: .*401.*Invalid API key or access token/);
    assert.match(bad.text, /value="eu"/, 'what was typed (but the key) stays in the form');
    assert.equal(orbit.requests.length, before + 1, 'one test call');
    assert.deepEqual(orbit.requests.at(-1)!.path, '/v1/candidates', 'the cheapest read: the first list, one record');
    assert.match(orbit.requests.at(-1)!.query, /per_page=1/);

    const invalid = await browser.postForm(url, { csrf, 'credentials.api_key': 'orbit-key', 'context.region': 'mars' });
    assert.match(invalid.text, /&#34;mars&#34; is not a valid Region/);
    assert.equal(orbit.requests.length, before + 1, 'no call for values the definition refuses');

    const good = await browser.postForm(url, { csrf, 'credentials.api_key': 'orbit-key', 'context.region': 'eu' });
    assert.equal(good.status, 201, good.text);
    const [account] = await accounts(admin);
    assert.deepEqual([account!.name, account!.context], ['Orbit (key)', { base_url: orbit.url, region: 'eu' }]);
    const mcp = await admin.createMcpServer(account!.id);
    assert.equal((await callTool(mcp.url, 'list_all_orbit_candidates', { limit: 2 })).isError, false);

    const reopened = await browser.get(url);
    assert.equal(reopened.status, 404);
    assert.match(reopened.text, /already used/);
    assert.equal((await accounts(admin)).length, 1);
    server.logs.assertFree(['orbit-key', url.split('/').pop()!]);
  });

  test('the form only takes posts from its own page: the cookie it set, the token it carries, its own origin', async (t) => {
    const setup = await setUp(t);
    const url = await keyLink(setup);
    const browser = new TestBrowser();
    const csrf = csrfOf((await browser.get(url)).text);
    const cases = [
      { what: 'no cookie', browser: new TestBrowser(), fields: { csrf }, headers: {} as Record<string, string> },
      { what: 'a wrong token', browser, fields: { csrf: 'x'.repeat(32) }, headers: {} as Record<string, string> },
      { what: 'another origin', browser, fields: { csrf }, headers: { origin: 'https://evil.example' } },
    ];
    for (const attempt of cases) {
      const answer = await attempt.browser.postForm(url, { ...attempt.fields, 'credentials.api_key': 'orbit-key' }, attempt.headers);
      assert.equal(answer.status, 403, attempt.what);
    }
    const page = await fetch(url);
    assert.match(page.headers.get('content-security-policy') ?? '', /^default-src 'none'; style-src 'sha256-[\w+/=]+'; form-action 'self'/);
    assert.equal(page.headers.get('x-frame-options'), 'DENY');
    const json = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(json.status, 415);
    const huge = await browser.postForm(url, { csrf, 'credentials.api_key': 'k'.repeat(20_000) });
    assert.equal(huge.status, 413);
    assert.equal((await accounts(setup.admin)).length, 0);
  });

  test("a tenant at its account quota: the page says so, and the link is spent without an account", async (t) => {
    const setup = await setUp(t, { SWITCHBOARD_MAX_ACCOUNTS_PER_TENANT: '1' });
    for (const round of [1, 2]) {
      const url = await keyLink(setup);
      const browser = new TestBrowser();
      const csrf = csrfOf((await browser.get(url)).text);
      const answer = await browser.postForm(url, { csrf, 'credentials.api_key': 'orbit-key' });
      if (round === 1) assert.equal(answer.status, 201);
      else assert.match(answer.text, /The account could not be added: This tenant already has 1 integrated accounts/);
    }
    assert.equal((await accounts(setup.admin)).length, 1);
  });

  test('posts sent at once cannot pass the failure limit: each takes its place before the key is checked upstream', async (t) => {
    const setup = await setUp(t);
    const url = await keyLink(setup);
    const browser = new TestBrowser();
    const csrf = csrfOf((await browser.get(url)).text);
    const before = setup.orbit.requests.length;
    const answers = await Promise.all(Array.from({ length: 40 }, (_, index) => browser.postForm(url, { csrf, 'credentials.api_key': `guess-${index}` })));
    const statuses = answers.map((answer) => answer.status);
    assert.equal(statuses.filter((status) => status === 400).length, 20, statuses.join(' '));
    assert.equal(statuses.filter((status) => status === 429).length, 20);
    assert.equal(setup.orbit.requests.length - before, 20, 'one upstream check per attempt within the limit of 20');
  });

  test('unknown links and failed attempts are limited per client address', async (t) => {
    const setup = await setUp(t);
    const browser = new TestBrowser();
    for (let i = 0; i < 20; i++) assert.equal((await browser.get(`${setup.server.running.url}/connect/link/sbcl_${randomBytes(32).toString('base64url')}`)).status, 404);
    const limited = await browser.get(await keyLink(setup));
    assert.equal(limited.status, 429, 'a valid link too, once the client is over the limit');
    assert.match(limited.text, /Too many failed attempts/);
  });
});

describe('connect links with OAuth client credentials', () => {
  test('Greenhouse: good client credentials connect, refused ones are a field error; the check stores no token', async (t) => {
    const greenhouse = await startGreenhouseSandbox({ rateLimit: null });
    t.after(() => greenhouse.close());
    const server = await startTestServer(t, { integrationsDir: new URL('../../integrations/', import.meta.url).pathname, env: upstreamAllowlist(greenhouse.origin) });
    const admin = adminClient(server.running.url, server.token);
    const link = await admin.api('/integrated-account/connect-link', { method: 'POST', body: { integration: 'greenhouse', name: 'Greenhouse (link)', context: { base_url: greenhouse.url, oauth_token_url: greenhouse.tokenUrl } } });
    assert.equal(link.status, 201, link.text);
    const url = link.json.url as string;
    const browser = new TestBrowser();
    const csrf = /name="csrf" value="([^"]+)"/.exec((await browser.get(url)).text)![1]!;
    const fields = { csrf, 'context.user_id': String(greenhouse.state.planted.actingUserId), 'credentials.client_id': DEFAULT_GREENHOUSE_CLIENT_ID };

    const tokensBefore = greenhouse.state.oauth.issued.length;
    const bad = await browser.postForm(url, { ...fields, 'credentials.client_secret': 'not-the-secret' });
    assert.equal(bad.status, 400, bad.text);
    assert.match(bad.text, /Greenhouse refused these credentials/);
    assert.match(bad.text, /<p class="problem">Greenhouse refused it: its token endpoint refused the client credentials\.<\/p>/);
    assert.doesNotMatch(bad.text, /reconnected/);
    assert.equal((await accounts(admin)).length, 0);

    const good = await browser.postForm(url, { ...fields, 'credentials.client_secret': sandboxClientSecret(DEFAULT_GREENHOUSE_CLIENT_ID) });
    assert.equal(good.status, 201, good.text);
    assert.equal(greenhouse.state.oauth.issued.length, tokensBefore + 1, 'the check obtained one token');
    const [account] = await accounts(admin);
    assert.deepEqual([account!.name, account!.status], ['Greenhouse (link)', 'active']);
    assert.equal(await server.running.store.getUpstreamTokens(account!.id), undefined, "the check's token was not stored");
    const mcp = await admin.createMcpServer(account!.id);
    const answer = await callTool(mcp.url, 'list_all_greenhouse_jobs', { limit: 1 });
    assert.equal(answer.isError, false, answer.toolText);
  });
});

describe('reconnecting', () => {
  test('a revoked grant marks the account needs_reauth; reconnecting from the dashboard makes it active with new tokens', async (t) => {
    const setup = await setUp(t);
    const { admin, orbit, server } = setup;
    await registerApp(setup);
    const browser = new TestBrowser();
    const opened = await browser.get(await oauthLink(setup));
    await browser.get(await browser.consent(opened.location!, 'allow'));
    const [account] = await accounts(admin);
    const mcp = await admin.createMcpServer(account!.id);
    orbit.state.grant.revokeAll();
    orbit.state.oauth.expireAll();
    assert.match((await callTool(mcp.url, 'get_single_orbit_candidate_by_id', { id: '1' })).toolText, /must be reconnected/);
    assert.equal((await admin.api(`/integrated-account/${account!.id}`)).json.status, 'needs_reauth');

    // The admin's browser: the start answers the provider's URL and sets the round trip's cookie.
    const started = await fetch(`${server.running.url}/connect/orbit/start`, {
      method: 'POST', headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ account_id: account!.id }),
    });
    assert.equal(started.status, 200);
    const { url } = await started.json() as { url: string };
    const admins = new TestBrowser();
    const cookie = started.headers.getSetCookie().find((line) => line.startsWith('switchboard_connect_state='))!.split(';')[0]!;
    const back = await admins.consent(url, 'allow');
    const finished = await fetch(back, { redirect: 'manual', headers: { cookie } });
    assert.equal(finished.status, 302);
    assert.equal(finished.headers.get('location'), `/accounts/${account!.id}/tools?reconnected=1`);
    assert.equal((await admin.api(`/integrated-account/${account!.id}`)).json.status, 'active');
    assert.equal((await accounts(admin)).length, 1, 'the same account, not a new one');
    const answer = await callTool(mcp.url, 'get_single_orbit_candidate_by_id', { id: '1' });
    assert.equal(answer.isError, false, answer.toolText);
  });
});
