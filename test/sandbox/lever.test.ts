// The Lever sandbox behaves like Lever as hire.lever.co/developer/documentation describes it: API keys as the Basic
// user name, {code, message} errors, {data, hasNext, next} lists whose next token goes back as offset, limit 1-100,
// a 429 without limit headers, writes as perform_as; and its authorization server (the kit's authorization-code
// grant): a consent page with Allow and Deny, the errors a provider redirects with (Lever's required audience among
// them), client credentials in the form, single-use codes bound to their redirect_uri (and PKCE when sent),
// hour-long (or configured) access tokens, refresh tokens rotated on every refresh, and a replayed refresh token
// revoking the whole grant.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { DEFAULT_LEVER_API_KEY, DEFAULT_LEVER_CLIENT_ID, leverClientSecret, startLeverSandbox, type LeverSandbox } from '../../src/sandbox/index.ts';
import { call, type Reply } from './client.ts';

type Body = Record<string, any>;

const basicKey = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
const redirectUri = 'https://partner.example/callback?tenant=7';
const clientForm = { client_id: DEFAULT_LEVER_CLIENT_ID, client_secret: leverClientSecret(DEFAULT_LEVER_CLIENT_ID) };

function api(sandbox: LeverSandbox, authorization = basicKey(DEFAULT_LEVER_API_KEY)) {
  return (path: string, init: { method?: string; json?: unknown } = {}): Promise<Reply<Body>> =>
    call(`${sandbox.url}${path}`, { ...init, headers: { Authorization: authorization, 'Content-Type': 'application/json' } });
}

function authorizeUrl(sandbox: LeverSandbox, parameters: Record<string, string> = {}): string {
  const url = new URL(sandbox.authorizeUrl);
  const defaults = { client_id: DEFAULT_LEVER_CLIENT_ID, redirect_uri: redirectUri, response_type: 'code', state: 's-1', audience: 'https://api.lever.co/v1/', scope: 'offline_access opportunities:read:admin' };
  for (const [name, value] of Object.entries({ ...defaults, ...parameters })) if (value !== '') url.searchParams.set(name, value);
  return url.toString();
}

