import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FixedWindowRateLimiter } from '../../src/sandbox/shared/rate-limiter.ts';

test('the fixed window refills when it ends and reports the seconds left', () => {
  let now = 1_000_000;
  const limiter = new FixedWindowRateLimiter({ limit: 2, windowSeconds: 10 }, () => now);
  assert.deepEqual(limiter.take(), { allowed: true, limit: 2, remaining: 1, resetSeconds: 10 });
  now += 4_500;
  assert.deepEqual(limiter.take(), { allowed: true, limit: 2, remaining: 0, resetSeconds: 6 });
  assert.equal(limiter.take()?.allowed, false);
  now += 5_500;
  assert.deepEqual(limiter.take(), { allowed: true, limit: 2, remaining: 1, resetSeconds: 10 });
});

test('null settings or a limit of 0 disable limiting', () => {
  assert.equal(new FixedWindowRateLimiter(null).take(), null);
  assert.equal(new FixedWindowRateLimiter({ limit: 0, windowSeconds: 10 }).take(), null);
});
