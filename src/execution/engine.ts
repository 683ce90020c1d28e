// The engine: one object per server, created from config and shared by the MCP endpoint and the Proxy API, so two
// servers in one process keep their own settings and every upstream call (MCP or Proxy) is counted the same way.
import type { Integration } from '../tools/catalog.ts';
import { CursorCodec } from './cursor.ts';
import { executeTool, type EngineParts } from './execute.ts';
import { AccountLimiter, type LimiterOptions } from './limiter.ts';
import { passthroughTool } from './passthrough.ts';
import type { TokenSource } from './auth/tokens.ts';
import { RequestBuilder } from './request.ts';
import type { AccountConnection, CallOutcome, ToolCall } from './types.ts';
import { Upstream, type UpstreamOptions } from './upstream.ts';

export interface EngineOptions {
  upstream?: Partial<UpstreamOptions>;
  /** Origins an account's base_url override may point at; undefined checks nothing (the engine used as a library). */
  baseUrlAllowlist?: readonly string[] | undefined;
  /** Upstream calls in flight per integrated account on this node, and how long and how many more may wait. */
  limiter?: Partial<LimiterOptions>;
  /** Signs next_cursor values; nodes sharing it accept each other's cursors (derive it with cursorKeyFrom). */
  cursorKey?: Uint8Array | undefined;
  /** Told about every call that reached upstream or failed on the way: the status class (2xx…5xx, error) and time. */
  onUpstream?: ((integration: string, statusClass: string, seconds: number) => void) | undefined;
  /** Upstream OAuth tokens (src/services/upstream-tokens.ts), given the engine's way to send a request. */
  tokens?: ((send: Upstream['send']) => TokenSource) | undefined;
}

export interface ProxyInput {
  integration: Integration;
  resource: string;
  method: string;
  account: AccountConnection;
  arguments: Record<string, unknown>;
  signal?: AbortSignal | undefined;
  resultBudgetBytes?: number | undefined;
}

export class Engine implements EngineParts {
  readonly upstream: Upstream;
  readonly requests: RequestBuilder;
  readonly limiter: AccountLimiter;
  readonly cursors: CursorCodec;
  readonly tokens: TokenSource | undefined;
  private readonly onUpstream: EngineOptions['onUpstream'];

  constructor(options: EngineOptions = {}) {
    this.upstream = new Upstream(options.upstream);
    this.requests = new RequestBuilder({ baseUrlAllowlist: options.baseUrlAllowlist });
    this.limiter = new AccountLimiter(options.limiter);
    this.cursors = new CursorCodec(options.cursorKey);
    this.tokens = options.tokens?.((request, signal) => this.upstream.send(request, signal));
    this.onUpstream = options.onUpstream;
  }

  async execute(call: ToolCall): Promise<CallOutcome> {
    const started = performance.now();
    const outcome = await executeTool(this, call);
    const status = upstreamStatusClass(outcome);
    if (status) this.onUpstream?.(call.integration.definition.name, status, (performance.now() - started) / 1000);
    return outcome;
  }

  /** The Proxy API: the same path as a tool call, also for methods that have no documentation (and so no tool). */
  proxy(input: ProxyInput): Promise<CallOutcome> {
    const { integration, resource, method } = input;
    const { resources } = integration.definition;
    // Own properties only: "constructor" or "toString" must not find Object.prototype members.
    const resourceDefinition = Object.hasOwn(resources, resource) ? resources[resource] : undefined;
    if (!resourceDefinition) {
      return Promise.resolve(notFound(404, `${integration.definition.label} has no resource "${resource}"; it has: ${Object.keys(resources).join(', ')}`));
    }
    if (!Object.hasOwn(resourceDefinition.methods, method)) {
      return Promise.resolve(notFound(405, `${resource} has no ${method} method; it has: ${Object.keys(resourceDefinition.methods).join(', ')}`));
    }
    const tool = integration.tools.find((candidate) => candidate.resource === resource && candidate.method === method)
      ?? passthroughTool(integration.definition, resource, method);
    return this.execute({
      integration, tool, account: input.account, arguments: input.arguments, cursorScope: `account:${input.account.id}`,
      signal: input.signal, resultBudgetBytes: input.resultBudgetBytes,
    });
  }

  close(): Promise<void> {
    return this.upstream.close();
  }
}

function notFound(status: number, message: string): CallOutcome {
  return { ok: false, error: { kind: 'not_found', message, status, is_remote: false }, rateLimit: {} };
}

/** 2xx…5xx for an upstream answer, error for a transport failure, undefined when nothing was sent (bad arguments, a full queue). */
export function upstreamStatusClass(outcome: CallOutcome): string | undefined {
  if (outcome.ok) return `${Math.floor(outcome.status / 100)}xx`;
  if (outcome.error.upstream_status !== undefined) return `${Math.floor(outcome.error.upstream_status / 100)}xx`;
  return outcome.error.kind === 'transport' ? 'error' : undefined;
}
