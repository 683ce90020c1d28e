import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { startPolymerSandbox } from '../../src/sandbox/index.ts';
import { call, polymerClient } from './client.ts';
import type { PolymerError, PolymerPage } from './client.ts';

interface Identified {
  id: number;
}
interface Stage extends Identified {
  name: string;
  position: number;
  job_id: number;
}
interface Application extends Identified {
  job_id: number;
  candidate_id: number;
  status: string;
  hiring_stage: { id: number; name: string };
}
interface Note extends Identified {
  body: string;
  rating?: string;
  author: { id: number };
}
interface StageEvent extends Identified {
  from_hiring_stage: { id: number } | null;
  to_hiring_stage: { id: number };
}

describe('Polymer sandbox: reading', async () => {
  const sandbox = await startPolymerSandbox();
  const api = polymerClient(sandbox);
  after(() => sandbox.close());

  test('a missing or wrong bearer key is a 401 with a message', async () => {
    const missing = await call<PolymerError>(`${sandbox.url}/jobs`);
    assert.equal(missing.status, 401);
    assert.match(missing.body.message, /Authorization: Bearer/);
    const wrong = await call<PolymerError>(`${sandbox.url}/jobs`, { headers: { Authorization: 'Bearer wrong' } });
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.body, { message: 'Invalid API key' });
  });

  test('lists use the items/meta envelope; per_page outside 1–100 is a 422 naming it', async () => {
    const page = await api<PolymerPage<Identified>>('GET', '/candidates?per_page=10&page=2');
    assert.equal(page.status, 200);
    assert.equal(page.body.items.length, 10);
    assert.deepEqual(page.body.meta, { count: 10, is_first: false, is_last: false, page: 2, per_page: 10, total: sandbox.state.candidates.size });
    assert.equal((await api<PolymerPage<Identified>>('GET', '/candidates')).body.meta.per_page, 50);
    for (const perPage of ['0', '101', 'ten']) {
      const reply = await api<PolymerError>('GET', `/candidates?per_page=${perPage}`);
      assert.equal(reply.status, 422);
      assert.match(reply.body.message, /per_page.*1 and 100/);
    }
  });

  test('paging through all candidates returns each exactly once', async () => {
    const seen: number[] = [];
    for (let page = 1; ; page += 1) {
      const reply = await api<PolymerPage<Identified>>('GET', `/candidates?per_page=100&page=${page}`);
      seen.push(...reply.body.items.map((candidate) => candidate.id));
      if (reply.body.meta.is_last) break;
    }
    assert.ok(seen.length >= 260);
    assert.equal(new Set(seen).size, seen.length);
    assert.equal(seen.length, sandbox.state.candidates.size);
  });

  test('jobs filter by status; job 102 lists its hiring stages in pipeline order', async () => {
    const published = await api<PolymerPage<{ status: string }>>('GET', '/jobs?status=published&per_page=100');
    assert.ok(published.body.items.length > 0 && published.body.items.every((job) => job.status === 'published'));
    const publicJobs = await api<PolymerPage<{ status: string; is_public: boolean }>>('GET', '/jobs?status=public&per_page=100');
    assert.ok(publicJobs.body.items.every((job) => job.status === 'published' && job.is_public));
    assert.ok(publicJobs.body.items.length < published.body.items.length);
    assert.equal((await api('GET', '/jobs?status=open')).status, 422);

    const stages = await api<PolymerPage<Stage>>('GET', '/jobs/102/hiring_stages');
    const names = stages.body.items.map((stage) => stage.name);
    assert.ok(names.indexOf('Executive Interview') >= 0 && names.indexOf('Executive Interview') < names.indexOf('Offer Pending'));
    assert.deepEqual(stages.body.items.map((stage) => stage.position), names.map((_, index) => index + 1));
    assert.equal((await api<PolymerError>('GET', '/jobs/999999')).body.message, 'Job 999999 not found');
  });

  test('candidates filter by exact email; applications by candidate and job', async () => {
    const { janeSmith, candidate98765 } = sandbox.state.planted;
    const jane = await api<PolymerPage<Identified>>('GET', '/candidates?email=jane.smith@gmail.com');
    assert.deepEqual(jane.body.items.map((candidate) => candidate.id), [janeSmith.candidateId]);
    assert.equal((await api<PolymerPage<Identified>>('GET', '/candidates?email=jane.smith@gmail')).body.items.length, 0);

    const applications = await api<PolymerPage<Application>>('GET', `/job_applications?candidate_id=${candidate98765.candidateId}`);
    const active = applications.body.items.filter((application) => application.status === 'active').map((application) => application.id);
    assert.deepEqual(active, candidate98765.activeJobApplicationIds);
    const forJob = await api<PolymerPage<Application>>('GET', '/job_applications?job_id=102&per_page=100');
    assert.ok(forJob.body.items.some((application) => application.id === 44321));
    assert.ok(forJob.body.items.every((application) => application.job_id === 102));
    assert.equal((await api('GET', '/job_applications?job_id=abc')).status, 422);
  });

  test('seeded reviews support the workflows: Jane Smith has three, 55432 ends on strong_yes before its last stage', async () => {
    const { janeSmith, jobApplication55432 } = sandbox.state.planted;
    const janeReviews = await api<PolymerPage<Note>>('GET', `/job_applications/${janeSmith.jobApplicationId}/reviews`);
    assert.ok(janeReviews.body.items.length >= 3);
    const reviews = await api<PolymerPage<Note>>('GET', '/job_applications/55432/reviews');
    assert.equal(reviews.body.items.at(-1)?.rating, 'strong_yes');
    const application = await api<Application>('GET', '/job_applications/55432');
    assert.equal(application.body.hiring_stage.id, jobApplication55432.currentHiringStageId);
    const stages = await api<PolymerPage<Stage>>('GET', `/jobs/${application.body.job_id}/hiring_stages`);
    const position = stages.body.items.findIndex((stage) => stage.id === application.body.hiring_stage.id);
    assert.equal(stages.body.items[position + 1]?.id, jobApplication55432.nextHiringStageId);
  });

  test('unknown paths are 404 and wrong methods 405, both with a message', async () => {
    assert.equal((await api<PolymerError>('GET', '/nothing_here')).status, 404);
    const wrongMethod = await api<PolymerError>('DELETE', '/jobs/102');
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers.get('allow'), 'GET');
    assert.equal(typeof wrongMethod.body.message, 'string');
  });
});

