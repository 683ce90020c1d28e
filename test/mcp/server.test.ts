// The MCP endpoint inside the real server (startServer): store-backed token lookup, decrypted credentials, the
// engine, the batched request log. MCP servers are created in the store directly, as the management API does.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { DEFAULT_POLYMER_API_KEY, startPolymerSandbox, type PolymerSandbox } from '../../src/sandbox/index.ts';
import { generateMcpToken, hashToken } from '../../src/security/tokens.ts';
import type { McpLogEntry, McpServerConfig } from '../../src/store/types.ts';
import { shippedIntegrations, startTestServer, upstreamAllowlist } from '../api/harness.ts';
import { eventually } from '../helpers/eventually.ts';
import { post } from './harness.ts';

let polymer: PolymerSandbox;
before(async () => {
  polymer = await startPolymerSandbox({ rateLimit: null });
});
after(() => polymer.close());

test('startServer serves /mcp/<token> from the store: list, call, expiry, API-token auth, request logs', async (t) => {
  const { running, tenant, token: apiToken, otherTenant, logs } = await startTestServer(t, { integrationsDir: shippedIntegrations, cacheTtlMs: 0, env: upstreamAllowlist(polymer.url) });
  const account = await running.services.accounts.create(tenant.id, {
    integration: 'polymer', name: 'Polymer', context: { base_url: polymer.url }, credentials: { api_key: DEFAULT_POLYMER_API_KEY },
  });
  const createServer = async (config: McpServerConfig, expiresAt: string | null = null) => {
    const token = generateMcpToken();
    await running.store.createMcpServer({
      tenant_id: tenant.id, integrated_account_id: account.id, name: 'Recruiting agent', config, expires_at: expiresAt, created_by: null,
      token_hash: hashToken(token),
    });
    return `${running.url}/mcp/${token}`;
  };

  const url = await createServer({ methods: ['read'] });
  const client = new Client({ name: 'server-test', version: '3.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  const { tools } = await client.listTools();
  assert.ok(tools.length > 0 && tools.every((tool) => /^(list_all|get_single)_polymer_/.test(tool.name)));
  const result = await client.callTool({ name: 'list_all_polymer_jobs', arguments: { limit: 1 } });
  assert.equal((result.structuredContent as { result_count: number }).result_count, 1);
  await client.close();

  const expired = await createServer({}, new Date(Date.now() + 60_000).toISOString());
  assert.equal((await post(expired, { jsonrpc: '2.0', id: 1, method: 'ping' })).status, 200);
  const [row] = (await running.store.listMcpServers(tenant.id, account.id, {})).result.filter((server) => server.expires_at !== null);
  await running.store.updateMcpServer(tenant.id, account.id, row!.id, { expires_at: new Date(Date.now() - 1_000).toISOString() });
  assert.equal((await post(expired, { jsonrpc: '2.0', id: 1, method: 'ping' })).status, 404, 'an expired server stops at once');

  const secured = await createServer({ require_api_token_auth: true });
  const other = await otherTenant();
  assert.equal((await post(secured, { jsonrpc: '2.0', id: 1, method: 'tools/list' })).status, 401);
  assert.equal((await post(secured, { jsonrpc: '2.0', id: 1, method: 'tools/list' }, { authorization: `Bearer ${other.token}` })).status, 401);
  assert.equal((await post(secured, { jsonrpc: '2.0', id: 1, method: 'tools/list' }, { authorization: `Bearer ${apiToken}` })).status, 200);

  // The log writer flushes in the background; wait for the tools/call entry to reach the store.
  let logged: McpLogEntry | undefined;
  await eventually('the tools/call is logged', async () => (logged = (await running.store.queryLogs(tenant.id, {})).result.find((entry) => entry.rpc_method === 'tools/call')) !== undefined);
  assert.ok(logged);
  assert.equal(logged.tool_name, 'list_all_polymer_jobs');
  assert.equal(logged.upstream_status, 200);
  assert.equal(logged.client_name, 'server-test');
  assert.equal(logged.client_version, '3.0');
  logs.assertFree([DEFAULT_POLYMER_API_KEY, new URL(url).pathname.slice('/mcp/'.length)]);
});
