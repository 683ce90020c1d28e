// Issue 11, point 4: the audit log is complete. Every tool call that reaches the upstream has its row in GET /log.
// Attack: while the database is slow to take log rows, flood the request log with pings (10,050 of them, in
// batches), then call a tool. Before the fix the queue overflowed and the tool call's row was dropped; now a request
// without room in the log is refused (503, Retry-After) before anything runs, and nothing is lost.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { json } from '../api/harness.ts';
import { eventually } from '../helpers/eventually.ts';
import { post, startGateway } from '../mcp/harness.ts';
import { tempDir } from '../store/temp-dir.ts';

const batchVersion = { 'mcp-protocol-version': '2025-03-26' };

test('10,050 pings cannot push a tool call out of the log: past the queue limit requests are refused before any upstream call', async (t) => {
  const store = SqliteStore.open(tempDir(t));
  const append = store.appendLogs.bind(store);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  store.appendLogs = async (entries) => {
    await gate;
    return append(entries);
  };
  const gateway = await startGateway(t, { store });
  t.after(release);
  const { url } = await gateway.createMcpServer('pinpoint');
  const toolCall = (id: number) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'list_all_pinpoint_jobs', arguments: { limit: 1 } } });

  let pingsRun = 0;
  let refusedBatches = 0;
  for (let sent = 0; sent < 10_050; sent += 50) {
    const pings = Array.from({ length: 50 }, (_, i) => ({ jsonrpc: '2.0', id: sent + i, method: 'ping' }));
    const response = await post(url, pings, batchVersion);
    if (response.status === 200) pingsRun += (await response.json()).length;
    else {
      assert.equal(response.status, 503);
      assert.ok(Number(response.headers.get('retry-after')) >= 1, 'Retry-After says when to come back');
      assert.match((await response.json()).error.message, /request log is not keeping up .* nothing was run/);
      refusedBatches++;
    }
  }
  assert.equal(pingsRun, 10_000, 'the default queue limit (10,000 entries) was taken by pings');
  assert.equal(refusedBatches, 1);

  const upstreamBefore = gateway.pinpoint.requests.length;
  const refused = await post(url, toolCall(1));
  assert.equal(refused.status, 503);
  assert.equal((await refused.json()).id, 1);
  assert.equal(gateway.pinpoint.requests.length, upstreamBefore, 'a refused tool call never reached the upstream');

  // The database catches up; the same tool call is then served, and its row is there.
  release();
  let served!: Awaited<ReturnType<typeof post>>;
  await eventually('the tool call is served once the log caught up', async () => (served = await post(url, toolCall(2))).status === 200);
  assert.equal((await served!.json()).result.structuredContent.result_count, 1);
  assert.equal(gateway.pinpoint.requests.length, upstreamBefore + 1);

  let rows: { rpc_method: string }[] = [];
  await eventually('the tool call reaches the log', async () => (rows = (await json(await gateway.api('/log?log_type=mcp&rpc_method=tools/call'))).result).length > 0);
  assert.equal(rows.length, 1, 'the one tool call that reached the upstream has its row');
  let pingRows = 0;
  let cursor: string | null = null;
  do {
    const page: { result: unknown[]; next_cursor: string | null } = await json(await gateway.api(`/log?log_type=mcp&rpc_method=ping&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`));
    pingRows += page.result.length;
    cursor = page.next_cursor;
  } while (cursor);
  assert.equal(pingRows, 10_000, 'and every ping that ran has its row too');
});
