// Where a call is executed, top to bottom: validate the flat arguments, split them into path, query and body,
// work out the page, build the upstream request with the account's credentials, send it once (never retried),
// then map the response into records, or the failure into an error an agent can act on.
import type { Definition } from '../definitions/format.ts';
import type { Integration } from '../tools/catalog.ts';
import type { Tool } from '../tools/types.ts';
import { CursorError, decodeCursor, encodeCursor, type CursorState } from './cursor.ts';
import { flattenDocument } from './jsonapi.ts';
import { nextPosition, pageRequest, type PageRequest } from './pagination.ts';
import { passthroughTool } from './passthrough.ts';
import { readPath } from './paths.ts';
import { normalizeRateLimit } from './rate-limit.ts';
import { buildRequest, RequestBuildError } from './request.ts';
import { splitArguments } from './split.ts';
import type { AccountConnection, CallError, CallOutcome, InvalidArgument, ToolCall } from './types.ts';
import { send, UpstreamError, type UpstreamResponse } from './upstream.ts';
import { validateArguments } from './validate.ts';

export async function executeTool(call: ToolCall): Promise<CallOutcome> {
  const { integration: { definition }, tool } = call;
  const validation = validateArguments(tool, call.arguments);
  if (!validation.ok) return invalidArguments(tool.name, validation.problems);
  const { limit, next_cursor: nextCursor, ...args } = tool.paginated ? validation.arguments : { ...validation.arguments, limit: undefined, next_cursor: undefined };

  const parts = splitArguments(tool.routes, args, tool.definition.method.http_method === 'GET' || tool.definition.method.http_method === 'DELETE' ? 'query' : 'body');
  let page: { state: CursorState; request: PageRequest } | undefined;
  if (tool.paginated) {
    const started = startPage(definition, tool, parts.query, limit, nextCursor);
    if ('problem' in started) return invalidArguments(tool.name, [started.problem]);
    page = started;
    parts.query = page.state.query;
  }

  let response: UpstreamResponse;
  try {
    const request = buildRequest({ definition, tool, account: call.account, parts, pageQuery: page?.request.query, nextUrl: page?.request.url });
    response = await send(request, call.signal);
  } catch (error) {
    return failure(definition, tool.name, error);
  }

  const rateLimit = normalizeRateLimit(definition.rate_limit, response.header, response.status);
  if (response.status >= 300) return { ok: false, error: upstreamError(definition, response, rateLimit['retry-after']), rateLimit };
  if (typeof response.body === 'string') {
    // Every definition answers JSON: a text body (an HTML login page, a proxy's error page) is not a result.
    const type = response.header('content-type')?.split(';')[0]?.trim() || 'no content type';
    return { ok: false, error: { message: `${definition.label} answered ${response.status} with ${type} instead of JSON`, status: 502, is_remote: true, upstream_status: response.status }, rateLimit };
  }
  const format = tool.definition.method.response ?? definition.response;
  if (tool.kind !== 'list') {
    const record = format.format === 'jsonapi' ? flattenDocument(response.body) : readPath(response.body, format.record_path);
    return { ok: true, status: response.status, shape: 'record', result: record ?? { success: true }, rateLimit };
  }

  const records = format.format === 'jsonapi' ? flattenDocument(response.body) : readPath(response.body, format.records_path);
  if (!Array.isArray(records)) {
    return { ok: false, error: { message: `${definition.label} answered without a list of records where one was expected`, status: 502, is_remote: true, upstream_status: response.status }, rateLimit };
  }
  const skip = page?.request.skip ?? 0;
  const available = records.slice(skip, page ? skip + page.state.size : undefined);
  const kept = fitToBudget(available, call.resultBudgetBytes);
  const next = page && nextPosition(definition.pagination!, page.state.position, page.request, {
    length: records.length, returned: kept.length, body: response.body, linkHeader: response.header('link'), size: page.state.size,
  });
  return {
    ok: true,
    status: response.status,
    shape: 'list',
    result: kept,
    result_count: kept.length,
    ...(page && next ? { next_cursor: encodeCursor({ ...page.state, position: next }) } : {}),
    ...(kept.length < available.length ? { notice: budgetNotice(kept.length, available.length, page !== undefined) } : {}),
    rateLimit,
  };
}

function budgetNotice(kept: number, available: number, canResume: boolean): string {
  return `Returned ${kept} of the ${available} records on this page to stay within the response size budget. ` +
    (canResume ? 'Call again with next_cursor to continue, or pass a smaller limit.' : 'Narrow the request with filters to see the rest.');
}

