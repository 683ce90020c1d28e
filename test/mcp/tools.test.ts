// tools/call through the real engine against the sandboxes: results, structuredContent, tool errors an agent can act
// on (422, 429, bad arguments), unknown and filtered-out tools, discovery exposure, the result budget, request logs.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { post, startMcpTestServer, type McpTestServer } from './harness.ts';

let mcp: McpTestServer;
let small: McpTestServer;
before(async () => {
  [mcp, small] = await Promise.all([startMcpTestServer(), startMcpTestServer({ resultBudgetBytes: 1_500 })]);
});
after(async () => {
  await Promise.all([mcp.close(), small.close()]);
});

async function call(url: string, name: string, args: unknown, headers: Record<string, string> = {}) {
  const response = await post(url, { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } }, { 'mcp-protocol-version': '2025-11-25', ...headers });
  assert.equal(response.status, 200);
  return response.json();
}

const text = (result: { content: { type: string; text: string }[] }) => result.content.map((block) => block.text).join('\n');

describe('tools/call', () => {
  test('a list returns the page as JSON text and as structuredContent {result, next_cursor, result_count}', async () => {
    const { url } = mcp.add();
    const { result } = await call(url, 'list_all_pinpoint_candidates', { limit: 2 });
    assert.equal(result.isError, undefined);
    assert.deepEqual(JSON.parse(result.content[0].text), result.structuredContent);
    assert.equal(result.structuredContent.result_count, 2);
    assert.equal(result.structuredContent.result.length, 2);
    assert.equal(typeof result.structuredContent.next_cursor, 'string');
    const next = await call(url, 'list_all_pinpoint_candidates', { next_cursor: result.structuredContent.next_cursor });
    assert.notEqual(next.result.structuredContent.result[0].id, result.structuredContent.result[0].id);
  });

  test('a record returns the record itself as structuredContent', async () => {
    const { url } = mcp.add();
    const list = await call(url, 'list_all_pinpoint_jobs', { limit: 1 });
    const id = list.result.structuredContent.result[0].id;
    const { result } = await call(url, 'get_single_pinpoint_job_by_id', { id });
    assert.equal(result.structuredContent.id, id);
    assert.deepEqual(JSON.parse(result.content[0].text), result.structuredContent);
  });

  test('unknown and filtered-out tools are JSON-RPC -32602', async () => {
    const { url } = mcp.add({ config: { methods: ['read'] } });
    for (const name of ['no_such_tool', 'create_a_pinpoint_comment']) {
      const body = await (await post(url, { jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name, arguments: {} } })).json();
      assert.deepEqual(body, { jsonrpc: '2.0', id: 4, error: { code: -32602, message: `Unknown tool: ${name}` } });
    }
    const missing = await (await post(url, { jsonrpc: '2.0', id: 4, method: 'tools/call', params: {} })).json();
    assert.equal(missing.error.code, -32602);
  });

  test('bad arguments are a tool error naming each field and problem (every revision)', async () => {
    const { url } = mcp.add();
    for (const version of ['2025-03-26', '2025-06-18', '2025-11-25']) {
      const { result } = await call(url, 'create_a_pinpoint_comment', { body: 'hello', commentable_type: 'jobs' }, { 'mcp-protocol-version': version });
      assert.equal(result.isError, true);
      assert.equal(result.structuredContent, undefined);
      const message = text(result);
      assert.match(message, /- body_text: is required/);
      assert.match(message, /- commentable_id: is required/);
      assert.match(message, /- body: /);
      assert.match(message, /- commentable_type: /);
    }
    const notObject = await call(url, 'list_all_pinpoint_jobs', ['x']);
    assert.equal(notObject.result.isError, true);
    assert.match(text(notObject.result), /arguments must be a JSON object/);
  });

  test('an upstream 422 is a tool error with the upstream status and message', async () => {
    const { url } = mcp.add();
    const { result } = await call(url, 'create_a_pinpoint_comment', { body_text: 'Strong hire', commentable_type: 'job_seekers', commentable_id: '999999' });
    assert.equal(result.isError, true);
    assert.match(text(result), /422/);
    assert.match(text(result), /commentable job_seekers 999999 does not exist/);
  });

  test('an upstream 429 is a tool error telling how many seconds to wait', async (t) => {
    const { url } = mcp.add({ integration: 'polymer' });
    mcp.polymer.setRateLimit({ limit: 1, windowSeconds: 60 });
    t.after(() => mcp.polymer.setRateLimit(null));
    await call(url, 'list_all_polymer_jobs', {});
    const { result } = await call(url, 'list_all_polymer_jobs', {});
    assert.equal(result.isError, true);
    assert.match(text(result), /429/);
    assert.match(text(result), /wait \d+ seconds/);
    const wait = result.structuredContent as { retry_after_seconds: number; upstream_status: number };
    assert.ok(Number.isInteger(wait.retry_after_seconds) && wait.retry_after_seconds > 0, 'the wait is data too');
    assert.equal(wait.upstream_status, 429);
  });

  test('each request is logged with metadata only: never argument values', async () => {
    const { url, id } = mcp.add();
    const init = await post(url, { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'log-client', version: '7.1' } } });
    const session = init.headers.get('mcp-session-id')!;
    await call(url, 'list_all_pinpoint_candidates', { limit: 1, filter_search: 'secret-search-text' }, { 'mcp-session-id': session });
    await call(url, 'create_a_pinpoint_comment', { body_text: 'x', commentable_type: 'job_seekers', commentable_id: '999999' });
    const entries = mcp.logs.filter((entry) => entry.mcp_server_id === id);
    assert.deepEqual(entries.map((entry) => [entry.rpc_method, entry.tool_name, entry.upstream_status, entry.is_error, entry.client_name, entry.client_version]), [
      ['initialize', null, null, false, 'log-client', '7.1'],
      ['tools/call', 'list_all_pinpoint_candidates', 200, false, 'log-client', '7.1'],
      ['tools/call', 'create_a_pinpoint_comment', 422, true, null, null],
    ]);
    assert.ok(entries.every((entry) => entry.tenant_id === 'tenant-1' && entry.latency_ms >= 0 && !Number.isNaN(Date.parse(entry.time))));
    assert.doesNotMatch(JSON.stringify(entries), /secret-search-text|999999/);
  });
});

