// A minimal Prometheus registry: counters, histograms and callback gauges rendered in the text exposition format
// (version 0.0.4). Recording is a Map lookup and a few additions, cheap enough for every request. Callers only pass
// label values from fixed sets (tool names of a catalog, known methods); as a second line of defence each metric
// keeps at most maxSeries label combinations and values up to maxLabelChars, and counts anything past either under
// the value "_other", so no label value can grow memory or the scrape without bound.

const maxSeries = 1_000;
const maxLabelChars = 200;
const overflow = '_other';

export const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

interface Metric {
  render(): string;
}

abstract class Labelled<S> implements Metric {
  protected readonly name: string;
  private readonly help: string;
  private readonly type: string;
  protected readonly labelNames: readonly string[];
  protected readonly series = new Map<string, { labels: readonly string[]; state: S }>();

  constructor(name: string, help: string, type: string, labelNames: readonly string[]) {
    this.name = name;
    this.help = help;
    this.type = type;
    this.labelNames = labelNames;
  }

  protected abstract create(): S;
  protected abstract lines(labels: string, state: S): string[];

  protected state(values: readonly string[]): S {
    const key = values.join('\u0000');
    let entry = this.series.get(key);
    if (!entry) {
      const folded = values.map(() => overflow);
      const tooMany = this.series.size >= maxSeries || values.some((value) => value.length > maxLabelChars);
      if (tooMany && key !== folded.join('\u0000')) return this.state(folded);
      entry = { labels: values, state: this.create() };
      this.series.set(key, entry);
    }
    return entry.state;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} ${this.type}`];
    for (const { labels, state } of this.series.values()) {
      lines.push(...this.lines(labels.map((value, i) => `${this.labelNames[i]}="${escapeLabel(value)}"`).join(','), state));
    }
    return lines.join('\n');
  }
}

export class Counter extends Labelled<{ value: number }> {
  constructor(name: string, help: string, labelNames: readonly string[] = []) {
    super(name, help, 'counter', labelNames);
    if (labelNames.length === 0) this.state([]);
  }

  inc(values: readonly string[] = [], by = 1): void {
    this.state(values).value += by;
  }

  protected create() {
    return { value: 0 };
  }

  protected lines(labels: string, state: { value: number }): string[] {
    return [`${this.name}${labels ? `{${labels}}` : ''} ${state.value}`];
  }
}

interface HistogramState {
  /** Observations per bucket (not cumulative); the last slot is +Inf. */
  counts: number[];
  sum: number;
  count: number;
}

export class Histogram extends Labelled<HistogramState> {
  private readonly buckets: readonly number[];

  constructor(name: string, help: string, labelNames: readonly string[], buckets: readonly number[] = latencyBuckets) {
    super(name, help, 'histogram', labelNames);
    this.buckets = buckets;
  }

  observe(values: readonly string[], value: number): void {
    const state = this.state(values);
    let bucket = 0;
    while (bucket < this.buckets.length && value > this.buckets[bucket]!) bucket++;
    state.counts[bucket]!++;
    state.sum += value;
    state.count++;
  }

  protected create(): HistogramState {
    return { counts: new Array<number>(this.buckets.length + 1).fill(0), sum: 0, count: 0 };
  }

  protected lines(labels: string, state: HistogramState): string[] {
    const prefix = labels ? `${labels},` : '';
    const lines: string[] = [];
    let cumulative = 0;
    for (let i = 0; i <= this.buckets.length; i++) {
      cumulative += state.counts[i]!;
      lines.push(`${this.name}_bucket{${prefix}le="${i < this.buckets.length ? this.buckets[i] : '+Inf'}"} ${cumulative}`);
    }
    const braces = labels ? `{${labels}}` : '';
    lines.push(`${this.name}_sum${braces} ${state.sum}`, `${this.name}_count${braces} ${state.count}`);
    return lines;
  }
}

export class Gauge implements Metric {
  private readonly name: string;
  private readonly help: string;
  private readonly read: () => number;

  constructor(name: string, help: string, read: () => number) {
    this.name = name;
    this.help = help;
    this.read = read;
  }

  render(): string {
    return `# HELP ${this.name} ${this.help}\n# TYPE ${this.name} gauge\n${this.name} ${this.read()}`;
  }
}

export class Registry {
  private readonly metrics: Metric[] = [];

  add<M extends Metric>(metric: M): M {
    this.metrics.push(metric);
    return metric;
  }

  render(): string {
    return `${this.metrics.map((metric) => metric.render()).join('\n')}\n`;
  }
}

export const contentType = 'text/plain; version=0.0.4; charset=utf-8';

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
