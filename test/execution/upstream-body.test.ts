// How upstream bodies are read: small ones at once, large ones a slice per event-loop turn, one body after another,
// and a body nobody waits for any more is dropped from the queue.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidBody, readBody, readBodyInTurns, sliceBytes } from '../../src/execution/upstream-body.ts';
import { longest, recordingParses } from '../helpers/json-parses.ts';

const records = (tag: string, count: number) => JSON.stringify({ items: Array.from({ length: count }, (_, i) => ({ id: `${tag}${i}`, name: `${tag} record ${i}` })) });
const always = () => true;

test('small and large bodies read alike: JSON, text, and the errors that name the upstream', async () => {
  const large = Buffer.from(records('r', 20_000));
  assert.ok(large.length > sliceBytes);
  const small = Buffer.from(records('r', 10));
  assert.deepEqual(await readBodyInTurns(large, 'application/json', 'h', always), JSON.parse(large.toString()));
  assert.deepEqual(readBody(small, 'application/json; charset=utf-8', 'h'), JSON.parse(small.toString()));
  assert.equal(readBody(Buffer.alloc(0), 'application/json', 'h'), undefined);

  const broken = (body: Buffer) => Buffer.concat([body.subarray(0, body.length - 1), Buffer.from(',}')]);
  for (const body of [small, large]) {
    const read = (contentType: string | undefined) => (body.length > sliceBytes ? readBodyInTurns(broken(body), contentType, 'h', always) : Promise.resolve().then(() => readBody(broken(body), contentType, 'h')));
    await assert.rejects(read('application/vnd.api+json'), (error) => error instanceof InvalidBody && /h said it sent JSON but the body is not valid JSON/.test(error.message));
    assert.equal(typeof await read(undefined), 'string', 'no content type and not JSON: the text');
    assert.equal(typeof await read('text/html'), 'string');
  }

  const deep = (padding: number) => Buffer.from(`{"pad":"${'p'.repeat(padding)}","deep":${'['.repeat(300)}${']'.repeat(300)}}`);
  for (const contentType of ['application/json', undefined]) {
    assert.throws(() => readBody(deep(10), contentType, 'h'), /h sent JSON nested deeper than 256 levels/);
    await assert.rejects(readBodyInTurns(deep(sliceBytes), contentType, 'h', always), /h sent JSON nested deeper than 256 levels/);
  }
  const wideObject = Buffer.from(`{${Array.from({ length: 100_001 }, (_, i) => `"k${i}":0`).join(',')}}`);
  const tooWide = /h sent JSON with more than 1,000,000 entries in a list, 100,000 keys in an object or 1,000,000 objects and lists in all, which no API answer has/;
  await assert.rejects(readBodyInTurns(wideObject, 'application/json', 'h', always), tooWide);
  await readBodyInTurns(Buffer.from(`{${Array.from({ length: 100_000 }, (_, i) => `"k${i}":0`).join(',')}}`), 'application/json', 'h', always);
  await assert.rejects(readBodyInTurns(Buffer.from(`[${'0,'.repeat(1_000_000)}0]`), 'application/json', 'h', always), tooWide);
  await readBodyInTurns(Buffer.from(`[${'0,'.repeat(999_999)}0]`), 'application/json', 'h', always);
  await assert.rejects(readBodyInTurns(Buffer.from(`[${'[[]],'.repeat(500_000)}0]`), 'application/json', 'h', always), tooWide);
  await readBodyInTurns(Buffer.from(`[${'[[]],'.repeat(499_999)}0]`), 'application/json', 'h', always);
});

test('large bodies arriving together are read one after another, each a slice per turn', async () => {
  const first = Buffer.from(records('first', 20_000));
  const second = Buffer.from(records('second', 20_000));
  const { result, texts } = await recordingParses(() => Promise.all([
    readBodyInTurns(first, 'application/json', 'h', always),
    readBodyInTurns(second, 'application/json', 'h', always),
  ]));
  assert.deepEqual(result, [JSON.parse(first.toString()), JSON.parse(second.toString())]);
  const lastOfFirst = texts.findLastIndex((text) => text.includes('"first'));
  const firstOfSecond = texts.findIndex((text) => text.includes('"second'));
  assert.ok(lastOfFirst < firstOfSecond, `every slice of the first body (the last at ${lastOfFirst}) before the second's (its first at ${firstOfSecond})`);
  assert.ok(texts.length >= 2 * Math.floor(first.length / sliceBytes), `${texts.length} slices`);
  assert.ok(longest(texts) <= 2 * sliceBytes, 'no slice is much larger than a slice');
});

test('a body nobody waits for any more stops being read, and the bodies after it go on', async () => {
  const abandoned = Buffer.from(records('abandoned', 40_000));
  const wanted = Buffer.from(records('wanted', 20_000));
  let stillWanted = true;
  const { result, texts } = await recordingParses(async () => {
    const dropped = readBodyInTurns(abandoned, 'application/json', 'h', () => stillWanted);
    const next = readBodyInTurns(wanted, 'application/json', 'h', always);
    await new Promise((resolve) => setImmediate(resolve));
    stillWanted = false;
    await assert.rejects(dropped);
    return next;
  });
  assert.deepEqual(result, JSON.parse(wanted.toString()));
  const slicesOfAbandoned = texts.filter((text) => text.includes('"abandoned')).length;
  assert.ok(slicesOfAbandoned <= 2, `the abandoned body was read no further: ${slicesOfAbandoned} slices of ${Math.ceil(abandoned.length / sliceBytes)}`);
});
