// The Workable sandbox behaves like SPI v3 where agents meet it: bearer tokens and "Not authorized", lists in id
// order paged by paging.next (limit 50 by default, at most 100, since_id and max_id), per-job candidate records, the
// move and comment writes with their validation errors, and X-Rate-Limit-* headers with a 429 that has no Retry-After.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startWorkableSandbox, type WorkableSandbox } from '../../src/sandbox/index.ts';
import { call, workableClient } from './client.ts';

type Json = Record<string, any>;
let sandbox: WorkableSandbox;
let api: ReturnType<typeof workableClient>;
before(async () => {
  sandbox = await startWorkableSandbox({ rateLimit: null });
  api = workableClient(sandbox);
});
after(() => sandbox.close());

test('a missing, unknown or non-bearer token is 401 Not authorized', async () => {
  for (const headers of [{}, { Authorization: 'Bearer nope' }, { Authorization: 'Basic c2FuZGJveA==' }] as Record<string, string>[]) {
    const reply = await call<Json>(`${sandbox.url}/jobs`, { headers });
    assert.deepEqual([reply.status, reply.body], [401, { error: 'Not authorized' }]);
  }
});

test('lists page by paging.next: 50 by default, at most 100, in id order, bounded by since_id and max_id', async () => {
  const first = await api<Json>('GET', '/candidates');
  assert.equal(first.body.candidates.length, 50);
  const next = new URL(first.body.paging.next);
  assert.deepEqual([next.pathname, next.searchParams.get('limit')], ['/spi/v3/candidates', '50']);
  const all = sandbox.state.candidates.all();
  assert.equal(next.searchParams.get('since_id'), all[50]!.id);
  const capped = await api<Json>('GET', '/candidates?limit=500');
  assert.equal(capped.body.candidates.length, 100, 'more than 100 is capped');
  const bounded = await api<Json>('GET', `/candidates?since_id=${all[10]!.id}&max_id=${all[12]!.id}`);
  assert.deepEqual(bounded.body.candidates.map((candidate: Json) => candidate.id), [all[10]!.id, all[11]!.id, all[12]!.id]);
  assert.equal(bounded.body.paging, undefined, 'no paging on the last page');
  const bad = await api<Json>('GET', '/candidates?since_id=zz');
  assert.deepEqual([bad.status, bad.body.validation_errors], [422, { since_id: ['is not a valid id'] }]);
});

test('a person in two jobs is two candidate records with the same email; filters by email, job and stage slug', async () => {
  const email = sandbox.state.candidates.all().map((row) => row.email).find((address, index, emails) => emails.indexOf(address) !== index)!;
  const records = (await api<Json>('GET', `/candidates?email=${encodeURIComponent(email.toUpperCase())}`)).body.candidates;
  assert.ok(records.length >= 2);
  assert.equal(new Set(records.map((record: Json) => record.job.shortcode)).size, records.length);
  const { amara } = sandbox.state.planted;
  const inStage = (await api<Json>('GET', `/candidates?shortcode=${amara.shortcode}&stage=phone-screen&limit=100`)).body.candidates;
  assert.ok(inStage.some((record: Json) => record.id === amara.candidateId));
  assert.ok(inStage.every((record: Json) => record.stage === 'Phone Screen' && record.job.shortcode === amara.shortcode));
});

test('moves and comments need a member; a move needs a stage of the job and a candidate that is not disqualified', async () => {
  const { planted } = sandbox.state;
  const noMember = await api<Json>('POST', `/candidates/${planted.amara.candidateId}/move`, { target_stage: 'interview' });
  assert.deepEqual(noMember.body, { error: "Validation failed: member id can't be blank", validation_errors: { member_id: ["can't be blank"] } });
  const disqualified = await api<Json>('POST', `/candidates/${planted.disqualifiedCandidateId}/move`, { member_id: planted.memberId, target_stage: 'applied' });
  assert.equal(disqualified.status, 422);
  assert.match(disqualified.body.error, /disqualified/);
  const noBody = await api<Json>('POST', `/candidates/${planted.amara.candidateId}/comments`, { member_id: planted.memberId, comment: { policy: ['admin'] } });
  assert.deepEqual(noBody.body.validation_errors, { comment_body: ["can't be blank"] });
  const missing = await api<Json>('POST', '/candidates/fffffff/comments', { member_id: planted.memberId, comment: { body: 'x' } });
  assert.deepEqual([missing.status, missing.body], [404, { error: 'Not found' }]);
  const wrongType = await call<Json>(`${sandbox.url}/candidates/${planted.amara.candidateId}/move`, { method: 'POST', headers: { Authorization: 'Bearer sandbox-workable-token', 'Content-Type': 'text/plain' }, raw: 'x' });
  assert.equal(wrongType.status, 415);
});

test('every answer carries X-Rate-Limit-*, the reset an epoch second; a 429 says {"error"} and no Retry-After', async () => {
  sandbox.setRateLimit({ limit: 1, windowSeconds: 10 });
  try {
    const ok = await api<Json>('GET', '/stages');
    assert.deepEqual([ok.headers.get('x-rate-limit-limit'), ok.headers.get('x-rate-limit-remaining')], ['1', '0']);
    assert.ok(Math.abs(Number(ok.headers.get('x-rate-limit-reset')) - Date.now() / 1000 - 10) <= 2);
    const limited = await api<Json>('GET', '/stages');
    assert.deepEqual([limited.status, limited.body], [429, { error: 'Rate limit exceeded' }]);
    assert.equal(limited.headers.get('retry-after'), null);
    assert.equal(limited.headers.get('x-rate-limit-remaining'), '0');
  } finally {
    sandbox.setRateLimit(null);
  }
});
