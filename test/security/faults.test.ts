// Upstream faults, end to end: Switchboard runs as its own process with a short upstream timeout and a 1 MiB
// response limit; an account points at an upstream that fails in every way on request. Each fault must come back
// as a clear tool error (MCP) and the right status (Proxy API), calls stuck upstream must not hold up other accounts'
// calls, and large bodies must not grow memory. Durations are diagnostics here; npm run bench judges them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { adminClient, callTool, percentile, pool, type AdminClient } from '../helpers/gateway-client.ts';
import { closedPortUrl, startFaultUpstream, type Fault, type FaultUpstream } from '../helpers/fault-upstream.ts';
import { startRecorder, type Recorder } from '../helpers/recorder.ts';
import { eventually } from '../helpers/eventually.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

const timeoutMs = 800;
const limitBytes = 1024 * 1024;
const apiKey = 'fault-test-api-key-51c9e2';
const tool = 'get_single_acme_widget_by_id';

/** One Switchboard process with its admin client and an account (and MCP URL) on the fault upstream. */
interface Node {
  server: ServerProcess;
  admin: AdminClient;
  accountId: string;
  mcpUrl: string;
}

let upstream: FaultUpstream;
let attacker: Recorder;
let closed: string;
/**
 * Two nodes, so that no outcome depends on how fast this machine is: `brief` (the 800 ms timeout) serves only the
 * faults that never answer, which end by the timeout whatever the load; `patient` has timeouts far beyond the test,
 * so every other fault ends the way it is meant to (too large, reset, 500…), even when a busy machine is slow.
 */
let brief: Node;
let patient: Node;
let refusedAccountId: string;
let refusedMcpUrl: string;

async function startNode(upstreamTimeoutMs: number): Promise<Node> {
  const server = await startServerProcess({
    env: {
      UPSTREAM_TIMEOUT_MS: String(upstreamTimeoutMs),
      SWITCHBOARD_ACCOUNT_QUEUE_TIMEOUT_MS: String(upstreamTimeoutMs),
      UPSTREAM_MAX_RESPONSE_BYTES: String(limitBytes),
      SWITCHBOARD_UPSTREAM_ALLOWLIST: `${upstream.origin},${closed}`,
    },
  });
  const admin = adminClient(server.url, server.tenants[0]!.token);
  const accountId = await admin.createAccount({ integration: 'acme', context: { subdomain: 'acme', base_url: upstream.url }, credentials: { api_key: apiKey } });
  return { server, admin, accountId, mcpUrl: (await admin.createMcpServer(accountId)).url };
}

before(async () => {
  attacker = await startRecorder();
  upstream = await startFaultUpstream({ redirectTo: `${attacker.url}/steal` });
  closed = await closedPortUrl();
  [brief, patient] = await Promise.all([startNode(timeoutMs), startNode(600_000)]);
  refusedAccountId = await patient.admin.createAccount({ integration: 'acme', context: { subdomain: 'acme', base_url: `${closed}/api` }, credentials: { api_key: apiKey } });
  refusedMcpUrl = (await patient.admin.createMcpServer(refusedAccountId)).url;
});

after(async () => {
  for (const node of [brief, patient]) {
    if (!node) continue;
    const logs = node.server.logs();
    const survived = node.server.exited() === null;
    await node.server.dispose();
    assert.ok(survived, 'the server process was alive at the end');
    for (const secret of [apiKey, upstream.marker, node.server.tenants[0]!.token, node.mcpUrl.split('/mcp/')[1]!]) {
      assert.equal(logs.includes(secret), false, `the server log holds a secret or an upstream body: ${secret.slice(0, 8)}…`);
    }
  }
  await Promise.all([upstream?.close(), attacker?.close()]);
});

/** Faults that never complete: only a timeout ends them. */
const endless = new Set<Expectation['fault']>(['hang', 'stall', 'trickle']);

interface Expectation {
  fault: Fault | 'refused';
  /** The tool error text, or null for a success. */
  text: RegExp | null;
  /** The Proxy API status. */
  status: number;
  /** The Proxy API error message, when it differs from the tool text (the wait is a field there, not prose). */
  proxyText?: RegExp;
}

