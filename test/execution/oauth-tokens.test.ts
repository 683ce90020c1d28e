// The upstream OAuth token lifecycle through the engine, against a local provider (token endpoint and API):
// one token request however many calls meet an expired token, renewal shortly before expiry, one renewal and one
// more try on a 401, rotated refresh tokens stored first, and needs_reauth when the grant is gone.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { test, type TestContext } from 'node:test';
import { LocalLock, PostgresLock } from '../../src/cluster/locks.ts';
import type { ClusterLock } from '../../src/cluster/types.ts';
import { Engine } from '../../src/execution/engine.ts';
import type { AccountConnection, CallOutcome } from '../../src/execution/types.ts';
import { createSecretBox } from '../../src/security/secrets.ts';
import { UpstreamTokens } from '../../src/services/upstream-tokens.ts';
import { PostgresStore } from '../../src/store/postgres.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import type { Store } from '../../src/store/types.ts';
import { compileIntegration, type Integration } from '../../src/tools/catalog.ts';
import { createTestDatabase } from '../helpers/shared-infra.ts';
import { json, startUpstream, type RecordedRequest } from '../helpers/upstream.ts';
import { tempDir } from '../store/temp-dir.ts';

const definition = (auth: string) => compileIntegration('integrations/hire/definition.yaml', `
format_version: 2
name: hire
label: Hire
description: Test integration on OAuth.
base_url: https://api.hire.example/v1
credentials:
  client_id: { label: Client id }
  client_secret: { label: Client secret }
  user_id: { label: Acting user }
auth: ${auth}
response: { kind: json }
resources:
  jobs:
    methods:
      get:
        http_method: GET
        path: /jobs/{id}
        docs: { description: One job. }
`);

const clientCredentials = `{ kind: oauth2_client_credentials, token_url: "https://auth.hire.example/token", client_id: "{client_id}", client_secret: "{client_secret}", token_parameters: { sub: "{user_id}" } }`;
const authorizationCode = `{ kind: oauth2_authorization_code, authorize_url: "https://auth.hire.example/authorize", token_url: "https://auth.hire.example/token" }`;

interface Provider {
  url: string;
  tokenRequests: URLSearchParams[];
  /** Seconds each issued access token lives. */
  lifetime: number;
  /** Access tokens the API accepts (the provider revokes by removing them). */
  valid: Set<string>;
  /** The refresh token the provider accepts now (rotation: each refresh issues a new one and retires the old). */
  refreshToken: string;
  /** The API answers 401 to every token. */
  apiDown401: boolean;
  /** The client secret the token endpoint accepts (client credentials, HTTP Basic); any when undefined. */
  clientSecret: string | undefined;
  /** Token requests acting as these users (the form's sub; '' for refreshes) are answered only when release() is called. */
  hangFor: Set<string>;
  /** Token requests held unanswered, by hangFor. */
  held: number;
  release(): void;
  /** Every token request is answered with this status (a 503: the endpoint is down). */
  failWith: number | undefined;
  /** Fields merged into successful token answers (an absurd expires_in). */
  extra: Record<string, unknown>;
  close(): Promise<void>;
}

