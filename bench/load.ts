// The load generator: its own process, driving autocannon on request of the orchestrator. Latencies are recorded
// per response in microseconds (autocannon's own histogram keeps whole milliseconds, too coarse for a local hop).
import autocannon from 'autocannon';
import { failStart, serveParent, type Message } from './lib/proc.ts';

export interface LoadJob {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Several paths (same origin) taken in turn, for example one per MCP server token. */
  paths?: string[];
  connections: number;
  /** Stop after this many seconds, or after `amount` responses. */
  duration?: number;
  amount?: number;
  /** Substring every response body must contain; others count as mismatches. */
  expect?: string;
  /** Substrings no response body may contain. */
  reject?: string[];
  /** Record latencies (off for the soak). */
  latencies?: boolean;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
  /** Milliseconds, from per-response timings. */
  latency: { p50: number; p90: number; p99: number; mean: number; max: number; samples: number } | null;
}

async function run(job: LoadJob): Promise<LoadResult> {
  const samples: number[] = [];
  const started = performance.now();
  const { expect, reject } = job;
  const paths = job.paths;
  let next = 0;
  const instance = autocannon({
    url: job.url,
    connections: job.connections,
    pipelining: 1,
    timeout: 30,
    ...(job.amount !== undefined ? { amount: job.amount } : { duration: job.duration ?? 5 }),
    method: job.method ?? 'POST',
    ...(job.headers ? { headers: job.headers } : {}),
    ...(job.body !== undefined ? { body: job.body } : {}),
    ...(paths ? {
      requests: [{
        setupRequest: (request) => {
          request.path = paths[next]!;
          next = (next + 1) % paths.length;
          return request;
        },
      }],
    } : {}),
    ...(expect !== undefined || reject !== undefined ? {
      verifyBody: (body: string) => (expect === undefined || body.includes(expect)) && (reject === undefined || !reject.some((text) => body.includes(text))),
    } : {}),
    skipAggregateResult: true,
  });
  if (job.latencies !== false) {
    instance.on('response', (_client: unknown, _status: number, _bytes: number, milliseconds: number) => { samples.push(milliseconds); });
  }
  const result = await instance;
  const seconds = (performance.now() - started) / 1000;
  const requests = result['2xx'] + result.non2xx;
  return {
    requests,
    seconds,
    perSecond: requests / result.duration,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    mismatches: result.mismatches,
    latency: summarize(samples),
  };
}

function summarize(samples: number[]): LoadResult['latency'] {
  if (samples.length === 0) return null;
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  let sum = 0;
  for (const value of sorted) sum += value;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), mean: sum / sorted.length, max: sorted[sorted.length - 1]!, samples: sorted.length };
}

try {
  serveParent({ type: 'ready' }, () => {}, {
    run: async (message: Message) => ({ type: 'result', result: await run(message.job as LoadJob) }),
  });
} catch (error) {
  failStart(error);
}