const within = `within ${timeoutMs} ms`;
const expectations: Expectation[] = [
  { fault: 'ok', text: null, status: 200 },
  { fault: 'no-content-type', text: null, status: 200 },
  { fault: 'refused', text: /could not reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/, status: 502 },
  { fault: 'hang', text: new RegExp(`127\\.0\\.0\\.1:\\d+ did not answer ${within}`), status: 504 },
  { fault: 'stall', text: new RegExp(`did not finish its response ${within}`), status: 504 },
  { fault: 'trickle', text: new RegExp(`did not finish its response ${within}`), status: 504 },
  { fault: 'reset', text: /the connection to 127\.0\.0\.1:\d+ broke before its response was complete/, status: 502 },
  { fault: 'close-before-headers', text: /closed the connection without answering/, status: 502 },
  { fault: 'status500', text: /Acme HR answered 500: Internal failure/, status: 500 },
  { fault: 'status503', text: /Acme HR answered 503: Down for maintenance/, status: 503 },
  { fault: 'status422', text: /Acme HR answered 422[\s\S]*name is invalid/, status: 422 },
  { fault: 'ratelimited', text: /answered 429[\s\S]*wait 7 seconds/, proxyText: /answered 429: Slow down/, status: 429 },
  { fault: 'badjson', text: /said it sent JSON but the body is not valid JSON/, status: 502 },
  { fault: 'html', text: /answered 200 with text\/html instead of JSON/, status: 502 },
  { fault: 'huge', text: /sent a response larger than 1024 KiB/, status: 502 },
  { fault: 'huge-declared', text: /sent a response larger than 1024 KiB/, status: 502 },
  { fault: 'redirect', text: /answered 302 with a redirect to http:\/\/127\.0\.0\.1:\d+\/steal; redirects are not followed/, status: 502 },
  { fault: 'redirect-same-host', text: /answered 307 with a redirect to \/api\/widgets\/ok; redirects are not followed/, status: 502 },
];

test('every upstream fault is a clear tool error and the right Proxy API status; endless ones end at the timeout', async (t) => {
  const okBefore = upstream.count('ok');
  const outcomes = await Promise.all(expectations.map(async (expected) => {
    const node = endless.has(expected.fault) ? brief : patient;
    const [url, account] = expected.fault === 'refused' ? [refusedMcpUrl, refusedAccountId] : [node.mcpUrl, node.accountId];
    const [mcp, proxy] = await Promise.all([callTool(url, tool, { id: expected.fault }), node.admin.proxy(account, `widgets/${expected.fault}`)]);
    return { expected, mcp, proxy };
  }));
  const rows: string[] = [];
  for (const { expected, mcp, proxy } of outcomes) {
    const label = expected.fault;
    if (expected.text === null) {
      assert.equal(mcp.isError, false, `${label}: ${mcp.toolText}`);
      assert.equal(JSON.parse(mcp.toolText).id, 'w-1', label);
    } else {
      assert.equal(mcp.isError, true, `${label} is a tool error`);
      assert.match(mcp.toolText, expected.text, label);
      assert.match(`${proxy.json.error.message} ${JSON.stringify(proxy.json.error.upstream_body ?? '')}`, expected.proxyText ?? expected.text, `${label} (Proxy API)`);
    }
    assert.equal(proxy.status, expected.status, `${label}: Proxy API status (${proxy.text.slice(0, 200)})`);
    rows.push(`${label}: MCP ${Math.round(mcp.ms)} ms, Proxy ${proxy.status} in ${Math.round(proxy.ms)} ms`);
  }
  const ratelimited = outcomes.find((outcome) => outcome.expected.fault === 'ratelimited')!;
  assert.equal(ratelimited.proxy.headers.get('retry-after'), '7', 'Retry-After is passed on');
  assert.equal(ratelimited.proxy.json.error.retry_after_seconds, 7, 'and is a field of the error');
  assert.equal(attacker.requests.length, 0, 'the redirect target never saw a request');
  assert.equal(upstream.count('ok'), okBefore + 2, 'the same-host redirect was not followed either');
  t.diagnostic(`fault timings (timeout ${timeoutMs} ms): ${rows.join('; ')}`);
});