describe('output schemas off', () => {
  test('config.output_schemas false leaves output schemas out of tools/list, and structuredContent out of results', async () => {
    const full = mcp.add();
    const lean = mcp.add({ config: { output_schemas: false } });
    const list = async (url: string) => (await (await post(url, { jsonrpc: '2.0', id: 1, method: 'tools/list' })).json()).result.tools as { outputSchema?: unknown }[];
    const [withSchemas, without] = [await list(full.url), await list(lean.url)];
    assert.ok(withSchemas.some((tool) => tool.outputSchema));
    assert.ok(without.every((tool) => tool.outputSchema === undefined));
    assert.ok(JSON.stringify(without).length < 0.75 * JSON.stringify(withSchemas).length, 'a quarter or more smaller');
    const { result } = await call(lean.url, 'list_all_pinpoint_jobs', { limit: 1 });
    assert.equal(result.structuredContent, undefined);
    assert.equal(JSON.parse(text(result)).result_count, 1, 'the text carries the same JSON');
    const discovery = mcp.add({ config: { output_schemas: false, tool_exposure: 'discovery' } });
    const schemas = await call(discovery.url, 'get_tool_schema', { tool_names: ['list_all_pinpoint_jobs'] });
    assert.equal(schemas.result.structuredContent.tools[0].outputSchema, undefined);
  });
});

