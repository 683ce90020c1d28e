// A full next-page URL in the response body: a paging.next field, JSON:API's links.next.
import { z } from 'zod';
import { readPath } from '../paths.ts';
import { commonPagination, sizeOnly, type PaginationKind } from './kind.ts';

const schema = z.strictObject({
  kind: z.literal('next_url'),
  next_url_path: z.string().describe('Dot path to the next page URL in the response body; empty or missing ends the list'),
  ...commonPagination,
});

export const nextUrlPagination: PaginationKind<z.output<typeof schema>> = {
  schema,
  tokensAreUrls: true,
  managed: (p) => [p.size_param],
  request: (p, position, size) => ('index' in position ? sizeOnly(p, position, size) : { parameters: {}, url: position.token, skip: position.skip }),
  next(p, _position, page) {
    const url = readPath(page.body, p.next_url_path);
    return typeof url === 'string' && url !== '' ? { token: url, skip: 0 } : undefined;
  },
};
