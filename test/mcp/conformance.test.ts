// The official conformance suite (@modelcontextprotocol/conformance), spawned with our Node 24 against a demo URL,
// for the scenarios that apply to any tools-only server. The others need fixture tools (test_simple_text, ...),
// prompts, resources or logging, which a gateway of generated tools does not have.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { nodeBin, startMcpTestServer, type McpTestServer } from './harness.ts';

const run = promisify(execFile);
const cli = new URL('../../node_modules/@modelcontextprotocol/conformance/dist/index.js', import.meta.url).pathname;
const scenarios = ['server-initialize', 'ping', 'tools-list', 'dns-rebinding-protection', 'server-sse-multiple-streams'];

let mcp: McpTestServer;
before(async () => {
  mcp = await startMcpTestServer();
});
after(() => mcp.close());

for (const scenario of scenarios) {
  test(`conformance: ${scenario}`, async () => {
    const { url } = mcp.add({ config: { methods: ['read'] } });
    const { stdout } = await run(nodeBin, [cli, 'server', '--url', url, '--scenario', scenario], { timeout: 60_000 }).catch((error: { code?: number; stdout?: string; stderr?: string }) => {
      assert.fail(`exit code ${error.code}\n${error.stdout}\n${error.stderr}`);
    });
    assert.match(stdout, /Passed: (\d+)\/\1, 0 failed, 0 warnings/);
  });
}
