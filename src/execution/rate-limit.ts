// Normalizes whatever rate-limit information upstream sends into one set of headers for the caller:
// ratelimit-limit / ratelimit-remaining / ratelimit-reset (seconds), the IETF draft's RateLimit-Policy and
// RateLimit structured fields, and Retry-After. Nothing is retried here: the caller decides how to back off.
import type { RateLimitDefinition } from '../definitions/format.ts';
import type { RateLimitHeaders } from './types.ts';

type HeaderReader = (name: string) => string | undefined;

export function normalizeRateLimit(rule: RateLimitDefinition, header: HeaderReader, status: number, now = Date.now()): RateLimitHeaders {
  const limit = integer(rule.limit_header ? header(rule.limit_header) : undefined) ?? rule.limit;
  let remaining = integer(rule.remaining_header ? header(rule.remaining_header) : undefined);
  let reset = rule.reset_header ? secondsUntil(header(rule.reset_header), rule.reset_format, now) : undefined;
  const retryAfter = secondsUntil(header(rule.retry_after_header), 'retry_after', now);
  if (status === 429) {
    remaining = 0;
    if (retryAfter !== undefined) reset = Math.max(reset ?? 0, retryAfter);
  }
  const headers: RateLimitHeaders = {};
  if (limit !== undefined) headers['ratelimit-limit'] = String(limit);
  if (remaining !== undefined) headers['ratelimit-remaining'] = String(remaining);
  if (reset !== undefined) headers['ratelimit-reset'] = String(reset);
  if (limit !== undefined) {
    // w is the window's length, which only the definition knows: the time left until reset is not it.
    headers['ratelimit-policy'] = `"default";q=${limit}${rule.window_seconds !== undefined ? `;w=${rule.window_seconds}` : ''}`;
  }
  if (remaining !== undefined || reset !== undefined) {
    headers.ratelimit = ['"default"', remaining !== undefined ? `r=${remaining}` : '', reset !== undefined ? `t=${reset}` : ''].filter(Boolean).join(';');
  }
  const wait = status === 429 ? retryAfter ?? reset : retryAfter;
  if (wait !== undefined) headers['retry-after'] = String(wait);
  return headers;
}

function integer(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d{1,15}(\.\d+)?\s*$/.test(value)) return undefined;
  return Math.floor(Number(value));
}

type ResetFormat = RateLimitDefinition['reset_format'] | 'retry_after';

/** No wait an upstream names is passed on as longer than a day: a bigger number is a broken or hostile header. */
export const maxWaitSeconds = 86_400;

/** Seconds from now until the moment a header names, whatever format it uses, at most maxWaitSeconds. */
function secondsUntil(value: string | undefined, format: ResetFormat, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const number = Number(value);
  const seconds = (() => {
    switch (format) {
      case 'seconds': return number;
      case 'epoch_seconds': return number - now / 1000;
      case 'epoch_milliseconds': return (number - now) / 1000;
      case 'http_date': return (Date.parse(value) - now) / 1000;
      case 'retry_after': return Number.isNaN(number) ? (Date.parse(value) - now) / 1000 : number;
    }
  })();
  return Number.isFinite(seconds) ? Math.min(maxWaitSeconds, Math.max(0, Math.ceil(seconds))) : undefined;
}
