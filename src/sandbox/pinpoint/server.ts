import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HttpProblem } from '../shared/http.ts';
import { startSandbox } from '../shared/server.ts';
import type { SandboxRuntime } from '../shared/server.ts';
import type { RunningSandbox, SandboxOptions, UnknownFilters } from '../shared/types.ts';
import { renderDocument, selectRows } from './document.ts';
import type { JsonApiDocument } from './document.ts';
import { createEndpoints } from './endpoints.ts';
import type { Endpoint } from './endpoints.ts';
import { JSON_API_MEDIA_TYPE, recordNotFound, renderError } from './errors.ts';
import { parseListQuery } from './query.ts';
import { readWriteDocument } from './request-document.ts';
import { createResources } from './resources/index.ts';
import { createPinpointState } from './seed.ts';
import type { PinpointState } from './state.ts';

export const PINPOINT_API_PREFIX = '/api/v1';
export const DEFAULT_PINPOINT_API_KEY = 'sandbox-pinpoint-key';

export interface PinpointSandboxOptions extends SandboxOptions {
  /** Keys that exist but whose API integration is switched off: 403 "Integration not enabled". */
  disabledApiKeys?: string[];
  /** A list filter the resource does not have; Pinpoint does not document what it does ('reject': a 400 naming the known ones). */
  unknownFilters?: UnknownFilters;
}

export type PinpointSandbox = RunningSandbox<PinpointState>;

/** Starts a local stand-in for Pinpoint's JSON:API (https://{subdomain}.pinpointhq.com/api/v1). */
export function startPinpointSandbox(options: PinpointSandboxOptions = {}): Promise<PinpointSandbox> {
  const disabledKeys = new Set(options.disabledApiKeys ?? []);
  const unknownFilters = options.unknownFilters ?? 'ignore';
  return startSandbox<PinpointState>(
    {
      apiPrefix: PINPOINT_API_PREFIX,
      defaultApiKey: DEFAULT_PINPOINT_API_KEY,
      createState: createPinpointState,
      install: (app, runtime) => installPinpoint(app, runtime, disabledKeys, unknownFilters),
    },
    options,
  );
}

function installPinpoint(app: Hono, { state, apiKeys, limiter }: SandboxRuntime<PinpointState>, disabledKeys: ReadonlySet<string>, unknownFilters: UnknownFilters): void {
  const registry = createResources(state);
  const endpoints = createEndpoints(state, registry);

  app.onError((error, c) => renderError(c, error));
  app.notFound((c) => renderError(c, new HttpProblem(404, `No route matches ${c.req.method} ${c.req.path}`)));

  app.use(`${PINPOINT_API_PREFIX}/*`, async (_c, next) => {
    const decision = limiter.take();
    if (decision && !decision.allowed) throw new HttpProblem(429, 'Rate limit exceeded', { 'Retry-After': String(decision.resetSeconds) });
    await next();
  });

  app.use(`${PINPOINT_API_PREFIX}/*`, async (c, next) => {
    const key = c.req.header('x-api-key');
    if (!key) throw new HttpProblem(401, 'X-API-KEY header not provided');
    if (disabledKeys.has(key)) throw new HttpProblem(403, 'Integration not enabled');
    if (!apiKeys.has(key)) throw new HttpProblem(401, 'Invalid API key');
    await next();
  });

  app.all(`${PINPOINT_API_PREFIX}/:resource/:id?`, async (c) => {
    const endpoint = endpoints.get(c.req.param('resource'));
    if (!endpoint) return c.notFound();
    const id = c.req.param('id');
    const query = parseListQuery(new URL(c.req.url).searchParams);
    const method = c.req.method;

    if (id === undefined) {
      if (method === 'GET') {
        const { rows, total } = selectRows(endpoint.resource, query, unknownFilters);
        const meta = query.statsTotal && endpoint.statsTotal !== false ? { stats: { total: { count: total } } } : {};
        return jsonApi(c, renderDocument(registry, endpoint.resource, rows, query, meta));
      }
      if (method === 'POST' && endpoint.create) {
        const document = await readWriteDocument(c, endpoint.writeTypes);
        return jsonApi(c, renderDocument(registry, endpoint.resource, endpoint.create(document), query), 201);
      }
      throw methodNotAllowed(endpoint, false, method);
    }

    const recordId = /^\d+$/.test(id) ? Number(id) : 0;
    if (method === 'GET') {
      const row = endpoint.resource.table.get(recordId);
      if (!row) throw recordNotFound();
      return jsonApi(c, renderDocument(registry, endpoint.resource, row, query));
    }
    if (method === 'PUT' && endpoint.update) {
      const document = await readWriteDocument(c, endpoint.writeTypes, id);
      const { row, sideposted } = endpoint.update(recordId, document);
      for (const name of sideposted) if (!query.include.has(name)) query.include.set(name, new Map());
      return jsonApi(c, renderDocument(registry, endpoint.resource, row, query));
    }
    if (method === 'DELETE' && endpoint.destroy) {
      endpoint.destroy(recordId);
      return c.body(JSON.stringify({ meta: null }), 200, { 'Content-Type': JSON_API_MEDIA_TYPE });
    }
    throw methodNotAllowed(endpoint, true, method);
  });
}

function jsonApi(c: Context, document: JsonApiDocument, status: ContentfulStatusCode = 200): Response {
  return c.body(JSON.stringify(document), status, { 'Content-Type': JSON_API_MEDIA_TYPE });
}

/** 405 with an Allow header listing what the path does answer. */
function methodNotAllowed(endpoint: Endpoint, member: boolean, method: string): HttpProblem {
  const optional = member ? [endpoint.update && 'PUT', endpoint.destroy && 'DELETE'] : [endpoint.create && 'POST'];
  const allow = ['GET', ...optional.filter((name): name is string => typeof name === 'string')];
  const hint = method === 'PATCH' && endpoint.update ? ' (updates use PUT with data.id)' : '';
  return new HttpProblem(405, `${method} is not allowed on this path${hint}; allowed: ${allow.join(', ')}`, { Allow: allow.join(', ') });
}
