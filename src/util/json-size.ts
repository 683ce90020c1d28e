// JSON sizes measured only as far as needed: walking stops once a value has passed a limit, so the cost is in
// proportion to the limit, not to the value (an upstream decides how large its records are).
import { closeBrace, closeBracket, comma, openBrace, openBracket, quote, stringEnd } from './json-bytes.ts';

export class OverLimit extends Error {}
const overLimit = new OverLimit();

/** Counts JSON bytes and throws OverLimit once they pass the limit. Escapes (\", \n) are not counted. */
export class SizeTally {
  used = 0;
  readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
  }

  add(bytes: number): void {
    this.used += bytes;
    if (this.used > this.limit) throw overLimit;
  }

  string(text: string): void {
    this.add(Buffer.byteLength(text) + 2);
  }

  /** Brackets and commas of an array or object with `entries` members. */
  container(entries: number): void {
    this.add(2 + Math.max(0, entries - 1));
  }
}

/** The JSON size of `value`, measured until it passes `limit` (then limit + 1). */
export function jsonBytesWithin(value: unknown, limit: number): number {
  const tally = new SizeTally(limit);
  try {
    measure(value, tally);
    return tally.used;
  } catch (error) {
    if (error instanceof OverLimit) return limit + 1;
    throw error;
  }
}

function measure(value: unknown, tally: SizeTally): void {
  if (typeof value === 'string') return tally.string(value);
  if (Array.isArray(value)) {
    tally.container(value.length);
    for (const item of value) measure(item, tally);
    return;
  }
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    tally.container(keys.length);
    for (const key of keys) {
      tally.string(key);
      tally.add(1);
      measure((value as Record<string, unknown>)[key], tally);
    }
    return;
  }
  tally.add(String(value).length);
}

export interface ShapeLimits {
  depth: number;
  entries?: number;
  totalEntries?: number;
}

/**
 * What makes JSON text too costly to parse, found in one pass over its bytes: nesting deeper than `depth`, an object
 * or list with more than `entries` entries, or more than `totalEntries` in all (parsing 40,000 keys costs tens of
 * milliseconds of the event loop, in one object or spread over many). A list at the top level is a batch: each of its
 * messages has the total to itself, and the batch may hold up to `totalEntries` of them (its own, smaller limit is
 * checked once it is parsed, with a clearer answer).
 */
export function jsonTextShapeProblem(bytes: Uint8Array, limits: ShapeLimits): 'too_deep' | 'too_wide' | undefined {
  const maxCommas = (limits.entries ?? Infinity) - 1;
  const maxTotalCommas = (limits.totalEntries ?? Infinity) - 1;
  const commas = new Float64Array(limits.depth + 2);
  let total = 0;
  let depth = 0;
  let topIsBatch = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte === quote) {
      i = stringEnd(bytes, i);
      if (i === -1) return undefined;
    } else if (byte === openBracket || byte === openBrace) {
      if (++depth > limits.depth) return 'too_deep';
      if (depth === 1) topIsBatch = byte === openBracket;
      commas[depth] = 0;
    } else if (byte === closeBracket || byte === closeBrace) depth--;
    else if (byte === comma) {
      if (depth === 1 && topIsBatch) {
        // Between two messages of a batch: the total starts again for the next one.
        if (++commas[1]! > maxTotalCommas) return 'too_wide';
        total = 0;
      } else if (++total > maxTotalCommas || ++commas[depth]! > maxCommas) return 'too_wide';
    }
  }
  return undefined;
}
