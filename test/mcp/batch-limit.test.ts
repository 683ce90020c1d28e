// Issue 11, point 3: a JSON-RPC batch holds at most SWITCHBOARD_MAX_BATCH messages (default 50). A larger one, on
// Streamable HTTP (2025-03-26) or on legacy SSE messages, gets one JSON-RPC error and nothing in it runs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { post, startGateway, startMcpTestServer, type McpTestServer } from './harness.ts';
import { openStream } from './sse-stream.ts';

let mcp: McpTestServer;
before(async () => {
  mcp = await startMcpTestServer();
});
after(() => mcp.close());

const batchVersion = { 'mcp-protocol-version': '2025-03-26' };
const toolCalls = (count: number) => Array.from({ length: count }, (_, i) => ({
  jsonrpc: '2.0', id: i + 1, method: 'tools/call', params: { name: 'list_all_pinpoint_jobs', arguments: { limit: 1 } },
}));

test('a batch over 50 messages is refused whole with one JSON-RPC error; 50 run', async () => {
  const { url } = mcp.add();
  const upstreamBefore = mcp.pinpoint.requests.length;
  const logsBefore = mcp.logs.length;

  for (const size of [51, 7_000]) {
    const refused = await post(url, toolCalls(size), batchVersion);
    assert.equal(refused.status, 400);
    const body = await refused.json();
    assert.ok(!Array.isArray(body), 'one error, not one per message');
    assert.equal(body.error.code, -32600);
    assert.match(body.error.message, new RegExp(`this batch has ${size} messages; a batch may hold at most 50\\. Nothing in it was run`));
  }
  assert.equal(mcp.pinpoint.requests.length, upstreamBefore, 'no upstream call was made');
  assert.equal(mcp.logs.length, logsBefore, 'nothing ran, so nothing was logged');

  const accepted = await post(url, toolCalls(50), batchVersion);
  assert.equal(accepted.status, 200);
  const replies = await accepted.json();
  assert.equal(replies.length, 50);
  assert.ok(replies.every((reply: { result?: { isError?: boolean } }) => reply.result && !reply.result.isError));
});

test('legacy SSE messages: a batch over the limit is refused on the POST, and nothing of it runs or reaches the stream', async () => {
  const { url } = mcp.add();
  const stream = await openStream(`${url}/sse`);
  const messages = new URL((await stream.next()).data, mcp.origin).href;
  const upstreamBefore = mcp.pinpoint.requests.length;

  const refused = await post(messages, toolCalls(51));
  assert.equal(refused.status, 400);
  assert.match((await refused.json()).error.message, /this batch has 51 messages; a batch may hold at most 50/);
  assert.equal((await post(messages, { jsonrpc: '2.0', id: 'after', method: 'ping' })).status, 202);
  assert.deepEqual(JSON.parse((await stream.next()).data), { jsonrpc: '2.0', id: 'after', result: {} }, 'the next event answers the ping: no reply of the refused batch');
  assert.equal(mcp.pinpoint.requests.length, upstreamBefore);
  stream.close();
});

test('SWITCHBOARD_MAX_BATCH sets the limit', async (t) => {
  const gateway = await startGateway(t, { env: { SWITCHBOARD_MAX_BATCH: '3' } });
  const { url } = await gateway.createMcpServer('pinpoint');
  const pings = (count: number) => Array.from({ length: count }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'ping' }));
  const refused = await post(url, pings(4), batchVersion);
  assert.equal(refused.status, 400);
  assert.match((await refused.json()).error.message, /at most 3\./);
  assert.equal((await (await post(url, pings(3), batchVersion)).json()).length, 3);
});
