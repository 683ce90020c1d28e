// ?offset=N&limit=S with a numeric offset. A short page ends the list.
import { z } from 'zod';
import { commonPagination, type PaginationKind } from './kind.ts';

const schema = z.strictObject({
  kind: z.literal('offset'),
  offset_param: z.string().min(1),
  ...commonPagination,
});

export const offsetPagination: PaginationKind<z.output<typeof schema>> = {
  schema,
  managed: (p) => [p.offset_param, p.size_param],
  request: (p, position, size) => ({ parameters: { [p.size_param]: size, [p.offset_param]: 'index' in position ? position.index : 0 }, skip: 0 }),
  next: (_p, position, page, returned) => (page.length < page.size || !('index' in position) ? undefined : { index: position.index + returned }),
};