async function startProvider(t: TestContext): Promise<Provider> {
  let counter = 0;
  const waiting: (() => void)[] = [];
  const provider: Omit<Provider, 'url' | 'close'> = {
    tokenRequests: [], lifetime: 3600, valid: new Set(), refreshToken: 'refresh-0', apiDown401: false, clientSecret: undefined,
    hangFor: new Set(), held: 0, failWith: undefined, extra: {},
    release: () => waiting.splice(0).forEach((answer) => answer()),
  };
  const answerToken = (request: RecordedRequest, form: URLSearchParams, response: ServerResponse): void => {
    if (provider.failWith !== undefined) return json(response, provider.failWith, { error: 'temporarily_unavailable' });
    const basic = Buffer.from(request.headers.authorization?.replace(/^Basic /, '') ?? '', 'base64').toString();
    if (provider.clientSecret !== undefined && form.get('grant_type') === 'client_credentials' && basic.split(':')[1] !== provider.clientSecret) {
      return json(response, 401, { error: 'invalid_client', error_description: 'client authentication failed' });
    }
    if (form.get('grant_type') === 'refresh_token' && form.get('refresh_token') !== provider.refreshToken) {
      return json(response, 400, { error: 'invalid_grant', error_description: 'refresh token reused or revoked' });
    }
    const access = `access-${++counter}`;
    provider.valid.add(access);
    const rotated = `refresh-${counter}`;
    if (form.get('grant_type') === 'refresh_token') provider.refreshToken = rotated;
    // Answers arrive a little later, so that calls pile up on a renewal in progress.
    setTimeout(() => json(response, 200, { access_token: access, token_type: 'bearer', expires_in: provider.lifetime, ...(form.get('grant_type') === 'refresh_token' ? { refresh_token: rotated } : {}), ...provider.extra }), 30);
  };
  const server = await startUpstream((request, response) => {
    if (request.url.pathname === '/token') {
      const form = new URLSearchParams(request.body);
      provider.tokenRequests.push(form);
      if (provider.hangFor.has(form.get('sub') ?? '')) {
        provider.held++;
        waiting.push(() => answerToken(request, form, response));
      } else {
        answerToken(request, form, response);
      }
      return;
    }
    const token = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
    if (provider.apiDown401 || !provider.valid.has(token)) return json(response, 401, { message: 'token expired or revoked' });
    json(response, 200, { id: request.url.pathname.split('/').pop(), token });
  });
  t.after(() => {
    provider.release();
    return server.close();
  });
  return Object.assign(provider, { url: server.url, close: server.close });
}

interface SetUpOptions {
  /** The store (SQLite in a temporary directory by default) and the renewal lock (in process by default). */
  store?: Store;
  lock?: ClusterLock;
  tokenRequestTimeoutMs?: number;
}

async function setUp(t: TestContext, auth: string, options: SetUpOptions = {}) {
  const provider = await startProvider(t);
  const store = options.store ?? SqliteStore.open(tempDir(t));
  await store.migrate();
  if (!options.store) t.after(() => store.close());
  const secrets = createSecretBox(randomBytes(32));
  let clock = Date.parse('2026-12-01T10:00:00Z');
  const reauths: string[] = [];
  const engine = new Engine({
    tokens: (send) => new UpstreamTokens({
      store, secrets, lock: options.lock ?? new LocalLock(), send, now: () => clock, tokenRequestTimeoutMs: options.tokenRequestTimeoutMs,
      onReauth: (account, reason) => void reauths.push(`${account.id}: ${reason}`),
    }),
  });
  t.after(() => engine.close());
  const tenant = await store.createTenant('Acme');
  /** Another account of the tenant, acting as `userId`. */
  const newAccount = async (userId: string): Promise<AccountConnection> => {
    const stored = await store.createAccount({ tenant_id: tenant.id, integration: 'hire', name: `Hire ${userId}`, context: {}, credentials_encrypted: secrets.encrypt({}) });
    return {
      id: stored.id, integration: 'hire', tenantId: tenant.id, status: 'active',
      context: { base_url: `${provider.url}/v1`, oauth_token_url: `${provider.url}/token` },
      credentials: { client_id: 'cid', client_secret: 'csecret', user_id: userId },
    };
  };
  const account = await newAccount('42');
  const integration: Integration = definition(auth);
  const call = (id: string, on: AccountConnection = account) => engine.execute({ integration, tool: integration.toolsByName.get('get_single_hire_job_by_id')!, account: on, arguments: { id }, cursorScope: 'mcp:s' });
  /** The tenant's OAuth app (its token endpoint the provider's) and what the connect flow stores: first tokens, already expired. */
  const connectByCode = async () => {
    await store.saveOAuthApp({ tenant_id: tenant.id, integration: 'hire', client_id: 'app-id', client_secret_encrypted: secrets.encrypt('app-secret'), authorize_url: null, token_url: `${provider.url}/token` });
    await store.saveUpstreamTokens(account.id, { tokens_encrypted: secrets.encrypt({ access_token: 'old', refresh_token: 'refresh-0', expires_at: Date.parse('2026-12-01T09:00:00Z') }), expires_at: '2026-12-01T09:00:00Z' });
  };
  return { provider, store, secrets, engine, account, newAccount, call, connectByCode, reauths, tenant, advance: (ms: number) => { clock += ms; } };
}

const ok = (outcome: CallOutcome) => assert.ok(outcome.ok, JSON.stringify(outcome));
/** The access token the API saw on a successful call. */
const tokenOf = (outcome: CallOutcome) => (outcome as Extract<CallOutcome, { ok: true }>).result as { token: string };

