// Where a call is executed, top to bottom: check the arguments (a next_cursor brings back the ones it continues),
// split them into path, query, body and headers, build the upstream request with the account's credentials, send it
// once (never retried) within the account's share of upstream calls, then map the answer (answer.ts). A list call
// with a Switchboard-side filter set reads several pages instead (scan.ts).
import type { Definition } from '../definitions/format.ts';
import { answer, recordWindow, type PageInProgress } from './answer.ts';
import { accountAuth, authKind } from './auth/index.ts';
import { TokenEndpointError } from './auth/oauth.ts';
import { ReauthRequired, TokenRenewalBusy, type TokenSource } from './auth/tokens.ts';
import { upstreamFieldset } from './fields.ts';
import { CursorError, type CursorCodec, type CursorState } from './cursor.ts';
import { LimiterError, type AccountLimiter } from './limiter.ts';
import { pageRequest, type PageRequest } from './pagination/index.ts';
import { RequestBuildError, type RequestBuilder, type UpstreamRequest } from './request.ts';
import { responseKind } from './response/index.ts';
import type { RecordWindow } from './response/kind.ts';
import { scanList } from './scan.ts';
import { splitArguments } from './split.ts';
import type { CallOutcome, InvalidArgument, ToolCall } from './types.ts';
import { UpstreamError, type Upstream, type UpstreamResponse } from './upstream.ts';
import { validateArguments } from './validate.ts';

/** What one engine holds: its connection pool, request builder, per-account limiter, cursor key and token source. */
export interface EngineParts {
  upstream: Upstream;
  requests: RequestBuilder;
  limiter: AccountLimiter;
  cursors: CursorCodec;
  tokens: TokenSource | undefined;
}

/** A call whose arguments passed: what goes upstream, and for a list tool where its page starts. */
export interface StartedCall {
  args: Record<string, unknown>;
  page?: PageInProgress;
  /** The Switchboard-side filters set, when the call is a scan. */
  filters?: Record<string, string>;
}

export async function executeTool(engine: EngineParts, call: ToolCall): Promise<CallOutcome> {
  if (call.account.status === 'needs_reauth') return failure(call.integration.definition, call.tool.name, new ReauthRequired('it was marked for reconnection'));
  const started = startCall(engine, call);
  if ('outcome' in started) return started.outcome;
  if (started.filters) return scanList(engine, call, started as Required<StartedCall>);
  const fetched = await fetchPage(engine, call, started.args, started.page?.request, call.tool.kind === 'list' ? recordWindow(started.page) : undefined);
  if ('outcome' in fetched) return fetched.outcome;
  return answer(engine, call, started.args, fetched.response, started.page);
}

/**
 * Builds the request and sends it once, within the account's limit; a failure on the way is the call's outcome.
 * The one exception to "never retried": an OAuth access token upstream refuses with 401 is replaced once.
 * `window`: of a list answer, the records the call will use (the others of a large answer are only counted).
 */
export async function fetchPage(engine: EngineParts, call: ToolCall, args: Record<string, unknown>, page: PageRequest | undefined, window?: RecordWindow):
  Promise<{ response: UpstreamResponse } | { outcome: CallOutcome }> {
  const { integration: { definition }, tool, account } = call;
  const records = window && { path: responseKind(tool.response).recordsPath(tool.response), ...window };
  const expires = authKind(accountAuth(definition.auth, account)).expires === true;
  try {
    const unrouted = tool.definition.method.http_method === 'GET' || tool.definition.method.http_method === 'DELETE' ? 'query' : 'body';
    const parts = splitArguments(tool.routes, args, unrouted);
    const fieldsParameter = tool.definition.method.fields_parameter;
    if (fieldsParameter && Array.isArray(args.fields)) parts.query[fieldsParameter] = upstreamFieldset(args.fields as string[]);
    const build = async (refused?: string): Promise<UpstreamRequest> => engine.requests.build({
      definition, tool, account, parts, page, pageParametersIn: tool.pagination?.parameters_in,
      auth: expires ? await engine.requests.expiringAuth(definition, account, engine.tokens, refused) : undefined,
    });
    return await engine.limiter.run(account.id, call.signal, async () => {
      const request = await build();
      const response = await engine.upstream.send(request, call.signal, records);
      if (response.status !== 401 || !expires) return { response };
      const refused = request.headers.authorization?.replace(/^Bearer\s+/i, '');
      const second = await engine.upstream.send(await build(refused), call.signal, records);
      // A fresh token refused as well: the grant itself is gone (the token source marks the account and throws).
      if (second.status === 401) await engine.tokens?.refusedAgain(account);
      return { response: second };
    });
  } catch (error) {
    return { outcome: failure(definition, tool.name, error) };
  }
}

