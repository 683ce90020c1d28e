// MCP methods, one request at a time: initialize, ping, server/discover, tools/list, tools/call.
// Which methods exist depends on the request's era: legacy (initialize handshake) or modern (2026-07-28, per-request
// _meta, no initialize and no ping). Nothing here remembers anything between requests.
import type { Implementation } from '@modelcontextprotocol/sdk/types.js';
import type { Integration } from '../tools/catalog.ts';
import type { ClientInfo } from './client-info.ts';
import { clientInfoFrom } from './client-info.ts';
import { logUnexpected } from '../util/error-id.ts';
import { argumentsObject, discoveryToolNames, getToolSchemas, searchTools, shownName, unknownToolText } from './discovery.ts';
import { ErrorCode, type Params, type Reply, type RequestId } from './jsonrpc.ts';
import { recordedMethod } from './methods.ts';
import { runTool, toolError, type ToolRun } from './tools-call.ts';
import type { ToolSet } from './tools-list.ts';
import type { ResolvedMcpServer } from '../services/access.ts';
import type { McpDependencies, OAuthCaller } from './types.ts';
import { metaKeys, negotiateInitialize, supportedVersions } from './versions.ts';

export interface CallContext {
  deps: McpDependencies;
  resolved: ResolvedMcpServer;
  /** The signed-in user and OAuth client, when the call came with an OAuth access token. */
  caller?: OAuthCaller | undefined;
  integration: Integration;
  toolSet: ToolSet;
  era: 'legacy' | 'modern';
  /** The revision this request is served under. */
  version: string;
  client: ClientInfo | undefined;
  /** Aborted when the client goes away; cancels the upstream call. */
  signal: AbortSignal;
  serverVersion: string;
}

export interface Handled {
  reply: Reply;
  /** HTTP status when it is not 200 (modern era: an unknown method is 404). */
  status?: number;
  /** Set by initialize: what was negotiated, for the session id and the legacy SSE session. */
  initialized?: { version: string; client: ClientInfo | undefined };
}

/** How long modern clients may cache tools/list and server/discover: definitions can be reloaded at run time. */
const listTtlMs = 60_000;

/** What a request ran, for the log: the tool named (known to this server or not) and how it ended. */
interface Run {
  tool: string | null;
  /** The tool is one of this server's (only those become metric labels). */
  inCatalog: boolean;
  upstreamStatus: number | null;
  isError: boolean;
}

export async function handleRequest(ctx: CallContext, id: RequestId, method: string, params: Params): Promise<Handled> {
  const started = performance.now();
  let handled: Handled;
  let run: Run = { tool: null, inCatalog: false, upstreamStatus: null, isError: false };
  let client = ctx.client;
  try {
    switch (ctx.era === 'modern' ? `modern:${method}` : method) {
      case 'initialize': {
        const negotiated = negotiateInitialize(params.protocolVersion);
        if (!negotiated.ok) {
          handled = { reply: { id, error: { code: ErrorCode.InvalidParams, message: 'Unsupported protocol version', data: negotiated.data } } };
          break;
        }
        client = clientInfoFrom(params.clientInfo) ?? client;
        handled = {
          reply: {
            id,
            result: {
              protocolVersion: negotiated.version,
              capabilities: { tools: { listChanged: false } },
              serverInfo: serverInfo(ctx),
              instructions: instructions(ctx),
            },
          },
          initialized: { version: negotiated.version, client },
        };
        break;
      }
      case 'ping':
        handled = { reply: { id, result: {} } };
        break;
      case 'modern:server/discover':
        handled = {
          reply: {
            id,
            result: {
              resultType: 'complete',
              supportedVersions: [...supportedVersions],
              capabilities: { tools: {} },
              instructions: instructions(ctx),
              ttlMs: listTtlMs,
              cacheScope: 'private',
              _meta: { [metaKeys.serverInfo]: serverInfo(ctx) },
            },
          },
        };
        break;
      case 'tools/list':
      case 'modern:tools/list':
        handled = listTools(ctx, id, params);
        break;
      case 'tools/call':
      case 'modern:tools/call': {
        const called = await callTool(ctx, id, params);
        handled = called.handled;
        run = called.run;
        break;
      }
      default:
        handled = {
          reply: { id, error: { code: ErrorCode.MethodNotFound, message: `Method not found: ${shownName(method)}` } },
          ...(ctx.era === 'modern' ? { status: 404 } : {}),
        };
    }
  } catch (error) {
    const errorId = logUnexpected(ctx.deps.logger, error, 'MCP request failed', { rpc_method: recordedMethod(method), mcp_server_id: ctx.resolved.server.id });
    handled = { reply: { id, error: { code: ErrorCode.InternalError, message: `Internal error (error id ${errorId}); the server log has the details.`, data: { error_id: errorId } } } };
  }
  const { server } = ctx.resolved;
  try {
    ctx.deps.log({
      tenant_id: server.tenant_id,
      mcp_server_id: server.id,
      integrated_account_id: server.integrated_account_id,
      time: new Date().toISOString(),
      rpc_method: recordedMethod(method),
      tool_name: run.tool,
      upstream_status: run.upstreamStatus,
      is_error: 'error' in handled.reply || run.isError,
      latency_ms: Math.round(performance.now() - started),
      client_name: client?.name ?? null,
      client_version: client?.version || null,
      user_id: ctx.caller?.user_id ?? null,
      user_email: ctx.caller?.user_email ?? null,
      oauth_client_id: ctx.caller?.client_id ?? null,
      oauth_client_name: ctx.caller?.client_name ?? null,
    }, { inCatalog: run.inCatalog });
  } catch (error) {
    // The answer stands: the request ran. The failure is a bug, logged with what the entry was about.
    logUnexpected(ctx.deps.logger, error, 'recording an MCP request failed', { rpc_method: recordedMethod(method), mcp_server_id: server.id });
  }
  return handled;
}

