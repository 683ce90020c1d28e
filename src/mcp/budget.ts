// The result size budget: a tool result whose JSON is larger than the budget is shrunk until it fits, keeping it
// valid JSON of the same shape (so it still matches the tool's outputSchema): long strings are cut and marked,
// long arrays and objects keep their first entries. The engine already cuts list pages at a record boundary;
// this handles what is left: one record that alone is larger than the budget.
//
// An upstream decides how large that record is (megabytes of relation stubs), so every step here costs in
// proportion to the budget, not to the record: sizes are measured only until they pass the budget, and each
// shrinking attempt stops as soon as its copy has grown past it.
import { jsonBytesWithin, OverLimit, SizeTally } from '../util/json-size.ts';

export interface Fitted {
  value: unknown;
  truncated: boolean;
  /** JSON size in bytes before shrinking; when truncated, only that it is over the budget (measuring stops there). */
  bytes: number;
  /** The JSON of `value` when it fit untouched, so callers need not serialize it again. */
  json?: string;
}

export const truncationMark = '…[truncated]';

/** Strings up to this length (plus the mark's) are never cut before the last resort. */
const minString = 32;

export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? 'null');
}

/**
 * Shrinks `value` until its JSON takes at most `budgetBytes` bytes. With keepTopLevelItems a top-level array keeps
 * all its items (records of a page: dropping one would lose it, since next_cursor resumes after the page).
 */
export function shrinkToBudget(value: unknown, budgetBytes: number, options: { keepTopLevelItems?: boolean } = {}): Fitted {
  const measured = jsonBytesWithin(value, budgetBytes);
  if (measured <= budgetBytes) {
    const json = JSON.stringify(value) ?? 'null';
    const bytes = Buffer.byteLength(json);
    if (bytes <= budgetBytes) return { value, truncated: false, bytes, json };
  }
  const bytes = budgetBytes + 1;
  const attempt = (maxString: number, maxItems: number): unknown => {
    const tally = new SizeTally(budgetBytes);
    try {
      const shrunk = options.keepTopLevelItems && Array.isArray(value)
        ? (tally.container(value.length), value.map((item) => shrink(item, maxString, maxItems, tally)))
        : shrink(value, maxString, maxItems, tally);
      // The tally does not count escapes: check the real size.
      return jsonBytes(shrunk) <= budgetBytes ? shrunk : undefined;
    } catch (error) {
      if (error instanceof OverLimit) return undefined;
      throw error;
    }
  };
  // First shorten long strings only (ids, names and dates are short and stay whole), then also keep fewer entries
  // of lists and objects, and at last give up on content: converges at {} / [] with strings reduced to the mark.
  for (let maxString = Math.max(minString, Math.floor(budgetBytes / 2)); maxString >= minString; maxString = Math.floor(maxString / 2)) {
    const shrunk = attempt(maxString, Number.POSITIVE_INFINITY);
    if (shrunk !== undefined) return { value: shrunk, truncated: true, bytes };
  }
  for (let maxItems = 64; maxItems >= 1; maxItems = Math.floor(maxItems / 2)) {
    const shrunk = attempt(minString, maxItems);
    if (shrunk !== undefined) return { value: shrunk, truncated: true, bytes };
  }
  const unbounded = new SizeTally(Number.POSITIVE_INFINITY);
  return {
    value: options.keepTopLevelItems && Array.isArray(value) ? value.map((item) => shrink(item, 0, 0, unbounded)) : shrink(value, 0, 0, unbounded),
    truncated: true,
    bytes,
  };
}

function shrink(value: unknown, maxString: number, maxItems: number, tally: SizeTally): unknown {
  if (typeof value === 'string') {
    const cut = value.length > maxString + truncationMark.length ? `${value.slice(0, maxString)}${truncationMark}` : value;
    tally.string(cut);
    return cut;
  }
  if (Array.isArray(value)) {
    const kept = value.slice(0, maxItems);
    tally.container(kept.length);
    return kept.map((item) => shrink(item, maxString, maxItems, tally));
  }
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).slice(0, maxItems);
    tally.container(keys.length);
    const copy: Record<string, unknown> = {};
    for (const key of keys) {
      tally.string(key);
      tally.add(1);
      copy[key] = shrink((value as Record<string, unknown>)[key], maxString, maxItems, tally);
    }
    return copy;
  }
  tally.add(String(value).length);
  return value;
}

export function truncationNote(budgetBytes: number): string {
  return `This result was more than the ${budgetBytes}-byte budget of one tool result, so it was shortened: ` +
    `long text values end with "${truncationMark}" and long lists or objects keep only their first entries. ` +
    'Ask for less (a smaller limit, fewer fields, or one record by id) to see the rest.';
}
