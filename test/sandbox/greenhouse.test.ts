// The Greenhouse sandbox behaves like Harvest v3 as harvestdocs.greenhouse.io describes it: client-credentials tokens
// from the token endpoint (HTTP Basic, sub), short-lived bearer tokens, bare arrays paged by the Link header whose
// cursor must be the only parameter, filters by ids and times, 422 {message, errors: [{message, field}]}, the move
// guarded by from_stage_id, notes written as the token's user, X-RateLimit-* headers and 429s.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import {
  DEFAULT_GREENHOUSE_CLIENT_ID, sandboxClientSecret, startGreenhouseSandbox, type GreenhouseSandbox,
} from '../../src/sandbox/index.ts';
import { call, type Reply } from './client.ts';

type Body = Record<string, any>;

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const defaultClient = basic(DEFAULT_GREENHOUSE_CLIENT_ID, sandboxClientSecret(DEFAULT_GREENHOUSE_CLIENT_ID));
const form = { 'Content-Type': 'application/x-www-form-urlencoded' };

function tokenRequest(sandbox: GreenhouseSandbox, body: string, authorization = defaultClient, query = ''): Promise<Reply<Body>> {
  return call<Body>(`${sandbox.tokenUrl}${query}`, { method: 'POST', raw: body, headers: { ...form, Authorization: authorization } });
}

async function accessToken(sandbox: GreenhouseSandbox, sub = String(sandbox.state.planted.actingUserId)): Promise<string> {
  const answer = await tokenRequest(sandbox, `grant_type=client_credentials&sub=${sub}`);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body.access_token as string;
}

