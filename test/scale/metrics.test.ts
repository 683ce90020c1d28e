// /metrics (Prometheus text format) and /ready: the registry's rendering and its bound on label values, what a
// real tool call adds (HTTP, MCP, tool, upstream, token cache), and readiness naming what is not reachable.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { healthRoutes } from '../../src/api/health.ts';
import type { ApiDependencies } from '../../src/api/types.ts';
import type { CallOutcome } from '../../src/execution/types.ts';
import { createLogger } from '../../src/logger.ts';
import { Counter, Histogram, Registry } from '../../src/metrics/registry.ts';
import { upstreamStatusClass } from '../../src/execution/engine.ts';
import { routeClass } from '../../src/metrics/switchboard.ts';
import { startGateway, toolCaller } from '../mcp/harness.ts';

test('the registry renders counters and cumulative histograms, escapes labels, and bounds label combinations', () => {
  const registry = new Registry();
  const counter = registry.add(new Counter('demo_total', 'A demo.', ['tool']));
  const histogram = registry.add(new Histogram('demo_seconds', 'Latency.', ['route'], [0.1, 1]));
  counter.inc(['say "hi"\n']);
  counter.inc(['say "hi"\n'], 2);
  histogram.observe(['mcp'], 0.05);
  histogram.observe(['mcp'], 0.5);
  histogram.observe(['mcp'], 3);
  assert.equal(registry.render(), [
    '# HELP demo_total A demo.',
    '# TYPE demo_total counter',
    'demo_total{tool="say \\"hi\\"\\n"} 3',
    '# HELP demo_seconds Latency.',
    '# TYPE demo_seconds histogram',
    'demo_seconds_bucket{route="mcp",le="0.1"} 1',
    'demo_seconds_bucket{route="mcp",le="1"} 2',
    'demo_seconds_bucket{route="mcp",le="+Inf"} 3',
    'demo_seconds_sum{route="mcp"} 3.55',
    'demo_seconds_count{route="mcp"} 3',
    '',
  ].join('\n'));

  for (let i = 0; i < 1_500; i++) counter.inc([`tool-${i}`]);
  const lines = registry.render().split('\n').filter((line) => line.startsWith('demo_total{'));
  assert.equal(lines.length, 1_001, 'a thousand label combinations, then one overflow series');
  assert.ok(lines.includes('demo_total{tool="_other"} 501'));
});

test('route and upstream status classes', () => {
  assert.deepEqual(['/mcp/abc', '/ready', '/health', '/metrics', '/integrated-account'].map(routeClass), ['mcp', 'probe', 'probe', 'metrics', 'admin']);
  const ok = { ok: true, status: 201, shape: 'record', result: {}, rateLimit: {} } as CallOutcome;
  const upstream429 = { ok: false, error: { kind: 'upstream', message: '', status: 429, is_remote: true, upstream_status: 429 }, rateLimit: {} } as CallOutcome;
  const timeout = { ok: false, error: { kind: 'transport', message: '', status: 504, is_remote: false }, rateLimit: {} } as CallOutcome;
  const badArguments = { ok: false, error: { kind: 'invalid_arguments', message: '', status: 400, is_remote: false }, rateLimit: {} } as CallOutcome;
  assert.deepEqual([ok, upstream429, timeout, badArguments].map(upstreamStatusClass), ['2xx', '4xx', 'error', undefined]);
});

test('a tool call shows in /metrics: HTTP, MCP method and tool, upstream status and latency, token cache', async (t) => {
  const gateway = await startGateway(t);
  const created = await gateway.createMcpServer('pinpoint', { config: { methods: ['read'] } });
  const call = toolCaller(await gateway.connect(created.url));
  await call('get_single_pinpoint_candidate_by_id', { id: gateway.pinpoint.state.planted.sarahJenkins.candidateId });
  const response = await fetch(`${gateway.running.url}/metrics`);
  assert.equal(response.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
  const metrics = await response.text();
  for (const sample of [
    /^switchboard_http_requests_total\{route="mcp",status_class="2xx"\} [1-9]/m,
    /^switchboard_http_requests_total\{route="admin",status_class="2xx"\} [1-9]/m,
    /^switchboard_mcp_requests_total\{method="tools\/call",outcome="ok"\} 1$/m,
    /^switchboard_mcp_tool_calls_total\{tool="get_single_pinpoint_candidate_by_id",outcome="ok"\} 1$/m,
    /^switchboard_upstream_responses_total\{integration="pinpoint",status_class="2xx"\} 1$/m,
    /^switchboard_upstream_request_duration_seconds_count\{integration="pinpoint"\} 1$/m,
    /^switchboard_mcp_request_duration_seconds_bucket\{method="tools\/call",le="\+Inf"\} 1$/m,
    /^switchboard_token_cache_lookups_total\{result="hit"\} [1-9]/m,
    /^switchboard_invalidation_bus_up 1$/m,
  ]) assert.match(metrics, sample);
  assert.equal(metrics.includes(created.token), false, 'no MCP URL token in the metrics');
});

test('/ready names what is not reachable and answers 503 while shutting down; /health stays up', async () => {
  let draining = false;
  const deps = {
    store: { ping: async () => undefined },
    catalog: { list: () => [{}] },
    config: { integrationsDir: '/integrations' },
    logger: createLogger({ level: 'silent' }),
    probes: [{ name: 'redis', check: () => Promise.reject(new Error('ECONNREFUSED')) }],
    draining: () => draining,
  } as unknown as ApiDependencies;
  const app = healthRoutes(deps);
  const notReady = await app.request('/ready');
  assert.equal(notReady.status, 503);
  assert.deepEqual(await notReady.json(), { status: 'not_ready', problems: ['redis is not reachable'] });
  deps.probes = [];
  assert.equal((await app.request('/ready')).status, 200);
  draining = true;
  assert.deepEqual(await (await app.request('/ready')).json(), { status: 'not_ready', problems: ['shutting down'] });
  assert.equal((await app.request('/health')).status, 200);
});
