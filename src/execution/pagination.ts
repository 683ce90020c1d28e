// Pagination kinds (page number, offset, cursor, link header): how to ask upstream for a page, and where the
// next page starts after a response.
import type { Pagination } from '../definitions/format.ts';
import type { CursorState } from './cursor.ts';
import { readPath } from './paths.ts';

export interface PageRequest {
  /** Query parameters to add (page number, offset or upstream cursor, and the size). */
  query: Record<string, string>;
  /** A full next-page URL from a Link header, used instead of building one. */
  url?: string;
  /** Records at the start of the page that an earlier call already returned. */
  skip: number;
}

export function pageRequest(pagination: Pagination, position: CursorState['position'], size: number): PageRequest {
  const sizeQuery = { [pagination.size_param]: String(size) };
  if ('index' in position) {
    if (pagination.kind === 'offset') return { query: { ...sizeQuery, [pagination.offset_param]: String(position.index) }, skip: 0 };
    if (pagination.kind === 'page_number') {
      const page = Math.floor(position.index / size) + pagination.first_page;
      return { query: { ...sizeQuery, [pagination.page_param]: String(page) }, skip: position.index % size };
    }
    // Cursor and link kinds only have an index on their first page, after a cut by the size budget.
    return { query: sizeQuery, skip: position.index };
  }
  if (pagination.kind === 'cursor') return { query: { ...sizeQuery, [pagination.cursor_param]: position.token }, skip: position.skip };
  return { query: {}, url: position.token, skip: position.skip };
}

/**
 * Where the next call starts after `returned` records of this page were handed out, or undefined at the end.
 * `pageLength` is how many records upstream sent on the page.
 */
export function nextPosition(
  pagination: Pagination, current: CursorState['position'], request: PageRequest,
  page: { length: number; returned: number; body: unknown; linkHeader: string | undefined; size: number },
): CursorState['position'] | undefined {
  const consumed = request.skip + page.returned;
  if (consumed < page.length) {
    return 'index' in current ? { index: current.index + page.returned } : { token: current.token, skip: consumed };
  }
  switch (pagination.kind) {
    case 'page_number': {
      const isLast = pagination.last_page_path ? readPath(page.body, pagination.last_page_path) === true : page.length < page.size;
      return isLast || page.length === 0 || !('index' in current) ? undefined : { index: current.index + page.returned };
    }
    case 'offset':
      return page.length < page.size || !('index' in current) ? undefined : { index: current.index + page.returned };
    case 'cursor': {
      const token = readPath(page.body, pagination.next_cursor_path);
      return typeof token === 'string' && token !== '' ? { token, skip: 0 } : undefined;
    }
    case 'link_header': {
      const next = page.linkHeader ? nextLink(page.linkHeader) : undefined;
      return next ? { token: next, skip: 0 } : undefined;
    }
  }
}

/** The rel="next" target of an RFC 8288 Link header. */
export function nextLink(header: string): string | undefined {
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (match && /;\s*rel="?([^";]*\s)?next(\s[^";]*)?"?/i.test(match[2]!)) return match[1];
  }
  return undefined;
}
