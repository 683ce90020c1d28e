import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FixedWindowRateLimiter, rateLimitHeaders } from '../../src/sandbox/shared/rate-limiter.ts';

test('the fixed window refills when it ends and reports the seconds left and when it ends', () => {
  let now = 1_000_000;
  const limiter = new FixedWindowRateLimiter({ limit: 2, windowSeconds: 10 }, () => now);
  assert.deepEqual(limiter.take(), { allowed: true, limit: 2, remaining: 1, resetSeconds: 10, resetAt: 1_010_000 });
  now += 4_500;
  assert.deepEqual(limiter.take(), { allowed: true, limit: 2, remaining: 0, resetSeconds: 6, resetAt: 1_010_000 });
  assert.equal(limiter.take()?.allowed, false);
  now += 5_500;
  assert.deepEqual(limiter.take(), { allowed: true, limit: 2, remaining: 1, resetSeconds: 10, resetAt: 1_020_000 });
});

test('null settings or a limit of 0 disable limiting', () => {
  assert.equal(new FixedWindowRateLimiter(null).take(), null);
  assert.equal(new FixedWindowRateLimiter({ limit: 0, windowSeconds: 10 }).take(), null);
});

test('limit headers in either family, the reset as seconds to wait or as the epoch second; none without a style', () => {
  const decision = { allowed: true, limit: 100, remaining: 99, resetSeconds: 7, resetAt: 1_800_000_006_500 };
  assert.deepEqual(rateLimitHeaders(decision, { family: 'X-RateLimit', reset: 'seconds' }), {
    'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '99', 'X-RateLimit-Reset': '7',
  });
  assert.deepEqual(rateLimitHeaders(decision, { family: 'X-Rate-Limit', reset: 'epoch_seconds' }), {
    'X-Rate-Limit-Limit': '100', 'X-Rate-Limit-Remaining': '99', 'X-Rate-Limit-Reset': '1800000007',
  });
  assert.deepEqual(rateLimitHeaders(decision, undefined), {});
});
