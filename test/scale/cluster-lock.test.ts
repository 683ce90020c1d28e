// The PostgreSQL renewal lock between nodes (src/cluster/locks.ts): a node waiting for a key another node holds
// keeps no lock connection while it waits (its other keys go ahead), takes the key once it is free, and gives up at
// its deadline with LockTimeout rather than waiting for ever.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PostgresLock } from '../../src/cluster/locks.ts';
import { LockTimeout } from '../../src/cluster/types.ts';
import { PostgresStore } from '../../src/store/postgres.ts';
import { createTestDatabase } from '../helpers/shared-infra.ts';

/** Work that runs until released, and says when it started. */
function heldWork() {
  let release!: () => void;
  let started!: () => void;
  const released = new Promise<void>((resolve) => { release = resolve; });
  const running = new Promise<void>((resolve) => { started = resolve; });
  return { release, running, work: async () => { started(); await released; return 'first'; } };
}

test('PostgreSQL lock: a node waiting for a key held elsewhere keeps no connection, gets the key when it is free, and gives up at its deadline', async (t) => {
  const store = new PostgresStore(await createTestDatabase(t), { poolSize: 1 });
  t.after(() => store.close());
  const nodeA = new PostgresLock(store);
  const nodeB = new PostgresLock(store, { connections: 1, waitMs: 60_000 });
  const impatient = new PostgresLock(store, { connections: 1, waitMs: 300 });
  t.after(() => Promise.all([nodeA.close(), nodeB.close(), impatient.close()]));

  const first = heldWork();
  const holder = nodeA.run('upstream-token:a', first.work);
  await first.running;
  const waiter = nodeB.run('upstream-token:a', async () => 'second');
  assert.equal(await nodeB.run('upstream-token:b', async () => 'other account'), 'other account', 'its one connection is free while it waits');
  await assert.rejects(impatient.run('upstream-token:a', async () => 'never'), (error: unknown) => error instanceof LockTimeout && /waited 0.3 s for the lock: this key stayed busy/.test(error.message));
  first.release();
  assert.deepEqual(await Promise.all([holder, waiter]), ['first', 'second']);
});
