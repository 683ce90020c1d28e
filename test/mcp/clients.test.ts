// Real MCP clients against the endpoint: the official SDK (Streamable HTTP and legacy SSE), the v2 client speaking
// 2026-07-28, the Inspector CLI and mcp-remote (the stdio bridge Claude Desktop runs), each as users run them.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { Client as ModernClient, StreamableHTTPClientTransport as ModernTransport } from '@modelcontextprotocol/client';
import { binDir, nodeBin, pinpointReadTools, startMcpTestServer, type McpTestServer } from './harness.ts';

const run = promisify(execFile);
const inspectorCli = new URL('../../node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js', import.meta.url).pathname;

let mcp: McpTestServer;
let home: string;
/** Environment for spawned clients: our Node 24 first on PATH, and a throw-away HOME for their config files. */
let childEnv: Record<string, string>;
before(async () => {
  mcp = await startMcpTestServer();
  home = mkdtempSync(join(tmpdir(), 'switchboard-mcp-clients-'));
  childEnv = {
    ...process.env as Record<string, string>,
    PATH: `${binDir}:${process.env.PATH}`,
    HOME: home,
    MCP_REMOTE_CONFIG_DIR: join(home, '.mcp-auth'),
    MCP_CATALOG_PATH: join(home, 'inspector-catalog.json'),
    MCP_CLIENT_CONFIG_PATH: join(home, 'inspector-client.json'),
  };
});
after(async () => {
  await mcp.close();
  rmSync(home, { recursive: true, force: true });
});

/** Lists tools and calls one list tool through any transport, checking what every client must see. */
async function exercise(transport: Transport, clientName: string, expectTools: number) {
  const client = new Client({ name: clientName, version: '1.0.0' });
  await client.connect(transport);
  try {
    assert.equal(client.getServerVersion()?.name, 'switchboard');
    const { tools } = await client.listTools();
    assert.equal(tools.length, expectTools);
    // The SDK validates structuredContent against the tool's outputSchema: a mismatch would throw here.
    const result = await client.callTool({ name: 'list_all_pinpoint_candidates', arguments: { limit: 2 } });
    assert.equal(result.isError, undefined);
    assert.equal((result.structuredContent as { result_count: number }).result_count, 2);
    const failed = await client.callTool({ name: 'get_single_pinpoint_candidate_by_id', arguments: { id: '999999' } });
    assert.equal(failed.isError, true);
    assert.match((failed.content as { text: string }[])[0]!.text, /404/);
  } finally {
    await client.close();
  }
}

const readTools = async (url: string) => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }) });
  return ((await response.json()) as { result: { tools: unknown[] } }).result.tools.length;
};

describe('official TypeScript SDK client', () => {
  test('Streamable HTTP: initialize, list, call; the session id is optional and DELETE is refused politely', async () => {
    const { url } = mcp.add({ config: { methods: ['read'] } });
    const expected = await readTools(url);
    await exercise(new StreamableHTTPClientTransport(new URL(url)), 'sdk-streamable', expected);
    const transport = new StreamableHTTPClientTransport(new URL(url));
    const client = new Client({ name: 'sdk-terminate', version: '1.0.0' });
    await client.connect(transport);
    await transport.terminateSession();
    await client.close();
  });

  test('Streamable HTTP with require_api_token_auth and a Bearer header', async () => {
    const { url, tenantId } = mcp.add({ config: { methods: ['read'], require_api_token_auth: true } });
    const authorization = `Bearer ${mcp.apiToken(tenantId)}`;
    await exercise(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization } } }), 'sdk-auth', pinpointReadTools);
    await assert.rejects(new Client({ name: 'no-auth', version: '1' }).connect(new StreamableHTTPClientTransport(new URL(url))), /Unauthorized/);
  });

  test('legacy HTTP+SSE transport, on /sse and on the MCP URL itself', async () => {
    const { url } = mcp.add({ config: { methods: ['read'] } });
    await exercise(new SSEClientTransport(new URL(`${url}/sse`)), 'sdk-sse', pinpointReadTools);
    await exercise(new SSEClientTransport(new URL(url)), 'sdk-sse-bare', pinpointReadTools);
  });
});

