// The contract of the execution engine: what a caller hands in and what comes back.
import type { Integration } from '../tools/catalog.ts';
import type { Tool } from '../tools/types.ts';

/** An integrated account as the engine needs it: credentials already decrypted, held in memory only. */
export interface AccountConnection {
  id: string;
  integration: string;
  /** Values for the definition's context fields, plus an optional base_url that replaces the definition's. */
  context: Record<string, string>;
  credentials: Record<string, string>;
  /** The tenant the account belongs to (its OAuth app is the tenant's), when known. */
  tenantId?: string | undefined;
  /** needs_reauth: its OAuth authorization is gone; calls fail at once until it is reconnected. */
  status?: 'active' | 'needs_reauth' | undefined;
  /**
   * Credentials checked before the account exists (a connect page): tokens obtained for it are neither stored nor
   * shared, and a refusal marks nothing.
   */
  unsaved?: boolean | undefined;
}

export interface ToolCall {
  integration: Integration;
  tool: Tool;
  account: AccountConnection;
  arguments: Record<string, unknown>;
  /** Who the call's next_cursor is bound to: "mcp:<server id>", or "account:<account id>" for the Proxy API. */
  cursorScope: string;
  signal?: AbortSignal | undefined;
  /** List results larger than this (JSON bytes) are cut at a record boundary; next_cursor resumes after the cut. */
  resultBudgetBytes?: number | undefined;
}

/** Normalized rate-limit headers: ratelimit-limit/-remaining/-reset, RateLimit, RateLimit-Policy, Retry-After. */
export type RateLimitHeaders = Record<string, string>;

export interface InvalidArgument {
  argument: string;
  message: string;
}

export interface CallError {
  /**
   * What went wrong: the arguments (fix them), the request (the account's settings), the upstream's answer, the
   * connection to it, this node's per-account queue (wait and retry), or something the caller named that is not there.
   */
  kind: 'invalid_arguments' | 'request' | 'upstream' | 'transport' | 'busy' | 'not_found' | 'reauth';
  /** One readable sentence an agent can act on. */
  message: string;
  /** The HTTP status a Proxy API caller gets: upstream's for remote errors, 400 for bad arguments, 502/503/504 otherwise. */
  status: number;
  /** True when the upstream API answered with the error. */
  is_remote: boolean;
  upstream_status?: number;
  /** The upstream's own error message, when its body had one. */
  upstream_message?: string;
  /** The upstream error body as received (parsed JSON when it was JSON). */
  upstream_body?: unknown;
  retry_after_seconds?: number;
  invalid_arguments?: InvalidArgument[];
  /** Where to find valid values of the arguments upstream may have refused. */
  hints?: string[];
}

export type CallOutcome =
  | {
    ok: true; status: number; shape: 'list'; result: unknown[]; result_count: number; next_cursor?: string; total_count?: number;
    /** Set when Switchboard-side filters made the call a scan: records read upstream, and whether the list was read to its end. */
    scanned_count?: number; scan_complete?: boolean;
    notice?: string; rateLimit: RateLimitHeaders;
  }
  | { ok: true; status: number; shape: 'record'; result: unknown; notice?: string; rateLimit: RateLimitHeaders }
  | { ok: false; error: CallError; rateLimit: RateLimitHeaders };
