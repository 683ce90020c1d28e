import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { RequestLogEntry } from './types.ts';

/**
 * Thrown by handlers and by the kit; each sandbox renders it in its own error format. `details` carries what that
 * format needs beyond a message (an error code, which of two error shapes to answer with).
 */
export class HttpProblem extends Error {
  readonly status: ContentfulStatusCode;
  readonly headers: Readonly<Record<string, string>>;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(status: ContentfulStatusCode, message: string, headers: Record<string, string> = {}, details: Record<string, unknown> = {}) {
    super(message);
    this.status = status;
    this.headers = headers;
    this.details = details;
  }
}

/**
 * Appends method, path, query and final status of every request to `log`; with `bodies`, the request body too
 * (parsed JSON, else the text): for RPC-style APIs whose requests differ only there.
 */
export function logRequests(log: RequestLogEntry[], options: { bodies?: boolean } = {}): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const url = new URL(c.req.url);
    const entry: RequestLogEntry = { method: c.req.method, path: url.pathname, query: url.search.slice(1), status: c.res.status };
    if (options.bodies) entry.body = parsedOrText(await c.req.text());
    log.push(entry);
  };
}

function parsedOrText(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** `application/vnd.api+json; charset=utf-8` → `application/vnd.api+json` */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The parsed JSON body, or undefined when the body is empty. Malformed JSON is a 400. */
export async function readJsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpProblem(400, 'Request body is not valid JSON');
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Throws `error`; lets lookups read as `table.get(id) ?? raise(notFound())`. */
export function raise(error: Error): never {
  throw error;
}
