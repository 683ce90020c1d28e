// The pagination kinds a definition may use, and what every kind shares: resuming inside a page that was cut
// short, the has-more flag, the total count, and bounds on what upstream hands back. A new kind is one file in this
// folder and one line in `kinds`.
import type { z } from 'zod';
import { kindUnion } from '../kinds.ts';
import { readPath } from '../paths.ts';
import { cursorPagination } from './cursor.ts';
import type { PageRequest, PaginationKind, Position, ReceivedPage } from './kind.ts';
import { linkHeaderPagination } from './link-header.ts';
import { nextUrlPagination } from './next-url.ts';
import { offsetPagination } from './offset.ts';
import { pageNumberPagination } from './page-number.ts';

export type { PageRequest, Position, ReceivedPage } from './kind.ts';

const kinds = {
  page_number: pageNumberPagination,
  offset: offsetPagination,
  cursor: cursorPagination,
  link_header: linkHeaderPagination,
  next_url: nextUrlPagination,
};

export const paginationFormat = kindUnion(kinds);
export type PaginationDefinition = z.output<typeof paginationFormat>;

function kindOf(pagination: PaginationDefinition): PaginationKind<PaginationDefinition> {
  return kinds[pagination.kind] as PaginationKind<PaginationDefinition>;
}

/** Upstream page tokens (cursors, next URLs) longer than this are refused: they would ride in every next_cursor. */
export const maxUpstreamTokenLength = 4096;

export function managedParameters(pagination: PaginationDefinition): string[] {
  return kindOf(pagination).managed(pagination);
}

export function pageRequest(pagination: PaginationDefinition, position: Position, size: number): PageRequest {
  const request = kindOf(pagination).request(pagination, position, size);
  if ('index' in position && position.index === 0 && pagination.total) Object.assign(request.parameters, pagination.total.query);
  return request;
}

export type Continuation = { next?: Position; problem?: string };

/**
 * Where the next call starts after `returned` records of this page were handed out: inside this page when it was
 * cut short, else the page the kind points to, unless the has-more flag says this was the last one. Upstream's
 * tokens are hostile input: over-long ones are refused, and `checkUrl` (which throws to refuse) vets next-page URLs.
 */
export function continuation(
  pagination: PaginationDefinition, position: Position, request: PageRequest, page: ReceivedPage, returned: number, checkUrl: (url: string) => void,
): Continuation {
  const consumed = request.skip + returned;
  if (consumed < page.length) {
    return { next: 'index' in position ? { index: position.index + returned } : { token: position.token, skip: consumed } };
  }
  if (pagination.has_more_path !== undefined && readPath(page.body, pagination.has_more_path) !== true) return {};
  const kind = kindOf(pagination);
  const next = kind.next(pagination, position, page, returned);
  if (!next || !('token' in next)) return next ? { next } : {};
  if (next.token.length > maxUpstreamTokenLength) {
    return { problem: `The upstream's next-page token is longer than ${maxUpstreamTokenLength} characters, so the list stops here.` };
  }
  if (kind.tokensAreUrls) {
    try {
      checkUrl(next.token);
    } catch (error) {
      return { problem: `The list stops here: ${(error as Error).message}.` };
    }
  }
  return { next };
}

/** The total number of records, where the definition says upstream reports it. */
export function totalCount(pagination: PaginationDefinition, body: unknown): number | undefined {
  if (!pagination.total) return undefined;
  const value = readPath(body, pagination.total.path);
  const count = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof count === 'number' && Number.isSafeInteger(count) && count >= 0 ? count : undefined;
}
