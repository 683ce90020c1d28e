// Work that grows with what a caller or an upstream sends is bounded (issue 11, points 1 to 3): related records
// inlined per JSON:API response, argument nesting and name length, a cursor's arguments checked again on use, and
// upstream calls in flight per account. The time these take is measured by the benchmark (bench/hostile.ts).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Engine } from '../../src/execution/engine.ts';
import { AccountLimiter, LimiterError } from '../../src/execution/limiter.ts';
import { flattenDocument } from '../../src/execution/response/jsonapi.ts';
import type { AccountConnection, CallOutcome } from '../../src/execution/types.ts';
import { compileIntegration } from '../../src/tools/catalog.ts';
import { json, startUpstream } from '../helpers/upstream.ts';

/** n included records, each related to all n, and n data records related to all of them. */
export function denselyRelated(n: number): unknown {
  const identifiers = Array.from({ length: n }, (_, i) => ({ type: 'people', id: String(i) }));
  const related = { data: identifiers };
  return {
    data: Array.from({ length: n }, (_, i) => ({ type: 'teams', id: String(i), attributes: { name: `team ${i}` }, relationships: { members: related } })),
    included: identifiers.map((identifier) => ({ ...identifier, attributes: { name: `person ${identifier.id}`, bio: 'x'.repeat(200) }, relationships: { friends: related } })),
  };
}

function countInlined(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countInlined(item), 0);
  if (value === null || typeof value !== 'object') return 0;
  const record = value as Record<string, unknown>;
  const own = 'name' in record && 'id' in record ? 1 : 0;
  return own + Object.values(record).reduce((sum: number, child) => sum + countInlined(child), 0);
}

test('JSON:API: a hostile web of relations inlines a bounded number of records, and the result says so', () => {
  const { value, notice } = flattenDocument(denselyRelated(100), { nodes: 2_000, bytes: 8 * 1024 * 1024 });
  const records = value as Record<string, unknown>[];
  assert.equal(records.length, 100, 'every data record is returned');
  assert.ok(countInlined(records) <= 100 + 2_000, `inlined records: ${countInlined(records)}`);
  assert.match(notice ?? '', /Related records past 2000 per response were not embedded; they appear as \{id, type\}/);
  const last = records.at(-1)!.members as Record<string, unknown>[];
  assert.deepEqual(last[0], { id: '0', type: 'people' }, 'past the cap relations stay {id, type}');
  const bytesCapped = flattenDocument(denselyRelated(100), { nodes: 1_000_000, bytes: 50_000 });
  assert.match(bytesCapped.notice ?? '', /were not embedded/);
  assert.deepEqual(flattenDocument(denselyRelated(3)).notice, undefined, 'an ordinary document is not capped');
});

test('JSON:API: only the records in the window asked for are flattened; the rest are only counted', () => {
  const document = denselyRelated(100) as { data: unknown[] };
  const { value, length } = flattenDocument(document, undefined, { start: 40, end: 43 });
  assert.deepEqual((value as { id: string }[]).map((record) => record.id), ['40', '41', '42']);
  assert.equal(length, 100);
  assert.equal(flattenDocument(document, undefined, { start: 99, end: 200 }).value instanceof Array, true);
  assert.deepEqual((flattenDocument(document, undefined, { start: 99, end: 200 }).value as { id: string }[]).map((record) => record.id), ['99']);
});

test('JSON:API: a record with 100,000 relations, related from 5,000 records, is inlined only while its stubs fit', () => {
  const friends = { data: Array.from({ length: 100_000 }, (_, i) => ({ type: 'people', id: String(i) })) };
  const hub = { type: 'people', id: 'hub', attributes: { name: 'hub' }, relationships: { friends } };
  const document = {
    data: Array.from({ length: 5_000 }, (_, i) => ({ type: 'teams', id: String(i), attributes: {}, relationships: { lead: { data: { type: 'people', id: 'hub' } } } })),
    included: [hub],
  };
  const { value, notice } = flattenDocument(document);
  const stubs = (value as { lead: { friends?: unknown[] } }[]).reduce((sum, team) => sum + (team.lead.friends?.length ?? 0), 0);
  assert.ok(stubs <= 200_000, `relation stubs written: ${stubs}`);
  assert.match(notice ?? '', /were not embedded/);
});

