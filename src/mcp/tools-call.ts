// tools/call: runs one tool through the engine and turns the outcome into an MCP result.
// Success: the JSON as text, plus structuredContent when the tool declares an outputSchema (MUST conform).
// Failure of any kind the agent can fix or wait out (bad arguments, upstream 4xx/5xx, 429, timeouts): a result
// with isError: true and a text saying what happened and what to do, never a JSON-RPC error.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { AccountConnection, CallError, CallOutcome } from '../execution/types.ts';
import type { Integration } from '../tools/catalog.ts';
import type { Tool } from '../tools/types.ts';
import { logUnexpected } from '../util/error-id.ts';
import { shrinkToBudget, truncationNote } from './budget.ts';
import { isObject, RawJson } from './jsonrpc.ts';
import type { McpDependencies } from './types.ts';

/** A CallToolResult whose structuredContent may be the JSON already written for its text, spliced in unchanged. */
export type ToolResult = Omit<CallToolResult, 'structuredContent'> & { structuredContent?: Record<string, unknown> | RawJson };

export interface ToolRun {
  result: ToolResult;
  isError: boolean;
  upstreamStatus: number | null;
}

export interface ToolInvocation {
  integration: Integration;
  account: AccountConnection;
  tool: Tool;
  arguments: unknown;
  /** The MCP server the call came through: its next_cursor values are valid there only. */
  serverId: string;
  /** Whether results carry structuredContent (the server lists output schemas). */
  structured: boolean;
  signal?: AbortSignal | undefined;
}

/** Most of an upstream error body shown to the agent; the rest is cut. */
const maxUpstreamBodyChars = 2_000;

export async function runTool(deps: McpDependencies, call: ToolInvocation): Promise<ToolRun> {
  const args = call.arguments ?? {};
  if (!isObject(args)) {
    return toolError(`Invalid arguments for ${call.tool.name}: arguments must be a JSON object of named values, got ${Array.isArray(args) ? 'an array' : typeof args}.`);
  }
  let outcome: CallOutcome;
  try {
    outcome = await deps.execute({
      integration: call.integration,
      tool: call.tool,
      account: call.account,
      arguments: args,
      cursorScope: `mcp:${call.serverId}`,
      resultBudgetBytes: deps.resultBudgetBytes,
      ...(call.signal ? { signal: call.signal } : {}),
    });
  } catch (error) {
    // An engine exception is a bug on our side; the agent gets a plain statement and an id, the details go to the log.
    const errorId = logUnexpected(deps.logger, error, 'tool execution failed', { tool: call.tool.name, integration: call.integration.definition.name });
    return toolError(`${call.tool.name} failed inside Switchboard (internal error, error id ${errorId}). Retrying is unlikely to help; report the error id to the server's operator.`);
  }
  if (!outcome.ok) return { result: errorResult(outcome.error), isError: true, upstreamStatus: outcome.error.upstream_status ?? null };
  return { result: successResult(call.tool, outcome, deps.resultBudgetBytes, call.structured), isError: false, upstreamStatus: outcome.status };
}

/** A failed call: the text, and for a wait (a 429, a full per-account queue) the seconds as data too. */
function errorResult(error: CallError): ToolResult {
  const content: CallToolResult['content'] = [{ type: 'text', text: describeError(error) }];
  if (error.retry_after_seconds === undefined) return { content, isError: true };
  const wait = { error: error.message, retry_after_seconds: error.retry_after_seconds, ...(error.upstream_status !== undefined ? { upstream_status: error.upstream_status } : {}) };
  return { content, structuredContent: wait, isError: true };
}

export function toolError(text: string): ToolRun {
  return { result: { content: [{ type: 'text', text }], isError: true }, isError: true, upstreamStatus: null };
}

type Success = Extract<CallOutcome, { ok: true }>;

export function successResult(tool: Tool, outcome: Success, budgetBytes: number, structured = true): ToolResult {
  let text: string;
  let note: string | undefined;
  /** What structuredContent holds when it is not the text's own JSON (a record that is not an object). */
  let wrapped: Record<string, unknown> | undefined;
  if (outcome.shape === 'list') {
    // The page as the Proxy API returns it. Only records are ever shortened: next_cursor must survive byte for byte.
    const fitted = shrinkToBudget(outcome.result, budgetBytes, { keepTopLevelItems: true });
    if (fitted.truncated) note = truncationNote(budgetBytes);
    const notice = [outcome.notice, note].filter(Boolean).join(' ');
    // What to do next comes first, the records last. Written around the records' JSON that the budget check made,
    // so a page is serialized once.
    const head = {
      next_cursor: outcome.next_cursor,
      total_count: outcome.total_count,
      scanned_count: outcome.scanned_count,
      scan_complete: outcome.scan_complete,
      notice: notice || undefined,
      result_count: outcome.result_count,
    };
    text = `${JSON.stringify(head).slice(0, -1)},"result":${fitted.json ?? JSON.stringify(fitted.value)}}`;
  } else {
    // A record that fits (nearly all) is serialized once: its text is the JSON the budget check made.
    const fitted = shrinkToBudget(outcome.result, budgetBytes);
    if (fitted.truncated) note = truncationNote(budgetBytes);
    text = fitted.json ?? JSON.stringify(fitted.value) ?? 'null';
    // structuredContent is an object in 2025 revisions; a record that is not one (rare) is wrapped.
    if (!isObject(fitted.value)) wrapped = { result: fitted.value };
  }
  const content: CallToolResult['content'] = [{ type: 'text', text }];
  // A record result carries its note as a second text block; a list carries it in notice (part of its schema).
  if (note && outcome.shape === 'record') content.push({ type: 'text', text: note });
  if (!tool.outputSchema || !structured) return { content };
  return { content, structuredContent: wrapped ?? new RawJson(text) };
}

/** One readable text: what failed, how long to wait, which arguments to fix, what upstream said. */
export function describeError(error: CallError): string {
  const lines = [error.message];
  if (error.retry_after_seconds !== undefined && Number.isFinite(error.retry_after_seconds)) {
    lines.push(`${error.upstream_status === 429 ? 'Rate limited' : 'Busy'}: wait ${error.retry_after_seconds} seconds before calling this tool again. Nothing is retried automatically.`);
  } else if (error.upstream_status === 429) {
    lines.push('Rate limited: wait before calling this tool again; nothing is retried automatically.');
  }
  if (error.hints?.length) lines.push(...error.hints);
  if (error.invalid_arguments?.length) {
    lines.push('Fix these arguments and call again:');
    for (const problem of error.invalid_arguments) lines.push(`- ${problem.argument}: ${problem.message}`);
  }
  if (error.is_remote && error.upstream_body !== undefined && error.upstream_body !== null && error.upstream_body !== '') {
    const body = typeof error.upstream_body === 'string' ? error.upstream_body : JSON.stringify(error.upstream_body);
    lines.push(`Upstream response: ${body.length > maxUpstreamBodyChars ? `${body.slice(0, maxUpstreamBodyChars)}…[truncated]` : body}`);
  }
  return lines.join('\n');
}
