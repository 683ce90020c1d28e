// Paging helpers. Every style a sandboxed API uses comes down to a window of rows from a start index, plus the way
// the API points at the next window: a page number (start = (page - 1) × size), an offset (start itself), an
// opaque cursor or token (`encodeCursor`), a Link header (`linkHeader`) or a full next URL in the body (`urlWith`).

export interface Window<T> {
  items: T[];
  /** Index of the first row after this window; undefined when it reached the end. */
  next: number | undefined;
  total: number;
}

export function windowOf<T>(rows: readonly T[], start: number, size: number): Window<T> {
  const end = start + size;
  return { items: rows.slice(start, end), next: end < rows.length ? end : undefined, total: rows.length };
}

export interface SizeRule {
  fallback: number;
  max: number;
  /** What a size above `max` gets: `max` (capped silently) or refused. */
  overMax: 'cap' | 'reject';
}

/** A page size sent as a query string or a JSON number: the size to use, or undefined when the API refuses it. */
export function pageSize(raw: unknown, rule: SizeRule): number | undefined {
  if (raw === undefined || raw === null || raw === '') return rule.fallback;
  const size = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : raw;
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 1) return undefined;
  if (size <= rule.max) return size;
  return rule.overMax === 'cap' ? rule.max : undefined;
}

/** An opaque cursor for position `index` of the list `scope`: a cursor of one list means nothing to another. */
export function encodeCursor(scope: string, index: number): string {
  return Buffer.from(`${scope}:${index}`).toString('base64url');
}

/** The position a cursor of `scope` stands for, or undefined when it is not one. */
export function decodeCursor(scope: string, cursor: unknown): number | undefined {
  if (typeof cursor !== 'string' || !/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return undefined;
  const match = /^(.*):(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match && match[1] === scope ? Number(match[2]) : undefined;
}

/** An RFC 8288 Link header: `<url>; rel="next", <url>; rel="last"`. */
export function linkHeader(links: Readonly<Record<string, string | undefined>>): string | undefined {
  const parts = Object.entries(links).filter(([, url]) => url !== undefined).map(([rel, url]) => `<${url}>; rel="${rel}"`);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/** `url` with `parameters` set in its query (undefined ones removed): next-page links and next URLs in bodies. */
export function urlWith(url: string | URL, parameters: Readonly<Record<string, string | number | undefined>>): string {
  const next = new URL(url);
  for (const [name, value] of Object.entries(parameters)) {
    if (value === undefined) next.searchParams.delete(name);
    else next.searchParams.set(name, String(value));
  }
  return next.toString();
}