test('client credentials: one token request for 50 concurrent calls, the acting user in the form, renewal before expiry', async (t) => {
  const { provider, call, advance, store, account } = await setUp(t, clientCredentials);
  const outcomes = await Promise.all(Array.from({ length: 50 }, (_, i) => call(String(i))));
  outcomes.forEach(ok);
  assert.equal(provider.tokenRequests.length, 1, 'one token request');
  const form = provider.tokenRequests[0]!;
  assert.equal(form.get('grant_type'), 'client_credentials');
  assert.equal(form.get('sub'), '42');
  const row = await store.getUpstreamTokens(account.id);
  assert.ok(row && !row.tokens_encrypted.includes('access-1'), 'the stored token is sealed');

  advance(3600_000 - 30_000); // 30 s left: renewed before use
  const again = await Promise.all(Array.from({ length: 50 }, (_, i) => call(String(i))));
  again.forEach(ok);
  assert.equal(provider.tokenRequests.length, 2, 'one renewal for the 50');
  assert.ok(again.every((outcome) => outcome.ok && (outcome.result as { token: string }).token === 'access-2'));
});

test('a 401 gets one new token and one more try; a new token refused as well marks the account', async (t) => {
  const { provider, call, reauths, store, account } = await setUp(t, clientCredentials);
  ok(await call('1'));
  provider.valid.clear(); // the provider revoked the token
  const renewed = await call('2');
  ok(renewed);
  assert.equal(provider.tokenRequests.length, 2, 'renewed once on the 401');

  provider.apiDown401 = true;
  const refused = await call('3');
  assert.equal(refused.ok, false);
  assert.equal((refused as Extract<CallOutcome, { ok: false }>).error.kind, 'reauth');
  assert.equal(reauths.length, 1);
  assert.equal((await store.getAccount(account.tenantId!, account.id))?.status, 'needs_reauth');
  const before = provider.tokenRequests.length;
  const blocked = await call('4', { ...account, status: 'needs_reauth' });
  assert.match((blocked as Extract<CallOutcome, { ok: false }>).error.message, /must be reconnected/);
  assert.equal(provider.tokenRequests.length, before, 'a marked account makes no request at all');
});

test('authorization code: refresh with the tenant app, rotated refresh tokens stored, invalid_grant marks the account', async (t) => {
  const { provider, call, store, secrets, account, tenant, advance, reauths } = await setUp(t, authorizationCode);
  const missingApp = await call('1');
  assert.match((missingApp as Extract<CallOutcome, { ok: false }>).error.message, /no OAuth app for hire/);
  await store.saveOAuthApp({ tenant_id: tenant.id, integration: 'hire', client_id: 'app-id', client_secret_encrypted: secrets.encrypt('app-secret'), authorize_url: null, token_url: `${provider.url}/token` });
  // What the connect flow stores: the first tokens, already expired.
  await store.saveUpstreamTokens(account.id, { tokens_encrypted: secrets.encrypt({ access_token: 'old', refresh_token: 'refresh-0', expires_at: Date.parse('2026-12-01T09:00:00Z') }), expires_at: '2026-12-01T09:00:00Z' });
  const calls = await Promise.all(Array.from({ length: 20 }, (_, i) => call(String(i))));
  calls.forEach(ok);
  assert.equal(provider.tokenRequests.length, 1);
  const refresh = provider.tokenRequests[0]!;
  assert.deepEqual([refresh.get('grant_type'), refresh.get('refresh_token'), refresh.get('client_id'), refresh.get('client_secret')], ['refresh_token', 'refresh-0', 'app-id', 'app-secret']);
  const stored = secrets.decrypt<{ refresh_token: string }>((await store.getUpstreamTokens(account.id))!.tokens_encrypted);
  assert.equal(stored.refresh_token, provider.refreshToken, 'the rotated refresh token was stored');

  // Someone reuses an old refresh token at the provider: it revokes the grant.
  provider.refreshToken = 'revoked';
  advance(2 * 3600_000);
  const refused = await call('x');
  assert.equal((refused as Extract<CallOutcome, { ok: false }>).error.kind, 'reauth');
  assert.match((refused as Extract<CallOutcome, { ok: false }>).error.message, /invalid_grant/);
  assert.equal(reauths.length, 1);
  assert.equal((await store.getAccount(tenant.id, account.id))?.status, 'needs_reauth');
});

