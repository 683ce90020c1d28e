import type { RateLimitSettings } from './types.ts';

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Whole seconds until the current window ends (at least 1). */
  resetSeconds: number;
}

/** Counts requests in fixed windows; `take()` answers null when limiting is disabled. */
export class FixedWindowRateLimiter {
  #settings: RateLimitSettings | null;
  #windowStartedAt = 0;
  #count = 0;
  readonly #now: () => number;

  constructor(settings: RateLimitSettings | null, now: () => number = Date.now) {
    this.#settings = settings;
    this.#now = now;
    this.reset();
  }

  configure(settings: RateLimitSettings | null): void {
    this.#settings = settings;
    this.reset();
  }

  reset(): void {
    this.#count = 0;
    this.#windowStartedAt = this.#now();
  }

  take(): RateLimitDecision | null {
    const settings = this.#settings;
    if (settings === null || settings.limit <= 0) return null;
    const windowMs = settings.windowSeconds * 1000;
    const now = this.#now();
    if (now - this.#windowStartedAt >= windowMs) {
      this.#windowStartedAt = now;
      this.#count = 0;
    }
    const allowed = this.#count < settings.limit;
    if (allowed) this.#count += 1;
    return {
      allowed,
      limit: settings.limit,
      remaining: settings.limit - this.#count,
      resetSeconds: Math.max(1, Math.ceil((this.#windowStartedAt + windowMs - now) / 1000)),
    };
  }
}
