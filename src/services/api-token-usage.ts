// When each API token was last used, without a database write per request: a token's use is written at most once
// per interval (a minute) per node, so last_used_at is right to about a minute. What this node remembers is the
// time of its last write per token, pruned once it passes maxTracked tokens.
import type { Store } from '../store/types.ts';

export const usageWriteIntervalMs = 60_000;
const maxTracked = 10_000;

export interface ApiTokenUsageOptions {
  store: Store;
  now: () => number;
  /** A failed write: the use is written with the next one after the interval. */
  onError: (error: unknown) => void;
  intervalMs?: number;
}

export class ApiTokenUsage {
  private readonly written = new Map<string, number>();
  private readonly options: ApiTokenUsageOptions;
  private readonly intervalMs: number;

  constructor(options: ApiTokenUsageOptions) {
    this.options = options;
    this.intervalMs = options.intervalMs ?? usageWriteIntervalMs;
  }

  record(tokenId: string): void {
    const now = this.options.now();
    const last = this.written.get(tokenId);
    if (last !== undefined && now - last < this.intervalMs) return;
    if (last === undefined && this.written.size >= maxTracked) this.prune(now);
    this.written.set(tokenId, now);
    this.options.store.touchApiToken(tokenId, new Date(now).toISOString()).catch((error: unknown) => {
      this.written.delete(tokenId);
      this.options.onError(error);
    });
  }

  /** Forgets tokens whose last write is past the interval (their next use is written anyway); else the oldest half. */
  private prune(now: number): void {
    for (const [tokenId, at] of this.written) if (now - at >= this.intervalMs) this.written.delete(tokenId);
    if (this.written.size < maxTracked) return;
    let drop = this.written.size / 2;
    for (const tokenId of this.written.keys()) {
      if (drop-- <= 0) break;
      this.written.delete(tokenId);
    }
  }
}
