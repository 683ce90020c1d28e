// The official conformance suite (@modelcontextprotocol/conformance), spawned with our Node 24 against an MCP URL:
// the released 0.1.x and the newest 0.2.0 pre-release (installed as conformance-next), for every scenario that
// applies to a tools-only server. Checks that need the suite's fixture tools (test_missing_capability,
// test_logging_tool, …), or prompts and resources, which a gateway of generated tools does not have, are listed in
// docs/conformance.md and here, and must be the only ones that do not pass.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { nodeBin, startMcpTestServer, type McpTestServer } from './harness.ts';

const run = promisify(execFile);
const released = new URL('../../node_modules/@modelcontextprotocol/conformance/dist/index.js', import.meta.url).pathname;
const next = new URL('../../node_modules/conformance-next/dist/index.js', import.meta.url).pathname;

interface Scenario {
  suite: string;
  cli: string;
  name: string;
  /** Checks that cannot pass on a tools-only gateway, by check id. */
  notApplicable?: string[];
  /** Warnings accepted, by check id (SHOULDs about features this server does not have). */
  acceptedWarnings?: string[];
}

const scenarios: Scenario[] = [
  ...['server-initialize', 'ping', 'tools-list', 'dns-rebinding-protection', 'server-sse-multiple-streams'].map((name) => ({ suite: '0.1', cli: released, name })),
  ...['server-initialize', 'server-session-lifecycle', 'ping', 'tools-list', 'dns-rebinding-protection', 'server-sse-multiple-streams', 'http-header-validation']
    .map((name) => ({ suite: '0.2', cli: next, name })),
  {
    suite: '0.2', cli: next, name: 'server-stateless',
    notApplicable: [
      'sep-2575-server-rejects-undeclared-capability', 'sep-2575-missing-capability-http-400',
      'sep-2575-http-server-no-independent-requests-on-stream', 'sep-2575-server-no-log-without-loglevel',
    ],
  },
  {
    suite: '0.2', cli: next, name: 'caching',
    notApplicable: ['sep-2549-prompts-list-caching-hints', 'sep-2549-resources-list-caching-hints', 'sep-2549-resources-templates-list-caching-hints'],
  },
  { suite: '0.2', cli: next, name: 'sep-2164-resource-not-found', acceptedWarnings: ['sep-2164-error-code', 'sep-2164-data-uri'] },
];

let mcp: McpTestServer;
before(async () => {
  mcp = await startMcpTestServer();
});
after(() => mcp.close());

/** Check ids and outcomes from the suite's log lines: "[<check id> ] SUCCESS|FAILURE|WARNING <description>". */
function outcomes(stdout: string): Map<string, string> {
  const found = new Map<string, string>();
  // eslint-disable-next-line no-control-regex
  for (const match of stdout.replace(/\u001b\[[0-9;]*m/g, '').matchAll(/\[([a-z0-9-]+)\s*\]\s+(SUCCESS|FAILURE|WARNING)/g)) {
    const previous = found.get(match[1]!);
    if (previous !== 'FAILURE') found.set(match[1]!, match[2]!);
  }
  return found;
}

for (const scenario of scenarios) {
  test(`conformance ${scenario.suite}: ${scenario.name}`, async () => {
    const { url } = mcp.add({ config: { methods: ['read'] } });
    const { stdout } = await run(nodeBin, [scenario.cli, 'server', '--url', url, '--scenario', scenario.name], { timeout: 120_000 })
      .catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const checks = outcomes(stdout);
    assert.ok(checks.size > 0, `the suite reported checks:\n${stdout}`);
    const failed = [...checks].filter(([, outcome]) => outcome === 'FAILURE').map(([id]) => id).sort();
    const warned = [...checks].filter(([, outcome]) => outcome === 'WARNING').map(([id]) => id).sort();
    assert.deepEqual(failed, [...scenario.notApplicable ?? []].sort(), `failed checks:\n${stdout}`);
    assert.deepEqual(warned, [...scenario.acceptedWarnings ?? []].sort(), `warnings:\n${stdout}`);
  });
}
