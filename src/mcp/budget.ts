// The result size budget: a tool result whose JSON is larger than the budget is shrunk until it fits, keeping it
// valid JSON of the same shape (so it still matches the tool's outputSchema): long strings are cut and marked,
// long arrays and objects keep their first entries. The engine already cuts list pages at a record boundary;
// this handles what is left: one record that alone is larger than the budget.

export interface Fitted {
  value: unknown;
  truncated: boolean;
  /** JSON size in bytes before shrinking. */
  bytes: number;
  /** The JSON of `value` when it fit untouched, so callers need not serialize it again. */
  json?: string;
}

export const truncationMark = '…[truncated]';

/**
 * Shrinks `value` until its JSON takes at most `budgetBytes` bytes. With keepTopLevelItems a top-level array keeps
 * all its items (records of a page: dropping one would lose it, since next_cursor resumes after the page).
 */
export function shrinkToBudget(value: unknown, budgetBytes: number, options: { keepTopLevelItems?: boolean } = {}): Fitted {
  const json = JSON.stringify(value) ?? 'null';
  const bytes = Buffer.byteLength(json);
  if (bytes <= budgetBytes) return { value, truncated: false, bytes, json };
  const attempt = (maxString: number, maxItems: number) => options.keepTopLevelItems && Array.isArray(value)
    ? value.map((item) => shrink(item, maxString, maxItems))
    : shrink(value, maxString, maxItems);
  // First shorten long strings only (ids, names and dates are short and stay whole), then also keep fewer entries
  // of lists and objects, and at last give up on content: converges at {} / [] with strings reduced to the mark.
  for (let maxString = Math.max(minString, Math.floor(budgetBytes / 2)); maxString >= minString; maxString = Math.floor(maxString / 2)) {
    const shrunk = attempt(maxString, Number.POSITIVE_INFINITY);
    if (jsonBytes(shrunk) <= budgetBytes) return { value: shrunk, truncated: true, bytes };
  }
  for (let maxItems = 64; maxItems >= 1; maxItems = Math.floor(maxItems / 2)) {
    const shrunk = attempt(minString, maxItems);
    if (jsonBytes(shrunk) <= budgetBytes) return { value: shrunk, truncated: true, bytes };
  }
  return { value: attempt(0, 0), truncated: true, bytes };
}

/** Strings up to this length (plus the mark's) are never cut before the last resort. */
const minString = 32;

export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? 'null');
}

function shrink(value: unknown, maxString: number, maxItems: number): unknown {
  if (typeof value === 'string') {
    return value.length > maxString + truncationMark.length ? `${value.slice(0, maxString)}${truncationMark}` : value;
  }
  if (Array.isArray(value)) return value.slice(0, maxItems).map((item) => shrink(item, maxString, maxItems));
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).slice(0, maxItems);
    return Object.fromEntries(entries.map(([key, child]) => [key, shrink(child, maxString, maxItems)]));
  }
  return value;
}

export function truncationNote(bytes: number, budgetBytes: number): string {
  return `This result was ${bytes} bytes of JSON, more than the ${budgetBytes}-byte budget of one tool result, so it was shortened: ` +
    `long text values end with "${truncationMark}" and long lists or objects keep only their first entries. ` +
    'Ask for less (a smaller limit, fewer fields, or one record by id) to see the rest.';
}
