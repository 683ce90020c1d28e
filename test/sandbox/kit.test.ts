// The sandbox kit: a sandbox made of a routes table and its API's conventions gets the same handle, request log,
// rate limiting, key checks, media-type checks, 404/405 and error rendering as every other; and the helpers for
// paging, keys, tables and seeded data do what each API's sandbox needs of them.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { HttpProblem } from '../../src/sandbox/shared/http.ts';
import { authenticate, type AuthSpec } from '../../src/sandbox/shared/auth.ts';
import { decodeCursor, encodeCursor, linkHeader, pageSize, urlWith, windowOf } from '../../src/sandbox/shared/pagination.ts';
import { createRandom } from '../../src/sandbox/shared/random.ts';
import { startSandbox } from '../../src/sandbox/shared/server.ts';
import { Table } from '../../src/sandbox/shared/table.ts';
import { call } from './client.ts';

interface Note {
  id: string;
  text: string;
}

const problem = (status: 401 | 403, message: string) => () => new HttpProblem(status, message);

/** A whole sandbox in a few lines: an RPC-ish API with Basic auth, errors as {error: {code, message}}, epoch resets. */
async function startToySandbox() {
  return startSandbox<{ notes: Table<Note, string> }>(
    {
      apiPrefix: '/toy',
      defaultApiKey: 'toy-key',
      logBodies: true,
      createState: (seed) => {
        const random = createRandom(seed);
        const notes = new Table<Note, string>(() => random.uuid());
        for (const text of ['first', 'second', 'third']) notes.insert({ text });
        return { notes };
      },
      api: ({ state }) => ({
        auth: {
          scheme: { kind: 'basic_username' },
          missing: problem(401, 'no key'),
          unknown: problem(403, 'wrong key'),
          disabled: problem(403, 'key deactivated'),
        },
        renderError: (error) => ({ status: error.status, body: { error: { code: error.details.code ?? 'error', message: error.message } } }),
        accepts: (accept) => accept === undefined || accept === '*/*' || accept === 'application/json',
        rateLimitHeaders: { family: 'X-Rate-Limit', reset: 'epoch_seconds' },
        routes: {
          'GET /notes': () => ({ body: state.notes.all() }),
          'POST /notes': async (request) => {
            const { text } = await request.object();
            if (typeof text !== 'string') throw new HttpProblem(422, 'text is required', {}, { code: 'invalid' });
            return { status: 201, body: state.notes.insert({ text }) };
          },
          'DELETE /notes/:id': (request) => (state.notes.delete(request.param('id')) ? { status: 204 } : { status: 404, body: { error: { code: 'gone' } } }),
        },
      }),
    },
    { rateLimit: { limit: 3, windowSeconds: 60 }, disabledApiKeys: ['old-key'] },
  );
}

const basic = (user: string) => `Basic ${Buffer.from(`${user}:`).toString('base64')}`;

