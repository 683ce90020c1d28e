// The Teamtailor sandbox behaves like its JSON:API where agents meet it: Token token= keys, a dated X-Api-Version
// echoed back, application/vnd.api+json both ways, pages of at most 30 with links, relationships with links and data
// when included, the stage change and notes with JSON:API error objects, X-Rate-Limit-* with the reset in seconds.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTeamtailorSandbox, type TeamtailorSandbox } from '../../src/sandbox/index.ts';
import { call, teamtailorClient } from './client.ts';

type Json = Record<string, any>;
let sandbox: TeamtailorSandbox;
let api: ReturnType<typeof teamtailorClient>;
before(async () => {
  sandbox = await startTeamtailorSandbox({ rateLimit: null });
  api = teamtailorClient(sandbox);
});
after(() => sandbox.close());

test('keys travel as Token token=; the version as X-Api-Version, echoed on the answer', async () => {
  const none = await call<Json>(`${sandbox.url}/jobs`, { headers: { 'X-Api-Version': '20240404' } });
  assert.deepEqual([none.status, none.body.errors[0].title], [401, 'Unauthorized']);
  const bearer = await call<Json>(`${sandbox.url}/jobs`, { headers: { Authorization: 'Bearer sandbox-teamtailor-key', 'X-Api-Version': '20240404' } });
  assert.match(bearer.body.errors[0].detail, /Token token=/);
  const unversioned = await call<Json>(`${sandbox.url}/jobs`, { headers: { Authorization: 'Token token=sandbox-teamtailor-key' } });
  assert.equal(unversioned.status, 406);
  const ok = await api<Json>('GET', '/jobs');
  assert.deepEqual([ok.status, ok.headers.get('x-api-version'), ok.headers.get('content-type')], [200, '20240404', 'application/vnd.api+json']);
});

test('pages hold at most 30 records and link to the next; relationships link, and carry data when included', async () => {
  const first = await api<Json>('GET', '/candidates?page[size]=30');
  assert.equal(first.body.data.length, 30);
  assert.deepEqual(first.body.meta, { 'record-count': sandbox.state.candidates.size, 'page-count': Math.ceil(sandbox.state.candidates.size / 30) });
  const next = new URL(first.body.links.next);
  assert.deepEqual([next.searchParams.get('page[number]'), next.searchParams.get('page[size]')], ['2', '30']);
  const over = await api<Json>('GET', '/candidates?page[size]=31');
  assert.deepEqual([over.status, over.body.errors[0].source], [400, { parameter: 'page[size]' }]);
  // Teamtailor does not document what it does with a filter a list lacks: by default the sandbox ignores it.
  const unknownFilter = await api<Json>('GET', '/candidates?filter[name]=x');
  assert.deepEqual([unknownFilter.status, unknownFilter.body.meta['record-count']], [200, sandbox.state.candidates.size]);
  const { lukas } = sandbox.state.planted;
  const plain = await api<Json>('GET', `/job-applications/${lukas.applicationId}`);
  assert.equal(plain.body.data.relationships.stage.data, undefined);
  assert.match(plain.body.data.relationships.stage.links.related, /\/v1\/job-applications\/\d+\/stage$/);
  const included = await api<Json>('GET', `/job-applications/${lukas.applicationId}?include=stage,job`);
  assert.deepEqual(included.body.data.relationships.stage.data, { type: 'stages', id: String(lukas.stageId) });
  assert.deepEqual(included.body.included.map((record: Json) => record.type).sort(), ['jobs', 'stages']);
  const badInclude = await api<Json>('GET', `/job-applications/${lukas.applicationId}?include=owner`);
  assert.equal(badInclude.status, 400);
});

test('writes are JSON:API documents: a type or id that does not match is 409, another media type 415, a bad stage 422', async () => {
  const { lukas } = sandbox.state.planted;
  const path = `/job-applications/${lukas.applicationId}`;
  const wrongType = await api<Json>('PATCH', path, { data: { type: 'candidates', id: String(lukas.applicationId) } });
  assert.deepEqual([wrongType.status, wrongType.body.errors[0].source], [409, { pointer: '/data/type' }]);
  const wrongId = await api<Json>('PATCH', path, { data: { type: 'job-applications', id: '1' } });
  assert.equal(wrongId.status, 409);
  const json = await api<Json>('PATCH', path, { data: { type: 'job-applications', id: String(lukas.applicationId) } }, { 'Content-Type': 'application/json' });
  assert.equal(json.status, 415);
  const unknownStage = await api<Json>('PATCH', path, { data: { type: 'job-applications', id: String(lukas.applicationId), relationships: { stage: { data: { type: 'stages', id: '999999' } } } } });
  assert.deepEqual([unknownStage.status, unknownStage.body.errors[0].source], [422, { pointer: '/data/relationships/stage' }]);
  const note = await api<Json>('POST', '/notes', { data: { type: 'notes', attributes: { note: 'x' } } });
  assert.deepEqual([note.status, note.body.errors[0].detail], [422, "candidate - can't be blank"]);
  assert.equal(sandbox.state.jobApplications.get(lukas.applicationId)!.stageId, lukas.stageId, 'nothing changed');
});

test('X-Rate-Limit-* on every answer, the reset in seconds; a 429 is a JSON:API error without Retry-After', async () => {
  sandbox.setRateLimit({ limit: 1, windowSeconds: 10 });
  try {
    const ok = await api<Json>('GET', '/users');
    assert.deepEqual([ok.headers.get('x-rate-limit-limit'), ok.headers.get('x-rate-limit-remaining'), ok.headers.get('x-rate-limit-reset')], ['1', '0', '10']);
    const limited = await api<Json>('GET', '/users');
    assert.deepEqual([limited.status, limited.body.errors[0].status, limited.body.errors[0].title], [429, '429', 'Too Many Requests']);
    assert.equal(limited.headers.get('retry-after'), null);
  } finally {
    sandbox.setRateLimit(null);
  }
});

test('with unknownFilters reject, a filter the list lacks is a 400 "Filter not allowed" naming it', async () => {
  const strict = await startTeamtailorSandbox({ rateLimit: null, unknownFilters: 'reject' });
  try {
    const refused = await teamtailorClient(strict)<Json>('GET', '/candidates?filter[name]=x');
    assert.equal(refused.status, 400);
    assert.deepEqual([refused.body.errors[0].title, refused.body.errors[0].detail], ['Filter not allowed', 'name is not allowed']);
  } finally {
    await strict.close();
  }
});
