// RFC 8288 Link: <…>; rel="next". Later pages follow the link as given (some APIs accept only their cursor there).
import { z } from 'zod';
import { commonPagination, sizeOnly, type PaginationKind } from './kind.ts';

const schema = z.strictObject({
  kind: z.literal('link_header'),
  ...commonPagination,
});

export const linkHeaderPagination: PaginationKind<z.output<typeof schema>> = {
  schema,
  tokensAreUrls: true,
  managed: (p) => [p.size_param],
  request: (p, position, size) => ('index' in position ? sizeOnly(p, position, size) : { parameters: {}, url: position.token, skip: position.skip }),
  next(_p, _position, page) {
    const header = page.header('link');
    const next = header ? nextLink(header) : undefined;
    return next ? { token: next, skip: 0 } : undefined;
  },
};

/** The rel="next" target of an RFC 8288 Link header. */
export function nextLink(header: string): string | undefined {
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (match && /;\s*rel="?([^";]*\s)?next(\s[^";]*)?"?/i.test(match[2]!)) return match[1];
  }
  return undefined;
}
