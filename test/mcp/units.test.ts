// Pure pieces of the MCP layer: the result budget, did-you-mean, client-info session ids, content negotiation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shrinkToBudget, jsonBytes, truncationMark } from '../../src/mcp/budget.ts';
import { decodeSessionId, encodeSessionId } from '../../src/mcp/client-info.ts';
import { suggestNames } from '../../src/mcp/discovery.ts';
import { replyFormat } from '../../src/mcp/http.ts';
import { RawJson, serializeReply } from '../../src/mcp/jsonrpc.ts';
import { toolSetFor } from '../../src/mcp/tools-list.ts';
import { negotiateInitialize } from '../../src/mcp/versions.ts';
import { Catalog } from '../../src/tools/catalog.ts';

test('shrinkToBudget keeps short values whole, cuts long strings first, and always fits', () => {
  const record = { id: '1001', title: 'Product Manager', description: 'x'.repeat(5_000), tags: Array.from({ length: 200 }, (_, i) => `tag-${i}`) };
  assert.deepEqual(shrinkToBudget(record, 100_000), { value: record, truncated: false, bytes: jsonBytes(record), json: JSON.stringify(record) });
  for (const budget of [4_000, 1_000, 300, 50]) {
    const fitted = shrinkToBudget(record, budget);
    assert.equal(fitted.truncated, true);
    assert.ok(jsonBytes(fitted.value) <= budget || budget < 60, `${budget}: ${jsonBytes(fitted.value)}`);
    const value = fitted.value as Partial<typeof record>;
    if (budget >= 300) {
      assert.equal(value.id, '1001', 'ids survive');
      assert.equal(value.title, 'Product Manager');
      assert.ok(value.description!.endsWith(truncationMark));
    }
  }
  const page = [record, record];
  const fitted = shrinkToBudget(page, 1_000, { keepTopLevelItems: true });
  assert.equal((fitted.value as unknown[]).length, 2, 'records of a page are never dropped');
});

test('a result member given as RawJson is spliced in as written; everything else is encoded as usual', () => {
  const text = '{"id":"1","name":"Ada \\"the first\\""}';
  const reply = JSON.parse(serializeReply({ id: 7, result: { content: [{ type: 'text', text }], structuredContent: new RawJson(text), isError: undefined } }));
  assert.deepEqual(reply, { jsonrpc: '2.0', id: 7, result: { content: [{ type: 'text', text }], structuredContent: JSON.parse(text) } });
  assert.equal(serializeReply({ id: 'a', result: { tools: [] } }), '{"jsonrpc":"2.0","id":"a","result":{"tools":[]}}');
});

test('suggestNames proposes close names by spelling and shared words, best first', () => {
  const known = ['list_all_pinpoint_candidates', 'get_single_pinpoint_candidate_by_id', 'list_all_pinpoint_jobs', 'create_a_pinpoint_comment'];
  assert.equal(suggestNames('list_all_pinpoint_candidate', known)[0], 'list_all_pinpoint_candidates');
  assert.equal(suggestNames('get_pinpoint_candidate', known)[0], 'get_single_pinpoint_candidate_by_id');
  assert.deepEqual(suggestNames('create_a_pinpoint_note', known), ['create_a_pinpoint_comment']);
  assert.deepEqual(suggestNames('zzz', known), []);
});

test('client-info session ids round-trip and tolerate anything else', () => {
  const id = encodeSessionId({ name: 'Claude Desktop', version: '1.2' });
  assert.match(id, /^[\x21-\x7e]+$/);
  assert.deepEqual(decodeSessionId(id), { name: 'Claude Desktop', version: '1.2' });
  assert.notEqual(encodeSessionId({ name: 'Claude Desktop', version: '1.2' }), id, 'unique per initialize');
  assert.equal(decodeSessionId(encodeSessionId(undefined)), undefined);
  for (const other of [undefined, '', 'abc', 'ci1.!!!', `ci1.${Buffer.from('{"a":1}').toString('base64url')}`]) assert.equal(decodeSessionId(other), undefined);
});

test('replyFormat: JSON unless only an event stream is acceptable; nothing acceptable is undefined', () => {
  assert.equal(replyFormat(undefined), 'json');
  assert.equal(replyFormat('application/json, text/event-stream'), 'json');
  assert.equal(replyFormat('text/event-stream, application/json;q=0.5'), 'json');
  assert.equal(replyFormat('text/event-stream'), 'sse');
  assert.equal(replyFormat('application/json;q=0'), undefined);
  assert.equal(replyFormat('image/png'), undefined);
});

test('negotiateInitialize: echo supported, latest legacy for other dates, refuse non-versions', () => {
  assert.deepEqual(negotiateInitialize('2025-06-18'), { ok: true, version: '2025-06-18' });
  assert.deepEqual(negotiateInitialize('2030-01-01'), { ok: true, version: '2025-11-25' });
  assert.equal(negotiateInitialize('v1').ok, false);
});

test('tools/list is serialized once per (integration version, filter): a 1,000-tool list is built once, then reused', async (t) => {
  const catalog = await Catalog.load(new URL('../../integrations/', import.meta.url).pathname);
  const pinpoint = catalog.get('pinpoint')!;
  const read = toolSetFor(pinpoint, { methods: ['read', 'custom'], tags: ['jobs', 'candidates'] });
  assert.equal(toolSetFor(pinpoint, { tags: ['candidates', 'jobs'], methods: ['custom', 'read'] }), read, 'order of filter values does not matter');
  assert.notEqual(toolSetFor(pinpoint, { methods: ['read'] }), read);
  assert.notEqual(toolSetFor(pinpoint, { methods: ['read', 'custom'], tags: ['jobs', 'candidates'], tool_exposure: 'discovery' }), read);

  const tools = Array.from({ length: 1_000 }, (_, index) => ({ ...pinpoint.tools[index % pinpoint.tools.length]!, name: `tool_${index}` }));
  const big = { ...pinpoint, tools, toolsByName: new Map(tools.map((tool) => [tool.name, tool])) };
  const started = performance.now();
  const first = toolSetFor(big, {});
  const built = performance.now() - started;
  const again = performance.now();
  for (let i = 0; i < 1_000; i++) assert.equal(toolSetFor(big, {}), first);
  const cached = (performance.now() - again) / 1_000;
  assert.equal(first.listed.length, 1_000);
  t.diagnostic(`building took ${built.toFixed(2)} ms; a cached lookup ${(cached * 1_000).toFixed(2)} µs`);
  const reloaded = { ...big };
  assert.notEqual(toolSetFor(reloaded, {}), first, 'a reloaded integration gets a fresh list');
});

test('tools/list gives every tool its whole input schema: a client that keeps some tools loses no description', async () => {
  const catalog = await Catalog.load(new URL('../../integrations/', import.meta.url).pathname);
  const pinpoint = catalog.get('pinpoint')!;
  const all = toolSetFor(pinpoint, {});
  for (const listed of all.listed) assert.deepEqual(listed.inputSchema, pinpoint.toolsByName.get(listed.name)!.inputSchema, listed.name);
  const next = (pinpoint.toolsByName.get('list_all_pinpoint_jobs')!.inputSchema.properties as Record<string, { description?: string }>).next_cursor!;
  assert.match(next.description ?? '', /previous page/);
});
