// The Proxy API against the sandbox Pinpoint and Polymer APIs, through the same engine as MCP tool calls:
// pagination, reads, writes, upstream errors passed through, and rate limits passed on without a retry.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startPinpointSandbox, startPolymerSandbox, type PinpointSandbox, type PolymerSandbox } from '../../src/sandbox/index.ts';
import { json, shippedIntegrations, startTestServer, upstreamAllowlist, type TestServer } from './harness.ts';

const keys = { pinpoint: 'proxy-test-pinpoint-key', polymer: 'proxy-test-polymer-key' };
let pinpoint: PinpointSandbox;
let polymer: PolymerSandbox;

before(async () => {
  pinpoint = await startPinpointSandbox({ apiKeys: [keys.pinpoint] });
  // X-RateLimit headers on: the 429 test below checks their normalization (Polymer documents none, so they are off by default).
  polymer = await startPolymerSandbox({ apiKeys: [keys.polymer], rateLimitHeaders: true });
});
after(async () => {
  await Promise.all([pinpoint.close(), polymer.close()]);
});

async function connect(t: import('node:test').TestContext) {
  const server = await startTestServer(t, { integrationsDir: shippedIntegrations, env: upstreamAllowlist(pinpoint.url, polymer.url) });
  const create = async (body: unknown) => {
    const response = await server.api('/integrated-account', { method: 'POST', body });
    assert.equal(response.status, 201);
    return (await json(response)).id as string;
  };
  const pinpointId = await create({ integration: 'pinpoint', context: { subdomain: 'demo', base_url: pinpoint.url }, credentials: { api_key: keys.pinpoint } });
  const polymerId = await create({ integration: 'polymer', context: { base_url: polymer.url }, credentials: { api_key: keys.polymer } });
  t.after(() => server.logs.assertFree([server.token, keys.pinpoint, keys.polymer]));
  return { ...server, pinpointId, polymerId };
}

const proxy = (server: TestServer, accountId: string, path: string, init: { method?: string; body?: unknown } = {}) => {
  const separator = path.includes('?') ? '&' : '?';
  return server.api(`/proxy/${path}${separator}integrated_account_id=${accountId}`, init);
};

test('lists page with limit and next_cursor; single records come back as {result}', async (t) => {
  const server = await connect(t);
  const first = await proxy(server, server.pinpointId, 'candidates?limit=2');
  assert.equal(first.status, 200);
  const page1 = await json(first);
  assert.equal(page1.result.length, 2);
  assert.equal(page1.result_count, 2);
  assert.equal(typeof page1.next_cursor, 'string');
  const page2 = await json(await proxy(server, server.pinpointId, `candidates?next_cursor=${encodeURIComponent(page1.next_cursor)}`));
  assert.equal(page2.result.length, 2, 'the cursor keeps the page size');
  const ids = [...page1.result, ...page2.result].map((candidate: { id: string }) => candidate.id);
  assert.equal(new Set(ids).size, 4, 'the second page continues after the first');
  const upstreamPages = pinpoint.requests.filter((request) => request.path.endsWith('/candidates')).map((request) => new URLSearchParams(request.query));
  assert.deepEqual(upstreamPages.map((query) => [query.get('page[number]'), query.get('page[size]')]), [['1', '2'], ['2', '2']]);

  const { sarahJenkins } = pinpoint.state.planted;
  const single = await proxy(server, server.pinpointId, `candidates/${sarahJenkins.candidateId}`);
  assert.equal(single.status, 200);
  const { result } = await json(single);
  assert.equal(result.id, sarahJenkins.candidateId);
  assert.equal(result.first_name, 'Sarah');

  const polymerPage = await json(await proxy(server, server.polymerId, 'candidates?limit=3'));
  assert.equal(polymerPage.result_count, 3);
  assert.equal(typeof polymerPage.next_cursor, 'string');
});