function harvest(sandbox: GreenhouseSandbox, token: string) {
  return (path: string, init: { method?: string; json?: unknown } = {}): Promise<Reply<any>> =>
    call(path.startsWith('http') ? path : `${sandbox.url}${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } });
}

const nextLink = (headers: Headers) => /<([^>]+)>;\s*rel="next"/.exec(headers.get('link') ?? '')?.[1];

describe('Greenhouse sandbox: the token endpoint', async () => {
  const sandbox = await startGreenhouseSandbox({ rateLimit: null, clients: { 'rotated-client': 'new-secret' }, disabledApiKeys: ['retired-client'], accessTokenTtlSeconds: 120 });
  after(() => sandbox.close());

  test('client credentials with HTTP Basic and sub give a bearer token that acts as that user, expiring as configured', async () => {
    const answer = await tokenRequest(sandbox, `grant_type=client_credentials&sub=${sandbox.state.planted.actingUserId}`);
    assert.equal(answer.status, 200);
    assert.deepEqual(Object.keys(answer.body).sort(), ['access_token', 'expires_at', 'token_type']);
    assert.equal(answer.body.token_type, 'Bearer');
    assert.equal(answer.headers.get('cache-control'), 'no-store');
    const issued = sandbox.state.oauth.issued.at(-1)!;
    assert.equal(answer.body.expires_at, new Date(issued.expiresAt).toISOString(), 'expires_at is an ISO 8601 time');
    assert.equal(issued.expiresAt - issued.issuedAt, 120_000, 'it lives as long as the sandbox was told');
    assert.deepEqual([issued.token, issued.clientId, issued.subject], [answer.body.access_token, DEFAULT_GREENHOUSE_CLIENT_ID, String(sandbox.state.planted.actingUserId)]);
    assert.equal((await harvest(sandbox, answer.body.access_token)('/users?per_page=1')).status, 200);
  });

  test('grant_type may come in the query string with an empty body; without sub the token acts as the service user', async () => {
    const answer = await tokenRequest(sandbox, '', defaultClient, '?grant_type=client_credentials');
    assert.equal(answer.status, 200);
    assert.equal(sandbox.state.oauth.issued.at(-1)!.subject, String(sandbox.state.planted.serviceUserId));
  });

  test('a wrong secret, an unknown or disabled client, or no Basic credentials are 401 invalid_client, and issue nothing', async () => {
    const count = sandbox.state.oauth.issued.length;
    for (const authorization of [basic(DEFAULT_GREENHOUSE_CLIENT_ID, 'wrong'), basic('nobody', 'x'), basic('retired-client', sandboxClientSecret('retired-client')), 'Bearer abc', '']) {
      const answer = await tokenRequest(sandbox, 'grant_type=client_credentials', authorization);
      assert.equal(answer.status, 401, authorization);
      assert.equal(answer.body.error, 'invalid_client');
      assert.match(answer.body.error_description, /Client authentication failed/);
    }
    assert.equal(sandbox.state.oauth.issued.length, count);
    assert.equal((await tokenRequest(sandbox, 'grant_type=client_credentials', basic('rotated-client', 'new-secret'))).status, 200, 'a client given with its secret');
  });

  test('an unsupported grant, a missing grant_type, an unknown or deactivated sub, and a JSON body are 400s in the OAuth shape', async () => {
    assert.equal((await tokenRequest(sandbox, 'grant_type=password')).body.error, 'unsupported_grant_type');
    assert.equal((await tokenRequest(sandbox, 'sub=1')).body.error, 'invalid_request');
    for (const sub of ['999', String(sandbox.state.planted.deactivatedUserId)]) {
      const answer = await tokenRequest(sandbox, `grant_type=client_credentials&sub=${sub}`);
      assert.equal(answer.status, 400);
      assert.match(answer.body.error_description, new RegExp(`sub ${sub} is not the id of an active user`));
    }
    const json = await call<Body>(sandbox.tokenUrl, { method: 'POST', json: { grant_type: 'client_credentials' }, headers: { 'Content-Type': 'application/json', Authorization: defaultClient } });
    assert.deepEqual([json.status, json.body.error], [400, 'invalid_request']);
    assert.equal((await call<Body>(sandbox.tokenUrl, { headers: { Authorization: defaultClient } })).status, 405);
  });

  test('the API refuses a missing, unknown or expired token, and the tokens of a disabled client, with 401', async () => {
    const missing = await call<Body>(`${sandbox.url}/candidates`);
    assert.equal(missing.status, 401);
    assert.match(missing.body.message, /Missing access token/);
    assert.deepEqual((await harvest(sandbox, 'made-up')('/candidates')).body, { message: 'Invalid or expired access token' });

    const token = await accessToken(sandbox);
    sandbox.state.oauth.expireAll();
    assert.equal((await harvest(sandbox, token)('/candidates')).status, 401, 'expired');
    const fresh = await accessToken(sandbox);
    assert.equal((await harvest(sandbox, fresh)('/candidates')).status, 200, 'a new token works');
    sandbox.state.oauth.disableClient(DEFAULT_GREENHOUSE_CLIENT_ID);
    assert.equal((await harvest(sandbox, fresh)('/candidates')).status, 401, 'the disabled client\'s token is refused');
    assert.equal((await tokenRequest(sandbox, 'grant_type=client_credentials')).status, 401);
    sandbox.state.oauth.enableClient(DEFAULT_GREENHOUSE_CLIENT_ID);
  });
});

describe('Greenhouse sandbox: lists', async () => {
  const sandbox = await startGreenhouseSandbox({ rateLimit: null });
  after(() => sandbox.close());
  const api = harvest(sandbox, await accessToken(sandbox));

  test('candidates page to the end through rel="next" links: bare arrays, each candidate once, no Link on the last page', async () => {
    const ids: number[] = [];
    let url: string | undefined = '/candidates?per_page=100';
    let pages = 0;
    while (url) {
      const page = await api(url);
      assert.equal(page.status, 200);
      assert.ok(Array.isArray(page.body));
      ids.push(...page.body.map((candidate: Body) => candidate.id));
      url = nextLink(page.headers);
      if (url) assert.match(url, new RegExp(`^${sandbox.url}/candidates\\?cursor=[A-Za-z0-9_-]+$`), 'the cursor is the only parameter');
      pages++;
    }
    assert.equal(pages, 3);
    assert.ok(ids.length >= 200);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(ids, sandbox.state.candidates.all().map((candidate) => candidate.id));
  });

  test('the cursor carries the filters and per_page; with a cursor any other parameter is a 422', async () => {
    const first = await api(`/applications?job_ids=${sandbox.state.planted.elena.jobId}&per_page=2`);
    const next = nextLink(first.headers)!;
    const second = await api(next);
    assert.equal(second.body.length, 2);
    assert.ok(second.body.every((application: Body) => application.job_id === sandbox.state.planted.elena.jobId));
    for (const extra of ['per_page=3', `job_ids=${sandbox.state.planted.elena.jobId}`]) {
      const refused = await api(`${next}&${extra}`);
      assert.equal(refused.status, 422);
      assert.equal(refused.body.message, 'Validation error');
      assert.equal(refused.body.errors[0].field, extra.split('=')[0]);
      assert.match(refused.body.errors[0].message, /cursor is given it must be the only query parameter/);
    }
    const foreign = await api(`/candidates?cursor=${new URL(next).searchParams.get('cursor')}`);
    assert.deepEqual([foreign.status, foreign.body.errors[0].field], [422, 'cursor'], 'a cursor of another list');
    assert.equal((await api('/candidates?cursor=not-a-cursor')).status, 422);
  });

  test('per_page is 1 to 500 (default 100); unknown parameters and malformed filters are 422s naming them', async () => {
    assert.equal((await api('/candidates')).body.length, 100);
    assert.equal((await api('/candidates?per_page=500')).body.length, sandbox.state.candidates.size);
    for (const [query, field, message] of [
      ['per_page=501', 'per_page', /from 1 to 500/], ['per_page=0', 'per_page', /from 1 to 500/], ['page=2', 'page', /Unknown query parameter/],
      ['candidate_ids=1', 'candidate_ids', /Unknown query parameter/], ['ids=1,x', 'ids', /comma-separated list of ids/],
      ['created_at=2026-01-01', 'created_at', /gte\|2026-01-01T00:00:00Z/], ['private=yes', 'private', /true or false/], ['fields=nickname', 'fields', /Unknown field: nickname/],
    ] as const) {
      const refused = await api(`/candidates?${query}`);
      assert.equal(refused.status, 422, query);
      assert.deepEqual(refused.body.errors.map((error: Body) => error.field), [field], query);
      assert.match(refused.body.errors[0].message, message, query);
    }
  });

  test('filters: ids, email (any address, any case), time ranges with gte|…|lte|…, parent ids, status, fields', async () => {
    const { elena } = sandbox.state.planted;
    const [found] = (await api('/candidates?email=ELENA.Marchetti@fastmail.com')).body;
    assert.deepEqual([found.id, found.first_name, found.last_name], [elena.candidateId, 'Elena', 'Marchetti']);
    assert.deepEqual((await api(`/candidates?ids=${elena.candidateId},1`)).body.map((row: Body) => row.id), [elena.candidateId]);
    const range = 'gte|2026-06-01T00:00:00Z|lt|2026-09-01T00:00:00Z';
    const inRange = (await api(`/candidates?per_page=500&created_at=${encodeURIComponent(range)}`)).body as Body[];
    const expected = sandbox.state.candidates.where((row) => row.created_at >= '2026-06-01T00:00:00.000Z' && row.created_at < '2026-09-01T00:00:00.000Z');
    assert.ok(expected.length > 0);
    assert.deepEqual(inRange.map((row) => row.id), expected.map((row) => row.id));
    const applications = (await api(`/applications?candidate_ids=${elena.candidateId}`)).body as Body[];
    assert.deepEqual(applications.map((row) => [row.id, row.job_interview_stage_id, row.status]), [[elena.applicationId, elena.currentStageId, 'active']]);
    assert.ok(((await api('/applications?status=rejected&per_page=500')).body as Body[]).every((row) => row.status === 'rejected'));
    const stages = (await api(`/job_interview_stages?job_ids=${elena.jobId}`)).body as Body[];
    assert.deepEqual(stages.map((row) => row.sort_order), stages.map((_row, index) => index));
    assert.equal(stages.find((row) => row.id === elena.currentStageId)!.name, 'Phone Interview');
    assert.deepEqual((await api(`/candidates?ids=${elena.candidateId}&fields=first_name,title`)).body, [{ id: elena.candidateId, first_name: 'Elena', title: 'Backend Engineer' }]);
    const current = (await api(`/application_stages?application_ids=${elena.applicationId}&current=true`)).body as Body[];
    assert.deepEqual(current.map((row) => row.job_interview_stage_id), [elena.currentStageId]);
    const scorecards = (await api(`/scorecards?application_ids=${elena.applicationId}`)).body as Body[];
    assert.deepEqual(scorecards.map((row) => row.id), elena.scorecardIds);
  });

  test('unknown paths are 404 and other methods 405, in the {message} shape', async () => {
    assert.deepEqual(await api('/candidates/1').then((reply) => [reply.status, reply.body]), [404, { message: 'Resource not found' }]);
    const wrongMethod = await api('/candidates', { method: 'DELETE' });
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers.get('allow'), 'GET');
  });
});

describe('Greenhouse sandbox: writes', async () => {
  const sandbox = await startGreenhouseSandbox({ rateLimit: null });
  after(() => sandbox.close());
  const api = harvest(sandbox, await accessToken(sandbox));
  const { elena, foreignStageId, rejectedApplicationId } = sandbox.state.planted;
  const move = (applicationId: number, json: unknown) => api(`/applications/${applicationId}/move`, { method: 'POST', json });

  test('a move needs from_stage_id to be the current stage; other targets and states are 422s naming the field', async () => {
    for (const [applicationId, body, field, message] of [
      [elena.applicationId, {}, 'from_stage_id', /Is required/],
      [elena.applicationId, { from_stage_id: elena.nextStageId }, 'from_stage_id', new RegExp(`not in stage ${elena.nextStageId}; it is in stage ${elena.currentStageId}`)],
      [elena.applicationId, { from_stage_id: elena.currentStageId, to_stage_id: foreignStageId }, 'to_stage_id', /is not an active stage of job/],
      [elena.applicationId, { from_stage_id: elena.currentStageId, to_stage_id: elena.currentStageId }, 'to_stage_id', /already in stage/],
      [elena.applicationId, { from_stage_id: elena.currentStageId, to_stage_id: 'next' }, 'to_stage_id', /Must be a record id/],
      [elena.applicationId, { from_stage_id: elena.currentStageId, stage: 1 }, 'stage', /Unknown field/],
      [rejectedApplicationId, { from_stage_id: sandbox.state.applications.get(rejectedApplicationId)!.job_interview_stage_id }, 'from_stage_id', /is rejected; only active applications/],
    ] as const) {
      const refused = await move(applicationId, body);
      assert.equal(refused.status, 422, JSON.stringify(body));
      assert.equal(refused.body.message, 'Validation error');
      assert.equal(refused.body.errors[0].field, field);
      assert.match(refused.body.errors[0].message, message);
    }
    assert.equal(sandbox.state.applications.get(elena.applicationId)!.job_interview_stage_id, elena.currentStageId, 'nothing moved');
    assert.equal((await move(99, { from_stage_id: 1 })).status, 404);
  });

  test('a move without a target advances to the next stage: 204, the application and its stage history change', async () => {
    const moved = await move(elena.applicationId, { from_stage_id: elena.currentStageId });
    assert.equal(moved.status, 204);
    assert.equal(moved.body, null);
    const application = sandbox.state.applications.get(elena.applicationId)!;
    assert.equal(application.job_interview_stage_id, elena.nextStageId);
    const history = (await api(`/application_stages?application_ids=${elena.applicationId}`)).body as Body[];
    assert.deepEqual(history.filter((row) => row.current).map((row) => row.job_interview_stage_id), [elena.nextStageId]);
    assert.equal(history.filter((row) => row.job_interview_stage_id === elena.currentStageId && !row.current).length, 1);
    assert.equal((await move(elena.applicationId, { from_stage_id: elena.currentStageId })).status, 422, 'the same move again is stale');
  });

  test('to_job_id transfers an application to the first stage of another open job', async () => {
    const application = sandbox.state.applications.find((row) => row.status === 'active' && row.id !== elena.applicationId)!;
    const job = sandbox.state.jobs.find((row) => row.status === 'open' && row.id !== application.job_id)!;
    assert.equal((await move(application.id, { from_stage_id: application.job_interview_stage_id, to_job_id: job.id })).status, 204);
    const first = sandbox.state.jobInterviewStages.where((row) => row.job_id === job.id).find((row) => row.sort_order === 0)!;
    assert.deepEqual([application.job_id, application.job_interview_stage_id], [job.id, first.id]);
  });

  test('notes are written as the token\'s user on an application or a candidate, and read back by parent ids', async () => {
    const created = await api('/notes', { method: 'POST', json: { application_id: elena.applicationId, body: 'Moved to Face to Face.', visibility: 'private' } });
    assert.equal(created.status, 201);
    assert.deepEqual(
      [created.body.application_id, created.body.candidate_id, created.body.user_id, created.body.body, created.body.visibility, created.body.note_type],
      [elena.applicationId, elena.candidateId, sandbox.state.planted.actingUserId, 'Moved to Face to Face.', 'private', 'NOTE'],
    );
    const notes = (await api(`/notes?candidate_ids=${elena.candidateId}`)).body as Body[];
    assert.deepEqual(notes.map((note) => note.id), [...elena.noteIds, created.body.id]);
    for (const [body, field, message] of [
      [{ body: 'x', visibility: 'public' }, 'application_id', /Either application_id or candidate_id/],
      [{ candidate_id: elena.candidateId, visibility: 'public' }, 'body', /Is required/],
      [{ candidate_id: elena.candidateId, body: 'x', visibility: 'everyone' }, 'visibility', /Must be one of: admin_only, private, public/],
      [{ application_id: elena.applicationId, candidate_id: elena.candidateId + 1, body: 'x', visibility: 'public' }, 'application_id', /belongs to candidate/],
    ] as const) {
      const refused = await api('/notes', { method: 'POST', json: body });
      assert.equal(refused.status, 422, JSON.stringify(body));
      assert.equal(refused.body.errors[0].field, field);
      assert.match(refused.body.errors[0].message, message);
    }
  });
});

describe('Greenhouse sandbox: rate limit', async () => {
  const sandbox = await startGreenhouseSandbox({ rateLimit: { limit: 2, windowSeconds: 600 } });
  after(() => sandbox.close());
  const api = harvest(sandbox, await accessToken(sandbox));

  test('answers carry X-RateLimit-Limit and -Remaining; a 429 carries X-RateLimit-Reset (epoch seconds) and Retry-After only', async () => {
    const first = await api('/jobs?per_page=1');
    assert.deepEqual([first.headers.get('x-ratelimit-limit'), first.headers.get('x-ratelimit-remaining'), first.headers.get('x-ratelimit-reset')], ['2', '1', null]);
    await api('/jobs?per_page=1');
    const limited = await api('/jobs?per_page=1');
    assert.equal(limited.status, 429);
    assert.match(limited.body.message, /rate limit/i);
    assert.equal(limited.headers.get('x-ratelimit-limit'), null);
    assert.equal(limited.headers.get('x-ratelimit-remaining'), null);
    const reset = Number(limited.headers.get('x-ratelimit-reset'));
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 600);
    assert.ok(Math.abs(reset - (Date.now() / 1000 + retryAfter)) <= 2, 'the reset is the epoch second the window ends');
    assert.equal((await accessToken(sandbox)).length > 0, true, 'the token endpoint has no such limit');
  });
});