/** The Proxy API: the same path as a tool call, also for methods that have no documentation (and so no tool). */
export function proxyCall(input: {
  integration: Integration; resource: string; method: string; account: AccountConnection;
  arguments: Record<string, unknown>; signal?: AbortSignal; resultBudgetBytes?: number;
}): Promise<CallOutcome> {
  const { integration, resource, method } = input;
  // Own properties only: "constructor" or "toString" must not find Object.prototype members.
  const resourceDefinition = Object.hasOwn(integration.definition.resources, resource) ? integration.definition.resources[resource] : undefined;
  if (!resourceDefinition) {
    return Promise.resolve(notFound(404, `${integration.definition.label} has no resource "${resource}"; it has: ${Object.keys(integration.definition.resources).join(', ')}`));
  }
  if (!Object.hasOwn(resourceDefinition.methods, method)) {
    return Promise.resolve(notFound(405, `${resource} has no ${method} method; it has: ${Object.keys(resourceDefinition.methods).join(', ')}`));
  }
  const tool = integration.tools.find((candidate) => candidate.resource === resource && candidate.method === method)
    ?? passthroughTool(integration.definition, resource, method);
  return executeTool({ integration, tool, account: input.account, arguments: input.arguments, signal: input.signal, resultBudgetBytes: input.resultBudgetBytes });
}

function startPage(definition: Definition, tool: Tool, query: Record<string, unknown>, limit: unknown, cursor: unknown):
  { state: CursorState; request: PageRequest } | { problem: InvalidArgument } {
  const pagination = definition.pagination!;
  let previous: CursorState | undefined;
  if (cursor !== undefined) {
    try {
      previous = decodeCursor(String(cursor), tool.name);
    } catch (error) {
      if (error instanceof CursorError) return { problem: { argument: 'next_cursor', message: error.message } };
      throw error;
    }
  }
  const size = limit === undefined ? previous?.size ?? pagination.default_size : Number(limit);
  if (!Number.isInteger(size) || size < 1 || size > pagination.max_size) {
    return { problem: { argument: 'limit', message: `must be a whole number from 1 to ${pagination.max_size}` } };
  }
  const state: CursorState = { tool: tool.name, query: { ...previous?.query, ...query }, size, position: previous?.position ?? { index: 0 } };
  return { state, request: pageRequest(pagination, state.position, size) };
}

/** Keeps whole records while their JSON fits the budget; always at least one. */
function fitToBudget(records: unknown[], budgetBytes: number | undefined): unknown[] {
  if (budgetBytes === undefined) return records;
  let used = 2;
  let count = 0;
  for (const record of records) {
    used += Buffer.byteLength(JSON.stringify(record) ?? '') + 1;
    if (used > budgetBytes && count > 0) break;
    count++;
  }
  return records.slice(0, count);
}

function invalidArguments(toolName: string, problems: InvalidArgument[]): CallOutcome {
  const list = problems.map((problem) => `${problem.argument} ${problem.message}`).join('; ');
  return { ok: false, error: { message: `Invalid arguments for ${toolName}: ${list}.`, status: 400, is_remote: false, invalid_arguments: problems }, rateLimit: {} };
}

function notFound(status: number, message: string): CallOutcome {
  return { ok: false, error: { message, status, is_remote: false }, rateLimit: {} };
}

function failure(definition: Definition, toolName: string, error: unknown): CallOutcome {
  if (error instanceof RequestBuildError) {
    return error.argument
      ? invalidArguments(toolName, [{ argument: error.argument, message: error.message }])
      : { ok: false, error: { message: `Cannot call ${definition.label}: ${error.message}.`, status: 400, is_remote: false }, rateLimit: {} };
  }
  if (error instanceof UpstreamError) {
    const status = error.kind === 'timeout' ? 504 : error.kind === 'aborted' ? 499 : 502;
    return { ok: false, error: { message: `${definition.label} call failed: ${error.message}.`, status, is_remote: false }, rateLimit: {} };
  }
  throw error;
}

function upstreamError(definition: Definition, response: UpstreamResponse, retryAfter: string | undefined): CallError {
  const status = response.status;
  if (status < 400) {
    return {
      message: `${definition.label} answered ${status} with a redirect${response.header('location') ? ` to ${response.header('location')}` : ''}; redirects are not followed.`,
      status: 502, is_remote: true, upstream_status: status,
    };
  }
  const found = definition.errors.message_paths.map((path) => readPath(response.body, path)).find((value) => typeof value === 'string' && value !== '');
  const detail = typeof found === 'string' ? found : typeof response.body === 'string' ? response.body.slice(0, 500) : `HTTP ${status}`;
  const wait = status === 429 && retryAfter !== undefined ? ` Rate limited: wait ${retryAfter} seconds before calling again.` : '';
  return {
    message: `${definition.label} answered ${status}: ${detail}${/[.!?]$/.test(detail) ? '' : '.'}${wait}`,
    status,
    is_remote: true,
    upstream_status: status,
    upstream_body: response.body,
    ...(status === 429 && retryAfter !== undefined ? { retry_after_seconds: Number(retryAfter) } : {}),
  };
}
