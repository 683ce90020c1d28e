// The Ashby sandbox behaves like Ashby's API as its OpenAPI and developers.ashbyhq.com describe it: Basic auth with
// the key as user name, POST everywhere, business errors inside HTTP 200 (two shapes), cursor paging in the body,
// permissions per endpoint and confidential jobs behind the key's opt-in.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { DEFAULT_ASHBY_API_KEY, startAshbySandbox, type AshbySandbox } from '../../src/sandbox/index.ts';
import { call, type Reply } from './client.ts';

type Body = Record<string, any>;

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

function ashby(sandbox: AshbySandbox, key = DEFAULT_ASHBY_API_KEY) {
  return (endpoint: string, json: unknown = {}, headers: Record<string, string> = {}): Promise<Reply<Body>> =>
    call<Body>(`${sandbox.url}/${endpoint}`, {
      method: 'POST',
      json,
      headers: { Authorization: basic(key), 'Content-Type': 'application/json', Accept: 'application/json; version=1', ...headers },
    });
}

/** Every record of a cursor-paginated endpoint, following nextCursor while moreDataAvailable. */
async function listAll(api: ReturnType<typeof ashby>, endpoint: string, body: Body = {}): Promise<{ records: Body[]; pages: Body[] }> {
  const records: Body[] = [];
  const pages: Body[] = [];
  let cursor: string | undefined;
  do {
    const { body: page } = await api(endpoint, { ...body, ...(cursor ? { cursor } : {}) });
    assert.equal(page.success, true, JSON.stringify(page));
    pages.push(page);
    records.push(...page.results);
    cursor = page.moreDataAvailable ? page.nextCursor : undefined;
  } while (cursor);
  return { records, pages };
}

describe('Ashby sandbox: auth, media types, errors', async () => {
  const sandbox = await startAshbySandbox({
    disabledApiKeys: ['old-key'],
    keyAccess: { 'read-only-key': { permissions: ['candidatesRead', 'jobsRead'] } },
  });
  after(() => sandbox.close());
  const api = ashby(sandbox);

  test('no key is a 401, an unknown or deactivated key a 403, each with a readable message', async () => {
    const missing = await call<Body>(`${sandbox.url}/candidate.list`, { method: 'POST', json: {} });
    assert.equal(missing.status, 401);
    assert.equal(missing.body.success, false);
    assert.match(missing.body.errorInfo.message, /user name of HTTP Basic/);
    const wrong = await ashby(sandbox, 'wrong-key')('candidate.list');
    assert.deepEqual([wrong.status, wrong.body.errorInfo.message], [403, 'The API key is not valid.']);
    assert.equal((await ashby(sandbox, 'old-key')('candidate.list')).status, 403);
    const bearer = await api('candidate.list', {}, { Authorization: `Bearer ${DEFAULT_ASHBY_API_KEY}` });
    assert.equal(bearer.status, 401);
  });

  test('a key without the endpoint\'s permission gets 403 missing_endpoint_permission', async () => {
    const readOnly = ashby(sandbox, 'read-only-key');
    assert.equal((await readOnly('candidate.list')).status, 200);
    const write = await readOnly('candidate.createNote', { candidateId: sandbox.state.planted.maya.candidateId, note: 'x' });
    assert.equal(write.status, 403);
    assert.equal(write.body.errorInfo.code, 'missing_endpoint_permission');
    assert.match(write.body.errorInfo.message, /candidatesWrite/);
    assert.equal((await readOnly('user.list')).body.errorInfo.code, 'missing_endpoint_permission');
    assert.equal(sandbox.state.notes.where((note) => note.content === 'x').length, 0);
  });

  test('every endpoint is a POST with a JSON body; Accept must allow version 1', async () => {
    const get = await call<Body>(`${sandbox.url}/candidate.list`, { headers: { Authorization: basic(DEFAULT_ASHBY_API_KEY) } });
    assert.deepEqual([get.status, get.headers.get('allow')], [405, 'POST']);
    const form = await call<Body>(`${sandbox.url}/candidate.list`, { method: 'POST', raw: 'limit=5', headers: { Authorization: basic(DEFAULT_ASHBY_API_KEY), 'Content-Type': 'application/x-www-form-urlencoded' } });
    assert.equal(form.status, 415);
    const empty = await call<Body>(`${sandbox.url}/archiveReason.list`, { method: 'POST', headers: { Authorization: basic(DEFAULT_ASHBY_API_KEY) } });
    assert.equal(empty.body.success, true, 'an empty body counts as {}');
    assert.equal((await api('candidate.list', {}, { Accept: 'application/json; version=2' })).status, 406);
    assert.equal((await api('candidate.list', {}, { Accept: '*/*' })).status, 200);
    assert.equal((await api('candidate.nothing')).status, 404);
  });

  test('business errors come back as HTTP 200: errorInfo {code, message, requestId}, and the older errors[] on job.info', async () => {
    const missingApplication = await api('application.info', { applicationId: '00000000-0000-4000-8000-000000000000' });
    assert.equal(missingApplication.status, 200);
    assert.equal(missingApplication.body.success, false);
    assert.equal(missingApplication.body.errorInfo.code, 'application_not_found');
    assert.match(missingApplication.body.errorInfo.requestId, /^[0-9a-f-]{36}$/);
    const invalid = await api('application.info', { applicationId: 'not-a-uuid' });
    assert.deepEqual([invalid.status, invalid.body.errorInfo.code, invalid.body.errorInfo.message], [200, 'invalid_input', 'applicationId must be a UUID']);
    assert.equal((await api('candidate.createNote', { note: 'hello' })).body.errorInfo.message, 'candidateId is required');
    const job = await api('job.info', { id: '00000000-0000-4000-8000-000000000000' });
    assert.deepEqual([job.status, job.body], [200, { success: false, errors: ['requested_job_not_found'] }]);
  });

  test('the request log keeps each body: RPC requests differ only there', async () => {
    await api('job.search', { title: 'Engineer' });
    assert.deepEqual(sandbox.requests.at(-1), { method: 'POST', path: '/job.search', query: '', status: 200, body: { title: 'Engineer' } });
  });
});

