import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isBlank, parseJsonMessage } from '../../src/util/json-message.ts';

const limits = { depth: 8, entries: 100, totalEntries: 1000 };

test('a small message is checked and parsed; problems are named', async () => {
  assert.deepEqual(await parseJsonMessage(Buffer.from('{"a":[1,2]}'), limits), { ok: true, value: { a: [1, 2] } });
  assert.deepEqual(await parseJsonMessage(Buffer.from('['.repeat(9) + ']'.repeat(9)), limits), { ok: false, problem: 'too_deep' });
  assert.deepEqual(await parseJsonMessage(Buffer.from(JSON.stringify(Array.from({ length: 101 }, () => ({})))), limits), { ok: true, value: Array.from({ length: 101 }, () => ({})) });
  assert.deepEqual(await parseJsonMessage(Buffer.from(JSON.stringify({ a: Array.from({ length: 101 }, () => 1) })), limits), { ok: false, problem: 'too_wide' });
  assert.deepEqual(await parseJsonMessage(Buffer.from('{"a":'), limits), { ok: false, problem: 'not_json' });
});

test('a large message is checked and parsed in turns of its own: other callbacks run before it is done', async () => {
  const message = { jsonrpc: '2.0', id: 1, method: 'x'.repeat(900_000), params: {} };
  const order: string[] = [];
  const parsing = parseJsonMessage(Buffer.from(JSON.stringify(message)), limits).then((parsed) => {
    order.push('parsed');
    return parsed;
  });
  setImmediate(() => order.push('other I/O'));
  assert.deepEqual(await parsing, { ok: true, value: message });
  assert.deepEqual(order, ['other I/O', 'parsed']);
});

test('isBlank: empty and JSON white space only', () => {
  assert.equal(isBlank(Buffer.alloc(0)), true);
  assert.equal(isBlank(Buffer.from(' \r\n\t ')), true);
  assert.equal(isBlank(Buffer.from('  {}')), false);
});

test('a large message whose client went away while it waited is abandoned, not parsed', async () => {
  const body = Buffer.from(JSON.stringify({ name: 'x'.repeat(600_000) }));
  const gone = new AbortController();
  const parsing = parseJsonMessage(body, limits, gone.signal);
  gone.abort();
  assert.deepEqual(await parsing, { ok: false, problem: 'abandoned' });
  assert.deepEqual(await parseJsonMessage(body, limits, new AbortController().signal), { ok: true, value: { name: 'x'.repeat(600_000) } });
});