test("while 64 calls of one account are stuck upstream, other accounts' calls are answered: none waits behind them", async (t) => {
  // On the patient node the stuck calls end only when the upstream answers them: whether the normal calls were
  // answered before that is then an order of events, not a race against a timer. (Default account concurrency: 8.)
  const client = patient.admin;
  const context = { subdomain: 'acme', base_url: upstream.url };
  const stuckUrl = (await client.createMcpServer(await client.createAccount({ integration: 'acme', context, credentials: { api_key: apiKey } }))).url;
  const calmId = await client.createAccount({ integration: 'acme', context, credentials: { api_key: apiKey } });
  const calmUrl = (await client.createMcpServer(calmId)).url;
  const normal = async () => {
    const mcp = await callTool(calmUrl, tool, { id: 'ok' });
    assert.equal(mcp.isError, false, mcp.toolText);
    const proxy = await client.proxy(calmId, 'widgets/ok');
    assert.equal(proxy.status, 200);
    return [mcp.ms, proxy.ms];
  };
  const baseline = (await pool(40, 4, normal)).flat();

  let settled = 0;
  const stuck = Array.from({ length: 64 }, () => callTool(stuckUrl, tool, { id: 'held' }).finally(() => settled++));
  await eventually('the stuck account fills its 8 upstream slots', () => upstream.held() === 8);
  const during = (await pool(40, 4, normal)).flat();
  assert.equal(settled, 0, 'every normal call was answered while all 64 stuck calls were still open');
  assert.equal(upstream.held(), 8, 'and the upstream still held the stuck ones');

  upstream.release();
  const answers = await Promise.all(stuck);
  assert.ok(answers.every((answer) => !answer.isError), 'once the upstream answered, every stuck call (8 running, 56 queued) completed');
  t.diagnostic(`normal calls: baseline p50 ${percentile(baseline, 50).toFixed(1)} ms p95 ${percentile(baseline, 95).toFixed(1)} ms; `
    + `beside 64 stuck calls: p50 ${percentile(during, 50).toFixed(1)} ms p95 ${percentile(during, 95).toFixed(1)} ms max ${Math.max(...during).toFixed(1)} ms`);
});

test('memory stays bounded while upstreams send 64 MiB bodies', async (t) => {
  const hugeCall = async (index: number) => {
    const text = index % 4 === 3 ? (await patient.admin.proxy(patient.accountId, 'widgets/huge')).text : (await callTool(patient.mcpUrl, tool, { id: 'huge' })).toolText;
    assert.match(text, /larger than 1024 KiB/);
  };
  const fresh = await patient.server.memory();
  await pool(64, 16, hugeCall); // warm up: connection pools, buffers, JIT
  const baseline = await patient.server.memory();
  let peak = baseline.rss;
  const sampler = setInterval(() => void patient.server.memory({ gc: false }).then(({ rss }) => { peak = Math.max(peak, rss); }), 50);
  const calls = 800;
  try {
    await pool(calls, 16, hugeCall);
  } finally {
    clearInterval(sampler);
  }
  const end = await patient.server.memory();
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  t.diagnostic(`${calls} calls against 64 MiB upstream bodies (limit 1 MiB, 16 concurrent): RSS before ${mib(fresh.rss)}, ` +
    `after warm-up ${mib(baseline.rss)}, peak ${mib(peak)}, end ${mib(end.rss)}; live heap ${mib(baseline.heapUsed)} → ${mib(end.heapUsed)}`);
  // Reading whole bodies would need 16 × 64 MiB at once (over 1 GiB); the limit keeps it to 16 × 1 MiB plus buffers.
  assert.ok(peak - baseline.rss < 96 * 2 ** 20, `peak RSS grew ${mib(peak - baseline.rss)}`);
  assert.ok(end.rss - baseline.rss < 64 * 2 ** 20, `RSS grew ${mib(end.rss - baseline.rss)} over ${calls} calls`);
  assert.ok(end.heapUsed - baseline.heapUsed < 4 * 2 ** 20, `the live heap grew ${mib(end.heapUsed - baseline.heapUsed)}: something is retained per call`);
});