test('a token living less than two minutes is renewed halfway through its life, not on every call', async (t) => {
  const { provider, call, advance } = await setUp(t, clientCredentials);
  provider.lifetime = 40;
  ok(await call('1'));
  advance(15_000);
  ok(await call('2'));
  assert.equal(provider.tokenRequests.length, 1, 'still fresh after 15 of its 40 seconds');
  advance(6_000);
  const renewed = await call('3');
  ok(renewed);
  assert.equal(provider.tokenRequests.length, 2, 'renewed past half its life');
  assert.equal(tokenOf(renewed).token, 'access-2');
});

test('a client the token endpoint refuses (invalid_client) marks the account; new credentials get tokens of their own', async (t) => {
  const { provider, call, account, reauths, store } = await setUp(t, clientCredentials);
  provider.clientSecret = 'csecret';
  ok(await call('1'));
  // The client's secret is rotated at the provider and its tokens revoked.
  provider.clientSecret = 'rotated';
  provider.valid.clear();
  const refused = await call('2');
  assert.equal((refused as Extract<CallOutcome, { ok: false }>).error.kind, 'reauth');
  assert.match((refused as Extract<CallOutcome, { ok: false }>).error.message, /must be reconnected \(the provider refused its client credentials: the token endpoint answered 401 invalid_client: client authentication failed\)/);
  assert.equal(reauths.length, 1);
  assert.equal((await store.getAccount(account.tenantId!, account.id))?.status, 'needs_reauth');

  // Reconnected with the new secret: a token of its own, at once.
  const reconnected = { ...account, credentials: { ...account.credentials, client_secret: 'rotated' } };
  const before = provider.tokenRequests.length;
  ok(await call('3', reconnected));
  assert.equal(provider.tokenRequests.length, before + 1);
});

test('tokens belong to the credentials they were obtained with: another client or acting user gets its own', async (t) => {
  const { provider, call, account } = await setUp(t, clientCredentials);
  const first = await call('1');
  ok(first);
  // The old token still works upstream, but it is another client's (or acts as another user): never reused.
  const otherUser = await call('2', { ...account, credentials: { ...account.credentials, user_id: '43' } });
  ok(otherUser);
  assert.equal(provider.tokenRequests.length, 2);
  assert.equal(provider.tokenRequests[1]!.get('sub'), '43');
  assert.notEqual(tokenOf(otherUser).token, tokenOf(first).token);
  ok(await call('3', { ...account, credentials: { ...account.credentials, user_id: '43' } }));
  assert.equal(provider.tokenRequests.length, 2, 'and keeps using it');
});

test("authorization code: the app's secret goes to the app's token endpoint, never to one the account's context names", async (t) => {
  const { provider, call, account, connectByCode } = await setUp(t, authorizationCode);
  const thief = await startUpstream((_request, response) => json(response, 200, { access_token: 'stolen', expires_in: 3600 }));
  t.after(() => thief.close());
  await connectByCode();
  ok(await call('1', { ...account, context: { ...account.context, oauth_token_url: `${thief.url}/token` } }));
  assert.equal(thief.requests.length, 0);
  assert.equal(provider.tokenRequests.length, 1);
});

const failed = (outcome: CallOutcome) => {
  assert.equal(outcome.ok, false, JSON.stringify(outcome));
  return (outcome as Extract<CallOutcome, { ok: false }>).error;
};

test('PostgreSQL: token endpoints hanging for many accounts do not hold up another account\'s renewal', async (t) => {
  const store = new PostgresStore(await createTestDatabase(t), { poolSize: 4 });
  t.after(() => store.close());
  const lock = new PostgresLock(store);
  t.after(() => lock.close());
  const { provider, call, newAccount } = await setUp(t, clientCredentials, { store, lock });
  // More accounts than the lock pool had connections before (4), each renewal hanging at its token endpoint.
  const slow = await Promise.all(Array.from({ length: 8 }, (_, index) => newAccount(`slow-${index}`)));
  for (const account of slow) provider.hangFor.add(account.credentials.user_id!);
  const hanging = slow.map((account) => call('1', account));
  while (provider.held < slow.length) await sleep(10);
  ok(await call('2'));
  provider.release();
  (await Promise.all(hanging)).forEach(ok);
});

