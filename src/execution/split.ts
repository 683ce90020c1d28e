// Splits a tool's flat arguments back into path, query, body and headers, following the routes made at generation time.
import type { ArgumentRoute } from '../tools/types.ts';

export interface RequestParts {
  path: Record<string, string>;
  query: Record<string, unknown>;
  body: Record<string, unknown> | unknown[] | undefined;
  headers: Record<string, string>;
}

/** Arguments with no route (only possible for undocumented methods called through the Proxy API) go to `fallback`. */
export function splitArguments(routes: readonly ArgumentRoute[], args: Record<string, unknown>, fallback: 'query' | 'body'): RequestParts {
  const parts: RequestParts = { path: {}, query: {}, body: undefined, headers: {} };
  const routed = new Map(routes.map((route) => [route.argument, route]));
  for (const [argument, value] of Object.entries(args)) {
    if (value === undefined) continue;
    const route = routed.get(argument) ?? { argument, in: fallback, name: argument };
    switch (route.in) {
      case 'path': parts.path[route.name] = String(value); break;
      case 'query': parts.query[route.name] = value; break;
      case 'header': parts.headers[route.name] = String(value); break;
      case 'switchboard': break;
      case 'whole_body': parts.body = value as unknown[]; break;
      case 'body': parts.body = { ...(parts.body as Record<string, unknown> | undefined), [route.name]: value }; break;
    }
  }
  return parts;
}