describe('discovery exposure', () => {
  test('tools/list shows search_tools, get_tool_schema and call_tool only', async () => {
    const { url } = mcp.add({ config: { tool_exposure: 'discovery' } });
    const { result } = await (await post(url, { jsonrpc: '2.0', id: 1, method: 'tools/list' })).json();
    assert.deepEqual(result.tools.map((tool: { name: string }) => tool.name), ['search_tools', 'get_tool_schema', 'call_tool']);
    assert.ok(result.tools.every((tool: { description: string; inputSchema: { type: string } }) => tool.description && tool.inputSchema.type === 'object'));
  });

  test('search_tools ranks by name, tags and description; get_tool_schema gives full schemas and did-you-mean; call_tool runs', async () => {
    const { url } = mcp.add({ config: { tool_exposure: 'discovery' } });
    const search = await call(url, 'search_tools', { query: 'list candidates', limit: 3 });
    const found = search.result.structuredContent.tools;
    assert.equal(found.length, 3);
    assert.equal(found[0].name, 'list_all_pinpoint_candidates');
    assert.ok(found[0].description.length > 0 && !found[0].description.includes('\n'));

    const schemas = await call(url, 'get_tool_schema', { tool_names: ['list_all_pinpoint_candidates', 'list_all_pinpoint_candidate'] });
    assert.equal(schemas.result.isError, undefined);
    assert.equal(schemas.result.structuredContent.tools[0].name, 'list_all_pinpoint_candidates');
    assert.equal(schemas.result.structuredContent.tools[0].inputSchema.type, 'object');
    assert.ok(schemas.result.structuredContent.tools[0].outputSchema);
    assert.deepEqual(schemas.result.structuredContent.unknown[0].name, 'list_all_pinpoint_candidate');
    assert.equal(schemas.result.structuredContent.unknown[0].did_you_mean[0], 'list_all_pinpoint_candidates');
    assert.match(text(schemas.result), /Did you mean: list_all_pinpoint_candidates/);

    const tooMany = await call(url, 'get_tool_schema', { tool_names: ['a', 'b', 'c', 'd', 'e', 'f'] });
    assert.equal(tooMany.result.isError, true);

    const run = await call(url, 'call_tool', { tool_name: 'list_all_pinpoint_candidates', arguments: { limit: 1 } });
    assert.equal(run.result.isError, undefined);
    assert.equal(run.result.structuredContent.result_count, 1);
    const typo = await call(url, 'call_tool', { tool_name: 'list_all_pinpoint_candidats', arguments: {} });
    assert.equal(typo.result.isError, true);
    assert.match(text(typo.result), /Unknown tool: list_all_pinpoint_candidats\. Did you mean: list_all_pinpoint_candidates/);
    const badArgs = await call(url, 'call_tool', { tool_name: 'create_a_pinpoint_comment', arguments: {} });
    assert.equal(badArgs.result.isError, true);
    assert.match(text(badArgs.result), /- body_text: is required/);
  });

  test('one-line summaries keep capitalised warnings; the definition\'s own words find tools; over-long names get no suggestions', async () => {
    const { url } = mcp.add({ config: { tool_exposure: 'discovery' } });
    const jobs = (await call(url, 'search_tools', { query: 'list jobs', limit: 1 })).result.structuredContent.tools[0];
    assert.equal(jobs.name, 'list_all_pinpoint_jobs');
    assert.match(jobs.description, /CONFIDENTIAL/, 'the confidential-jobs warning survives the one-line summary');
    const applicants = (await call(url, 'search_tools', { query: 'applicants', limit: 5 })).result.structuredContent.tools;
    assert.ok(applicants.some((tool: { name: string }) => tool.name === 'list_all_pinpoint_candidates'), 'applicant → candidate, from search_synonyms in the definition');
    const huge = 'list_all_pinpoint_candidates'.repeat(30_000);
    const unknown = await call(url, 'call_tool', { tool_name: huge, arguments: {} });
    assert.equal(unknown.result.isError, true);
    assert.ok(text(unknown.result).length < 300, 'the name is not echoed back whole');
    assert.doesNotMatch(text(unknown.result), /Did you mean/);
    const longQuery = await call(url, 'search_tools', { query: 'candidate '.repeat(200) });
    assert.match(text(longQuery.result), /query: must be at most 1000 characters/);
  });

  test('a message nested deeper than any tool argument is refused before it is parsed', async () => {
    const { url } = mcp.add();
    const levels = 50_000;
    const body = `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"list_all_pinpoint_jobs","arguments":{"filter_search":${'['.repeat(levels)}1${']'.repeat(levels)}}}}`;
    const response = await post(url, body);
    assert.equal(response.status, 400);
    const answer = await response.json();
    assert.equal(answer.error.code, -32600);
    assert.match(answer.error.message, /nests deeper than 80 levels/);
    const inString = await post(url, { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'list_all_pinpoint_jobs', arguments: { filter_search: '['.repeat(500) } } });
    assert.equal(inString.status, 200, 'brackets inside strings do not count');
  });

  test('a message with an object or list of more than 256 entries is refused before it is parsed; a batch is counted by its own limit', async () => {
    const { url } = mcp.add();
    const names = Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`filter_stat${i}`, 'open']));
    const wide = await post(url, { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'list_all_pinpoint_jobs', arguments: names } });
    assert.equal(wide.status, 400);
    assert.match((await wide.json()).error.message, /Invalid Request: the message has an object or list of more than 256 entries/);
    const commas = await post(url, { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'list_all_pinpoint_jobs', arguments: { filter_search: ','.repeat(5_000) } } });
    assert.equal(commas.status, 200, 'commas inside strings do not count');
    const justUnder = await post(url, { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'list_all_pinpoint_jobs', arguments: { filter_status: Array.from({ length: 256 }, () => 'open') } } });
    assert.equal(justUnder.status, 200);
    // The message's own object counts, and so do entries spread over many small objects.
    const flat = await post(url, { jsonrpc: '2.0', id: 4, method: 'ping', ...Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [String(i), 0])) });
    assert.equal(flat.status, 400);
    const row = Object.fromEntries(Array.from({ length: 255 }, (_, i) => [`k${i}`, 0]));
    const spread = await post(url, { jsonrpc: '2.0', id: 5, method: 'tools/call', params: { name: 'list_all_pinpoint_jobs', arguments: Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`a${i}`, Array.from({ length: 50 }, () => row)])) } });
    assert.equal(spread.status, 400);
    assert.match((await spread.json()).error.message, /or more than 10000 in all/);
  });

  test('filtered-out tools are unknown: not found, not suggested, not callable', async () => {
    const { url } = mcp.add({ config: { tool_exposure: 'discovery', methods: ['read'] } });
    const writesBefore = mcp.pinpoint.requests.filter((request) => request.method === 'POST').length;
    const search = await call(url, 'search_tools', { query: 'create comment', limit: 50 });
    assert.ok(search.result.structuredContent.tools.every((tool: { name: string }) => !tool.name.startsWith('create_')));
    const schema = await call(url, 'get_tool_schema', { tool_names: ['create_a_pinpoint_comment'] });
    assert.equal(schema.result.isError, true);
    assert.ok(schema.result.structuredContent === undefined);
    assert.doesNotMatch(text(schema.result), /create_a_pinpoint_comment\b.*Did you mean: create_/);
    const run = await call(url, 'call_tool', { tool_name: 'create_a_pinpoint_comment', arguments: { body_text: 'x', commentable_type: 'candidates', commentable_id: '1' } });
    assert.equal(run.result.isError, true);
    assert.match(text(run.result), /Unknown tool: create_a_pinpoint_comment/);
    assert.equal(mcp.pinpoint.requests.filter((request) => request.method === 'POST').length, writesBefore, 'nothing was written upstream');
    const direct = await (await post(url, { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'list_all_pinpoint_jobs', arguments: {} } })).json();
    assert.equal(direct.error.code, -32602, 'in discovery mode only the three discovery tools are callable directly');
  });
});

