import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TtlCache } from '../../src/services/ttl-cache.ts';

const kept = <V>(cache: TtlCache<V>) => {
  const values: V[] = [];
  cache.deleteWhere((value) => (values.push(value), false));
  return values;
};

test('entries live for their lifetime, then are gone', () => {
  let now = 0;
  const cache = new TtlCache<string>({ ttlMs: 100, maxEntries: 10, now: () => now });
  cache.set('a', 'A');
  now = 99;
  assert.deepEqual(cache.get('a'), { value: 'A' });
  now = 100;
  assert.equal(cache.get('a'), undefined);
  assert.deepEqual(kept(cache), []);
});

test('a zero lifetime keeps nothing, so caching off holds no memory', () => {
  const off = new TtlCache<string>({ ttlMs: 0, maxEntries: 10 });
  for (const key of ['a', 'b', 'c']) off.set(key, key);
  assert.deepEqual(kept(off), []);
  // A lifetime that depends on the value: misses (undefined) are not kept, found values are.
  const hitsOnly = new TtlCache<string | undefined>({ ttlMs: (value) => (value === undefined ? 0 : 1000), maxEntries: 10 });
  hitsOnly.set('miss', undefined);
  hitsOnly.set('hit', 'H');
  assert.deepEqual(kept(hitsOnly), ['H']);
  assert.equal(hitsOnly.get('miss'), undefined);
});

test('the oldest entries make room once maxEntries is reached', () => {
  const cache = new TtlCache<number>({ ttlMs: 1000, maxEntries: 2 });
  cache.set('a', 1);
  cache.set('b', 2);
  cache.set('a', 3);
  cache.set('c', 4);
  assert.deepEqual(kept(cache), [3, 4]);
});