test('PostgreSQL: a call that cannot get the renewal lock in time fails clearly (busy, retry), not with a 500', async (t) => {
  const store = new PostgresStore(await createTestDatabase(t), { poolSize: 4 });
  t.after(() => store.close());
  const lock = new PostgresLock(store, { connections: 2, waitMs: 300 });
  t.after(() => lock.close());
  const { provider, call, newAccount } = await setUp(t, clientCredentials, { store, lock });
  const slow = await Promise.all(['slow-1', 'slow-2'].map(newAccount));
  for (const account of slow) provider.hangFor.add(account.credentials.user_id!);
  const hanging = slow.map((account) => call('1', account));
  while (provider.held < slow.length) await sleep(10);
  const error = failed(await call('2'));
  assert.deepEqual([error.kind, error.status, error.retry_after_seconds], ['busy', 503, 5]);
  assert.match(error.message, /Not sent to Hire: another renewal of its access token is still running \(waited 0.3 s for the lock: no lock connection was free/);
  provider.release();
  (await Promise.all(hanging)).forEach(ok);
});

test('a token request has its own deadline: a hung token endpoint fails the call with a clear error', async (t) => {
  const { provider, call, account } = await setUp(t, clientCredentials, { tokenRequestTimeoutMs: 200 });
  provider.hangFor.add(account.credentials.user_id!);
  const error = failed(await call('1'));
  assert.equal(error.kind, 'transport');
  assert.match(error.message, /the token endpoint 127\.0\.0\.1:\d+ did not answer within 0.2 s/);
});

test('a failed renewal is shared: concurrent calls and those right after make one token request', async (t) => {
  const { provider, call, advance } = await setUp(t, clientCredentials);
  provider.failWith = 503;
  const outcomes = await Promise.all(Array.from({ length: 5 }, (_, index) => call(String(index))));
  for (const outcome of outcomes) assert.match(failed(outcome).message, /Could not get an access token from Hire: the token endpoint answered 503 temporarily_unavailable/);
  assert.equal(provider.tokenRequests.length, 1, 'one token request for the five calls');
  failed(await call('6'));
  assert.equal(provider.tokenRequests.length, 1, 'nor for a call just after');
  provider.failWith = undefined;
  advance(6_000);
  ok(await call('7'));
  assert.equal(provider.tokenRequests.length, 2, 'tried again a few seconds later');
});

test('an absurd expiry is taken as unknown: the rotated refresh token is stored and the account stays active', async (t) => {
  const { provider, call, store, secrets, account, tenant, reauths, connectByCode } = await setUp(t, authorizationCode);
  await connectByCode();
  provider.extra = { expires_in: 1e15 };
  ok(await call('1'));
  const row = (await store.getUpstreamTokens(account.id))!;
  const stored = secrets.decrypt<{ refresh_token: string; expires_at?: number }>(row.tokens_encrypted);
  assert.deepEqual([stored.refresh_token, stored.expires_at, row.expires_at], [provider.refreshToken, undefined, null]);
  assert.equal((await store.getAccount(tenant.id, account.id))?.status, 'active');
  assert.deepEqual(reauths, []);
  ok(await call('2'));
  assert.equal(provider.tokenRequests.length, 1, 'the token is used until upstream refuses it');
});

test('a refresh refused after the account was reconnected meanwhile does not mark it: the new tokens are used', async (t) => {
  const { provider, call, store, secrets, account, tenant, reauths, connectByCode } = await setUp(t, authorizationCode);
  await connectByCode();
  provider.hangFor.add(''); // refreshes carry no sub
  const inFlight = call('1');
  while (provider.held < 1) await sleep(10);
  // The user reconnects (as the connect flow stores it): a new grant, the old refresh token revoked.
  await store.saveUpstreamTokens(account.id, { tokens_encrypted: secrets.encrypt({ access_token: 'reconnected', refresh_token: 'refresh-new', expires_at: Date.parse('2026-12-01T11:00:00Z') }), expires_at: '2026-12-01T11:00:00Z' });
  provider.refreshToken = 'refresh-new';
  provider.valid.add('reconnected');
  provider.release();
  const outcome = await inFlight;
  ok(outcome);
  assert.equal(tokenOf(outcome).token, 'reconnected');
  assert.equal((await store.getAccount(tenant.id, account.id))?.status, 'active');
  assert.deepEqual(reauths, []);
});
