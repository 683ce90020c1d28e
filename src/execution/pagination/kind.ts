// What a pagination kind does: ask upstream for one page, and tell where the next page starts.
import { z } from 'zod';

/**
 * Where a list continues: an absolute record index (page-number and offset paging, and the first page of the other
 * kinds), or an upstream token (a cursor or a next-page URL) plus how many records of that page were already returned.
 */
export type Position = { index: number } | { token: string; skip: number };

export interface PageRequest {
  /** Page parameters, added to the query or to the JSON body as the definition says. */
  parameters: Record<string, string | number>;
  /** A next-page URL from upstream, used instead of building one (it already holds every parameter). */
  url?: string;
  /** Records at the start of the page that an earlier call already returned. */
  skip: number;
}

export interface ReceivedPage {
  /** Records upstream sent on this page. */
  length: number;
  /** The page size asked for. */
  size: number;
  body: unknown;
  header(name: string): string | undefined;
}

export interface PaginationKind<S extends { kind: string }> {
  schema: z.ZodType<S, any>;
  /** Its tokens are next-page URLs from upstream, followed only under the account's base URL. */
  tokensAreUrls?: boolean;
  /** Upstream parameters the engine owns: list tools take limit and next_cursor instead. */
  managed(pagination: S): string[];
  request(pagination: S, position: Position, size: number): PageRequest;
  /** Where the page after this one starts, once every record of it was returned; undefined at the end. */
  next(pagination: S, position: Position, page: ReceivedPage, returned: number): Position | undefined;
}

/** Keys every kind takes. */
export const commonPagination = {
  size_param: z.string().min(1).describe('Parameter carrying the page size'),
  default_size: z.int().positive(),
  max_size: z.int().positive(),
  parameters_in: z.enum(['query', 'body']).default('query').describe('Where the page parameters go: the query, or the JSON body (APIs whose reads are POSTs)'),
  has_more_path: z.string().optional().describe('Dot path to a boolean that is false on the last page'),
  total: z.strictObject({
    path: z.string().describe('Dot path to the total number of records'),
    query: z.record(z.string(), z.string()).default({}).describe('Query parameters that ask upstream to report the total'),
  }).optional().describe('Where upstream reports how many records the whole list has, when it does so cheaply'),
};

/** The size parameter on a first page (or a page continued by index). */
export function sizeOnly(pagination: { size_param: string }, position: Position, size: number): PageRequest {
  return { parameters: { [pagination.size_param]: size }, skip: 'index' in position ? position.index : 0 };
}
