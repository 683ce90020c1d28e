// The Proxy API: /proxy/:resource[/:id[/:method]]?integrated_account_id=… calls one method of an integration's
// resource with the account's credentials, through the same engine path as MCP tool calls. Query parameters
// (besides integrated_account_id) and the JSON body become the call's arguments; upstream rate-limit information
// is always passed on as headers, and nothing is retried.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { CallOutcome } from '../execution/types.ts';
import { z } from 'zod';
import { requireAccount, requireIntegration } from './account-lookup.ts';
import { ApiError } from './errors.ts';
import { ApiRoutes, type HttpMethod } from './operations.ts';
import type { ApiDependencies, ApiEnv } from './types.ts';
import { readJsonBody } from './validation.ts';

const accountParameter = 'integrated_account_id';
const verbs: HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete'];
const paths = ['/proxy/:resource', '/proxy/:resource/:id', '/proxy/:resource/:id/:method'];

const collectionMethods: Record<string, string> = { GET: 'list', POST: 'create' };
const recordMethods: Record<string, string> = { GET: 'get', PUT: 'update', PATCH: 'update', DELETE: 'delete' };

/** Every other query parameter is an argument of the call. */
const proxyQuery = z.looseObject({
  [accountParameter]: z.string({ error: 'is required (query parameter naming the integrated account to call)' })
    .describe('The integrated account to call. Every other query parameter is an argument of the call.'),
});

const params = {
  resource: 'A resource of the account\'s integration, e.g. jobs.',
  id: 'The record\'s id.',
  method: 'A custom method of the resource.',
};

export function proxyRoutes(deps: ApiDependencies): ApiRoutes {
  const routes = new ApiRoutes();
  for (const path of paths) {
    for (const verb of verbs) {
      routes.add({
        method: verb, path, tag: 'Proxy API', summary: proxySummary(verb, path), query: proxyQuery,
        params: Object.fromEntries(Object.entries(params).filter(([name]) => path.includes(`:${name}`))),
        ...(verb === 'get' || verb === 'delete' ? {} : { freeFormBody: 'Named arguments of the call, as the tool\'s input schema describes them.' }),
        responses: {
          200: 'The upstream answer: {result} (with next_cursor, result_count and the like for lists); rate-limit headers passed on',
          ...(verb === 'get' ? {} : { 201: 'The upstream created the record and said so: {result}' } as Record<number, string>),
          405: 'This verb does not apply here; the message says which does',
        },
      }, (c, { query }) => proxyCall(deps, c, query[accountParameter]));
    }
  }
  return routes;
}

function proxySummary(verb: HttpMethod, path: string): string {
  if (path.endsWith(':method')) return 'Call a custom method of a record';
  if (path.endsWith(':id')) return verb === 'get' ? 'Read a record' : verb === 'delete' ? 'Delete a record' : verb === 'post' ? 'Not supported: use /proxy/{resource}/{id}/{method}' : 'Update a record';
  return verb === 'get' ? 'List records' : verb === 'post' ? 'Create a record' : 'Not supported: use /proxy/{resource}/{id}';
}

async function proxyCall(deps: ApiDependencies, c: Context<ApiEnv>, accountId: string): Promise<Response> {
  const { resource, id, method: custom } = c.req.param() as { resource: string; id?: string; method?: string };
  const account = await requireAccount(deps.store, c.var.tenantId, accountId);
  const integration = requireIntegration(deps.catalog, account);

  const method = custom ?? (id === undefined ? collectionMethods : recordMethods)[c.req.method];
  if (method === undefined) {
    throw new ApiError(405, id === undefined
      ? `${c.req.method} /proxy/${resource} is not supported: use GET to list or POST to create, and /proxy/${resource}/{id} for one record.`
      : `${c.req.method} /proxy/${resource}/{id} is not supported: use GET, PUT, PATCH or DELETE, or POST /proxy/${resource}/{id}/{method} for a custom method.`);
  }
  const { resources } = integration.definition;
  const methods = Object.hasOwn(resources, resource) ? resources[resource]!.methods : {};
  const expectedVerb = custom && Object.hasOwn(methods, custom) ? methods[custom]!.http_method : undefined;
  if (expectedVerb && expectedVerb !== c.req.method) throw new ApiError(405, `${custom} of ${resource} is called with ${expectedVerb}.`);

  const outcome = await deps.engine.proxy({
    integration,
    resource,
    method,
    account: await deps.services.accounts.connect(account),
    arguments: { ...queryArguments(c), ...await bodyArguments(c), ...(id !== undefined ? { id } : {}) },
    signal: c.req.raw.signal,
  });
  return respond(c, outcome);
}

function queryArguments(c: Context): Record<string, unknown> {
  return Object.fromEntries(Object.entries(c.req.queries())
    .filter(([name]) => name !== accountParameter)
    .map(([name, values]) => [name, values.length === 1 ? values[0] : values]));
}

async function bodyArguments(c: Context): Promise<Record<string, unknown>> {
  if (c.req.method === 'GET' || c.req.method === 'DELETE') return {};
  const body = await readJsonBody(c);
  if (body === undefined) return {};
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError(400, 'The request body must be a JSON object of named arguments (an array body goes in its "body" property).');
  }
  return body as Record<string, unknown>;
}

function respond(c: Context, outcome: CallOutcome): Response {
  for (const [name, value] of Object.entries(outcome.rateLimit)) c.header(name, value);
  if (!outcome.ok) return c.json({ error: outcome.error }, outcome.error.status as ContentfulStatusCode);
  // A 204 from upstream cannot carry the JSON envelope, so it becomes 200.
  const status = (outcome.status === 204 ? 200 : outcome.status) as ContentfulStatusCode;
  if (outcome.shape === 'list') {
    const { result, next_cursor: nextCursor, result_count: count, total_count: total, scanned_count: scanned, scan_complete: scanComplete, notice } = outcome;
    return c.json({ result, next_cursor: nextCursor ?? null, result_count: count, total_count: total, scanned_count: scanned, scan_complete: scanComplete, notice }, status);
  }
  return c.json({ result: outcome.result }, status);
}
