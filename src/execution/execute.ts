// Where a call is executed, top to bottom: check the arguments (a next_cursor brings back the ones it continues),
// split them into path, query, body and headers, build the upstream request with the account's credentials, send it
// once (never retried) within the account's share of upstream calls, then map the answer (answer.ts).
import type { Definition } from '../definitions/format.ts';
import { answer, type PageInProgress } from './answer.ts';
import { CursorError, type CursorCodec, type CursorState } from './cursor.ts';
import { LimiterError, type AccountLimiter } from './limiter.ts';
import { pageRequest } from './pagination/index.ts';
import { RequestBuildError, type RequestBuilder, type UpstreamRequest } from './request.ts';
import { splitArguments } from './split.ts';
import type { CallOutcome, InvalidArgument, ToolCall } from './types.ts';
import { UpstreamError, type Upstream, type UpstreamResponse } from './upstream.ts';
import { validateArguments } from './validate.ts';

/** What one engine holds: its connection pool, request builder, per-account limiter and cursor key. */
export interface EngineParts {
  upstream: Upstream;
  requests: RequestBuilder;
  limiter: AccountLimiter;
  cursors: CursorCodec;
}

export async function executeTool(engine: EngineParts, call: ToolCall): Promise<CallOutcome> {
  const { integration: { definition }, tool, account } = call;

  const started = startCall(engine, call);
  if ('outcome' in started) return started.outcome;
  const { args, page } = started;

  let request: UpstreamRequest;
  try {
    const unrouted = tool.definition.method.http_method === 'GET' || tool.definition.method.http_method === 'DELETE' ? 'query' : 'body';
    const parts = splitArguments(tool.routes, args, unrouted);
    request = engine.requests.build({ definition, tool, account, parts, page: page?.request, pageParametersIn: tool.pagination?.parameters_in });
  } catch (error) {
    return failure(definition, tool.name, error);
  }

  let response: UpstreamResponse;
  try {
    response = await engine.limiter.run(account.id, call.signal, () => engine.upstream.send(request, call.signal));
  } catch (error) {
    return failure(definition, tool.name, error);
  }

  return answer(engine, call, response, page);
}

/** The validated arguments, and for a list tool the page to ask for; or the outcome that ends the call here. */
function startCall(engine: EngineParts, call: ToolCall): { args: Record<string, unknown>; page?: PageInProgress } | { outcome: CallOutcome } {
  const { tool } = call;
  let input = call.arguments;
  let previous: CursorState | undefined;
  if (tool.paginated && input.next_cursor !== undefined && input.next_cursor !== null) {
    const { next_cursor: cursor, ...rest } = input;
    if (typeof cursor !== 'string') return { outcome: invalidArguments(tool.name, [{ argument: 'next_cursor', message: 'must be the next_cursor string of the previous result' }]) };
    try {
      previous = engine.cursors.decode(cursor, { scope: call.cursorScope, tool: tool.name });
    } catch (error) {
      if (error instanceof CursorError) return { outcome: invalidArguments(tool.name, [{ argument: 'next_cursor', message: error.message }]) };
      throw error;
    }
    // What the cursor continues, checked against the tool's schema again like anything an agent sends.
    input = { ...previous.arguments, ...rest };
  }
  const validation = validateArguments(tool, input);
  if (!validation.ok) return { outcome: invalidArguments(tool.name, validation.problems) };
  if (!tool.paginated) return { args: validation.arguments };

  const { limit, next_cursor: _cursor, ...args } = validation.arguments;
  const pagination = tool.pagination!;
  const size = limit === undefined ? previous?.size ?? pagination.default_size : Number(limit);
  if (!Number.isInteger(size) || size < 1 || size > pagination.max_size) {
    return { outcome: invalidArguments(tool.name, [{ argument: 'limit', message: `must be a whole number from 1 to ${pagination.max_size}` }]) };
  }
  const position = previous?.position ?? { index: 0 };
  return { args, page: { state: { arguments: args, size, position }, request: pageRequest(pagination, position, size) } };
}

export function invalidArguments(toolName: string, problems: InvalidArgument[]): CallOutcome {
  const list = problems.map((problem) => `${problem.argument} ${problem.message}`).join('; ');
  return { ok: false, error: { kind: 'invalid_arguments', message: `Invalid arguments for ${toolName}: ${list}.`, status: 400, is_remote: false, invalid_arguments: problems }, rateLimit: {} };
}

/** A call that ended before an upstream answer: a request that cannot be built, a transport failure, a full queue. */
function failure(definition: Definition, toolName: string, error: unknown): CallOutcome {
  if (error instanceof RequestBuildError) {
    return error.argument
      ? invalidArguments(toolName, [{ argument: error.argument, message: error.message }])
      : { ok: false, error: { kind: 'request', message: `Cannot call ${definition.label}: ${error.message}.`, status: 400, is_remote: false }, rateLimit: {} };
  }
  if (error instanceof UpstreamError) {
    const status = error.kind === 'timeout' ? 504 : error.kind === 'aborted' ? 499 : 502;
    return { ok: false, error: { kind: 'transport', message: `${definition.label} call failed: ${error.message}.`, status, is_remote: false }, rateLimit: {} };
  }
  if (error instanceof LimiterError) {
    const status = error.reason === 'aborted' ? 499 : 503;
    return {
      ok: false,
      error: {
        kind: 'busy',
        message: `Not sent to ${definition.label}: this account has too many calls in flight on this server (${error.message}). Wait a moment and call again.`,
        status, is_remote: false, retry_after_seconds: 1,
      },
      rateLimit: { 'retry-after': '1' },
    };
  }
  throw error;
}