/** The validated arguments, and for a list tool the page to ask for; or the outcome that ends the call here. */
function startCall(engine: EngineParts, call: ToolCall): StartedCall | { outcome: CallOutcome } {
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
  const validation = validateArguments(tool, input, call.integration.definition.request.query_arrays);
  if (!validation.ok) return { outcome: invalidArguments(tool.name, validation.problems) };
  if (!tool.paginated) return { args: validation.arguments };

  const { limit, next_cursor: _cursor, ...args } = validation.arguments;
  const pagination = tool.pagination!;
  const wanted = limit === undefined ? previous?.limit ?? previous?.size ?? pagination.default_size : Number(limit);
  if (!Number.isInteger(wanted) || wanted < 1 || wanted > pagination.max_size) {
    return { outcome: invalidArguments(tool.name, [{ argument: 'limit', message: `must be a whole number from 1 to ${pagination.max_size}` }]) };
  }
  const filters = Object.fromEntries(Object.keys(tool.switchboardFilters).filter((name) => typeof args[name] === 'string').map((name) => [name, args[name] as string]));
  const blank = Object.keys(filters).filter((name) => filters[name]!.trim() === '');
  // A blank value would match every record: the agent meant something else.
  if (blank.length > 0) return { outcome: invalidArguments(tool.name, blank.map((argument) => ({ argument, message: 'must not be blank: give the text to look for' }))) };
  const scanning = Object.keys(filters).length > 0;
  // A scan reads the largest pages (within its bound) and returns up to `limit` matches; a plain list, pages of `limit`.
  const size = scanning ? previous?.size ?? Math.min(pagination.max_size, tool.definition.method.switchboard_filter_scan.max_records) : wanted;
  const position = previous?.position ?? { index: 0 };
  const state: CursorState = { arguments: args, size, position, ...(scanning ? { limit: wanted } : {}) };
  return { args, page: { state, request: pageRequest(pagination, position, size) }, ...(scanning ? { filters } : {}) };
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
  if (error instanceof ReauthRequired) {
    return {
      ok: false,
      error: {
        kind: 'reauth',
        // A connect link is no way back: it connects a new account, and this one (with its MCP servers) stays marked.
        message: `This ${definition.label} account must be reconnected (${error.message}). An admin of its tenant reconnects it from the dashboard `
          + `(Reconnect on the account) or the admin API: PATCH /integrated-account/<id> with new credentials, or, for an account connected through `
          + `${definition.label}'s authorization page, POST /connect/${definition.name}/start with its account_id. `
          + `A connect link would add a new account instead. Nothing was sent to ${definition.label}.`,
        status: 409, is_remote: false,
      },
      rateLimit: {},
    };
  }
  if (error instanceof TokenRenewalBusy) {
    return {
      ok: false,
      error: { kind: 'busy', message: `Not sent to ${definition.label}: ${error.message}. Wait a moment and call again.`, status: 503, is_remote: false, retry_after_seconds: 5 },
      rateLimit: { 'retry-after': '5' },
    };
  }
  if (error instanceof TokenEndpointError) {
    return { ok: false, error: { kind: 'upstream', message: `Could not get an access token from ${definition.label}: ${error.message}.`, status: 502, is_remote: true }, rateLimit: {} };
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
