// Reading an upstream body: the text, or its JSON, checked for depth before it is parsed. A large body is read a
// slice per event-loop turn, so a hostile or merely big response cannot hold every other call up.
import { nestsDeeperThan } from '../util/json-bytes.ts';
import { ContainerScan, KeyTooLong, parseJsonInSlices, type ListWindow } from '../util/json-slices.ts';
import { turnTaker } from '../util/turns.ts';

/** The upstream's body could not be read as it said it was written; the message says why. */
export class InvalidBody extends Error {}

/** The call stopped waiting for the body before it was read. */
class BodyAbandoned extends Error {}

/** Bodies larger than this are read a slice at a time: a slice is about this much text and one turn's work. */
export const sliceBytes = 256 * 1024;

/** Deeper upstream JSON is refused: every later step walks records, and no real record nests this deep. */
const maxBodyDepth = 256;

/**
 * Wider upstream JSON is refused too: no API sends a list of a million entries, an object of 100,000 keys or a million
 * objects and lists in one answer (10 MB of them is 10 bytes each). Building them holds the event loop: an object of
 * a million keys takes 100 ms for one rehash, five million small lists bring 80 ms garbage-collector pauses.
 */
const maxBodyEntries = { list: 1_000_000, object: 100_000, containers: 1_000_000 };

/**
 * A body of at most `sliceBytes`, read at once: undefined when empty, the text when not JSON, the JSON otherwise.
 * Only its depth is checked first: text this short cannot reach the width limits.
 */
export function readBody(raw: Buffer, contentType: string | undefined, host: string): unknown {
  if (raw.length === 0) return undefined;
  if (!expectsJson(contentType)) return raw.toString('utf8');
  if (nestsDeeperThan(raw, maxBodyDepth)) return unreadable('too_deep', raw, contentType, host);
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return notJson(raw, contentType, host);
  }
}

/**
 * A large body, read as `readBody` reads one: its scan, each slice of its parse and its hand-over in turns of their
 * own. Once the call no longer wants it (`wanted` says no: it timed out or was cancelled), the reading stops at the
 * next turn and leaves the queue to the bodies still wanted. `records`: the only records of its list the call uses.
 */
export async function readBodyInTurns(raw: Buffer, contentType: string | undefined, host: string, wanted: () => boolean, records?: ListWindow): Promise<unknown> {
  const takeTurn = turnTaker('upstream');
  const nextTurn = async () => {
    await takeTurn();
    if (!wanted()) throw new BodyAbandoned();
  };
  const body = await readLargeBody(raw, contentType, host, nextTurn, records);
  await nextTurn();
  return body;
}

async function readLargeBody(raw: Buffer, contentType: string | undefined, host: string, nextTurn: () => Promise<void>, records: ListWindow | undefined): Promise<unknown> {
  if (!expectsJson(contentType)) return raw.toString('utf8');
  const scan = new ContainerScan(raw, scanLimits);
  do await nextTurn();
  while (!scan.scanOn(scanBytesPerTurn));
  if (scan.problem) return unreadable(scan.problem, raw, contentType, host);
  await nextTurn();
  try {
    return await parseJsonInSlices(raw, scan.large, { sliceBytes, nextTurn, maxKeyBytes: sliceBytes, ...(records ? { window: records } : {}) });
  } catch (error) {
    if (error instanceof KeyTooLong) throw new InvalidBody(`${host} sent JSON with ${error.message}, which no API record has`);
    if (!(error instanceof SyntaxError)) throw error;
    return notJson(raw, contentType, host);
  }
}

/** A scan (a tight loop over bytes that allocates nothing) goes about four times as far in a turn as a parse. */
const scanBytesPerTurn = 4 * sliceBytes;
const scanLimits = { depth: maxBodyDepth, largerThan: sliceBytes, entries: maxBodyEntries };

const expectsJson = (contentType: string | undefined) => !contentType || /[/+]json\b/i.test(contentType);

/** A body the scan found cannot be parsed: too deep or too wide (as JSON, even when it did not say so), or not JSON at all. */
function unreadable(problem: NonNullable<ContainerScan['problem']>, raw: Buffer, contentType: string | undefined, host: string): string {
  if (problem === 'too_deep') throw new InvalidBody(`${host} sent JSON nested deeper than ${maxBodyDepth} levels, which no API record is`);
  if (problem === 'too_wide') {
    const { list, object, containers } = maxBodyEntries;
    throw new InvalidBody(`${host} sent JSON with more than ${list.toLocaleString('en')} entries in a list, ${object.toLocaleString('en')} keys in an object or ${containers.toLocaleString('en')} objects and lists in all, which no API answer has`);
  }
  return notJson(raw, contentType, host);
}

/** No content type at all: JSON when it parses (some APIs forget the header), the text otherwise. */
function notJson(raw: Buffer, contentType: string | undefined, host: string): string {
  if (!contentType) return raw.toString('utf8');
  throw new InvalidBody(`${host} said it sent JSON but the body is not valid JSON`);
}
