// `npm run bench:load`: a sustained, concurrent mix of tool calls (MCP tools/call and the Proxy API) against
// Switchboard running as its own process, through an upstream that answers most calls but also rate-limits (429),
// fails (500, 503), resets connections, stalls past the timeout, sends bad JSON, HTML or oversized bodies, and
// redirects. Every answer is checked against what that upstream behaviour must produce; the server's RSS and live
// heap are sampled throughout. It fails on any unexpected answer or when memory keeps growing.
//
//   node bench/fault-load.ts [--seconds=300] [--concurrency=64] [--json=path]
//
// test/security/load.test.ts runs a short version in CI.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { adminClient, callTool, percentile, type Answer } from '../test/helpers/gateway-client.ts';
import { startFaultUpstream, type Fault } from '../test/helpers/fault-upstream.ts';
import { Rng } from '../test/helpers/fuzz.ts';
import { startServerProcess } from '../test/helpers/server-process.ts';

export interface LoadOptions {
  seconds: number;
  concurrency: number;
  /** Upstream timeout of the server (stalled calls take this long). */
  upstreamTimeoutMs?: number;
  /** Memory is sampled this often (a full GC in the server each time). */
  sampleEveryMs?: number;
  seed?: number;
  progress?: (line: string) => void;
}

export interface MemorySample {
  seconds: number;
  calls: number;
  rss: number;
  heapUsed: number;
  /** Buffers and other memory held outside the V8 heap. */
  external: number;
}

export interface LoadReport {
  seconds: number;
  calls: number;
  callsPerSecond: number;
  /** Calls per upstream behaviour and interface, e.g. "mcp ratelimited". */
  mix: Record<string, number>;
  unexpected: number;
  unexpectedExamples: string[];
  latencyMs: { p50: number; p99: number; max: number };
  memory: MemorySample[];
  /** Live heap growth from the end of warm-up (the first quarter) to the end, and its trend over that span. */
  heapGrowthBytes: number;
  heapSlopeBytesPerMinute: number;
  rssGrowthBytes: number;
}

/** What the upstream does, how often, and what the caller must then see. */
interface Behaviour {
  fault: Fault;
  weight: number;
  /** A tool error text matching this, or null for a successful result. */
  tool: RegExp | null;
  /** The Proxy API error message, when it differs from the tool text (the wait is a field there, not prose). */
  proxy?: RegExp;
  /** The Proxy API status. */
  status: number;
}

const behaviours: Behaviour[] = [
  { fault: 'ok', weight: 62, tool: null, status: 200 },
  { fault: 'slow', weight: 6, tool: null, status: 200 },
  { fault: 'ratelimited', weight: 10, tool: /answered 429[\s\S]*wait 7 seconds/, proxy: /answered 429/, status: 429 },
  { fault: 'status503', weight: 3, tool: /answered 503/, status: 503 },
  { fault: 'status500', weight: 2, tool: /answered 500/, status: 500 },
  { fault: 'reset', weight: 3, tool: /broke before its response was complete/, status: 502 },
  { fault: 'badjson', weight: 2, tool: /not valid JSON/, status: 502 },
  { fault: 'html', weight: 2, tool: /text\/html instead of JSON/, status: 502 },
  { fault: 'huge', weight: 2, tool: /larger than 1024 KiB/, status: 502 },
  { fault: 'stall', weight: 3, tool: /did not finish its response within/, status: 504 },
  { fault: 'hang', weight: 2, tool: /did not answer within/, status: 504 },
  { fault: 'redirect', weight: 1, tool: /redirects are not followed/, status: 502 },
];
const totalWeight = behaviours.reduce((sum, behaviour) => sum + behaviour.weight, 0);

function pick(rng: Rng): Behaviour {
  let roll = rng.int(totalWeight);
  for (const behaviour of behaviours) {
    roll -= behaviour.weight;
    if (roll < 0) return behaviour;
  }
  return behaviours[0]!;
}

