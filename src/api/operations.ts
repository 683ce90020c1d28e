// Admin API routes declared once: an operation's zod schemas both validate its requests and describe it in the
// OpenAPI document (src/api/openapi.ts), so the document cannot drift from what the server accepts.
import { Hono, type Context, type Env } from 'hono';
import type { z } from 'zod';
import type { ApiEnv } from './types.ts';
import { parseJsonBody, parseQuery } from './validation.ts';

export const httpMethods = ['get', 'post', 'put', 'patch', 'delete'] as const;
export type HttpMethod = (typeof httpMethods)[number];

export interface Operation<Query extends z.ZodType | undefined = z.ZodType | undefined, Body extends z.ZodType | undefined = z.ZodType | undefined> {
  method: HttpMethod;
  /** Hono syntax: /integrated-account/:id. */
  path: string;
  /** Groups operations in the document: one per route module. */
  tag: string;
  summary: string;
  description?: string;
  /** Descriptions of the path's :placeholders. */
  params?: Record<string, string>;
  /** Parsed with parseQuery before the handler runs; a bad query is a 400 naming each field. */
  query?: Query;
  /** Parsed with parseJsonBody before the handler runs. */
  body?: Body;
  /**
   * A JSON object body the handler reads itself because its shape depends on data, not code (the Proxy API's
   * arguments, checked against the called tool's input schema): what it holds.
   */
  freeFormBody?: string;
  /** Status → what the answer carries. Errors share one shape ({error: {message, details?}}). */
  responses: Record<number, string>;
  /** Answered without an API token or session. */
  open?: boolean;
}

type Parsed<T> = T extends z.ZodType ? z.output<T> : undefined;
/** "/a/:id/b/:mcp_id" → "id" | "mcp_id". */
type ParamNames<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}` ? Name | ParamNames<`/${Rest}`>
  : Path extends `${string}:${infer Name}` ? Name : never;
interface Input<Path extends string, Query, Body> {
  params: Record<ParamNames<Path>, string>;
  query: Parsed<Query>;
  body: Parsed<Body>;
}
type Handler<E extends Env, Path extends string, Query, Body> = (c: Context<E>, input: Input<Path, Query, Body>) => Response | Promise<Response>;

/** A route module's operations and the Hono app that serves them, filled together by add(). */
export class ApiRoutes<E extends Env = ApiEnv> {
  readonly app = new Hono<E>();
  readonly operations: Operation[] = [];

  add<Path extends string, Query extends z.ZodType | undefined = undefined, Body extends z.ZodType | undefined = undefined>(
    operation: Operation<Query, Body> & { path: Path }, handler: Handler<E, Path, Query, Body>,
  ): this {
    this.operations.push(operation);
    this.app.on(operation.method.toUpperCase(), operation.path as string, async (c) => handler(c, {
      params: c.req.param() as Record<ParamNames<Path>, string>,
      query: (operation.query ? parseQuery(c, operation.query) : undefined) as Parsed<Query>,
      body: (operation.body ? await parseJsonBody(c, operation.body) : undefined) as Parsed<Body>,
    }));
    return this;
  }
}
