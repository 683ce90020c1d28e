// Issue 11, point 5: bounded cardinality and sizes. Attack: 40 requests with invented 900 KB names (tool names,
// JSON-RPC methods, client names and versions, discovery's tool_name). Before the fix /metrics grew from 12 KB to
// 18 MB, RSS by 208 MB and the database by 50 MB. Now only the server's own tool names and the known MCP methods
// become labels (others count as "unknown"), and every stored string has a length cap.
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { mcpMethods } from '../../src/mcp/methods.ts';
import { keyFileName } from '../../src/security/secrets.ts';
import { adminClient, callTool, request, rpc } from '../helpers/gateway-client.ts';
import { eventually } from '../helpers/eventually.ts';
import { startFaultUpstream } from '../helpers/fault-upstream.ts';
import { startServerProcess } from '../helpers/server-process.ts';

const huge = (prefix: string, n: number) => `${prefix}_${n}_${'x'.repeat(900_000)}`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function dataBytes(dir: string): number {
  return readdirSync(dir).filter((name) => name !== keyFileName).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
}

test('40 requests with invented 900 KB names leave /metrics, memory and the database about as they were', { timeout: 120_000 }, async (t) => {
  const upstream = await startFaultUpstream();
  t.after(() => upstream.close());
  const server = await startServerProcess({ env: { SWITCHBOARD_UPSTREAM_ALLOWLIST: upstream.origin } });
  t.after(() => server.dispose());
  const admin = adminClient(server.url, server.tenants[0]!.token);
  const accountId = await admin.createAccount({ integration: 'acme', context: { subdomain: 'acme', base_url: upstream.url }, credentials: { api_key: 'k' } });
  const all = await admin.createMcpServer(accountId);
  const discovery = await admin.createMcpServer(accountId, { config: { tool_exposure: 'discovery' } });

  // Normal traffic first, so every metric family has its series.
  for (let i = 0; i < 5; i++) {
    await callTool(all.url, 'get_single_acme_widget_by_id', { id: 'ok' });
    await callTool(discovery.url, 'call_tool', { tool_name: 'get_single_acme_widget_by_id', arguments: { id: 'ok' } });
    await rpc(all.url, { jsonrpc: '2.0', id: 1, method: 'tools/list' });
  }
  const logCount = async () => {
    let count = 0;
    let cursor: string | null = null;
    do {
      const page: { json: { result: unknown[]; next_cursor: string | null } } = await admin.api(`/log?log_type=mcp&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      count += page.json.result.length;
      cursor = page.json.next_cursor;
    } while (cursor);
    return count;
  };
  const settle = async (expected: number) => {
    await eventually(`${expected} requests are in the log`, async () => await logCount() >= expected);
    assert.equal(await logCount(), expected);
  };
  await settle(15);
  const metricsBefore = (await request(`${server.url}/metrics`)).text;
  const memoryBefore = await server.memory();
  const bytesBefore = dataBytes(server.dataDir);

  const attack = async (round: number) => {
    for (let i = 0; i < 5; i++) {
      const n = round * 5 + i;
      const unknownTool = await rpc(all.url, { jsonrpc: '2.0', id: n, method: 'tools/call', params: { name: huge('tool', n), arguments: {} } });
      assert.equal(unknownTool.status, 200);
      assert.equal(unknownTool.json.error.code, -32602);
      assert.equal((await rpc(all.url, { jsonrpc: '2.0', id: n, method: huge('method', n) })).json.error.code, -32601);
      const client = await rpc(all.url, {
        jsonrpc: '2.0', id: n, method: 'initialize',
        params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: huge('client', n).slice(0, 450_000), version: huge('version', n).slice(0, 450_000) } },
      });
      assert.equal(client.status, 200);
      const calledThroughDiscovery = await callTool(discovery.url, 'call_tool', { tool_name: huge('target', n), arguments: {} });
      assert.equal(calledThroughDiscovery.isError, true);
    }
  };
  const series = (text: string) => new Set(text.split('\n').filter((line) => !line.startsWith('#')).map((line) => line.slice(0, line.lastIndexOf(' '))));
  await attack(0);
  await settle(35);
  const metricsBetween = (await request(`${server.url}/metrics`)).text;
  await attack(1);
  await settle(55);

  const metricsAfter = (await request(`${server.url}/metrics`)).text;
  const memoryAfter = await server.memory();
  const bytesAfter = dataBytes(server.dataDir);
  t.diagnostic(`/metrics ${metricsBefore.length} → ${metricsAfter.length} bytes; RSS ${mib(memoryBefore.rss)} → ${mib(memoryAfter.rss)}; `
    + `live heap ${mib(memoryBefore.heapUsed)} → ${mib(memoryAfter.heapUsed)}; database files ${mib(bytesBefore)} → ${mib(bytesAfter)}`);

  const labels = [...metricsAfter.matchAll(/="([^"]*)"/g)].map((match) => match[1]!);
  assert.ok(labels.every((value) => value.length <= 64), 'no label value comes from the attack');
  assert.match(metricsAfter, /switchboard_mcp_tool_calls_total\{tool="unknown",outcome="error"\} 20/, 'invented tool names count as "unknown"');
  assert.match(metricsAfter, /switchboard_mcp_requests_total\{method="unknown",outcome="error"\} 10/);
  assert.deepEqual(series(metricsAfter), series(metricsBetween), 'the second round of invented names added no series: the label sets are closed');
  assert.ok(metricsAfter.length - metricsBefore.length < 8_192, `/metrics grew by ${metricsAfter.length - metricsBefore.length} bytes (the "unknown" series)`);
  assert.ok(memoryAfter.heapUsed - memoryBefore.heapUsed < 8 * 1024 * 1024, 'the live heap kept none of it');
  assert.ok(bytesAfter - bytesBefore < 1024 * 1024, `the database grew by ${bytesAfter - bytesBefore} bytes for 40 rows`);

  const rows = (await admin.api('/log?log_type=mcp&limit=40')).json.result as { rpc_method: string; tool_name: string | null; client_name: string | null; client_version: string | null }[];
  assert.ok(rows.every((row) => row.rpc_method === 'unknown' || mcpMethods.has(row.rpc_method)), 'only known methods are stored');
  assert.ok(rows.every((row) => (row.tool_name?.length ?? 0) <= 128 && (row.client_name?.length ?? 0) <= 100 && (row.client_version?.length ?? 0) <= 100));
  assert.ok(rows.some((row) => row.tool_name?.startsWith('tool_9_x')), 'an unknown tool name is kept, cut to 128 characters, for the audit');
});
