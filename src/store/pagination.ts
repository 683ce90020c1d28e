// Keyset pagination shared by every store backend: a page is "rows after this (sort key, id)", and the cursor
// carries that pair, opaque to clients. Unlike offsets, it stays correct while rows are added or deleted.
import type { Page, PageRequest } from './types.ts';

export const defaultPageSize = 50;
export const maxPageSize = 100;

export class InvalidCursorError extends Error {
  constructor() {
    super('cursor is not valid: pass back the next_cursor of the previous page exactly as received');
    this.name = 'InvalidCursorError';
  }
}

export interface Keyset {
  key: string;
  id: string;
}

export function pageSize(page: PageRequest): number {
  return Math.min(Math.max(Math.trunc(page.limit ?? defaultPageSize), 1), maxPageSize);
}

export function encodeCursor(keyset: Keyset): string {
  return Buffer.from(JSON.stringify([keyset.key, keyset.id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): Keyset | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string')) {
      return { key: value[0] as string, id: value[1] as string };
    }
  } catch {
    // fall through to the error below
  }
  throw new InvalidCursorError();
}

/** Cuts the extra row a backend fetched (limit + 1) and turns the last row kept into the next cursor. */
export function toPage<T>(rows: T[], limit: number, keysetOf: (row: T) => Keyset): { result: T[]; next_cursor: string | null } {
  const result = rows.slice(0, limit);
  const last = result.at(-1);
  return { result, next_cursor: rows.length > limit && last !== undefined ? encodeCursor(keysetOf(last)) : null };
}

/** Every row of a paged list, page after page (for small lists: the CLI, the demo set-up). */
export async function allPages<T>(list: (page: PageRequest) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await list({ limit: maxPageSize, cursor });
    all.push(...page.result);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return all;
}
