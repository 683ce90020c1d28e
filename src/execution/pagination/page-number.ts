// ?page=N&per_page=S. A list ends at a short page, or where last_page_path says so.
import { z } from 'zod';
import { readPath } from '../paths.ts';
import { commonPagination, type PaginationKind } from './kind.ts';

const schema = z.strictObject({
  kind: z.literal('page_number'),
  page_param: z.string().min(1),
  first_page: z.int().nonnegative().default(1),
  last_page_path: z.string().optional().describe('Dot path to a boolean that is true on the last page; without it a short page ends the list'),
  ...commonPagination,
});

export const pageNumberPagination: PaginationKind<z.output<typeof schema>> = {
  schema,
  managed: (p) => [p.page_param, p.size_param],
  request(p, position, size) {
    const index = 'index' in position ? position.index : 0;
    return { parameters: { [p.size_param]: size, [p.page_param]: Math.floor(index / size) + p.first_page }, skip: index % size };
  },
  next(p, position, page, returned) {
    const isLast = p.last_page_path ? readPath(page.body, p.last_page_path) === true : page.length < page.size;
    return isLast || page.length === 0 || !('index' in position) ? undefined : { index: position.index + returned };
  },
};
