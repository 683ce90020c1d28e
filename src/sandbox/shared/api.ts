// A sandbox API from a table of routes. The kit answers everything around the handlers the same way for every
// sandbox: the rate limit (and the limit headers the API sends, if any), the key, the Accept header, body media
// types and JSON, 404 and 405, and turning every problem into the API's own error body. A sandbox supplies its
// routes, its key scheme, its wording, and the shape of its errors.
import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode, StatusCode } from 'hono/utils/http-status';
import { authenticate, type AuthSpec } from './auth.ts';
import { HttpProblem, isPlainObject, mediaTypeOf } from './http.ts';
import { rateLimitHeaders, type RateLimitHeaderStyle } from './rate-limiter.ts';
import type { SandboxRuntime } from './server.ts';

/** What a handler answers: JSON (`body`), or no body at all when `body` is undefined. */
export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface SandboxRequest {
  readonly method: string;
  /** The API key the request authenticated with. */
  readonly key: string;
  param(name: string): string;
  /** A numeric path parameter (write it `:name{[0-9]+}` in the pattern); `id` when no name is given. */
  id(name?: string): number;
  query(name: string): string | undefined;
  header(name: string): string | undefined;
  /** The JSON body, undefined when empty; another media type or malformed JSON is refused here. */
  body(): Promise<unknown>;
  /** The body as a JSON object: {} when empty; JSON that is not an object is refused. */
  object(): Promise<Record<string, unknown>>;
}

export type Handler = (request: SandboxRequest) => Reply | Promise<Reply>;

/** `'<METHOD> <path pattern>'` → handler. Patterns are Hono's (`/jobs/:job_id{[0-9]+}`), relative to the API prefix. */
export type RouteTable = Readonly<Record<string, Handler>>;

/** How the API words the problems the kit finds by itself; each has a plain default. */
export interface KitProblems {
  notFound(method: string, path: string): HttpProblem;
  methodNotAllowed(method: string, allowed: readonly string[]): HttpProblem;
  unsupportedMediaType(types: readonly string[]): HttpProblem;
  malformedJson(): HttpProblem;
  notAnObject(): HttpProblem;
  notAcceptable(accept: string): HttpProblem;
  /** `headers` (Retry-After and any limit headers) must go on the answer. */
  rateLimited(headers: Record<string, string>): HttpProblem;
  internal(): HttpProblem;
}

export interface ApiSpec {
  auth: AuthSpec;
  routes: RouteTable;
  /** A problem as the API's error body, and its status (APIs that answer errors with 200 say so here). */
  renderError(problem: HttpProblem): Reply;
  /** Media types a request body may have; application/json by default. A body without Content-Type is read as JSON. */
  bodyTypes?: readonly string[];
  /** Whether the API answers this Accept header; any by default. */
  accepts?(accept: string | undefined): boolean;
  /** Limit headers on every answer; without them only a 429 says anything (Retry-After). */
  rateLimitHeaders?: RateLimitHeaderStyle | undefined;
  /** Content-Type of answers; application/json by default. */
  responseType?: string;
  problems?: Partial<KitProblems>;
}

const defaultProblems: KitProblems = {
  notFound: (method, path) => new HttpProblem(404, `Route ${method} ${path} not found`),
  methodNotAllowed: (method, allowed) =>
    new HttpProblem(405, `${method} is not allowed on this path; allowed: ${allowed.join(', ')}`, { Allow: allowed.join(', ') }),
  unsupportedMediaType: (types) => new HttpProblem(415, `Content-Type must be ${types.join(' or ')}`),
  malformedJson: () => new HttpProblem(400, 'Request body is not valid JSON'),
  notAnObject: () => new HttpProblem(400, 'Request body must be a JSON object'),
  notAcceptable: (accept) => new HttpProblem(406, `Cannot answer in a media type of "${accept}"`),
  rateLimited: (headers) => new HttpProblem(429, 'Rate limit exceeded', headers),
  internal: () => new HttpProblem(500, 'Internal server error'),
};

