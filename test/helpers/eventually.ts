// Waiting for something that happens asynchronously (a message crossing the bus, a stream closing), without making
// its speed part of the test: the guard only keeps a broken build from waiting forever. How long it took is returned
// for t.diagnostic; durations are judged by the benchmark (npm run bench), never by a test.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';

export const defaultGuardMs = 20_000;

/** Polls `check` until it holds; resolves with the milliseconds that took, fails once `guardMs` passed. */
export async function eventually(what: string, check: () => boolean | Promise<boolean>, guardMs = defaultGuardMs): Promise<number> {
  const started = performance.now();
  while (!await check()) {
    if (performance.now() - started > guardMs) assert.fail(`${what}: still not so after ${guardMs / 1000} s`);
    await sleep(5);
  }
  return performance.now() - started;
}