test('a create goes upstream once and returns the created record; a custom method needs its own verb', async (t) => {
  const server = await connect(t);
  const applicationId = String(polymer.state.planted.jobApplication44321.jobApplicationId);
  const before = polymer.requests.length;
  const created = await proxy(server, server.polymerId, 'job_application_comments', { method: 'POST', body: { job_application_id: applicationId, body: 'Strong system design.' } });
  assert.equal(created.status, 201);
  assert.deepEqual(polymer.requests.slice(before).map((request) => `${request.method} ${request.path}`), [`POST /v1/hire/job_applications/${applicationId}/comments`]);
  const { result } = await json(created);
  assert.match(result.body, /Strong system design\./);
  const listed = await json(await proxy(server, server.polymerId, `job_application_comments?job_application_id=${applicationId}`));
  assert.equal(listed.next_cursor, null, 'an unpaginated list has one page');
  assert.ok(listed.result.some((comment: { id: unknown }) => String(comment.id) === String(result.id)), 'the new comment is listed');

  const wrongVerb = await proxy(server, server.polymerId, `job_applications/${applicationId}/archive`);
  assert.equal(wrongVerb.status, 405);
  assert.match((await json(wrongVerb)).error.message, /archive of job_applications is called with POST/);
  const archived = await proxy(server, server.polymerId, `job_applications/${applicationId}/archive`, { method: 'POST' });
  assert.equal(archived.status, 200);
  assert.equal((await json(archived)).result.status, 'archived');
});

test('an upstream 422 is passed through with its status and detail', async (t) => {
  const server = await connect(t);
  const { jobApplication55432, job102 } = polymer.state.planted;
  const response = await proxy(server, server.polymerId, 'job_application_stage_moves', {
    method: 'POST', body: { job_application_id: String(jobApplication55432.jobApplicationId), hiring_stage_id: String(job102.executiveInterviewStageId) },
  });
  assert.equal(response.status, 422);
  const { error } = await json(response);
  assert.equal(error.is_remote, true);
  assert.equal(error.upstream_status, 422);
  assert.match(error.message, /Polymer answered 422: Hiring stage \d+ does not belong to the application's job/);
  assert.match(error.upstream_body.message, /does not belong to the application's job/);
});

test("an upstream 429 is the caller's 429 with normalized rate-limit headers, and is not retried", async (t) => {
  const server = await connect(t);
  polymer.resetRateLimit();
  polymer.setRateLimit({ limit: 1, windowSeconds: 60 });
  t.after(() => {
    polymer.setRateLimit({ limit: 600, windowSeconds: 60 });
    polymer.resetRateLimit();
  });
  assert.equal((await proxy(server, server.polymerId, 'jobs')).status, 200);
  const before = polymer.requests.length;
  const limited = await proxy(server, server.polymerId, 'jobs');
  assert.equal(limited.status, 429);
  assert.deepEqual(polymer.requests.slice(before).map((request) => request.status), [429], 'exactly one upstream request');
  assert.equal(limited.headers.get('ratelimit-limit'), '1');
  assert.equal(limited.headers.get('ratelimit-remaining'), '0');
  const reset = Number(limited.headers.get('ratelimit-reset'));
  assert.ok(reset > 0 && reset <= 60);
  assert.equal(limited.headers.get('retry-after'), String(reset));
  assert.equal(limited.headers.get('ratelimit'), `"default";r=0;t=${reset}`);
  assert.equal(limited.headers.get('ratelimit-policy'), '"default";q=1', 'no window: Polymer documents none');
  const { error } = await json(limited);
  assert.equal(error.status, 429);
  assert.equal(error.retry_after_seconds, reset);
});

test('bad proxy requests are refused before anything goes upstream', async (t) => {
  const server = await connect(t);
  const before = pinpoint.requests.length;
  const missing = await server.api('/proxy/candidates');
  assert.equal(missing.status, 400);
  assert.deepEqual((await json(missing)).error.details.map((detail: { field: string }) => detail.field), ['integrated_account_id']);

  const unknownResource = await proxy(server, server.pinpointId, 'spaceships');
  assert.equal(unknownResource.status, 404);
  assert.match((await json(unknownResource)).error.message, /Pinpoint has no resource "spaceships"/);

  const verb = await proxy(server, server.pinpointId, 'candidates', { method: 'PUT', body: {} });
  assert.equal(verb.status, 405);
  assert.match((await json(verb)).error.message, /PUT \/proxy\/candidates is not supported/);

  const arrayBody = await proxy(server, server.pinpointId, 'comments', { method: 'POST', body: [1, 2] });
  assert.equal(arrayBody.status, 400);
  assert.match((await json(arrayBody)).error.message, /must be a JSON object of named arguments/);

  const wide = await proxy(server, server.pinpointId, 'applications', { method: 'POST', body: Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`k${i}`, 0])) });
  assert.equal(wide.status, 400);
  assert.match((await json(wide)).error.message, /The request body has an object or list of more than 256 entries, or more than 10000 in all/);

  const invalid = await proxy(server, server.pinpointId, 'candidates?limit=5000');
  assert.equal(invalid.status, 400);
  assert.equal((await json(invalid)).error.invalid_arguments[0].argument, 'limit');
  assert.equal(pinpoint.requests.length, before);
});
