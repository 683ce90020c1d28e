// Issue 3 acceptance: the seed documents' four workflows again, this time as an agent runs them: an official SDK
// MCP client against MCP URLs made through the management API (one Pinpoint server, one Polymer server), each
// filtered to what the workflows need. The sandbox state afterwards is checked as in engine.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { json } from '../api/harness.ts';
import { eventually } from '../helpers/eventually.ts';
import { startGateway, toolCaller } from '../mcp/harness.ts';
import { checkedSeedWorkflows, type CallTool } from './seed-workflows.ts';

test('the four seed workflows through MCP clients against MCP URLs', async (t) => {
  const gateway = await startGateway(t);
  const { pinpoint, polymer } = gateway;
  // As in the seeds: read everything, write only comments (Pinpoint), comments and stage moves (Polymer).
  const pinpointServer = await gateway.createMcpServer('pinpoint', { name: 'Recruiting agent (Pinpoint)', config: { methods: ['read', 'create'], tags: ['candidates', 'applications', 'jobs', 'comments'] } });
  const polymerServer = await gateway.createMcpServer('polymer', { name: 'Recruitment ops (Polymer)', config: { methods: ['read', 'create'] } });
  const tools: Record<'pinpoint' | 'polymer', CallTool> = {
    pinpoint: toolCaller(await gateway.connect(pinpointServer.url, { name: 'claude-desktop', version: '1.0' })),
    polymer: toolCaller(await gateway.connect(polymerServer.url, { name: 'chatgpt', version: '1.0' })),
  };
  const call: CallTool = (name, args) => tools[name.includes('_pinpoint_') ? 'pinpoint' : 'polymer'](name, args);

  for (const [name, run] of checkedSeedWorkflows(call, () => ({ pinpoint, polymer }))) await t.test(name, run);

  await t.test('the calls are in the request log under each server', async () => {
    for (const [server, client] of [[pinpointServer, 'claude-desktop'], [polymerServer, 'chatgpt']] as const) {
      let entries: { tool_name: string; client_name: string; is_error: boolean }[] = [];
      // Log rows are written in batches: wait until every call of the workflows is there.
      await eventually(`${server.name}: calls reach the log`, async () => {
        entries = (await json(await gateway.api(`/log?log_type=mcp&rpc_method=tools/call&mcp_server_id=${server.id}&limit=100`))).result;
        return entries.length > 3;
      });
      assert.ok(entries.length > 3, `${server.name}: ${entries.length} calls logged`);
      assert.ok(entries.every((entry) => entry.client_name === client && !entry.is_error));
    }
  });
});
