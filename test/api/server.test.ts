// The HTTP server as a whole: /mcp/<token> reaches the MCP endpoint with the account resolved through the store,
// logged paths never show the token, and shutdown lets in-flight requests finish.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { generateMcpToken, hashToken } from '../../src/security/tokens.ts';
import { json, startTestServer, upstreamAllowlist } from './harness.ts';

const mcpHeaders = { accept: 'application/json, text/event-stream', 'content-type': 'application/json', 'mcp-protocol-version': '2025-06-18' };

test('an MCP URL is served by the MCP endpoint and logged as /mcp/<redacted>', async (t) => {
  const { running, tenant, api, token, logs } = await startTestServer(t);
  const { id } = await json(await api('/integrated-account', { method: 'POST', body: { integration: 'acme', context: { subdomain: 'acme' }, credentials: { api_key: 'mcp-test-key' } } }));
  const mcpToken = generateMcpToken();
  await running.store.createMcpServer({ tenant_id: tenant.id, integrated_account_id: id, name: 'agent', config: { methods: ['read'] }, expires_at: null, created_by: null, token_hash: hashToken(mcpToken) });

  const rpc = (body: unknown, path = `/mcp/${mcpToken}`) => fetch(`${running.url}${path}`, { method: 'POST', headers: mcpHeaders, body: JSON.stringify(body) });
  const listed = await rpc({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
  assert.equal(listed.status, 200);
  const names = (await json(listed)).result.tools.map((tool: { name: string }) => tool.name).sort();
  assert.deepEqual(names, ['get_single_acme_widget_by_id', 'list_all_acme_gadgets', 'list_all_acme_widgets'], "the server's method filter applies");
  assert.equal((await rpc({ jsonrpc: '2.0', id: 2, method: 'tools/list' }, `/mcp/${generateMcpToken()}`)).status, 404);

  await running.close();
  assert.match(logs.text(), /"path":"\/mcp\/<redacted>"/);
  logs.assertFree([mcpToken, token, 'mcp-test-key']);
});

test('close() stops accepting but lets an in-flight request finish', async (t) => {
  // The upstream answers when the test says so: close() is called while the request is surely in flight.
  let reached!: () => void;
  const inUpstream = new Promise<void>((resolve) => {
    reached = resolve;
  });
  let answer!: () => void;
  const upstream = createServer((_req, res) => {
    answer = () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"1","name":"slow"}');
    reached();
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => upstream.close(() => resolve())));
  const base = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  const { running, api } = await startTestServer(t, { env: upstreamAllowlist(base) });
  const { id } = await json(await api('/integrated-account', { method: 'POST', body: { integration: 'acme', context: { subdomain: 'acme', base_url: base }, credentials: { api_key: 'k' } } }));

  const inFlight = api(`/proxy/widgets/1?integrated_account_id=${id}`, { headers: { connection: 'close' } });
  await inUpstream;
  const closed = running.close();
  answer();
  const response = await inFlight;
  assert.equal(response.status, 200);
  assert.deepEqual(await json(response), { result: { id: '1', name: 'slow' } });
  await closed;
  await assert.rejects(fetch(`${running.url}/health`), /fetch failed/);
});
