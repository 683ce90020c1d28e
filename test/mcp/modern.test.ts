// The stateless 2026-07-28 revision on the raw wire: per-request _meta, mirrored headers, server/discover,
// UnsupportedProtocolVersion, no initialize/ping/GET, and the same answers on the same URL whatever came before.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { modernRequest, post, startMcpTestServer, type McpTestServer } from './harness.ts';

let mcp: McpTestServer;
before(async () => {
  mcp = await startMcpTestServer();
});
after(() => mcp.close());

async function send(url: string, request: { body: unknown; headers: Record<string, string> }, headers: Record<string, string> = {}) {
  const response = await post(url, request.body, { ...request.headers, ...headers });
  return { status: response.status, body: await response.json(), session: response.headers.get('mcp-session-id') };
}

test('server/discover lists every supported revision, capabilities and server identity', async () => {
  const { url } = mcp.add();
  const { status, body, session } = await send(url, modernRequest('server/discover'));
  assert.equal(status, 200);
  assert.equal(session, null, 'no session id is minted for modern requests');
  assert.equal(body.result.resultType, 'complete');
  assert.deepEqual(body.result.supportedVersions, ['2026-07-28', '2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05']);
  assert.deepEqual(body.result.capabilities, { tools: {} });
  assert.equal(body.result._meta['io.modelcontextprotocol/serverInfo'].name, 'switchboard');
  assert.equal(typeof body.result.ttlMs, 'number');
  assert.equal(body.result.cacheScope, 'private');
});

test('tools/list and tools/call carry resultType, ttlMs/cacheScope and serverInfo; the client is logged from _meta', async () => {
  const { url, id } = mcp.add({ config: { methods: ['read'] } });
  const list = await send(url, modernRequest('tools/list'));
  assert.equal(list.status, 200);
  assert.equal(list.body.result.resultType, 'complete');
  assert.ok(list.body.result.tools.length > 0);
  assert.equal(list.body.result.cacheScope, 'private');
  const again = await send(url, modernRequest('tools/list', {}, 'other-id'));
  assert.deepEqual(again.body.result.tools, list.body.result.tools);

  const call = await send(url, modernRequest('tools/call', { name: 'list_all_pinpoint_jobs', arguments: { limit: 1 } }));
  assert.equal(call.status, 200);
  assert.equal(call.body.result.resultType, 'complete');
  assert.equal(call.body.result.structuredContent.result_count, 1);
  assert.equal(call.body.result._meta['io.modelcontextprotocol/serverInfo'].name, 'switchboard');
  const entry = mcp.logs.findLast((log) => log.mcp_server_id === id)!;
  assert.deepEqual([entry.rpc_method, entry.tool_name, entry.client_name, entry.client_version], ['tools/call', 'list_all_pinpoint_jobs', 'modern-client', '9.9']);
});

test('headers must mirror the body: missing or different values are 400 HeaderMismatch (-32020)', async () => {
  const { url } = mcp.add();
  const call = modernRequest('tools/call', { name: 'list_all_pinpoint_jobs', arguments: {} });
  const cases: Record<string, string>[] = [
    { 'mcp-protocol-version': '' },
    { 'mcp-method': 'tools/list' },
    { 'mcp-name': 'get_single_pinpoint_job_by_id' },
  ];
  for (const override of cases) {
    const headers = { ...call.headers, ...override };
    for (const [key, value] of Object.entries(override)) if (value === '') delete headers[key];
    const { status, body } = await post(url, call.body, headers).then(async (response) => ({ status: response.status, body: await response.json() }));
    assert.equal(status, 400, JSON.stringify(override));
    assert.equal(body.error.code, -32020, JSON.stringify(override));
    assert.equal(body.id, 1);
  }
  const withoutMethod = { ...call.headers };
  delete withoutMethod['mcp-method'];
  assert.equal((await post(url, call.body, withoutMethod)).status, 400);
  const withoutName = { ...call.headers };
  delete withoutName['mcp-name'];
  assert.equal((await post(url, call.body, withoutName)).status, 400);
  // Mcp-Name in the Base64 sentinel form is decoded before comparing
  const encoded = `=?base64?${Buffer.from('list_all_pinpoint_jobs').toString('base64')}?=`;
  assert.equal((await post(url, call.body, { ...call.headers, 'mcp-name': encoded })).status, 200);
});

test('a 2026-07-28 request without _meta, its protocol version or the client capabilities is 400 Invalid params (-32602)', async () => {
  const { url } = mcp.add();
  const legacyBody = { jsonrpc: '2.0', id: 1, method: 'tools/list' };
  const withoutMeta = await post(url, legacyBody, { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/list' });
  assert.equal(withoutMeta.status, 400);
  const missing = await withoutMeta.json();
  assert.equal(missing.error.code, -32602);
  assert.match(missing.error.message, /_meta\["io.modelcontextprotocol\/protocolVersion"\] is required/);
  const request = modernRequest('tools/list');
  delete (request.body.params._meta as Record<string, unknown>)['io.modelcontextprotocol/clientCapabilities'];
  const { status, body } = await send(url, request);
  assert.equal(status, 400);
  assert.equal(body.error.code, -32602);
  assert.match(body.error.message, /clientCapabilities"\] is required/);
  assert.equal(body.id, 1);
});

test('an unsupported modern revision is 400 UnsupportedProtocolVersion (-32022) with supported and requested', async () => {
  const { url } = mcp.add();
  const request = modernRequest('tools/list');
  request.body.params._meta['io.modelcontextprotocol/protocolVersion'] = '2027-01-01';
  const { status, body } = await send(url, request, { 'mcp-protocol-version': '2027-01-01' });
  assert.equal(status, 400);
  assert.equal(body.error.code, -32022);
  assert.equal(body.error.data.requested, '2027-01-01');
  assert.ok(body.error.data.supported.includes('2026-07-28'));
});

test('initialize and ping do not exist in 2026-07-28: 404 with -32601', async () => {
  const { url } = mcp.add();
  for (const method of ['ping', 'initialize', 'subscriptions/listen', 'resources/list']) {
    const { status, body } = await send(url, modernRequest(method));
    assert.equal(status, 404, method);
    assert.equal(body.error.code, -32601, method);
  }
});

test('unknown tools stay -32602 and tool failures stay isError results', async () => {
  const { url } = mcp.add();
  const unknown = await send(url, modernRequest('tools/call', { name: 'nope', arguments: {} }));
  assert.equal(unknown.status, 200);
  assert.equal(unknown.body.error.code, -32602);
  const invalid = await send(url, modernRequest('tools/call', { name: 'create_a_pinpoint_comment', arguments: {} }));
  assert.equal(invalid.body.result.isError, true);
  assert.equal(invalid.body.result.resultType, 'complete');
});

test('batches, GET and DELETE are not part of 2026-07-28', async () => {
  const { url } = mcp.add();
  const request = modernRequest('tools/list');
  const batch = await post(url, [request.body], request.headers);
  assert.equal(batch.status, 400);
  assert.equal((await batch.json()).error.code, -32600);
  assert.equal((await fetch(url, { headers: { accept: 'text/event-stream', 'mcp-protocol-version': '2026-07-28' } })).status, 405);
  assert.equal((await fetch(url, { method: 'DELETE', headers: { 'mcp-protocol-version': '2026-07-28' } })).status, 405);
});