function listTools(ctx: CallContext, id: RequestId, params: Params): Handled {
  const cursor = params.cursor;
  // Every tool is on the one page this server returns, so no cursor was ever handed out.
  if (cursor !== undefined && cursor !== null && cursor !== '') {
    return { reply: { id, error: { code: ErrorCode.InvalidParams, message: 'Invalid cursor: this server returns all its tools in one page; call tools/list without a cursor.' } } };
  }
  const tools = ctx.toolSet.listedJson;
  if (ctx.era === 'legacy') return { reply: { id, resultJson: `{"tools":${tools}}` } };
  return { reply: { id, resultJson: `{"resultType":"complete","tools":${tools},"ttlMs":${listTtlMs},"cacheScope":"private","_meta":${JSON.stringify({ [metaKeys.serverInfo]: serverInfo(ctx) })}}` } };
}

async function callTool(ctx: CallContext, id: RequestId, params: Params): Promise<{ handled: Handled; run: Run }> {
  const name = params.name;
  if (typeof name !== 'string') {
    return { handled: { reply: { id, error: { code: ErrorCode.InvalidParams, message: 'Invalid params: name must be the tool name (a string)' } } }, run: { tool: null, inCatalog: false, upstreamStatus: null, isError: true } };
  }
  const { toolSet } = ctx;
  if (!toolSet.listedByName.has(name)) {
    return { handled: { reply: { id, error: { code: ErrorCode.InvalidParams, message: `Unknown tool: ${shownName(name)}` } } }, run: { tool: name, inCatalog: false, upstreamStatus: null, isError: true } };
  }
  let toolName: string = name;
  let inCatalog = true;
  let outcome: ToolRun;
  if (toolSet.exposure === 'all') {
    outcome = await runTool(ctx.deps, { integration: ctx.integration, account: ctx.resolved.account, serverId: ctx.resolved.server.id, tool: toolSet.byName.get(name)!, arguments: params.arguments, structured: toolSet.outputSchemas, signal: ctx.signal });
  } else {
    const args = argumentsObject(params.arguments);
    if (!args) outcome = toolError(`Invalid arguments for ${name}: arguments must be a JSON object.`);
    else if (name === discoveryToolNames.search) outcome = searchTools(toolSet.tools, args, ctx.integration.definition.search_synonyms);
    else if (name === discoveryToolNames.schema) outcome = getToolSchemas(toolSet.byName, args, toolSet.outputSchemas);
    else {
      const target = args.tool_name;
      const tool = typeof target === 'string' ? toolSet.byName.get(target) : undefined;
      if (typeof target === 'string') {
        toolName = target;
        inCatalog = tool !== undefined;
      }
      if (typeof target !== 'string' || target === '') outcome = toolError('Invalid arguments for call_tool:\n- tool_name: must be the exact name of a tool (find it with search_tools).');
      else if (!tool) outcome = toolError(unknownToolText(target, toolSet.byName));
      else {
        const inner = args.arguments;
        outcome = inner !== undefined && argumentsObject(inner) === undefined
          ? toolError(`Invalid arguments for call_tool:\n- arguments: must be a JSON object with the arguments of ${target}.`)
          : await runTool(ctx.deps, { integration: ctx.integration, account: ctx.resolved.account, serverId: ctx.resolved.server.id, tool, arguments: inner ?? {}, structured: toolSet.outputSchemas, signal: ctx.signal });
      }
    }
  }
  const result = ctx.era === 'modern'
    ? { resultType: 'complete', ...outcome.result, _meta: { [metaKeys.serverInfo]: serverInfo(ctx) } }
    : outcome.result;
  return { handled: { reply: { id, result } }, run: { tool: toolName, inCatalog, upstreamStatus: outcome.upstreamStatus, isError: outcome.isError } };
}

function serverInfo(ctx: CallContext): Implementation {
  return { name: 'switchboard', title: `Switchboard: ${ctx.resolved.server.name}`, version: ctx.serverVersion };
}

/** Conventions of every tool, said once here rather than in each tool's schema. */
function instructions(ctx: CallContext): string {
  const label = ctx.integration.definition.label;
  const discovery = ctx.toolSet.exposure === 'discovery';
  const start = discovery
    ? `Tools for one ${label} account. Find a tool with search_tools, read its arguments with get_tool_schema, run it with call_tool.`
    : `Tools for one ${label} account.`;
  const fields = ctx.toolSet.tools.some((tool) => tool.routes.some((route) => route.in === 'switchboard' && route.argument === 'fields'))
    ? ' Read tools take fields: the names of the fields each record keeps (it always keeps its id; "job.title" keeps an embedded job\'s title).'
    : '';
  return `${start} List results are {result, result_count, next_cursor?}: pass next_cursor back exactly as received to get the next page; limit sets records per call.${fields} ` +
    'A failed call returns isError with what went wrong (upstream status, seconds to wait after a rate limit, arguments to fix).';
}
