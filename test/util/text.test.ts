import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boundedText } from '../../src/util/text.ts';

/** What boundedText promises, written the slow way: clean the whole text, then cut it. */
function cleanedThenCut(text: string, max: number): string {
  const clean = text.toWellFormed().replace(/[\u0000-\u001f\u007f]/g, '\uFFFD');
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`.toWellFormed();
}

test('stored text is well-formed, free of control characters and at most max characters, cut with an ellipsis', () => {
  assert.equal(boundedText('list_all_pinpoint_jobs', 200), 'list_all_pinpoint_jobs');
  assert.equal(boundedText('a\u0000b\nc', 200), 'a\uFFFDb\uFFFDc');
  assert.equal(boundedText('x'.repeat(10), 5), 'xxxx…');
  assert.equal(boundedText('abc\uD83D\uDE00def', 5), 'abc\uFFFD…', 'a surrogate pair cut in two does not leave half of it');
  assert.equal(boundedText('lone \uD800 surrogate', 200), 'lone \uFFFD surrogate');
  const alphabet = ['a', '\u0000', '\n', '\u007f', '\uD83D', '\uDE00', '😀', 'é', '…'];
  let seed = 7;
  const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
  for (let round = 0; round < 2_000; round++) {
    const text = Array.from({ length: Math.floor(random() * 30) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    const max = 1 + Math.floor(random() * 20);
    assert.equal(boundedText(text, max), cleanedThenCut(text, max), JSON.stringify({ text, max }));
  }
});