/** Clicks a button of the consent page: posts its form with that decision; the redirect it answers. */
async function decide(sandbox: LeverSandbox, page: string, decision: 'allow' | 'deny'): Promise<URL> {
  const fields = [...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)]
    .map(([, name, value]): [string, string] => [name!, value!.replace(/&#(\d+);/g, (_match, code: string) => String.fromCharCode(Number(code)))]);
  const response = await fetch(sandbox.authorizeUrl, { method: 'POST', body: new URLSearchParams([...fields, ['decision', decision]]), redirect: 'manual' });
  assert.equal(response.status, 302);
  return new URL(response.headers.get('location')!);
}

async function authorizationCode(sandbox: LeverSandbox, parameters: Record<string, string> = {}): Promise<string> {
  const page = await (await fetch(authorizeUrl(sandbox, parameters))).text();
  return (await decide(sandbox, page, 'allow')).searchParams.get('code')!;
}

function token(sandbox: LeverSandbox, form: Record<string, string>): Promise<Reply<Body>> {
  return call<Body>(sandbox.tokenUrl, { method: 'POST', raw: new URLSearchParams({ ...clientForm, ...form }).toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
}

describe('Lever sandbox: the API', async () => {
  const sandbox = await startLeverSandbox({ rateLimit: null, apiKeys: [DEFAULT_LEVER_API_KEY] });
  after(() => sandbox.close());
  const lever = api(sandbox);
  const { planted } = sandbox.state;

  test('the key goes as the Basic user name; no key, another scheme or an unknown key is 401 with Lever\'s error body', async () => {
    assert.equal((await lever('/stages')).status, 200);
    const missing = await call<Body>(`${sandbox.url}/stages`);
    assert.deepEqual([missing.status, missing.body], [401, { code: 'UnauthorizedError', message: 'The request requires authentication.' }]);
    for (const authorization of [basicKey('wrong-key'), 'Bearer not-a-token', 'Token abc']) {
      const refused = await api(sandbox, authorization)('/stages');
      assert.equal(refused.status, 401, authorization);
      assert.equal(refused.body.code, 'UnauthorizedError');
    }
  });

  test('lists are {data, hasNext, next}: the token goes back as offset, to the end with no repeats; limit is 1 to 100', async () => {
    const seen: string[] = [];
    let offset: string | undefined;
    let pages = 0;
    do {
      const page = await lever(`/opportunities?limit=100${offset ? `&offset=${encodeURIComponent(offset)}` : ''}`);
      assert.equal(page.status, 200);
      seen.push(...page.body.data.map((row: Body) => row.id));
      offset = page.body.hasNext ? page.body.next : undefined;
      if (!page.body.hasNext) assert.equal(page.body.next, undefined);
      pages++;
    } while (offset);
    assert.equal(new Set(seen).size, seen.length);
    assert.equal(seen.length, sandbox.state.opportunities.where((row) => row.confidentiality === 'non-confidential').length);
    assert.ok(seen.length >= 200 && pages === Math.ceil(seen.length / 100));
    assert.equal((await lever('/opportunities?confidentiality=all&limit=100')).body.data.length, 100);
    for (const limit of ['0', '101', 'ten']) {
      const refused = await lever(`/opportunities?limit=${limit}`);
      assert.deepEqual([refused.status, refused.body.code], [400, 'BadRequestError'], limit);
    }
    assert.equal((await lever('/opportunities?offset=42')).status, 400, 'only tokens Lever returned');
    // Lever does not document what it does with a parameter it does not know: by default the sandbox ignores it.
    assert.deepEqual((await lever('/opportunities?colour=blue&limit=5')).body, (await lever('/opportunities?limit=5')).body);
  });

  test('with unknownFilters reject, a parameter the list does not take is a 400 naming it', async () => {
    const strict = await startLeverSandbox({ rateLimit: null, unknownFilters: 'reject' });
    try {
      const refused = await api(strict)('/opportunities?colour=blue');
      assert.deepEqual([refused.status, refused.body.code], [400, 'BadRequestError']);
      assert.match(refused.body.message, /Unknown parameter: colour/);
    } finally {
      await strict.close();
    }
  });

  test('a token keeps its place when records are added before it', async () => {
    const before = (await lever('/opportunities?limit=20')).body;
    const first = await lever('/opportunities?limit=10');
    const { id: _id, ...amara } = sandbox.state.opportunities.get(planted.amara.opportunityId)!;
    const earliest = sandbox.state.opportunities.insert({ ...amara, createdAt: 1 });
    try {
      const second = await lever(`/opportunities?limit=10&offset=${encodeURIComponent(first.body.next)}`);
      assert.deepEqual(second.body.data.map((row: Body) => row.id), before.data.slice(10).map((row: Body) => row.id));
    } finally {
      sandbox.state.opportunities.delete(earliest.id);
    }
  });

  test('filters: email ignoring case, repeated values as any of them, archived, contact', async () => {
    const byEmail = await lever(`/opportunities?email=${encodeURIComponent(planted.amara.email.toUpperCase())}`);
    assert.deepEqual(byEmail.body.data.map((row: Body) => row.id).sort(), [planted.amara.opportunityId, planted.amara.archivedOpportunityId].sort());
    const active = await lever(`/opportunities?contact_id=${planted.amara.contactId}&archived=false`);
    assert.deepEqual(active.body.data.map((row: Body) => row.id), [planted.amara.opportunityId]);
    const twoStages = await lever(`/opportunities?stage_id=${planted.amara.currentStageId}&stage_id=${planted.amara.nextStageId}&limit=100`);
    assert.ok(twoStages.body.data.every((row: Body) => [planted.amara.currentStageId, planted.amara.nextStageId].includes(row.stage)));
    assert.equal((await lever('/opportunities?archived=maybe')).status, 400);
  });

  test('the stage move and notes: unknown stage 404 in Lever\'s words, a note in the future 400, perform_as recorded', async () => {
    const id = planted.amara.opportunityId;
    const missing = await lever(`/opportunities/${id}/stage`, { method: 'PUT', json: { stage: 'a80bbbe0-d4dd-4eac-bdbf-302345414f93' } });
    assert.deepEqual([missing.status, missing.body], [404, { code: 'ResourceNotFound', message: 'stages a80bbbe0-d4dd-4eac-bdbf-302345414f93 was not found' }]);
    assert.deepEqual((await lever(`/opportunities/${id}/stage`, { method: 'PUT', json: {} })).body, { code: 'BadRequestError', message: 'Missing required field: stage' });
    const moved = await lever(`/opportunities/${id}/stage?perform_as=${planted.adminUserId}`, { method: 'PUT', json: { stage: planted.amara.nextStageId } });
    assert.equal(moved.body.data.stage, planted.amara.nextStageId);
    assert.equal(moved.body.data.stageChanges.at(-1).userId, planted.adminUserId);
    assert.equal((await lever(`/opportunities/${id}/stage?perform_as=${planted.deactivatedUserId}`, { method: 'PUT', json: { stage: planted.amara.currentStageId } })).status, 404);

    const future = await lever(`/opportunities/${id}/notes`, { method: 'POST', json: { value: 'later', createdAt: Date.now() + 60_000 } });
    assert.deepEqual([future.status, future.body.code], [400, 'BadRequestError']);
    assert.equal((await lever(`/opportunities/${id}/notes`, { method: 'POST', json: { value: 'x', score: 5 } })).status, 400);
    const created = await lever(`/opportunities/${id}/notes`, { method: 'POST', json: { value: 'Strong on-site.', score: 4 } });
    assert.equal(created.status, 201);
    const note = await lever(`/opportunities/${id}/notes/${created.body.data.noteId}`);
    assert.deepEqual([note.body.data.fields[0].value, note.body.data.fields[0].score, note.body.data.user], ['Strong on-site.', 4, null], 'an API key without perform_as writes as nobody');
    assert.equal(note.body.data.opportunityId, undefined, 'notes are answered in Lever\'s shape');
    assert.equal((await lever(`/opportunities/${planted.amara.archivedOpportunityId}/notes/${created.body.data.noteId}`)).status, 404);
  });

  test('a 429 carries Lever\'s error body and no Retry-After or limit headers; nor do other answers', async () => {
    sandbox.setRateLimit({ limit: 1, windowSeconds: 60 });
    try {
      const ok = await lever('/stages');
      const limited = await lever('/stages');
      assert.deepEqual([limited.status, limited.body.code], [429, 'TooManyRequestsError']);
      for (const answer of [ok, limited]) {
        assert.deepEqual([...answer.headers.keys()].filter((name) => /rate|retry/i.test(name)), []);
      }
    } finally {
      sandbox.setRateLimit(null);
    }
  });
});

describe('Lever sandbox: the authorization server', async () => {
  const sandbox = await startLeverSandbox({ rateLimit: null, accessTokenTtlSeconds: 90 });
  after(() => sandbox.close());

  test('the consent page has Allow and Deny; Allow redirects with a code and the state, Deny with access_denied', async () => {
    const response = await fetch(authorizeUrl(sandbox));
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type')!, /text\/html/);
    const page = await response.text();
    assert.match(page, />Allow<\/button>/);
    assert.match(page, />Deny<\/button>/);
    assert.match(page, /opportunities:read:admin/);
    const allowed = await decide(sandbox, page, 'allow');
    assert.equal(`${allowed.origin}${allowed.pathname}`, 'https://partner.example/callback');
    assert.deepEqual([allowed.searchParams.get('tenant'), allowed.searchParams.get('state')], ['7', 's-1'], 'the redirect_uri keeps its own query');
    assert.ok(allowed.searchParams.get('code'));
    const denied = await decide(sandbox, page, 'deny');
    assert.deepEqual([denied.searchParams.get('error'), denied.searchParams.get('state'), denied.searchParams.has('code')], ['access_denied', 's-1', false]);
    assert.ok(denied.searchParams.get('error_description'));
  });

  test('a bad scope, a missing audience or another response_type redirect with the error; an unknown client or bad redirect_uri get a page', async () => {
    const redirected = async (parameters: Record<string, string>) => {
      const response = await fetch(authorizeUrl(sandbox, parameters), { redirect: 'manual' });
      assert.equal(response.status, 302);
      return new URL(response.headers.get('location')!).searchParams;
    };
    const scope = await redirected({ scope: 'opportunities:read:admin payroll:read:admin' });
    assert.deepEqual([scope.get('error'), scope.get('state')], ['invalid_scope', 's-1']);
    assert.match(scope.get('error_description')!, /payroll:read:admin/);
    assert.equal((await redirected({ audience: '' })).get('error'), 'invalid_request');
    assert.equal((await redirected({ response_type: 'token' })).get('error'), 'unsupported_response_type');
    for (const parameters of [{ client_id: 'someone-else' }, { redirect_uri: 'javascript:alert(1)' }] as Record<string, string>[]) {
      const response = await fetch(authorizeUrl(sandbox, parameters), { redirect: 'manual' });
      assert.equal(response.status, 400, JSON.stringify(parameters));
      assert.doesNotMatch(await response.text(), /<script|<form/);
    }
  });

  test('the code gives an access token living as configured and a refresh token; codes are single-use and bound to redirect_uri', async () => {
    const code = await authorizationCode(sandbox);
    assert.equal((await token(sandbox, { grant_type: 'authorization_code', code, redirect_uri: 'https://elsewhere.example/cb' })).body.error, 'invalid_grant');
    const second = await authorizationCode(sandbox);
    const answer = await token(sandbox, { grant_type: 'authorization_code', code: second, redirect_uri: redirectUri });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(Object.keys(answer.body).sort(), ['access_token', 'expires_in', 'refresh_token', 'token_type']);
    assert.deepEqual([answer.body.token_type, answer.body.expires_in], ['Bearer', 90]);
    assert.equal((await api(sandbox, `Bearer ${answer.body.access_token}`)('/stages')).status, 200);
    const reused = await token(sandbox, { grant_type: 'authorization_code', code: second, redirect_uri: redirectUri });
    assert.deepEqual([reused.status, reused.body.error], [400, 'invalid_grant']);
    const wrongSecret = await token(sandbox, { grant_type: 'authorization_code', code: await authorizationCode(sandbox), redirect_uri: redirectUri, client_secret: 'guess' });
    assert.deepEqual([wrongSecret.status, wrongSecret.body.error], [401, 'invalid_client']);
  });

  test('PKCE: a code issued for an S256 challenge needs its verifier', async () => {
    const verifier = 'verifier-'.repeat(6);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const pkce = { code_challenge: challenge, code_challenge_method: 'S256' };
    const missing = await token(sandbox, { grant_type: 'authorization_code', code: await authorizationCode(sandbox, pkce), redirect_uri: redirectUri });
    assert.equal(missing.body.error, 'invalid_grant');
    const good = await token(sandbox, { grant_type: 'authorization_code', code: await authorizationCode(sandbox, pkce), redirect_uri: redirectUri, code_verifier: verifier });
    assert.equal(good.status, 200);
  });

  test('refresh tokens rotate; replaying a used one is invalid_grant and revokes the grant, the newest refresh token included', async () => {
    const first = (await token(sandbox, { grant_type: 'authorization_code', code: await authorizationCode(sandbox), redirect_uri: redirectUri })).body;
    const refreshed = await token(sandbox, { grant_type: 'refresh_token', refresh_token: first.refresh_token });
    assert.equal(refreshed.status, 200);
    assert.notEqual(refreshed.body.refresh_token, first.refresh_token);
    assert.notEqual(refreshed.body.access_token, first.access_token);
    sandbox.state.oauth.expireAll();
    const expired = await api(sandbox, `Bearer ${refreshed.body.access_token}`)('/stages');
    assert.deepEqual([expired.status, expired.body.code], [401, 'UnauthorizedError']);

    const replay = await token(sandbox, { grant_type: 'refresh_token', refresh_token: first.refresh_token });
    assert.deepEqual([replay.status, replay.body.error], [400, 'invalid_grant']);
    assert.match(replay.body.error_description, /already used/);
    const revoked = await token(sandbox, { grant_type: 'refresh_token', refresh_token: refreshed.body.refresh_token });
    assert.deepEqual([revoked.status, revoked.body.error], [400, 'invalid_grant']);
  });
});
