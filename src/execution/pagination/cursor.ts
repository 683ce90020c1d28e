// An opaque token from the response fed back as a parameter: a cursor (nextCursor → cursor, possibly in the body)
// or an offset token (next → offset). The list ends when the token is missing or empty.
import { z } from 'zod';
import { readPath } from '../paths.ts';
import { commonPagination, sizeOnly, type PaginationKind } from './kind.ts';

const schema = z.strictObject({
  kind: z.literal('cursor'),
  cursor_param: z.string().min(1),
  next_cursor_path: z.string().describe('Dot path to the next cursor in the response body; empty or missing ends the list'),
  ...commonPagination,
});

export const cursorPagination: PaginationKind<z.output<typeof schema>> = {
  schema,
  managed: (p) => [p.cursor_param, p.size_param],
  request(p, position, size) {
    if ('index' in position) return sizeOnly(p, position, size);
    return { parameters: { [p.size_param]: size, [p.cursor_param]: position.token }, skip: position.skip };
  },
  next(p, _position, page) {
    const token = readPath(page.body, p.next_cursor_path);
    if (typeof token === 'number' && Number.isFinite(token)) return { token: String(token), skip: 0 };
    return typeof token === 'string' && token !== '' ? { token, skip: 0 } : undefined;
  },
};