describe('Ashby sandbox: data and paging', async () => {
  const sandbox = await startAshbySandbox({ keyAccess: { 'confidential-key': { confidential: true } } });
  after(() => sandbox.close());
  const api = ashby(sandbox);
  const { planted } = sandbox.state;

  test('candidate.list pages by cursor to the last record without repeats; limit above 100 is capped; the last page has a syncToken', async () => {
    const { records, pages } = await listAll(api, 'candidate.list', { limit: 500 });
    assert.ok(pages.slice(0, -1).every((page) => page.results.length === 100 && typeof page.nextCursor === 'string'));
    assert.equal(pages.at(-1)!.moreDataAvailable, false);
    assert.equal(typeof pages.at(-1)!.syncToken, 'string');
    const ids = records.map((candidate) => candidate.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(ids.length >= 200, `${ids.length} candidates`);
    assert.equal(ids.length, sandbox.state.candidates.size - planted.confidential.candidateIds.length);
    assert.equal((await api('candidate.list', { cursor: 'G8' })).body.errorInfo.code, 'invalid_input');
    assert.equal((await api('candidate.list', { limit: 0 })).body.errorInfo.code, 'invalid_input');

    const syncToken = pages.at(-1)!.syncToken;
    assert.deepEqual((await api('candidate.list', { syncToken })).body.results, [], 'nothing changed since');
    await api('candidate.create', { name: 'Ada Byron', email: 'ada.byron@example.com' });
    assert.deepEqual((await api('candidate.list', { syncToken })).body.results.map((candidate: Body) => candidate.name), ['Ada Byron']);
  });

  test('realistic relations: every application names a candidate and a job, stages of the job\'s plan, feedback and notes', async () => {
    const applications = (await listAll(api, 'application.list', { limit: 100 })).records;
    assert.ok(applications.length >= 250);
    for (const application of applications) {
      const candidate = sandbox.state.candidates.get(application.candidate.id);
      const job = sandbox.state.jobs.get(application.job.id);
      assert.ok(candidate && job);
      assert.equal(application.currentInterviewStage.interviewPlanId, job.defaultInterviewPlanId);
      assert.equal(application.applicationHistory.at(-1).stageId, application.currentInterviewStage.id);
      assert.ok(application.createdAt >= candidate.createdAt);
      assert.equal(application.status === 'Archived', application.archiveReason !== null);
    }
    const maya = (await api('candidate.info', { id: planted.maya.candidateId })).body.results;
    assert.deepEqual(maya.applicationIds, [planted.maya.applicationId]);
    assert.equal(maya.primaryEmailAddress.value, planted.maya.email);
    const notes = (await api('candidate.listNotes', { candidateId: planted.maya.candidateId })).body.results;
    assert.deepEqual(notes.map((note: Body) => note.id), planted.maya.noteIds);
    const feedback = (await api('applicationFeedback.list', { applicationId: planted.maya.applicationId })).body.results;
    assert.equal(feedback.length, 2);
    assert.equal(feedback[0].submittedFormInstance.formDefinition.title, 'Interview Scorecard');
    assert.ok(feedback.every((entry: Body) => entry.submittedFormInstance.submittedValues.overall_recommendation.score >= 1));
  });

  test('a job\'s stages: jobInterviewPlan.info, or interviewStage.list with the plan id (which takes no job id)', async () => {
    const plan = (await api('jobInterviewPlan.info', { jobId: planted.maya.jobId })).body.results;
    assert.equal(plan.interviewPlanId, planted.maya.interviewPlanId);
    const titles = plan.stages.map((stage: Body) => stage.title);
    assert.equal(titles[titles.indexOf('Technical Interview') + 1], 'Onsite');
    const stages = await api('interviewStage.list', { interviewPlanId: plan.interviewPlanId });
    assert.equal(stages.body.moreDataAvailable, false);
    assert.deepEqual(stages.body.results.map((stage: Body) => stage.id), plan.stages.map((stage: Body) => stage.id));
    assert.equal((await api('interviewStage.list', { jobId: planted.maya.jobId })).body.errorInfo.message, 'interviewPlanId is required');
  });

  test('candidate.search: email exactly, name partially, both together, at most 100', async () => {
    const byEmail = (await api('candidate.search', { email: 'MAYA.LINDQVIST@proton.me' })).body.results;
    assert.deepEqual(byEmail.map((candidate: Body) => candidate.id), [planted.maya.candidateId]);
    assert.deepEqual((await api('candidate.search', { name: 'lindqv' })).body.results.map((candidate: Body) => candidate.name), ['Maya Lindqvist']);
    assert.deepEqual((await api('candidate.search', { name: 'Maya', email: 'someone@else.com' })).body.results, []);
    assert.ok((await api('candidate.search', { name: 'a' })).body.results.length === 100);
    assert.equal((await api('candidate.search', {})).body.errorInfo.code, 'invalid_input');
  });

  test('confidential jobs, their applications and their only candidates are invisible without the opt-in, not errors', async () => {
    const { jobId, applicationIds, candidateIds } = planted.confidential;
    const jobs = (await listAll(api, 'job.list', { status: ['Draft', 'Open', 'Closed', 'Archived'] })).records.map((job) => job.id);
    assert.ok(!jobs.includes(jobId));
    assert.deepEqual((await api('job.info', { id: jobId })).body, { success: false, errors: ['requested_job_not_found'] });
    assert.equal((await api('application.info', { applicationId: applicationIds[0] })).body.errorInfo.code, 'application_not_found');
    assert.deepEqual((await api('application.list', { jobId })).body.results, []);
    assert.equal((await api('candidate.info', { id: candidateIds[0] })).body.success, false);

    const confidential = ashby(sandbox, 'confidential-key');
    assert.equal((await confidential('job.info', { id: jobId })).body.results.confidential, true);
    const listed = (await confidential('application.list', { jobId })).body.results.map((application: Body) => application.id);
    assert.deepEqual(listed.sort(), [...applicationIds].sort());
    assert.equal((await confidential('candidate.info', { id: candidateIds[0] })).body.success, true);
  });

  test('drafts are listed only when asked for', async () => {
    const drafts = sandbox.state.jobs.where((job) => job.status === 'Draft').map((job) => job.id);
    assert.ok(drafts.length > 0);
    const byDefault = (await listAll(api, 'job.list')).records.map((job) => job.id);
    assert.ok(drafts.every((id) => !byDefault.includes(id)));
    const asked = (await listAll(api, 'job.list', { status: ['Draft'] })).records.map((job) => job.id);
    assert.deepEqual(asked.sort(), [...drafts].sort());
  });
});

describe('Ashby sandbox: writes', async () => {
  const sandbox = await startAshbySandbox();
  after(() => sandbox.close());
  const api = ashby(sandbox);
  const { planted } = sandbox.state;

  test('changeStage moves within the plan and records the visit; another plan\'s stage and an Archived stage without reason are invalid_input', async () => {
    const foreign = await api('application.changeStage', { applicationId: planted.maya.applicationId, interviewStageId: planted.foreignStageId });
    assert.deepEqual([foreign.status, foreign.body.errorInfo.code], [200, 'invalid_input']);
    assert.match(foreign.body.errorInfo.message, /not a stage of the application's interview plan/);
    const noReason = await api('application.changeStage', { applicationId: planted.maya.applicationId, interviewStageId: planted.archivedStageId });
    assert.match(noReason.body.errorInfo.message, /archiveReasonId is required/);
    assert.equal(sandbox.state.applications.get(planted.maya.applicationId)!.currentInterviewStageId, planted.maya.currentStageId);

    const moved = await api('application.changeStage', { applicationId: planted.maya.applicationId, interviewStageId: planted.maya.nextStageId });
    assert.equal(moved.body.results.currentInterviewStage.title, 'Onsite');
    const history = moved.body.results.applicationHistory;
    assert.equal(history.at(-2).stageId, planted.maya.currentStageId);
    assert.ok(history.at(-2).leftStageAt !== null && history.at(-1).leftStageAt === null);

    const archived = await api('application.change_stage', { applicationId: planted.maya.applicationId, interviewStageId: planted.archivedStageId, archiveReasonId: planted.archiveReasonId });
    assert.deepEqual([archived.body.results.status, archived.body.results.archiveReason.id], ['Archived', planted.archiveReasonId], 'the deprecated name still works');
  });

  test('createNote writes as the key\'s user; HTML keeps only the allowed tags', async () => {
    const plain = await api('candidate.createNote', { candidateId: planted.maya.candidateId, note: 'Strong onsite.' });
    assert.equal(plain.body.results.author.id, planted.apiKeyUserId);
    const html = await api('candidate.createNote', {
      candidateId: planted.maya.candidateId,
      note: { type: 'text/html', value: '<p>Great <b>system design</b><script>alert(1)</script> <a href="javascript:x()" onclick="y()">link</a> <a href="https://example.com">ok</a></p>' },
    });
    assert.equal(html.body.results.content, 'Great <b>system design</b> <a>link</a> <a href="https://example.com">ok</a>');
    const notes = (await api('candidate.listNotes', { candidateId: planted.maya.candidateId })).body.results.map((note: Body) => note.id);
    assert.deepEqual(notes.slice(-2), [plain.body.results.id, html.body.results.id]);
    assert.equal((await api('candidate.createNote', { candidateId: planted.maya.candidateId, note: { type: 'text/markdown', value: '*x*' } })).body.errorInfo.code, 'invalid_input');
  });

  test('application.create considers a candidate for an open job in its first Lead stage, once', async () => {
    const candidate = (await api('candidate.create', { name: 'Grace Hopper', email: 'grace@example.com' })).body.results;
    const created = await api('application.create', { candidateId: candidate.id, jobId: planted.maya.jobId });
    assert.deepEqual([created.body.results.status, created.body.results.currentInterviewStage.type], ['Lead', 'Lead']);
    assert.deepEqual((await api('candidate.info', { id: candidate.id })).body.results.applicationIds, [created.body.results.id]);
    assert.equal((await api('application.create', { candidateId: candidate.id, jobId: planted.maya.jobId })).body.errorInfo.code, 'invalid_input');
  });

  test('past the rate limit: 429 with Retry-After and no limit headers', async () => {
    sandbox.setRateLimit({ limit: 1, windowSeconds: 30 });
    try {
      assert.equal((await api('user.list')).status, 200);
      const limited = await api('user.list');
      assert.equal(limited.status, 429);
      assert.ok(Number(limited.headers.get('retry-after')) >= 1);
      assert.deepEqual([...limited.headers.keys()].filter((name) => name.includes('ratelimit')), []);
    } finally {
      sandbox.setRateLimit(null);
    }
  });
});