describe('a sandbox from a routes table', async () => {
  const sandbox = await startToySandbox();
  after(() => sandbox.close());
  const toy = (method: string, path: string, options: { user?: string; headers?: Record<string, string>; raw?: string; json?: unknown } = {}) =>
    call<any>(`${sandbox.url}${path}`, { method, json: options.json, raw: options.raw, headers: { Authorization: basic(options.user ?? 'toy-key'), ...(options.json === undefined ? {} : { 'Content-Type': 'application/json' }), ...options.headers } });

  test('the handle: url under the prefix, live state, request log with bodies; rate limit with the chosen header family', async () => {
    assert.match(sandbox.url, /^http:\/\/127\.0\.0\.1:\d+\/toy$/);
    const listed = await toy('GET', '/notes');
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body.map((note: Note) => note.text), ['first', 'second', 'third']);
    assert.match(listed.body[0].id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(listed.headers.get('x-rate-limit-limit'), '3');
    assert.equal(listed.headers.get('x-rate-limit-remaining'), '2');
    assert.ok(Number(listed.headers.get('x-rate-limit-reset')) > Date.now() / 1000);

    const created = await toy('POST', '/notes', { json: { text: 'fourth' } });
    assert.equal(created.status, 201);
    assert.equal(sandbox.state.notes.get(created.body.id)?.text, 'fourth');
    assert.deepEqual(sandbox.requests.at(-1), { method: 'POST', path: '/toy/notes', query: '', status: 201, body: { text: 'fourth' } });
    assert.equal((await toy('DELETE', `/notes/${created.body.id}`)).status, 204);

    const limited = await toy('GET', '/notes');
    assert.equal(limited.status, 429);
    assert.deepEqual(limited.body, { error: { code: 'error', message: 'Rate limit exceeded' } });
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    assert.equal(limited.headers.get('x-rate-limit-remaining'), '0');
    sandbox.resetRateLimit();
  });

  test('keys: missing, unknown and deactivated keys get the API\'s own answers', async () => {
    sandbox.setRateLimit(null);
    const missing = await call<any>(`${sandbox.url}/notes`);
    assert.deepEqual([missing.status, missing.body.error.message], [401, 'no key']);
    assert.deepEqual([(await toy('GET', '/notes', { user: 'nope' })).status, (await toy('GET', '/notes', { user: 'nope' })).body.error.message], [403, 'wrong key']);
    assert.equal((await toy('GET', '/notes', { user: 'old-key' })).body.error.message, 'key deactivated');
    const bearer = await call<any>(`${sandbox.url}/notes`, { headers: { Authorization: 'Bearer toy-key' } });
    assert.equal(bearer.status, 401, 'another scheme counts as no key unless the API words it otherwise');
  });

  test('the kit refuses what no handler should see: unknown paths, other methods, other media types, malformed JSON, Accept', async () => {
    assert.deepEqual((await toy('GET', '/nothing')).body.error.message, 'Route GET /toy/nothing not found');
    const wrongMethod = await toy('PUT', '/notes');
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers.get('allow'), 'GET, POST');
    assert.equal((await toy('POST', '/notes', { raw: 'text=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })).status, 415);
    assert.equal((await toy('POST', '/notes', { raw: '{"text":', headers: { 'Content-Type': 'application/json' } })).status, 400);
    assert.equal((await toy('POST', '/notes', { json: ['not', 'an', 'object'] })).status, 400);
    const invalid = await toy('POST', '/notes', { json: {} });
    assert.deepEqual([invalid.status, invalid.body], [422, { error: { code: 'invalid', message: 'text is required' } }]);
    assert.equal((await toy('GET', '/notes', { headers: { Accept: 'text/html' } })).status, 406);
  });
});

test('windows, page sizes and cursors: every paging style reduces to a start index', () => {
  const rows = Array.from({ length: 7 }, (_, index) => index);
  assert.deepEqual(windowOf(rows, 0, 3), { items: [0, 1, 2], next: 3, total: 7 });
  assert.deepEqual(windowOf(rows, 6, 3), { items: [6], next: undefined, total: 7 });
  assert.deepEqual(windowOf(rows, 4, 3), { items: [4, 5, 6], next: undefined, total: 7 });

  const capped = { fallback: 100, max: 100, overMax: 'cap' as const };
  const strict = { fallback: 50, max: 100, overMax: 'reject' as const };
  assert.deepEqual([pageSize(undefined, capped), pageSize(250, capped), pageSize('20', capped), pageSize(0, capped), pageSize(2.5, capped), pageSize('ten', capped)], [100, 100, 20, undefined, undefined, undefined]);
  assert.deepEqual([pageSize(undefined, strict), pageSize('101', strict), pageSize(100, strict)], [50, undefined, 100]);

  const cursor = encodeCursor('candidate.list', 200);
  assert.equal(decodeCursor('candidate.list', cursor), 200);
  assert.equal(decodeCursor('job.list', cursor), undefined, 'a cursor of another list');
  for (const garbage of ['', 'G8', '!!', 42, null]) assert.equal(decodeCursor('candidate.list', garbage), undefined);

  assert.equal(linkHeader({ next: 'https://api.example/v1/items?cursor=abc', prev: undefined }), '<https://api.example/v1/items?cursor=abc>; rel="next"');
  assert.equal(linkHeader({ next: undefined }), undefined);
  assert.equal(urlWith('https://api.example/v1/items?limit=10&offset=0', { offset: 10, since: undefined }), 'https://api.example/v1/items?limit=10&offset=10');
});

test('authenticate reads each key scheme and names the problem', () => {
  const spec = (scheme: AuthSpec['scheme']): AuthSpec => ({
    scheme,
    missing: () => new HttpProblem(401, 'missing'),
    malformed: () => new HttpProblem(401, 'malformed'),
    unknown: () => new HttpProblem(403, 'unknown'),
  });
  const ring = { keys: new Set(['k1']), disabled: new Set(['k0']) };
  const headers = (values: Record<string, string>) => (name: string) => values[name.toLowerCase()];
  const outcome = (auth: AuthSpec, values: Record<string, string>) => {
    try {
      return authenticate(auth, ring, headers(values));
    } catch (error) {
      return (error as HttpProblem).message;
    }
  };
  const basicAuth = spec({ kind: 'basic_username' });
  assert.equal(outcome(basicAuth, { authorization: basic('k1') }), 'k1');
  assert.equal(outcome(basicAuth, { authorization: `Basic ${Buffer.from('k1:secret').toString('base64')}` }), 'k1');
  assert.equal(outcome(basicAuth, { authorization: basic('') }), 'missing');
  assert.equal(outcome(basicAuth, { authorization: 'Basic ???' }), 'malformed');
  assert.equal(outcome(basicAuth, { authorization: basic('k0') }), 'unknown', 'a deactivated key is unknown unless the API says otherwise');
  assert.equal(outcome(spec({ kind: 'bearer' }), { authorization: 'Bearer k1' }), 'k1');
  assert.equal(outcome(spec({ kind: 'bearer' }), { authorization: 'Token k1' }), 'malformed');
  assert.equal(outcome(spec({ kind: 'header', header: 'X-API-KEY' }), { 'x-api-key': 'k1' }), 'k1');
  assert.equal(outcome(spec({ kind: 'header', header: 'X-API-KEY' }), {}), 'missing');
  const token = spec({ kind: 'token' });
  assert.equal(outcome(token, { authorization: 'Token token=k1' }), 'k1');
  assert.equal(outcome(token, { authorization: 'Token token="k1"' }), 'k1', 'Rails accepts the key quoted');
  assert.equal(outcome(token, { authorization: 'Token token=k0' }), 'unknown');
  assert.equal(outcome(token, { authorization: 'Bearer k1' }), 'malformed');
  assert.equal(outcome(token, { authorization: 'Token k1' }), 'malformed', 'the key is the token parameter');
});

test('tables: numeric ids skip taken ones and are never reused; string ids list in insertion order', () => {
  const numbers = new Table<{ id: number; name: string }>(10);
  numbers.insert({ name: 'planted' }, 11);
  assert.deepEqual([numbers.insert({ name: 'a' }).id, numbers.insert({ name: 'b' }).id], [10, 12]);
  numbers.delete(12);
  assert.equal(numbers.insert({ name: 'c' }).id, 13);
  assert.deepEqual(numbers.all().map((row) => row.id), [10, 11, 13]);
  const names = ['b-id', 'a-id'];
  const strings = new Table<{ id: string }, string>(() => names.shift()!);
  strings.insert({});
  strings.insert({});
  assert.deepEqual(strings.all().map((row) => row.id), ['b-id', 'a-id']);
});