describe('Polymer sandbox: writing', async () => {
  const sandbox = await startPolymerSandbox();
  const api = polymerClient(sandbox);
  after(() => sandbox.close());

  test('apply needs job_id, email and first_name; it creates the candidate and starts in the first stage', async () => {
    const missing = await api<PolymerError>('POST', '/job_applications/apply', { job_id: 102, email: 'grace@example.com' });
    assert.equal(missing.status, 422);
    assert.deepEqual(missing.body, { message: 'first_name is required' });
    assert.equal((await api<PolymerError>('POST', '/job_applications/apply', { email: 'grace@example.com', first_name: 'Grace' })).body.message, 'job_id is required');

    const created = await api<Application>('POST', '/job_applications/apply', { job_id: 102, email: 'grace@example.com', first_name: 'Grace', last_name: 'Hopper' });
    assert.equal(created.status, 201);
    assert.equal(created.body.job_id, 102);
    assert.equal(created.body.hiring_stage.name, 'Applied');
    const candidate = sandbox.state.candidates.get(created.body.candidate_id);
    assert.equal(`${candidate?.first_name} ${candidate?.last_name}`, 'Grace Hopper');

    const duplicate = await api<PolymerError>('POST', '/job_applications/import', { job_id: 102, email: 'GRACE@example.com', first_name: 'Grace' });
    assert.equal(duplicate.status, 422);
    const imported = await api<Application>('POST', '/job_applications/import', { job_id: 101, email: 'grace@example.com', first_name: 'Grace' });
    assert.equal(imported.status, 201);
    assert.equal(imported.body.candidate_id, created.body.candidate_id);
  });

  test('move_stage moves within the job and records the history; a stage of another job is a 422', async () => {
    const { offerPendingStageId } = sandbox.state.planted.job102;
    const before = await api<PolymerPage<StageEvent>>('GET', '/job_applications/44321/hiring_stage_events');
    const messagesBefore = (await api<PolymerPage<Identified>>('GET', '/job_applications/44321/messages')).body.meta.total;

    const foreignStage = sandbox.state.hiringStages.find((stage) => stage.job_id !== 102);
    assert.ok(foreignStage);
    const rejected = await api<PolymerError>('POST', '/job_applications/44321/move_stage', { hiring_stage_id: foreignStage.id });
    assert.equal(rejected.status, 422);
    assert.match(rejected.body.message, /does not belong to the application's job/);
    assert.deepEqual((await api<PolymerError>('POST', '/job_applications/44321/move_stage', {})).body, { message: 'hiring_stage_id is required' });

    const moved = await api<Application>('POST', '/job_applications/44321/move_stage', { hiring_stage_id: offerPendingStageId, skip_message_automations: true });
    assert.equal(moved.status, 200);
    assert.equal(moved.body.hiring_stage.name, 'Offer Pending');

    const after = await api<PolymerPage<StageEvent>>('GET', '/job_applications/44321/hiring_stage_events');
    assert.equal(after.body.meta.total, before.body.meta.total + 1);
    assert.equal(after.body.items.at(-1)?.to_hiring_stage.id, offerPendingStageId);
    assert.equal(after.body.items.at(-1)?.from_hiring_stage?.id, sandbox.state.planted.job102.executiveInterviewStageId);
    assert.equal((await api<PolymerPage<Identified>>('GET', '/job_applications/44321/messages')).body.meta.total, messagesBefore);
  });

  test('archive marks the application archived', async () => {
    const applicationId = sandbox.state.planted.candidate98765.activeJobApplicationIds[0];
    const archived = await api<Application>('POST', `/job_applications/${applicationId}/archive`);
    assert.equal(archived.status, 200);
    assert.equal(archived.body.status, 'archived');
  });

  test('comments: plain text is wrapped in <p>, HTML is sanitized, and only the key owner edits or deletes', async () => {
    const plain = await api<Note>('POST', '/job_applications/44321/comments', { body: 'Strong systems design.\nGood culture add & clear <3 communicator.' });
    assert.equal(plain.status, 201);
    assert.equal(plain.body.body, '<p>Strong systems design.<br>Good culture add &amp; clear &lt;3 communicator.</p>');
    assert.equal(plain.body.author.id, sandbox.state.planted.apiKeyOwnerUserId);

    const html = await api<Note>('POST', '/job_applications/44321/comments', {
      body: '<p onclick="steal()">Summary</p><script>alert(1)</script><ul><li><a href="javascript:alert(1)">link</a></li></ul>',
    });
    assert.equal(html.body.body, '<p>Summary</p><ul><li><a>link</a></li></ul>');
    assert.equal((await api<PolymerError>('POST', '/job_applications/44321/comments', {})).body.message, 'body is required');

    const updated = await api<Note>('PUT', `/job_applications/44321/comments/${plain.body.id}`, { body: 'Edited' });
    assert.equal(updated.body.body, '<p>Edited</p>');
    const listed = await api<PolymerPage<Note>>('GET', '/job_applications/44321/comments');
    assert.ok(listed.body.items.some((comment) => comment.id === plain.body.id && comment.body === '<p>Edited</p>'));

    const othersComment = sandbox.state.planted.jobApplication44321.commentIdByAnotherUser;
    const forbidden = await api<PolymerError>('DELETE', `/job_applications/44321/comments/${othersComment}`);
    assert.equal(forbidden.status, 403);
    assert.equal(typeof forbidden.body.message, 'string');
    assert.ok(sandbox.state.comments.get(othersComment));

    const deleted = await api('DELETE', `/job_applications/44321/comments/${plain.body.id}`);
    assert.equal(deleted.status, 204);
    assert.equal((await api<PolymerError>('DELETE', `/job_applications/44321/comments/${plain.body.id}`)).status, 404);
  });

  test('reviews need a valid rating; the owner can update theirs but not someone else\'s', async () => {
    const invalid = await api<PolymerError>('POST', '/job_applications/55432/reviews', { rating: 'maybe', body: 'Hmm' });
    assert.equal(invalid.status, 422);
    assert.match(invalid.body.message, /rating must be one of strong_yes, weak_yes, weak_no, strong_no, no_rating/);
    const created = await api<Note>('POST', '/job_applications/55432/reviews', { rating: 'weak_yes', body: 'Good SQL.' });
    assert.equal(created.status, 201);
    const updated = await api<Note>('PUT', `/job_applications/55432/reviews/${created.body.id}`, { rating: 'strong_yes' });
    assert.equal(updated.body.rating, 'strong_yes');
    assert.equal(updated.body.body, '<p>Good SQL.</p>');
    const othersReview = sandbox.state.planted.jobApplication55432.latestReviewId;
    assert.equal((await api('PUT', `/job_applications/55432/reviews/${othersReview}`, { rating: 'weak_no' })).status, 403);
  });

  test('a write body that is not JSON is a 415', async () => {
    const reply = await call<PolymerError>(`${sandbox.url}/job_applications/44321/comments`, {
      method: 'POST',
      headers: { Authorization: 'Bearer sandbox-polymer-key', 'Content-Type': 'text/plain' },
      raw: 'hello',
    });
    assert.equal(reply.status, 415);
    assert.equal(typeof reply.body.message, 'string');
  });
});

describe('Polymer sandbox: rate limit and request log', () => {
  test('by default no X-RateLimit headers (Polymer documents none); past the limit a 429 with Retry-After only', async () => {
    const sandbox = await startPolymerSandbox({ rateLimit: { limit: 1, windowSeconds: 20 } });
    try {
      const api = polymerClient(sandbox);
      const first = await api('GET', '/organization');
      assert.equal(first.status, 200);
      assert.deepEqual([...first.headers.keys()].filter((name) => name.includes('ratelimit')), []);
      const limited = await api<PolymerError>('GET', '/organization');
      assert.equal(limited.status, 429);
      assert.deepEqual(limited.body, { message: 'Rate limit exceeded' });
      assert.ok(Number(limited.headers.get('retry-after')) >= 1);
      assert.deepEqual([...limited.headers.keys()].filter((name) => name.includes('ratelimit')), []);
    } finally {
      await sandbox.close();
    }
  });

  test('with rateLimitHeaders on, answers carry X-RateLimit headers; past the limit a 429 with Retry-After and remaining 0', async () => {
    const sandbox = await startPolymerSandbox({ rateLimit: { limit: 2, windowSeconds: 20 }, rateLimitHeaders: true });
    try {
      const api = polymerClient(sandbox);
      const first = await api('GET', '/organization');
      assert.equal(first.headers.get('x-ratelimit-limit'), '2');
      assert.equal(first.headers.get('x-ratelimit-remaining'), '1');
      const reset = Number(first.headers.get('x-ratelimit-reset'));
      assert.ok(reset >= 1 && reset <= 20);
      assert.equal((await api('GET', '/organization')).headers.get('x-ratelimit-remaining'), '0');

      const limited = await api<PolymerError>('GET', '/organization');
      assert.equal(limited.status, 429);
      assert.deepEqual(limited.body, { message: 'Rate limit exceeded' });
      assert.ok(Number(limited.headers.get('retry-after')) >= 1);
      assert.equal(limited.headers.get('x-ratelimit-remaining'), '0');
      assert.equal(limited.headers.get('x-ratelimit-limit'), '2');

      sandbox.setRateLimit({ limit: 5, windowSeconds: 60 });
      assert.equal((await api('GET', '/organization')).headers.get('x-ratelimit-remaining'), '4');
    } finally {
      await sandbox.close();
    }
  });

  test('the request log records exactly what was received', async () => {
    const sandbox = await startPolymerSandbox();
    try {
      await polymerClient(sandbox)('POST', '/job_applications/44321/comments', { body: 'Logged' });
      assert.deepEqual(sandbox.requests, [{ method: 'POST', path: '/v1/hire/job_applications/44321/comments', query: '', status: 201 }]);
    } finally {
      await sandbox.close();
    }
  });
});
