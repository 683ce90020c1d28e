import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ContainerScan, KeyTooLong, parseJsonInSlices, type ScanLimits } from '../../src/util/json-slices.ts';
import { longest, recordingParses } from '../helpers/json-parses.ts';

/** The whole scan at once. */
function scanContainers(bytes: Uint8Array, limits: ScanLimits): ContainerScan {
  const scan = new ContainerScan(bytes, limits);
  scan.scanOn(bytes.length);
  return scan;
}

/** Parses `text` a slice at a time, counting turns, as the upstream reader does (the scan must find no problem). */
async function sliced(text: string, sliceBytes: number, maxKeyBytes?: number): Promise<{ value: unknown; turns: number }> {
  const bytes = Buffer.from(text);
  const scan = scanContainers(bytes, { depth: 256, largerThan: sliceBytes });
  if (scan.problem) throw new SyntaxError(`scan: ${scan.problem}`);
  let turns = 0;
  const value = await parseJsonInSlices(bytes, scan.large, { sliceBytes, maxKeyBytes, nextTurn: async () => { turns++; } });
  return { value, turns };
}

/** What JSON.parse makes of `text`, or the fact that it refuses it. */
function parsed(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

async function assertSameAsJsonParse(text: string, sliceBytes: number): Promise<void> {
  const expected = parsed(text);
  let actual: { ok: true; value: unknown } | { ok: false; error: unknown };
  try {
    actual = { ok: true, value: (await sliced(text, sliceBytes)).value };
  } catch (error) {
    actual = { ok: false, error };
  }
  if (!expected.ok) {
    assert.equal(actual.ok, false, `JSON.parse refuses ${JSON.stringify(text.slice(0, 200))}; so must the sliced parse`);
    assert.ok((actual as { error: unknown }).error instanceof SyntaxError, 'refused with a SyntaxError');
    return;
  }
  assert.equal(actual.ok, true, `JSON.parse reads ${JSON.stringify(text.slice(0, 200))}: ${actual.ok ? '' : String((actual as { error: unknown }).error)}`);
  const value = (actual as { value: unknown }).value;
  assert.deepStrictEqual(value, expected.value);
  // deepStrictEqual ignores key order; JSON.stringify shows it.
  assert.equal(JSON.stringify(value), JSON.stringify(expected.value));
}

test('documents whose containers are split read exactly as JSON.parse reads them', async () => {
  const documents = [
    '{"data":[{"id":"1","name":"a"},{"id":"2","name":"b"}],"meta":{"page":1}}',
    ' \n\t[ 1 , 2.5e3 ,-0, true,false , null, "x" , [ ] , { } ,[[[]]] ] \r\n',
    '{"escapes":["a\\"b,c]","\\\\",",{[","\\u005d\\u007d","\\/"],"unicode":"ünïcødé ✓ 😀","key with , and ]":1}',
    '{"a":1,"b":2,"a":3,"c":{"a":1},"b":[4]}',
    '{"__proto__":{"polluted":true},"constructor":1,"toString":2,"x":[{"__proto__":[1]}]}',
    '{"10":"ten","2":"two","b":"bee","1":"one","a":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20]}',
    `{"big":[${Array.from({ length: 200 }, (_, i) => `{"type":"people","id":"${i}"}`).join(',')}],"small":{}}`,
    `[${Array.from({ length: 50 }, (_, i) => `[${Array.from({ length: 20 }, (_, j) => i * j).join(',')}]`).join(' , ')}]`,
    `{"empty":[${' '.repeat(300)}],"emptier":{${'\n'.repeat(300)}},"text":"${'x'.repeat(500)}"}`,
    `{"nested":{"deeper":{"deepest":[${'{"k":"v"},'.repeat(100)}{"k":"last"}]}}}`,
  ];
  for (const text of documents) {
    for (const sliceBytes of [8, 32, 100, 1_000_000]) await assertSameAsJsonParse(text, sliceBytes);
  }
});

test('text JSON.parse refuses is refused, around and inside split containers', async () => {
  const broken = [
    '[1,,2]', '[1,2,]', '[,1]', '{"a":1,}', '{,"a":1}', '{"a" 1}', '{"a":}', '{"a":1 "b":2}', '[1 2]', '{"a"}',
    `[${'1,'.repeat(100)}]`, `{"a":[${'1,'.repeat(100)}1] "b":1}`, `{"a":[${'1,'.repeat(100)}1]:1}`, `{"a":[${'1,'.repeat(100)}1]"b":1}`,
    `[[${'1,'.repeat(100)}1][${'2,'.repeat(100)}2]]`, `[[${'1,'.repeat(100)}1],]`, `{"a" [${'1,'.repeat(100)}1]}`, `{[${'1,'.repeat(100)}1]}`,
    `{"a":1,[${'1,'.repeat(100)}1]}`, `[${'1,'.repeat(100)}1] x`, `x [${'1,'.repeat(100)}1]`, `[${'1,'.repeat(100)}1}`,
    `{${'"k":1,'.repeat(50)}"k":1]`, `[${'"a",'.repeat(60)}"unterminated]`, `\ufeff[${'1,'.repeat(100)}1]`, `[${'1,'.repeat(100)}01]`,
    `[${'1,'.repeat(100)}1]]`, `[[${'1,'.repeat(100)}1]`, `{"a":1,"b":"\\x"${',"c":1'.repeat(40)}}`,
    // Anything between a large member and the next comma, or before a large member in a list, is refused too.
    `[[${'1,'.repeat(100)}1] "x", 2]`, `[[${'1,'.repeat(100)}1] [1], 2]`, `[[${'1,'.repeat(100)}1] {"a":1}]`, `{"a":[${'1,'.repeat(100)}1] "b"}`,
    `[1 [${'1,'.repeat(100)}1]]`, `["s" [${'1,'.repeat(100)}1]]`, `[[1] [${'1,'.repeat(100)}1]]`, `[0, 1 [${'1,'.repeat(100)}1]]`,
    // A key followed by part of a number and then a large value: `"a":-` and `"a":1` are not keys.
    ...['-', '1', '0.', '1e', '1.5', '-1E+', '12', '"b"', 'true', '{}'].map((fragment) => `{"a":${fragment}[${'1,'.repeat(100)}1]}`),
    // An empty member before a large value, where a run was cut just before it.
    `{,"a":[${'1,'.repeat(100)}1]}`, `{ ,"a":[${'1,'.repeat(100)}1]}`, `{"a":[${'1,'.repeat(100)}1],,"b":[${'1,'.repeat(100)}1]}`,
    `{"a":[${'1,'.repeat(100)}1], ,"b":[${'1,'.repeat(100)}1]}`, `{"a":1,"c":2,,"b":[${'1,'.repeat(100)}1]}`, `[1,,[${'1,'.repeat(100)}1]]`,
    `{1:[${'1,'.repeat(100)}1]}`, `{"a"::[${'1,'.repeat(100)}1]}`, `{:[${'1,'.repeat(100)}1]}`, `{"a":1,:[${'1,'.repeat(100)}1]}`,
  ];
  for (const text of broken) {
    assert.equal(parsed(text).ok, false, `${text.slice(0, 60)} is not JSON`);
    for (const sliceBytes of [8, 32, 100]) await assertSameAsJsonParse(text, sliceBytes);
  }
});

/** A random JSON value of about `budget` nodes, and its text with random spaces between tokens. */
function randomDocument(random: () => number, budget: number): string {
  const space = () => ['', '', '', ' ', '\n', '\t ', '  \r\n'][Math.floor(random() * 7)]!;
  const strings = ['', 'a', 'id', 'na,me', 'q"uote', 'back\\slash', ']}', '[{', 'ü', '😀', '__proto__', '10', '0'];
  let left = budget;
  const value = (depth: number): string => {
    left--;
    const roll = random();
    if (depth > 6 || left <= 0 || roll < 0.35) {
      const scalars = [() => JSON.stringify(strings[Math.floor(random() * strings.length)]), () => String(Math.floor(random() * 1e6) / 100), () => 'true', () => 'null', () => '-1e-3'];
      return scalars[Math.floor(random() * scalars.length)]!();
    }
    const count = Math.floor(random() * (roll < 0.5 ? 40 : 6));
    const members = Array.from({ length: count }, () => roll < 0.7
      ? `${space()}${value(depth + 1)}${space()}`
      : `${space()}${JSON.stringify(strings[Math.floor(random() * strings.length)])}${space()}:${space()}${value(depth + 1)}${space()}`);
    return roll < 0.7 ? `[${members.join(',')}]` : `{${members.join(',')}}`;
  };
  return `${space()}${value(0)}${space()}`;
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

test('random documents, and the same documents with a byte changed, read exactly as JSON.parse reads them', async () => {
  const random = seeded(20_261_207);
  const tokens = [',', ']', '}', '[', '{', '"', ':', ' ', '\\', '1'];
  for (let round = 0; round < 300; round++) {
    const text = randomDocument(random, 400);
    const sliceBytes = [16, 64, 256][round % 3]!;
    await assertSameAsJsonParse(text, sliceBytes);
    const at = Math.floor(random() * text.length);
    const token = tokens[Math.floor(random() * tokens.length)]!;
    await assertSameAsJsonParse(text.slice(0, at) + text.slice(at + 1), sliceBytes);
    await assertSameAsJsonParse(text.slice(0, at) + token + text.slice(at), sliceBytes);
    await assertSameAsJsonParse(text.slice(0, at) + token + text.slice(at + 1), sliceBytes);
    assertScanInStretchesAgrees(text.slice(0, at) + token + text.slice(at), sliceBytes);
  }
});

/** A scan taken a few bytes at a time (as a large body's is, a turn each) finds what one pass finds. */
function assertScanInStretchesAgrees(text: string, largerThan: number): void {
  const bytes = Buffer.from(text);
  const whole = scanContainers(bytes, { depth: 5, largerThan });
  const stretched = new ContainerScan(bytes, { depth: 5, largerThan });
  let stretches = 0;
  while (!stretched.scanOn(7)) stretches++;
  assert.ok(stretches >= Math.floor(bytes.length / 7) - 1 || whole.problem !== undefined, 'the scan stopped before the end');
  assert.equal(stretched.problem, whole.problem);
  assert.deepEqual([...stretched.large], [...whole.large]);
}

test('a large body is parsed a slice at a time: no JSON.parse call takes more than about two slices of text', async () => {
  const hub = JSON.stringify({
    data: Array.from({ length: 2_000 }, (_, i) => ({ type: 'teams', id: String(i), relationships: { lead: { data: { type: 'people', id: 'hub' } } } })),
    included: [{ type: 'people', id: 'hub', relationships: { friends: { data: Array.from({ length: 40_000 }, (_, i) => ({ type: 'people', id: String(i) })) } } }],
  });
  const sliceBytes = 64 * 1024;
  const { result, texts } = await recordingParses(() => sliced(hub, sliceBytes));
  assert.ok(hub.length > 1_000_000, `a body of ${hub.length} bytes`);
  assert.deepStrictEqual(result.value, JSON.parse(hub));
  assert.ok(longest(texts) <= 2 * sliceBytes + 100, `the longest text one JSON.parse call took: ${longest(texts)} characters`);
  assert.ok(result.turns >= Math.floor(hub.length / sliceBytes) - 1, `${result.turns} turns for ${hub.length} bytes`);
});

test('a large string is parsed a piece at a time, never cutting an escape or a character, and reads as JSON.parse reads it', async () => {
  const units = ['\\"', '\\\\', '\\n', '\\u00e9', '\\ud83d\\ude00', 'é', '😀', 'a', '\\/', '\\u0000'];
  const mixed = Array.from({ length: 3_000 }, (_, i) => units[(i * 7) % units.length]).join('');
  for (const text of [...units.map((unit) => `"${unit.repeat(400)}"`), `"${mixed}"`, `["${mixed}", {"k": "${mixed}"}, "${mixed}"]`]) {
    for (const sliceBytes of [5, 7, 64, 1_000]) await assertSameAsJsonParse(text, sliceBytes);
  }
  for (const broken of [`"${'a'.repeat(300)}\u0001${'a'.repeat(300)}"`, `"${'a'.repeat(300)}\\x${'a'.repeat(300)}"`,
    `["${'a'.repeat(300)}\\u12"]`, `["${'a'.repeat(300)}\\u12", 1]`, `{"k": "${'é'.repeat(300)}" "x"}`, `["${'a'.repeat(300)}" "b"]`]) {
    assert.equal(parsed(broken).ok, false, broken.slice(-20));
    for (const sliceBytes of [5, 7, 64]) await assertSameAsJsonParse(broken, sliceBytes);
  }

  const sliceBytes = 16 * 1024;
  const long = JSON.stringify({ cv: 'é\n😀"'.repeat(200_000) });
  const { result, texts } = await recordingParses(() => sliced(long, sliceBytes));
  assert.equal((result.value as { cv: string }).cv, JSON.parse(long).cv);
  assert.ok(longest(texts) <= sliceBytes + 10, `the longest text one JSON.parse call took: ${longest(texts)} characters`);
});

test('an object key over maxKeyBytes is refused; a shorter one, larger than a slice, reads as JSON.parse reads it', async () => {
  const value = `[${'1,'.repeat(1_000)}1]`;
  const text = `{"${'k'.repeat(60_000)}": ${value}, "${'k'.repeat(60_000)}": 2}`;
  assert.deepStrictEqual((await sliced(text, 1_024, 60_002)).value, JSON.parse(text));
  await assert.rejects(sliced(text, 1_024, 60_001), KeyTooLong);
  await assert.rejects(sliced(`{"a": ${value}, "${'k'.repeat(70_000)}": 1}`, 1_024, 65_536), KeyTooLong);
});

test('a window on a large list: its entries are parsed, the others counted (holes), everything else as JSON.parse reads it', async () => {
  const record = (i: number) => ({ type: 'people', id: String(i), attributes: { name: `person ${i}`, tags: ['a', 'b'] } });
  const documents: [string, string[]][] = [
    [JSON.stringify({ data: Array.from({ length: 3_000 }, (_, i) => record(i)), included: [record(-1)], meta: { is_last: false } }), ['data']],
    [JSON.stringify(Array.from({ length: 3_000 }, (_, i) => record(i))), []],
    [JSON.stringify({ a: [{ items: Array.from({ length: 3_000 }, (_, i) => [i, `x${i}`, { i }]) }, 'b'] }), ['a', '0', 'items']],
    [` { "data" : [ ${Array.from({ length: 3_000 }, (_, i) => JSON.stringify(record(i))).join(' ,\n ')} ] } `, ['data']],
  ];
  const at = (value: unknown, path: string[]) => path.reduce((current, key) => (current as Record<string, unknown>)[key], value);
  for (const [text, path] of documents) {
    const whole = JSON.parse(text);
    const list = at(whole, path) as unknown[];
    for (const [start, end] of [[0, 1], [0, 100], [1_000, 1_010], [2_990, 3_000], [2_999, 5_000], [3_000, 3_100], [5_000, 5_100], [0, 3_000]] as const) {
      for (const sliceBytes of [512, 4_096]) {
        const bytes = Buffer.from(text);
        const scan = scanContainers(bytes, { depth: 64, largerThan: sliceBytes });
        const { result: value, texts } = await recordingParses(() => parseJsonInSlices(bytes, scan.large, { sliceBytes, nextTurn: async () => {}, window: { path, start, end } }));
        const parsedText = texts.reduce((sum, source) => sum + source.length, 0);
        const windowed = at(value, path) as unknown[];
        const label = `${path.join('.')} [${start}, ${end}) slice ${sliceBytes}`;
        assert.equal(windowed.length, list.length, `${label}: the list keeps its length`);
        for (let i = 0; i < list.length; i++) {
          if (i >= start && i < end) assert.deepStrictEqual(windowed[i], list[i], `${label}: entry ${i}`);
          else assert.equal(i in windowed, false, `${label}: entry ${i} is a hole`);
        }
        // Outside the list, the document is JSON.parse's.
        const listJson = JSON.stringify(windowed);
        assert.equal(JSON.stringify(value).replace(listJson, 'LIST'), JSON.stringify(whole).replace(JSON.stringify(list), 'LIST'), label);
        const wantedBytes = JSON.stringify(list.slice(start, end)).length;
        assert.ok(parsedText <= wantedBytes + (text.length - JSON.stringify(list).length) + 3 * sliceBytes, `${label}: parsed ${parsedText} characters`);
      }
    }
  }
  // What is outside the window is walked, not parsed: an empty entry is still refused, a wrong one is not looked at.
  const entries = Array.from({ length: 200 }, (_, i) => String(i));
  const windowOn = (text: string) => {
    const bytes = Buffer.from(text);
    return parseJsonInSlices(bytes, scanContainers(bytes, { depth: 8, largerThan: 64 }).large, { sliceBytes: 64, nextTurn: async () => {}, window: { path: [], start: 0, end: 10 } });
  };
  await assert.rejects(windowOn(`[${entries.join(',')},,1]`), SyntaxError);
  // A list whose one entry is large keeps it (and its length) whether the window takes it or not.
  for (const [text, path] of [[`{"data":[{"id":1,"blob":"${'z'.repeat(300)}"}]}`, ['data']], [`["${'z'.repeat(300)}"]`, []]] as const) {
    for (const [start, expected] of [[0, JSON.parse(text)], [1, undefined]] as const) {
      const bytes = Buffer.from(text);
      const value = await parseJsonInSlices(bytes, scanContainers(bytes, { depth: 8, largerThan: 64 }).large, { sliceBytes: 64, nextTurn: async () => {}, window: { path, start, end: start + 10 } });
      const list = path.length > 0 ? (value as { data: unknown[] }).data : value as unknown[];
      assert.equal(list.length, 1, `${text.slice(0, 20)} window from ${start}`);
      if (expected) assert.deepStrictEqual(value, expected);
      else assert.equal(0 in list, false);
    }
  }
  assert.equal(((await windowOn(`[${entries.join(',')}, 1 2]`)) as unknown[]).length, 201);
});

test('walking text that is not parsed (spaces, a long number) takes turns too', async () => {
  const sliceBytes = 16 * 1024;
  for (const text of [`[${' '.repeat(2_000_000)}1]`, `[${' '.repeat(1_000_000)}[${' '.repeat(1_000_000)}]]`, `{"n":[1,${'9'.repeat(1_000_000)}], "m": [${' '.repeat(1_000_000)}]}`]) {
    const { value, turns } = await sliced(text, sliceBytes);
    assert.deepStrictEqual(value, JSON.parse(text));
    assert.ok(turns >= Math.floor(text.length / (4 * sliceBytes)) - 2, `${turns} turns for ${text.length} bytes`);
  }
});

test('the scan finds nesting too deep and brackets that do not balance, without parsing', () => {
  const scan = (text: string) => scanContainers(Buffer.from(text), { depth: 4, largerThan: 10 }).problem;
  assert.equal(scan('[[[["x"]]]]'), undefined);
  assert.equal(scan('[[[[["x"]]]]]'), 'too_deep');
  assert.equal(scan('[[["]]]"]]]'), undefined, 'brackets inside strings do not count');
  assert.equal(scan('[1]]'), 'unbalanced');
  assert.equal(scan('[[1]'), 'unbalanced');
  assert.equal(scan('["open'), 'unbalanced');
  assert.deepEqual([...scanContainers(Buffer.from('{"a":[1,2,3,4,5,6,7,8],"b":[1]}'), { depth: 4, largerThan: 10 }).large], [[5, 21], [0, 30]]);
  const wide = (text: string) => scanContainers(Buffer.from(text), { depth: 4, largerThan: 10, entries: { list: 3, object: 2, containers: 5 } }).problem;
  assert.equal(wide('[1,2,3]'), undefined);
  assert.equal(wide('[1,2,3,4]'), 'too_wide');
  assert.equal(wide('{"a":1,"b":2}'), undefined);
  assert.equal(wide('{"a":1,"b":2,"c":3}'), 'too_wide');
  assert.equal(wide('[{"a":1,"b":2},{"a":[1,2,3]},3]'), undefined, 'each container counts its own entries');
  assert.equal(wide('["a,b,c,d", {"k,l,m": 1}]'), undefined, 'commas in strings do not count');
  assert.equal(wide('[[[{}],{}]]'), undefined);
  assert.equal(wide('[[[{}],{}],[]]'), 'too_wide', 'six lists and objects in all');
});
