import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nestsDeeperThan, stringEnd } from '../../src/util/json-bytes.ts';

/** Where the string opened at 0 closes, by the JSON grammar: a backslash escapes the byte after it. */
function closingQuote(text: string): number {
  for (let at = 1; at < text.length; at++) {
    if (text[at] === '\\') at++;
    else if (text[at] === '"') return at;
  }
  return -1;
}

test('stringEnd finds the closing quote of short and long strings, past escaped quotes and backslashes, wherever they fall', () => {
  const pieces = ['a', 'bb', '\\"', '\\\\', '"', 'é', '\\u0022'];
  let seed = 7;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return (seed >>> 16) % n;
  };
  for (let round = 0; round < 5000; round++) {
    // Lengths around the 128 bytes walked before the quote is searched for.
    let text = '"' + 'x'.repeat(random(2) ? random(160) : 0);
    const count = random(30);
    for (let i = 0; i < count; i++) text += pieces[random(pieces.length)];
    const bytes = Buffer.from(text);
    assert.equal(stringEnd(bytes, 0), Buffer.byteLength(text.slice(0, Math.max(0, closingQuote(text)))) || -1, JSON.stringify(text));
  }
});

test('stringEnd: a quote after an escaped one far into a long string, and a string that never closes', () => {
  const long = `"${'y'.repeat(100)}\\"${'z'.repeat(100_000)}\\\\"tail`;
  assert.equal(stringEnd(Buffer.from(long), 0), long.length - 5);
  assert.equal(stringEnd(Buffer.from(`"${'y'.repeat(100_000)}`), 0), -1);
  assert.equal(stringEnd(Buffer.from(`"${'y'.repeat(100_000)}\\"`), 0), -1);
  assert.equal(stringEnd(Buffer.from('"ab'), 0), -1);
});

test('nestsDeeperThan does not count brackets inside long strings', () => {
  const text = JSON.stringify({ a: { b: `${'['.repeat(500)}"${'{'.repeat(500)}` } });
  assert.equal(nestsDeeperThan(Buffer.from(text), 2), false);
  assert.equal(nestsDeeperThan(Buffer.from(text), 1), true);
});
