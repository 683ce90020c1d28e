// Buckets MCP log entries over a time range for the chart, and summarises them. Pure (no DOM), unit-tested in Node.
export interface LogPoint {
  time: string;
  is_error: boolean;
  latency_ms: number;
}

export interface Bucket {
  start: number;
  end: number;
  calls: number;
  errors: number;
}

export const ranges = {
  '1h': { label: 'Last hour', span: 3_600_000, buckets: 12 },
  '24h': { label: 'Last 24 hours', span: 86_400_000, buckets: 24 },
  '7d': { label: 'Last 7 days', span: 7 * 86_400_000, buckets: 28 },
  '30d': { label: 'Last 30 days', span: 30 * 86_400_000, buckets: 30 },
} as const;

export type RangeId = keyof typeof ranges;

export function bucketize(entries: readonly LogPoint[], range: RangeId, now: number): Bucket[] {
  const { span, buckets: count } = ranges[range];
  const size = span / count;
  // Align bucket edges to whole bucket sizes so bars do not shift on every refresh.
  const end = Math.ceil(now / size) * size;
  const start = end - span;
  const buckets: Bucket[] = Array.from({ length: count }, (_, index) => ({ start: start + index * size, end: start + (index + 1) * size, calls: 0, errors: 0 }));
  for (const entry of entries) {
    const time = new Date(entry.time).getTime();
    if (Number.isNaN(time) || time < start || time >= end) continue;
    const bucket = buckets[Math.min(count - 1, Math.floor((time - start) / size))]!;
    bucket.calls++;
    if (entry.is_error) bucket.errors++;
  }
  return buckets;
}

export interface LogSummary {
  calls: number;
  errors: number;
  errorRate: number;
  p50: number | undefined;
  p95: number | undefined;
}

export function summarize(entries: readonly LogPoint[]): LogSummary {
  const latencies = entries.map((entry) => entry.latency_ms).filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  const errors = entries.filter((entry) => entry.is_error).length;
  const at = (q: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] : undefined);
  return { calls: entries.length, errors, errorRate: entries.length ? errors / entries.length : 0, p50: at(0.5), p95: at(0.95) };
}

/** A round axis maximum at or above `value`: 1, 2, 5, 10, 20, 50, … */
export function niceMax(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}
