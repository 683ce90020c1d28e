// Issue 11, point 6, on one node: revocation closes everything, expiry is final. Open legacy SSE streams end when
// their server is deleted, its account deleted, its API-token requirement switched on, or its expiry passes; streams
// are capped per MCP server and per tenant; and an expired server is gone for the API (no PATCH revives it) whether
// or not the sweeper ran.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { json } from '../api/harness.ts';
import { post, startGateway, startMcpTestServer, type Gateway } from './harness.ts';
import { openStream } from './sse-stream.ts';

const listRequest = { jsonrpc: '2.0', id: 1, method: 'tools/list' };
// A stream that is never closed would hang the test: the timeout is a guard for that, not a measurement.
const guard = { timeout: 30_000 };

async function openLegacy(gateway: Gateway, url: string, headers: Record<string, string> = {}) {
  const stream = await openStream(`${url}/sse`, headers);
  assert.equal(stream.response.status, 200);
  const endpoint = await stream.next();
  assert.equal(endpoint.event, 'endpoint');
  return { ...stream, messages: new URL(endpoint.data, gateway.running.url).href };
}

test('deleting an MCP server, or its account, ends its open legacy SSE streams; other streams stay', guard, async (t) => {
  const gateway = await startGateway(t);
  const doomed = await gateway.createMcpServer('pinpoint');
  const kept = await gateway.createMcpServer('pinpoint');
  const doomedStreams = [await openLegacy(gateway, doomed.url), await openLegacy(gateway, doomed.url)];
  const keptStream = await openLegacy(gateway, kept.url);

  const started = performance.now();
  assert.equal((await gateway.api(`/integrated-account/${gateway.accounts.pinpoint}/mcp/${doomed.id}`, { method: 'DELETE' })).status, 204);
  await Promise.all(doomedStreams.map((stream) => stream.ended()));
  t.diagnostic(`both streams ended ${(performance.now() - started).toFixed(1)} ms after the DELETE was answered`);

  assert.equal((await post(keptStream.messages, { jsonrpc: '2.0', id: 'still', method: 'ping' })).status, 202);
  assert.deepEqual(JSON.parse((await keptStream.next()).data), { jsonrpc: '2.0', id: 'still', result: {} }, 'the other server keeps its stream');

  const polymer = await gateway.createMcpServer('polymer');
  const polymerStream = await openLegacy(gateway, polymer.url);
  assert.equal((await gateway.api(`/integrated-account/${gateway.accounts.polymer}`, { method: 'DELETE' })).status, 204);
  await polymerStream.ended();
  keptStream.close();
});

test('expiry ends an open stream when it passes, before any sweep', guard, async (t) => {
  let skew = 0;
  const now = () => Date.now() + skew;
  const gateway = await startGateway(t, { now, sweepIntervalMs: 3_600_000 });
  const created = await gateway.createMcpServer('pinpoint', { expires_at: new Date(now() + 61_000).toISOString() });
  const stream = await openLegacy(gateway, created.url);
  assert.equal((await post(stream.messages, { jsonrpc: '2.0', id: 1, method: 'ping' })).status, 202);
  await stream.next();
  skew += 61_000;
  await stream.ended();
  assert.equal((await post(created.url, listRequest)).status, 404);
});

test('switching require_api_token_auth on ends streams opened without a token; revoking the token ends streams opened with it', guard, async (t) => {
  const gateway = await startGateway(t);
  const created = await gateway.createMcpServer('pinpoint');
  const open = await openLegacy(gateway, created.url);
  const path = `/integrated-account/${gateway.accounts.pinpoint}/mcp/${created.id}`;
  assert.equal((await gateway.api(path, { method: 'PATCH', body: { config: { require_api_token_auth: true } } })).status, 200);
  await open.ended();

  const issued = await json(await gateway.api('/api-token', { method: 'POST', body: { name: 'agent' } }));
  const withToken = await openLegacy(gateway, created.url, { authorization: `Bearer ${issued.token}` });
  const withOwnerToken = await openLegacy(gateway, created.url, { authorization: `Bearer ${gateway.token}` });
  assert.equal((await gateway.api(`/api-token/${issued.id}`, { method: 'DELETE' })).status, 204);
  await withToken.ended();
  assert.equal((await post(withOwnerToken.messages, { jsonrpc: '2.0', id: 'alive', method: 'ping' }, { authorization: `Bearer ${gateway.token}` })).status, 202);
  assert.deepEqual(JSON.parse((await withOwnerToken.next()).data).id, 'alive', 'a stream opened with another, live token stays');
  withOwnerToken.close();
});

