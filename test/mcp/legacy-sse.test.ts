// The deprecated HTTP+SSE transport on the raw wire: endpoint event, 202 + message events, keep-alives,
// session lifetime tied to the stream, tokens revoked mid-stream.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import { eventually } from '../helpers/eventually.ts';
import { initializeRequest, post, startMcpTestServer, type McpTestServer } from './harness.ts';
import { openStream } from './sse-stream.ts';

let mcp: McpTestServer;
before(async () => {
  mcp = await startMcpTestServer({ sseKeepAliveMs: 50 });
});
after(() => mcp.close());

test('GET /sse announces the message endpoint; responses arrive as message events; keep-alives flow', async () => {
  const { url, token } = mcp.add();
  const stream = await openStream(`${url}/sse`);
  assert.equal(stream.response.status, 200);
  assert.equal(stream.response.headers.get('content-type'), 'text/event-stream');
  const endpoint = await stream.next();
  assert.equal(endpoint.event, 'endpoint');
  assert.match(endpoint.data, new RegExp(`^/mcp/${token}/messages\\?sessionId=[0-9a-f-]{36}$`));

  const messages = new URL(endpoint.data, mcp.origin).href;
  const accepted = await post(messages, initializeRequest('2024-11-05'));
  assert.equal(accepted.status, 202);
  const init = JSON.parse((await stream.next()).data);
  assert.equal(init.result.protocolVersion, '2024-11-05');
  await post(messages, { jsonrpc: '2.0', method: 'notifications/initialized' });
  await post(messages, [{ jsonrpc: '2.0', id: 2, method: 'tools/list' }, { jsonrpc: '2.0', id: 3, method: 'ping' }]);
  const batch = JSON.parse((await stream.next()).data);
  assert.ok(batch[0].result.tools.length > 0);
  assert.deepEqual(batch[1], { jsonrpc: '2.0', id: 3, result: {} });
  await post(messages, { jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'list_all_pinpoint_jobs', arguments: { limit: 1 } } });
  const call = await stream.next();
  assert.equal(call.event, 'message');
  assert.equal(JSON.parse(call.data).result.structuredContent.result_count, 1);
  await new Promise((resolve) => setTimeout(resolve, 150));
  await post(messages, { jsonrpc: '2.0', id: 5, method: 'ping' });
  await stream.next();
  assert.ok(stream.comments() >= 1, 'keep-alive comments were sent');
  assert.equal(mcp.logs.findLast((entry) => entry.rpc_method === 'tools/call')?.client_name, 'test-client');
  stream.close();
});

test('a bare GET with Accept: text/event-stream on the MCP URL is a legacy client; Streamable HTTP GETs are 405', async () => {
  const { url, token } = mcp.add();
  const stream = await openStream(url);
  assert.equal(stream.response.status, 200);
  assert.match((await stream.next()).data, new RegExp(`^/mcp/${token}/messages\\?sessionId=`));
  stream.close();
  assert.equal((await fetch(url, { headers: { accept: 'text/event-stream', 'mcp-session-id': 'ci1.x' } })).status, 405);
});

test('sessions end with their stream; unknown sessions and other tokens get 404', async () => {
  const a = mcp.add();
  const b = mcp.add();
  const stream = await openStream(`${a.url}/sse`);
  const endpoint = (await stream.next()).data;
  const sessionId = new URL(endpoint, mcp.origin).searchParams.get('sessionId');
  assert.equal((await post(`${b.url}/messages?sessionId=${sessionId}`, initializeRequest())).status, 404, 'a session belongs to one URL');
  assert.equal((await post(`${a.url}/messages?sessionId=00000000-0000-0000-0000-000000000000`, initializeRequest())).status, 404);
  assert.equal((await post(`${a.url}/messages`, initializeRequest())).status, 404);
  stream.close();
  // The server sees the client's close a moment later; from then on the session is gone.
  let closed!: Awaited<ReturnType<typeof post>>;
  await eventually('the closed session is refused', async () => (closed = await post(new URL(endpoint, mcp.origin).href, { jsonrpc: '2.0', id: 9, method: 'ping' })).status === 404);
  assert.match((await closed.json()).error.message, /Session not found/);
});

test('a deleted token stops the stream at the next message; auth and Origin apply to the stream too', async () => {
  const { url, token } = mcp.add();
  const stream = await openStream(`${url}/sse`);
  const messages = new URL((await stream.next()).data, mcp.origin).href;
  mcp.remove(token);
  assert.equal((await post(messages, initializeRequest())).status, 404);
  await assert.rejects(stream.next(), /stream ended|terminated/);

  const secured = mcp.add({ config: { require_api_token_auth: true } });
  assert.equal((await fetch(`${secured.url}/sse`, { headers: { accept: 'text/event-stream' } })).status, 401);
  const authorized = await openStream(`${secured.url}/sse`, { authorization: `Bearer ${mcp.apiToken(secured.tenantId)}` });
  assert.equal(authorized.response.status, 200);
  authorized.close();
  assert.equal((await fetch(`${url}/sse`, { headers: { accept: 'text/event-stream', origin: 'https://evil.example' } })).status, 403);
  assert.equal((await fetch(`${mcp.origin}/mcp/unknown/sse`, { headers: { accept: 'text/event-stream' } })).status, 404);
});

test('a message whose POST connection closes before the 202 is still answered on the stream, large or small', { timeout: 30_000 }, async () => {
  const { url } = mcp.add();
  const stream = await openStream(`${url}/sse`);
  const messages = new URL((await stream.next()).data, mcp.origin);
  const resolveServer = mcp.deps.resolveServer;
  let openGate!: () => void;
  const gate = new Promise<void>((resolve) => { openGate = resolve; });
  mcp.deps.resolveServer = async (token) => {
    await gate;
    return resolveServer(token);
  };
  try {
    for (const [id, padding] of [['small', ''], ['large', 'x'.repeat(300_000)]] as const) {
      const body = JSON.stringify({ jsonrpc: '2.0', id, method: 'ping', params: { _meta: { padding } } });
      const socket = connect(Number(messages.port), messages.hostname);
      socket.on('error', () => {});
      await new Promise<void>((resolve) => socket.write(`POST ${messages.pathname}${messages.search} HTTP/1.1\r\nHost: ${messages.host}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`, () => resolve()));
      // The client gives up on the POST while the server is still looking the token up.
      await new Promise((resolve) => setTimeout(resolve, 50));
      socket.destroy();
      await new Promise((resolve) => setTimeout(resolve, 50));
      openGate();
      assert.deepEqual(JSON.parse((await stream.next()).data), { jsonrpc: '2.0', id, result: {} });
    }
  } finally {
    mcp.deps.resolveServer = resolveServer;
    stream.close();
  }
});
