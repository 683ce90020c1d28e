import { test } from 'node:test';
import assert from 'node:assert/strict';
import { turnTaker } from '../../src/util/turns.ts';

/** Runs a job of `steps` turns in `lane`, noting each step under `name`. */
async function job(name: string, lane: 'requests' | 'upstream', steps: number, log: string[]): Promise<void> {
  const takeTurn = turnTaker(lane);
  for (let step = 1; step <= steps; step++) {
    await takeTurn();
    log.push(`${name}${step}`);
  }
}

test('in a lane the oldest job goes first: its steps are not interleaved with a later job', async () => {
  const log: string[] = [];
  await Promise.all([job('a', 'upstream', 3, log), job('b', 'upstream', 3, log)]);
  assert.deepEqual(log, ['a1', 'a2', 'a3', 'b1', 'b2', 'b3']);
});

test('the two lanes take turns: a request body does not wait for every slice of a large upstream body', async () => {
  const log: string[] = [];
  const upstream = job('u', 'upstream', 40, log);
  await new Promise((resolve) => setImmediate(resolve));
  await job('r', 'requests', 2, log);
  assert.ok(log.filter((step) => step.startsWith('u')).length <= 3, log.join(' '));
  await upstream;
  assert.equal(log.filter((step) => step.startsWith('u')).length, 40);
});

test('each step runs in an event-loop turn of its own, with other callbacks between', async () => {
  const log: string[] = [];
  const running = Promise.all([job('a', 'upstream', 2, log), job('r', 'requests', 2, log)]);
  setImmediate(() => log.push('io'));
  await running;
  // The first turn was asked for before the other callback was queued; the rest wait for later turns.
  assert.equal(log.indexOf('io'), 1, log.join(' '));
  assert.equal(log.length, 5);
});
