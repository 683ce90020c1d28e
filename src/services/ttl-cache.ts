// A small in-memory cache whose entries live for a short, fixed time. Misses can be cached too (value undefined),
// so a flood of unknown tokens does not reach the database; the size bound keeps such a flood from growing memory.

interface Entry<V> {
  value: V;
  storedAt: number;
}

export class TtlCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly ttlMs: number | ((value: V) => number);
  private readonly maxEntries: number;
  private readonly now: () => number;

  /** ttlMs may depend on the value (e.g. misses shorter) and on the moment: it is read on every get. */
  constructor(options: { ttlMs: number | ((value: V) => number); maxEntries: number; now?: () => number }) {
    this.ttlMs = options.ttlMs;
    this.maxEntries = options.maxEntries;
    this.now = options.now ?? Date.now;
  }

  /** The cached entry (whose value may be undefined for a cached miss), or undefined when absent or stale. */
  get(key: string): { value: V } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.storedAt >= this.lifetime(entry.value)) {
      this.entries.delete(key);
      return undefined;
    }
    return { value: entry.value };
  }

  /** Stores the value unless its lifetime is zero (caching off), which would only churn memory until the next get. */
  set(key: string, value: V): void {
    this.entries.delete(key);
    if (this.lifetime(value) <= 0) return;
    this.entries.set(key, { value, storedAt: this.now() });
    // Maps iterate in insertion order, so the first key is the oldest entry.
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  private lifetime(value: V): number {
    return typeof this.ttlMs === 'number' ? this.ttlMs : this.ttlMs(value);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  deleteWhere(matches: (value: V) => boolean): void {
    for (const [key, entry] of this.entries) if (matches(entry.value)) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