test('legacy SSE streams are capped per MCP server and per tenant, with a clear 429; closing one frees its place', guard, async (t) => {
  const gateway = await startGateway(t, { env: { SWITCHBOARD_SSE_MAX_STREAMS_PER_SERVER: '2', SWITCHBOARD_SSE_MAX_STREAMS_PER_TENANT: '3' } });
  const first = await gateway.createMcpServer('pinpoint');
  const second = await gateway.createMcpServer('polymer');
  const streams = [await openLegacy(gateway, first.url), await openLegacy(gateway, first.url)];

  const perServer = await fetch(`${first.url}/sse`, { headers: { accept: 'text/event-stream' } });
  assert.equal(perServer.status, 429);
  assert.ok(Number(perServer.headers.get('retry-after')) > 0);
  assert.match((await json(perServer)).error.message, /this MCP server already has 2 open SSE streams on this node.*Streamable HTTP/);
  assert.equal((await post(first.url, listRequest)).status, 200, 'Streamable HTTP still serves the URL');

  streams.push(await openLegacy(gateway, second.url));
  const perTenant = await fetch(`${second.url}/sse`, { headers: { accept: 'text/event-stream' } });
  assert.equal(perTenant.status, 429);
  assert.match((await json(perTenant)).error.message, /tenant already has 3 open SSE streams/);

  streams.shift()!.close();
  const reopen = async (): Promise<Response> => {
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(`${first.url}/sse`, { headers: { accept: 'text/event-stream' } });
      if (response.status === 200 || attempt === 100) return response;
      await response.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, 20)); // the server sees the client's close a moment later
    }
  };
  const reopened = await reopen();
  assert.equal(reopened.status, 200, 'a closed stream gives its place back');
  await reopened.body!.cancel();
  for (const stream of streams) stream.close();
});

test('the per-node cap answers 503 with Retry-After', guard, async (t) => {
  const mcp = await startMcpTestServer({ sseLimits: { perNode: 1 } });
  t.after(() => mcp.close());
  const first = await openStream(`${mcp.add().url}/sse`);
  assert.equal(first.response.status, 200);
  const refused = await fetch(`${mcp.add().url}/sse`, { headers: { accept: 'text/event-stream' } });
  assert.equal(refused.status, 503);
  assert.equal(refused.headers.get('retry-after'), '5');
  assert.match((await json(refused)).error.message, /too many open SSE streams on this node/);
  first.close();
});

test('an expired MCP server is gone for the API: PATCH (even expires_at: null), GET and DELETE answer 404, and it is not listed', async (t) => {
  let skew = 0;
  const now = () => Date.now() + skew;
  const gateway = await startGateway(t, { now, sweepIntervalMs: 3_600_000 });
  const created = await gateway.createMcpServer('pinpoint', { expires_at: new Date(now() + 61_000).toISOString() });
  const path = `/integrated-account/${gateway.accounts.pinpoint}/mcp/${created.id}`;
  skew += 61_000;

  const revive = await gateway.api(path, { method: 'PATCH', body: { expires_at: null } });
  assert.equal(revive.status, 404);
  assert.match((await json(revive)).error.message, new RegExp(`MCP server ${created.id} not found`));
  assert.equal((await gateway.api(path, { method: 'PATCH', body: { name: 'renamed' } })).status, 404);
  assert.equal((await gateway.api(path)).status, 404);
  assert.deepEqual((await json(await gateway.api(`/integrated-account/${gateway.accounts.pinpoint}/mcp`))).result, []);
  assert.equal((await post(created.url, listRequest)).status, 404, 'and its URL stays refused');
  assert.ok(await gateway.running.store.getMcpServer(gateway.tenant.id, gateway.accounts.pinpoint, created.id), 'no sweep ran: the row is still there');
  assert.equal((await gateway.api(path, { method: 'DELETE' })).status, 404);
});