describe('per-call bounds through the engine', () => {
  const integration = compileIntegration('integrations/acme/definition.yaml', `
format_version: 2
name: acme
label: Acme
description: Test.
base_url: https://acme.example/api
credentials: { api_key: { label: API key } }
auth: { kind: bearer, token: "{api_key}" }
pagination: { kind: page_number, page_param: page, size_param: per_page, default_size: 2, max_size: 10 }
response: { kind: json, records_path: items }
resources:
  widgets:
    methods:
      list:
        http_method: GET
        path: /widgets
        docs:
          description: List widgets.
          query_schema: { type: object, properties: { color: { type: string, enum: [red, blue], description: Color. } } }
      create:
        http_method: POST
        path: /widgets
        docs:
          description: Create a widget.
          body_schema: { type: object, properties: { spec: { type: object, description: Anything. } } }
  gadgets:
    methods:
      list:
        http_method: GET
        path: /gadgets
        paginated: false
        docs:
          description: Every gadget at once.
`);
  let hang = false;
  let answerWith: unknown;
  let answerStatus = 200;
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let account: AccountConnection;
  const engine = new Engine({ limiter: { concurrency: 2, queueTimeoutMs: 200, maxQueued: 1 } });
  before(async () => {
    upstream = await startUpstream((_request, response) => {
      if (!hang) json(response, answerStatus, answerWith ?? { items: [{ id: '1' }, { id: '2' }] });
    });
    account = { id: 'acct', integration: 'acme', context: { base_url: `${upstream.url}/api` }, credentials: { api_key: 'k' } };
  });
  after(async () => {
    await upstream.close();
    await engine.close();
  });
  const call = (tool: string, args: Record<string, unknown>, signal?: AbortSignal) =>
    engine.execute({ integration, tool: integration.toolsByName.get(tool)!, account, arguments: args, cursorScope: 'mcp:b', signal });
  const failed = (outcome: CallOutcome) => (outcome as Extract<CallOutcome, { ok: false }>).error;

  test('arguments nested deeper than 64 levels, and over-long argument names, are refused before anything else', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const before = upstream.requests.length;
    const nested = failed(await call('create_a_acme_widget', { spec: { deep } }));
    assert.match(nested.message, /nest deeper than 64 levels/);
    const long = failed(await call('list_all_acme_widgets', { ['colour'.repeat(100_000)]: 'red' }));
    assert.match(long.message, /argument names are at most 128 characters/);
    assert.ok(long.message.length < 400, 'the name is not echoed back whole');
    assert.equal(upstream.requests.length, before);
  });

  test('too many argument names, or list items, are refused in one short answer; many wrong values are named ten at a time', async () => {
    const before = upstream.requests.length;
    const names = Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`colour${i}`, 'red']));
    const many = failed(await call('list_all_acme_widgets', names));
    assert.match(many.message, /\(arguments\) has 40000 entries; at most 256/);
    assert.ok(many.message.length < 500, `a short answer: ${many.message.length} characters`);
    const items = failed(await call('create_a_acme_widget', { spec: { colours: Array.from({ length: 60_000 }, (_, i) => `c${i}`) } }));
    assert.match(items.message, /spec\.colours has 60000 items; at most 256/);
    const wrong = failed(await call('list_all_acme_widgets', Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`colour${i}`, 'red']))));
    assert.equal(wrong.invalid_arguments!.length, 11, 'ten named, then a count of the rest');
    assert.match(wrong.invalid_arguments!.at(-1)!.message, /have 190 more problems like these/);
    assert.equal(upstream.requests.length, before);
  });

  test('an upstream body nested deeper than 256 levels is refused, small or large; a large flat body is answered', async () => {
    const nestedItems = (levels: number, padding: number) => {
      let deep: unknown = 'x';
      for (let i = 0; i < levels; i++) deep = { deep };
      return { items: [{ id: '1', deep, padding: 'p'.repeat(padding) }] };
    };
    try {
      for (const padding of [0, 400_000]) {
        answerWith = nestedItems(300, padding);
        assert.match(failed(await call('list_all_acme_widgets', {})).message, /sent JSON nested deeper than 256 levels, which no API record is/);
      }
      answerWith = nestedItems(300, 400_000);
      const together = await Promise.all([call('list_all_acme_widgets', {}), call('list_all_acme_widgets', {})]);
      for (const outcome of together) assert.match(failed(outcome).message, /nested deeper than 256 levels/, 'large bodies arriving together each get their answer');
      answerWith = nestedItems(200, 400_000);
      assert.equal((await call('list_all_acme_widgets', {})).ok, true, 'nesting within the bound is answered');
      answerWith = { items: Array.from({ length: 3_000 }, (_, i) => ({ id: String(i), note: 'n'.repeat(200) })) };
      const large = await call('list_all_acme_widgets', {});
      assert.equal(large.ok, true);
      assert.equal(((large as Extract<CallOutcome, { ok: true }>).result as unknown[]).length > 0, true);
    } finally {
      answerWith = undefined;
    }
  });

  test('an upstream that ignores the page size: the page asked for is answered, and the next page follows it', async () => {
    try {
      answerWith = { items: Array.from({ length: 5_000 }, (_, i) => ({ id: String(i), note: 'n'.repeat(100) })) };
      const first = await call('list_all_acme_widgets', { limit: 3 });
      assert.equal(first.ok, true);
      const page = first as Extract<CallOutcome, { ok: true; shape: 'list' }>;
      assert.deepEqual((page.result as { id: string }[]).map((record) => record.id), ['0', '1', '2']);
      assert.ok(page.next_cursor, 'a full page has a next page');
      const asked = upstream.requests.length;
      assert.equal(((await call('list_all_acme_widgets', { next_cursor: page.next_cursor })) as { ok: boolean }).ok, true);
      assert.equal(upstream.requests[asked]!.url.searchParams.get('page'), '2');
    } finally {
      answerWith = undefined;
    }
  });

  test('a large error answer is read whole: only a list answer is read in part', async () => {
    try {
      answerStatus = 422;
      answerWith = { items: Array.from({ length: 3_000 }, (_, i) => ({ field: `f${i}`, message: 'is not valid '.repeat(10) })) };
      const refused = failed(await call('list_all_acme_widgets', { limit: 2 }));
      assert.equal(refused.status, 422);
      const body = refused.upstream_body as { items: unknown[] };
      assert.equal(body.items.length, 3_000);
      assert.equal(Array.from(body.items.keys()).filter((i) => !(i in body.items)).length, 0, 'no record left out of the error body');
    } finally {
      answerStatus = 200;
      answerWith = undefined;
    }
  });

  test('an unpaginated list maps at most 10,000 records, and says how many the upstream sent', async () => {
    try {
      answerWith = { items: Array.from({ length: 12_000 }, (_, i) => ({ id: String(i) })) };
      const outcome = await call('list_all_acme_gadgets', {});
      assert.equal(outcome.ok, true);
      const list = outcome as Extract<CallOutcome, { ok: true; shape: 'list' }>;
      assert.equal(list.result_count, 10_000);
      assert.match(list.notice ?? '', /Acme sent 12000 records in one answer; only the first 10000 were read/);
      assert.doesNotMatch(list.notice ?? '', /size budget/);
    } finally {
      answerWith = undefined;
    }
  });

  test("a signed cursor's arguments are checked against the tool's schema again", async () => {
    const forged = engine.cursors.encode({ arguments: { color: 'green' }, size: 2, position: { index: 2 } }, { scope: 'mcp:b', tool: 'list_all_acme_widgets' });
    const before = upstream.requests.length;
    const refused = failed(await call('list_all_acme_widgets', { next_cursor: forged }));
    assert.match(refused.message, /color must be one of: "red", "blue"/);
    assert.equal(upstream.requests.length, before);
  });

  test('at most `concurrency` upstream calls per account; more wait with a deadline, a full queue refuses at once', async () => {
    hang = true;
    const before = upstream.requests.length;
    const controller = new AbortController();
    const running = [call('list_all_acme_widgets', {}, controller.signal), call('list_all_acme_widgets', {}, controller.signal)];
    const waiting = call('list_all_acme_widgets', {});
    const refused = failed(await call('list_all_acme_widgets', {}));
    assert.equal(refused.kind, 'busy');
    assert.equal(refused.status, 503);
    assert.match(refused.message, /1 calls to this account are already waiting/);
    const timedOut = failed(await waiting);
    assert.equal(timedOut.kind, 'busy');
    assert.equal(timedOut.retry_after_seconds, 1);
    assert.match(timedOut.message, /no upstream slot of this account freed up within/);
    assert.equal(upstream.requests.length - before, 2, 'only two calls reached upstream');
    controller.abort();
    await Promise.all(running);
    hang = false;
    assert.ok((await call('list_all_acme_widgets', {})).ok, 'slots are released');
    assert.deepEqual(engine.limiter.stats(), { queued: 0, running: 0 });
  });
});

test('the limiter hands slots over in order and forgets idle accounts', async () => {
  const limiter = new AccountLimiter({ concurrency: 1, queueTimeoutMs: 10_000, maxQueued: 10 });
  const order: number[] = [];
  let release!: () => void;
  const first = limiter.run('a', undefined, () => new Promise<void>((resolve) => { release = resolve; }).then(() => order.push(1)));
  const queued = [2, 3].map((n) => limiter.run('a', undefined, async () => order.push(n)));
  assert.deepEqual(limiter.stats(), { queued: 2, running: 1 });
  await limiter.run('b', undefined, async () => order.push(0));
  release();
  await Promise.all([first, ...queued]);
  assert.deepEqual(order, [0, 1, 2, 3]);
  let hold!: () => void;
  const holding = limiter.run('a', undefined, () => new Promise<void>((resolve) => { hold = resolve; }));
  const controller = new AbortController();
  const waiter = limiter.run('a', controller.signal, async () => undefined);
  controller.abort();
  await assert.rejects(waiter, (error) => error instanceof LimiterError && error.reason === 'aborted');
  hold();
  await holding;
  assert.deepEqual(limiter.stats(), { queued: 0, running: 0 });
});