describe('result size budget', () => {
  test('a list page is cut at a record boundary with a notice, and next_cursor resumes after the cut', async () => {
    const { url } = small.add();
    const first = await call(url, 'list_all_pinpoint_candidates', { limit: 10 });
    const page = first.result.structuredContent;
    assert.ok(page.result_count >= 1 && page.result_count < 10, `kept ${page.result_count}`);
    assert.match(page.notice, /size budget/);
    const second = await call(url, 'list_all_pinpoint_candidates', { next_cursor: page.next_cursor });
    const all = await call(mcp.add().url, 'list_all_pinpoint_candidates', { limit: 20 });
    const ids = all.result.structuredContent.result.map((record: { id: string }) => record.id);
    const seen = [...page.result, ...second.result.structuredContent.result].map((record: { id: string }) => record.id);
    assert.deepEqual(seen, ids.slice(0, seen.length), 'no record skipped or repeated across the cut');
  });

  test('one record over the budget is shortened with a clear note and still matches the outputSchema (SDK-validated)', async (t) => {
    const server = await startMcpTestServer({ resultBudgetBytes: 400 });
    t.after(() => server.close());
    const { url } = server.add();
    const client = new Client({ name: 'budget-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    t.after(() => client.close());
    await client.listTools();
    const list = await client.callTool({ name: 'list_all_pinpoint_jobs', arguments: { limit: 3 } });
    const page = list.structuredContent as { result: unknown[]; notice: string; next_cursor: string };
    assert.equal(page.result.length, 1, 'at least one record, even over the budget');
    assert.match(page.notice, /shortened/);
    assert.ok(page.next_cursor, 'the cursor survives byte for byte');
    const id = (page.result[0] as { id: string }).id;
    const record = await client.callTool({ name: 'get_single_pinpoint_job_by_id', arguments: { id } });
    const content = record.content as { type: string; text: string }[];
    assert.ok(Buffer.byteLength(content[0]!.text) <= 400);
    assert.match(content[1]!.text, /more than the 400-byte budget/);
    assert.match(content[0]!.text, /…\[truncated\]/);
    assert.equal((record.structuredContent as { id: string }).id, id);
  });
});
