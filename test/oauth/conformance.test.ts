// The authorization-server scenarios of the newest @modelcontextprotocol/conformance (installed as conformance-next):
// authorization-server-metadata-endpoint, then authorization-code-grant (which uses the metadata the first one read, so
// they run together), whose browser step (it prints the URL and
// waits for its loopback callback) headless Chromium does: sign in as a member and allow. The client scenarios
// (auth/*) test MCP clients against a mock server and do not apply to a server.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { nodeBin } from '../mcp/harness.ts';
import { answerConsent, freePort, launchBrowser, registerClient, startOAuthGateway } from '../helpers/oauth.ts';

const cli = new URL('../../node_modules/conformance-next/dist/index.js', import.meta.url).pathname;

/** Runs the suite; onOutput sees stdout as it comes. Resolves with the exit code and all output. */
function conformance(args: string[], onOutput: (text: string) => void = () => undefined): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(nodeBin, [cli, 'authorization', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      onOutput(output);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

test('conformance (authorization server): every scenario — metadata endpoint, then the authorization code grant with its browser step in Chromium', async (t) => {
  const gateway = await startOAuthGateway(t);
  const browser = await launchBrowser(t);
  const port = await freePort();
  const clientId = await registerClient(gateway.running.publicUrl, [`http://127.0.0.1:${port}/callback`], 'Conformance suite');
  let approving: Promise<string> | undefined;
  const { code, output } = await conformance(
    ['--url', gateway.running.publicUrl, '--client-id', clientId, '--resource', gateway.protectedServer.url, '--port', String(port)],
    (text) => {
      const url = /(http:\/\/\S+\/authorize\?\S+)/.exec(text)?.[1];
      if (url && !approving) approving = answerConsent(browser, url);
    },
  );
  assert.ok(approving, `the suite printed an authorization URL:\n${output}`);
  assert.match(await approving, /Conformance suite wants to use the MCP server Recruiting assistant/);
  assert.equal(code, 0, output);
  assert.match(output, /✓ authorization-server-metadata-endpoint: 2 passed, 0 failed/, output);
  assert.match(output, /✓ authorization-code-grant: 1 passed, 0 failed/, output);
  assert.match(output, /Total: 3 passed, 0 failed/, output);
  assert.doesNotMatch(output, /WARNING|SKIPPED/, output);
});
