// A request's JSON body, checked for shape and then parsed. A large one (up to a megabyte of arguments, or of a
// hostile name) is checked and parsed in turns of its own: a few arriving together would otherwise be handled in one
// poll of the event loop and hold it for all of them.
import { isSpace } from './json-bytes.ts';
import { jsonTextShapeProblem, type ShapeLimits } from './json-size.ts';
import { turnTaker } from './turns.ts';

/** `abandoned`: the client went away before the body was parsed (most often while it waited for its turn); nobody is left to answer. */
export type ParsedMessage = { ok: true; value: unknown } | { ok: false; problem: 'too_deep' | 'too_wide' | 'not_json' | 'abandoned' };

/** Bodies up to this size are checked and parsed at once: under a millisecond's work. */
const parsedAtOnceBytes = 128 * 1024;

const abandoned: ParsedMessage = { ok: false, problem: 'abandoned' };

export async function parseJsonMessage(bytes: Buffer, limits: ShapeLimits, signal?: AbortSignal): Promise<ParsedMessage> {
  if (bytes.length <= parsedAtOnceBytes) return signal?.aborted ? abandoned : parseNow(bytes, limits);
  const takeTurn = turnTaker('requests');
  await takeTurn();
  if (signal?.aborted) return abandoned;
  const problem = jsonTextShapeProblem(bytes, limits);
  if (problem) return { ok: false, problem };
  await takeTurn();
  return signal?.aborted ? abandoned : parse(bytes);
}

function parseNow(bytes: Buffer, limits: ShapeLimits): ParsedMessage {
  const problem = jsonTextShapeProblem(bytes, limits);
  return problem ? { ok: false, problem } : parse(bytes);
}

function parse(bytes: Buffer): ParsedMessage {
  try {
    return { ok: true, value: JSON.parse(bytes.toString('utf8')) };
  } catch {
    return { ok: false, problem: 'not_json' };
  }
}

/** Whether the body is empty or only white space. */
export function isBlank(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (!isSpace(byte)) return false;
  return true;
}