/** Installs `spec` under `prefix` on an app that already logs requests. */
export function installApi(app: Hono, runtime: SandboxRuntime<unknown>, prefix: string, spec: ApiSpec): void {
  const problems = { ...defaultProblems, ...spec.problems };
  const responseType = spec.responseType ?? 'application/json';
  const bodyTypes = spec.bodyTypes ?? ['application/json'];
  const keys = new WeakMap<Request, string>();
  const render = (c: Context, problem: HttpProblem) => {
    const reply = spec.renderError(problem);
    return send(c, { ...reply, headers: { ...problem.headers, ...reply.headers } }, responseType);
  };

  app.onError((error, c) => {
    if (!(error instanceof HttpProblem)) console.error(`sandbox ${prefix}: unexpected error`, error);
    return render(c, error instanceof HttpProblem ? error : problems.internal());
  });
  app.notFound((c) => render(c, problems.notFound(c.req.method, c.req.path)));

  app.use(`${prefix}/*`, async (c, next) => {
    const decision = runtime.limiter.take();
    const headers = decision ? rateLimitHeaders(decision, spec.rateLimitHeaders) : {};
    if (decision && !decision.allowed) throw problems.rateLimited({ ...headers, 'Retry-After': String(decision.resetSeconds) });
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  });
  app.use(`${prefix}/*`, async (c, next) => {
    keys.set(c.req.raw, authenticate(spec.auth, { keys: runtime.apiKeys, disabled: runtime.disabledKeys }, (name) => c.req.header(name)));
    const accept = c.req.header('accept');
    if (spec.accepts && !spec.accepts(accept)) throw problems.notAcceptable(accept ?? '');
    await next();
  });

  for (const [path, handlers] of routesByPath(spec.routes)) {
    for (const [method, handler] of handlers) {
      app.on(method, `${prefix}${path}`, async (c) => {
        const request = sandboxRequest(c, keys.get(c.req.raw) ?? '', bodyTypes, problems);
        return send(c, await handler(request), responseType);
      });
    }
    const allowed = [...handlers.keys()];
    app.all(`${prefix}${path}`, (c) => {
      throw problems.methodNotAllowed(c.req.method, allowed);
    });
  }
}

function routesByPath(routes: RouteTable): Map<string, Map<string, Handler>> {
  const paths = new Map<string, Map<string, Handler>>();
  for (const [route, handler] of Object.entries(routes)) {
    const match = /^(GET|POST|PUT|PATCH|DELETE) (\/\S*)$/.exec(route);
    if (!match) throw new Error(`route "${route}" must read "<METHOD> /path"`);
    const [, method, path] = match as unknown as [string, string, string];
    const handlers = paths.get(path) ?? new Map<string, Handler>();
    handlers.set(method, handler);
    paths.set(path, handlers);
  }
  return paths;
}

function sandboxRequest(c: Context, key: string, bodyTypes: readonly string[], problems: KitProblems): SandboxRequest {
  let parsed: Promise<unknown> | undefined;
  const body = () => (parsed ??= (async () => {
    const text = await c.req.text();
    if (text.trim() === '') return undefined;
    const type = c.req.header('content-type');
    if (type !== undefined && !bodyTypes.includes(mediaTypeOf(type))) throw problems.unsupportedMediaType(bodyTypes);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw problems.malformedJson();
    }
  })());
  return {
    method: c.req.method,
    key,
    param: (name) => c.req.param(name) ?? '',
    id: (name = 'id') => Number(c.req.param(name)),
    query: (name) => c.req.query(name),
    header: (name) => c.req.header(name),
    body,
    object: async () => {
      const value = await body();
      if (value === undefined) return {};
      if (!isPlainObject(value)) throw problems.notAnObject();
      return value;
    },
  };
}

function send(c: Context, reply: Reply, responseType: string): Response {
  const status = reply.status ?? 200;
  if (reply.body === undefined) return c.body(null, status as StatusCode, reply.headers);
  return c.body(JSON.stringify(reply.body), status as ContentfulStatusCode, { 'Content-Type': responseType, ...reply.headers });
}