describe('v2 client (2026-07-28)', () => {
  test('negotiates the modern revision with server/discover, then lists and calls statelessly', async () => {
    const { url, id } = mcp.add({ config: { methods: ['read'] } });
    const client = new ModernClient({ name: 'v2-client', version: '2.0.0' }, { versionNegotiation: { mode: 'auto' } });
    await client.connect(new ModernTransport(new URL(url)));
    try {
      assert.equal(client.getProtocolEra(), 'modern');
      assert.equal(client.getNegotiatedProtocolVersion(), '2026-07-28');
      const { tools } = await client.listTools();
      assert.equal(tools.length, pinpointReadTools);
      const result = await client.callTool({ name: 'list_all_pinpoint_candidates', arguments: { limit: 1 } });
      assert.equal((result.structuredContent as { result_count: number }).result_count, 1);
    } finally {
      await client.close();
    }
    const methods = mcp.logs.filter((entry) => entry.mcp_server_id === id).map((entry) => entry.rpc_method);
    assert.deepEqual(methods, ['server/discover', 'tools/list', 'tools/call'], 'no initialize, no session');
  });

  test('in its default (legacy) mode it initializes like any 2025 client', async () => {
    const { url } = mcp.add({ config: { methods: ['read'] } });
    const client = new ModernClient({ name: 'v2-legacy', version: '2.0.0' });
    await client.connect(new ModernTransport(new URL(url)));
    try {
      assert.equal(client.getProtocolEra(), 'legacy');
      assert.equal((await client.listTools()).tools.length, pinpointReadTools);
    } finally {
      await client.close();
    }
  });
});

describe('MCP Inspector CLI (spawned)', () => {
  const inspector = (args: string[]) => run(nodeBin, [inspectorCli, '--cli', ...args], { env: childEnv, timeout: 30_000, cwd: home });

  test('tools/list and tools/call over Streamable HTTP (legacy and modern eras)', async () => {
    const { url } = mcp.add({ config: { methods: ['read'] } });
    for (const era of ['legacy', 'modern']) {
      const list = await inspector([url, '--transport', 'http', '--protocol-era', era, '--method', 'tools/list', '--format', 'json']);
      const listed = JSON.parse(list.stdout);
      assert.equal((listed.result ?? listed).tools.length, pinpointReadTools, era);
      const call = await inspector([url, '--transport', 'http', '--protocol-era', era, '--format', 'json', '--method', 'tools/call',
        '--tool-name', 'list_all_pinpoint_candidates', '--tool-arg', 'limit=1']);
      const output = JSON.parse(call.stdout);
      const result = output.result ?? output;
      assert.equal(result.structuredContent.result_count, 1, era);
    }
  });

  test('over the legacy SSE transport, and with a Bearer header', async () => {
    const { url, tenantId } = mcp.add({ config: { methods: ['read'], require_api_token_auth: true } });
    const call = await inspector([`${url}/sse`, '--transport', 'sse', '--header', `Authorization: Bearer ${mcp.apiToken(tenantId)}`,
      '--format', 'json', '--method', 'tools/call', '--tool-name', 'list_all_pinpoint_jobs', '--tool-arg', 'limit=2']);
    const output = JSON.parse(call.stdout);
    assert.equal((output.result ?? output).structuredContent.result_count, 2);
  });
});

describe('mcp-remote (the stdio bridge of Claude Desktop), spawned as in claude_desktop_config.json', () => {
  const bridge = (args: string[]) => {
    const transport = new StdioClientTransport({ command: join(binDir, 'mcp-remote'), args, env: childEnv, stderr: 'pipe', cwd: home });
    return transport;
  };

  test('default transport strategy (Streamable HTTP first)', async () => {
    const { url } = mcp.add({ config: { methods: ['read'] } });
    await exercise(bridge([url]), 'claude-desktop', pinpointReadTools);
    const entry = mcp.logs.findLast((log) => log.tool_name === 'get_single_pinpoint_candidate_by_id')!;
    assert.match(entry.client_name ?? '', /claude-desktop \(via mcp-remote/);
  });

  test('--header Authorization for require_api_token_auth, and --transport sse-only', async () => {
    const { url, tenantId } = mcp.add({ config: { methods: ['read'], require_api_token_auth: true } });
    await exercise(bridge([url, '--header', `Authorization:Bearer ${mcp.apiToken(tenantId)}`]), 'claude-desktop-auth', pinpointReadTools);
    const open = mcp.add({ config: { methods: ['read'] } });
    await exercise(bridge([open.url, '--transport', 'sse-only']), 'claude-desktop-sse', pinpointReadTools);
  });
});
