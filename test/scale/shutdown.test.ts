// Graceful shutdown of a node (PostgreSQL + Redis): on SIGTERM it stops accepting connections, lets the tool call
// in flight finish with its real result, closes its pools and subscriptions, and exits 0 on its own.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_PINPOINT_API_KEY, startPinpointSandbox } from '../../src/sandbox/index.ts';
import { post } from '../mcp/harness.ts';
import { createDeployment } from './nodes.ts';

const upstreamDelayMs = 1_000;

/** Forwards to the sandbox after a delay, and says when a request arrived. */
async function slowProxy(target: string) {
  let arrived!: () => void;
  const received = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  const server = createServer(async (req, res) => {
    arrived();
    await sleep(upstreamDelayMs);
    const headers = Object.fromEntries(Object.entries(req.headers).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== 'host'));
    const upstream = await fetch(new URL(req.url ?? '/', target), { headers });
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

test('SIGTERM: the in-flight tool call completes, new connections are refused, the node exits 0 by itself', async (t) => {
  const pinpoint = await startPinpointSandbox({ rateLimit: null });
  t.after(() => pinpoint.close());
  const proxy = await slowProxy(pinpoint.origin);
  t.after(() => proxy.close());
  const deployment = await createDeployment(t, { redis: true, upstreams: [proxy.url] });
  const node = await deployment.startNode('A');
  await deployment.createTenant();
  const account = await (await node.api('/integrated-account', {
    method: 'POST', body: { integration: 'pinpoint', context: { subdomain: 'acme', base_url: `${proxy.url}/api/v1` }, credentials: { api_key: DEFAULT_PINPOINT_API_KEY } },
  })).json() as { id: string };
  const created = await (await node.api(`/integrated-account/${account.id}/mcp`, { method: 'POST', body: { name: 'agent' } })).json() as { url: string };

  const { candidateId } = pinpoint.state.planted.sarahJenkins;
  const inFlight = post(created.url, { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'get_single_pinpoint_candidate_by_id', arguments: { id: candidateId } } });
  await proxy.received;
  node.process.kill('SIGTERM');
  await sleep(100);
  await assert.rejects(fetch(`${node.url}/health`), 'a new connection is refused while draining');

  const response = await inFlight;
  assert.equal(response.status, 200);
  const reply = await response.json();
  assert.equal(reply.result.isError, undefined, JSON.stringify(reply));
  assert.equal(reply.result.structuredContent.first_name, 'Sarah', 'the call finished with its real result');

  const exit = await Promise.race([node.exited, sleep(5_000, 'still running', { ref: false })]);
  assert.deepEqual(exit, { code: 0, signal: null }, 'exits by itself once drained: pools and subscriptions closed');
  assert.ok(node.logs.some((line) => line.msg === 'shutting down: finishing in-flight requests' && line.signal === 'SIGTERM'));
});