/** Least-squares slope of y over x. */
function slope(points: [number, number][]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((sum, [x]) => sum + x, 0) / n;
  const my = points.reduce((sum, [, y]) => sum + y, 0) / n;
  const num = points.reduce((sum, [x, y]) => sum + (x - mx) * (y - my), 0);
  const den = points.reduce((sum, [x]) => sum + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

export async function runFaultLoad(options: LoadOptions): Promise<LoadReport> {
  const upstreamTimeoutMs = options.upstreamTimeoutMs ?? 1000;
  const sampleEveryMs = options.sampleEveryMs ?? 5000;
  const log = options.progress ?? (() => {});
  const upstream = await startFaultUpstream({ hugeBytes: 4 * 1024 * 1024, slowMs: 100 });
  const server = await startServerProcess({
    env: {
      SWITCHBOARD_UPSTREAM_ALLOWLIST: upstream.origin,
      UPSTREAM_TIMEOUT_MS: String(upstreamTimeoutMs),
      UPSTREAM_MAX_RESPONSE_BYTES: String(1024 * 1024),
      // Every call goes to one account: the per-account queue would otherwise decide latencies, not the faults.
      SWITCHBOARD_ACCOUNT_CONCURRENCY: '64',
      LOG_LEVEL: 'warn',
    },
  });
  try {
    const admin = adminClient(server.url, server.tenants[0]!.token);
    const accountId = await admin.createAccount({ integration: 'acme', context: { subdomain: 'acme', base_url: upstream.url }, credentials: { api_key: 'load-key' } });
    const { url: mcpUrl } = await admin.createMcpServer(accountId);

    const mix: Record<string, number> = {};
    const unexpectedExamples: string[] = [];
    const latencies: number[] = [];
    let unexpected = 0;
    let calls = 0;

    const check = (behaviour: Behaviour, via: 'mcp' | 'proxy', answer: Answer & { isError?: boolean; toolText?: string }): string | undefined => {
      if (via === 'proxy') {
        if (answer.status !== behaviour.status) return `Proxy API ${answer.status} instead of ${behaviour.status}: ${answer.text.slice(0, 160)}`;
        const expected = behaviour.proxy ?? behaviour.tool;
        if (expected && !expected.test(answer.json?.error?.message ?? '') && !expected.test(JSON.stringify(answer.json?.error?.upstream_body ?? ''))) {
          return `Proxy API error text: ${answer.text.slice(0, 160)}`;
        }
        return undefined;
      }
      if (behaviour.tool === null) return answer.isError ? `tool error instead of a result: ${answer.toolText?.slice(0, 160)}` : undefined;
      if (!answer.isError) return 'a result instead of a tool error';
      return behaviour.tool.test(answer.toolText ?? '') ? undefined : `tool error text: ${answer.toolText?.slice(0, 160)}`;
    };

    const one = async (rng: Rng) => {
      const behaviour = pick(rng);
      const via = rng.chance(0.75) ? 'mcp' : 'proxy';
      let problem: string | undefined;
      let ms = 0;
      try {
        const answer = via === 'mcp'
          ? await callTool(mcpUrl, 'get_single_acme_widget_by_id', { id: behaviour.fault })
          : await admin.proxy(accountId, `widgets/${behaviour.fault}`);
        ms = answer.ms;
        problem = check(behaviour, via, answer);
        // No call may outlive the upstream timeout by much, whatever the upstream does.
        if (!problem && answer.ms > upstreamTimeoutMs + 2000) problem = `took ${Math.round(answer.ms)} ms`;
      } catch (error) {
        problem = `request failed: ${(error as Error).message}`;
      }
      calls++;
      mix[`${via} ${behaviour.fault}`] = (mix[`${via} ${behaviour.fault}`] ?? 0) + 1;
      if (behaviour.fault === 'ok' && ms > 0) latencies.push(ms);
      if (problem) {
        unexpected++;
        if (unexpectedExamples.length < 10) unexpectedExamples.push(`${via} ${behaviour.fault}: ${problem}`);
      }
    };

    const started = performance.now();
    const elapsed = () => (performance.now() - started) / 1000;
    const memory: MemorySample[] = [];
    const sample = async () => {
      const { rss, heapUsed, external } = await server.memory({ gc: true });
      memory.push({ seconds: elapsed(), calls, rss, heapUsed, external });
      log(`${elapsed().toFixed(0).padStart(4)} s  ${String(calls).padStart(8)} calls  ${unexpected} unexpected  RSS ${(rss / 2 ** 20).toFixed(1)} MiB  heap ${(heapUsed / 2 ** 20).toFixed(1)} MiB`);
    };
    await sample();
    const sampler = setInterval(() => void sample(), sampleEveryMs);
    const endAt = started + options.seconds * 1000;
    const seed = options.seed ?? 0x10ad;
    await Promise.all(Array.from({ length: options.concurrency }, async (_, worker) => {
      const rng = new Rng(seed + worker);
      while (performance.now() < endAt) await one(rng);
    }));
    clearInterval(sampler);
    await sample();

    const seconds = elapsed();
    const settled = memory.filter((point) => point.seconds >= seconds / 4);
    const first = settled[0] ?? memory[0]!;
    const last = memory[memory.length - 1]!;
    return {
      seconds,
      calls,
      callsPerSecond: calls / seconds,
      mix,
      unexpected,
      unexpectedExamples,
      latencyMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.reduce((most, value) => Math.max(most, value), 0) },
      memory,
      heapGrowthBytes: last.heapUsed - first.heapUsed,
      heapSlopeBytesPerMinute: slope(settled.map((point) => [point.seconds / 60, point.heapUsed])),
      rssGrowthBytes: last.rss - first.rss,
    };
  } finally {
    await server.dispose();
    await upstream.close();
  }
}

export function describeReport(report: LoadReport): string {
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  const first = report.memory[0]!;
  const last = report.memory[report.memory.length - 1]!;
  return [
    `${report.calls} calls in ${report.seconds.toFixed(0)} s (${report.callsPerSecond.toFixed(0)}/s), ${report.unexpected} unexpected`,
    `mix: ${Object.entries(report.mix).sort().map(([name, count]) => `${name} ${count}`).join(', ')}`,
    `successful calls: p50 ${report.latencyMs.p50.toFixed(1)} ms, p99 ${report.latencyMs.p99.toFixed(1)} ms, max ${report.latencyMs.max.toFixed(1)} ms`,
    `RSS ${mib(first.rss)} at start, ${mib(last.rss)} at the end (${mib(report.rssGrowthBytes)} after warm-up); ` +
      `live heap ${mib(first.heapUsed)} → ${mib(last.heapUsed)} (${mib(report.heapGrowthBytes)} after warm-up, trend ${mib(report.heapSlopeBytesPerMinute)}/min)`,
    ...report.unexpectedExamples.map((example) => `  unexpected: ${example}`),
  ].join('\n');
}

/** Memory counts as flat when the live heap after warm-up neither grew by more than 8 MiB nor trends up by 2 MiB/min. */
export function memoryIsFlat(report: LoadReport): boolean {
  return report.heapGrowthBytes < 8 * 2 ** 20 && report.heapSlopeBytesPerMinute < 2 * 2 ** 20;
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '300' }, concurrency: { type: 'string', default: '64' }, json: { type: 'string' } } });
  const report = await runFaultLoad({ seconds: Number(values.seconds), concurrency: Number(values.concurrency), progress: (line) => console.log(line) });
  console.log(`\n${describeReport(report)}`);
  if (values.json) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
  const ok = report.unexpected === 0 && memoryIsFlat(report);
  console.log(ok ? '\nPASS: no unexpected answer, flat memory' : '\nFAIL');
  process.exitCode = ok ? 0 : 1;
}
