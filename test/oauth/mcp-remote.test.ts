// Issue 16 acceptance: mcp-remote (the stdio bridge Claude Desktop runs) completes its own OAuth flow against an MCP
// server with auth "oauth": it registers, prints the authorization URL (no desktop browser here), headless Chromium
// signs in and allows, mcp-remote's loopback callback receives the code, and the bridge then lists and calls tools.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { binDir, pinpointReadTools } from '../mcp/harness.ts';
import { json } from '../api/harness.ts';
import { answerConsent, freePort, launchBrowser, startOAuthGateway } from '../helpers/oauth.ts';

test('mcp-remote signs in through the browser, then lists and calls tools', async (t) => {
  const gateway = await startOAuthGateway(t);
  const browser = await launchBrowser(t);
  const home = mkdtempSync(join(tmpdir(), 'switchboard-mcp-remote-'));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  const transport = new StdioClientTransport({
    command: join(binDir, 'mcp-remote'),
    args: [gateway.protectedServer.url, String(await freePort()), '--transport', 'http-only'],
    env: { ...process.env as Record<string, string>, PATH: `${binDir}:${process.env.PATH}`, HOME: home, MCP_REMOTE_CONFIG_DIR: join(home, '.mcp-auth'), BROWSER: 'true', DISPLAY: '' },
    stderr: 'pipe',
    cwd: home,
  });
  let stderr = '';
  const authorizationUrl = new Promise<string>((resolve) => {
    transport.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const found = /(https?:\/\/\S+\/authorize\?\S+)/.exec(stderr);
      if (found) resolve(found[1]!);
    });
  });
  const client = new Client({ name: 'claude-desktop-oauth', version: '1.0.0' });
  const connected = client.connect(transport);
  t.after(() => client.close());

  const url = await Promise.race([authorizationUrl, connected.then(() => assert.fail(`connected without signing in:\n${stderr}`))]);
  assert.equal(new URL(url).searchParams.get('resource'), gateway.protectedServer.url);
  const question = await answerConsent(browser, url);
  assert.match(question, new RegExp(`wants to use the MCP server Recruiting assistant \\(Pinpoint account Pinpoint; ${pinpointReadTools} read-only tools\\)`));
  await connected;

  const { tools } = await client.listTools();
  assert.equal(tools.length, pinpointReadTools);
  const result = await client.callTool({ name: 'list_all_pinpoint_jobs', arguments: { limit: 1 } });
  assert.equal((result.structuredContent as { result_count: number }).result_count, 1, stderr);
  const grants = (await json(await gateway.api(`/integrated-account/${gateway.accounts.pinpoint}/mcp/${gateway.protectedServer.id}/grants`))).result;
  assert.equal(grants.length, 1);
  assert.match(grants[0].client_name ?? '', /MCP|mcp-remote/i);
});
