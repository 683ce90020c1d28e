import type { RateLimitSettings } from './types.ts';

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Whole seconds until the current window ends (at least 1). */
  resetSeconds: number;
  /** When the current window ends, in epoch milliseconds. */
  resetAt: number;
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
    const resetAt = this.#windowStartedAt + windowMs;
    return {
      allowed,
      limit: settings.limit,
      remaining: settings.limit - this.#count,
      resetSeconds: Math.max(1, Math.ceil((resetAt - now) / 1000)),
      resetAt,
    };
  }
}

/**
 * The limit headers an API sends, where it sends any: `X-RateLimit-Limit|Remaining|Reset` or
 * `X-Rate-Limit-Limit|Remaining|Reset`, the reset as seconds to wait or as the epoch second the window ends.
 */
export interface RateLimitHeaderStyle {
  family: 'X-RateLimit' | 'X-Rate-Limit';
  reset: 'seconds' | 'epoch_seconds';
}

/** The headers of `style` for one decision (none without a style). Retry-After is the 429's own business. */
export function rateLimitHeaders(decision: RateLimitDecision, style: RateLimitHeaderStyle | undefined): Record<string, string> {
  if (!style) return {};
  return {
    [`${style.family}-Limit`]: String(decision.limit),
    [`${style.family}-Remaining`]: String(decision.remaining),
    [`${style.family}-Reset`]: String(style.reset === 'seconds' ? decision.resetSeconds : Math.ceil(decision.resetAt / 1000)),
  };
}
