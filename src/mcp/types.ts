// What the MCP endpoint needs from the rest of the system, injected so the protocol layer stays free of storage.
import type { ResolvedMcpServer } from '../services/access.ts';
import type { AccountConnection, CallOutcome, ToolCall } from '../execution/types.ts';
import type { Logger } from '../logger.ts';
import type { GuessLimiter } from '../security/guess-limiter.ts';
import type { McpLogEntry, McpServer } from '../store/types.ts';
import type { Catalog } from '../tools/catalog.ts';

/** Who calls through an OAuth access token: recorded in the request log. */
export interface OAuthCaller {
  user_id: string;
  user_email: string;
  client_id: string;
  client_name: string | null;
}

export interface McpDependencies {
  catalog: Catalog;
  /** Finds the server for a URL token; undefined when unknown, deleted or expired (checked against the clock). */
  resolveServer(token: string): Promise<ResolvedMcpServer | undefined>;
  /** True when the bearer value is a live API token of this tenant (auth "api_token", and "oauth" too). */
  verifyApiToken(bearer: string, tenantId: string): Promise<boolean>;
  /** The grant behind an OAuth access token (auth "oauth"); undefined when unknown, expired or revoked. */
  verifyAccessToken?: ((bearer: string) => Promise<OAuthCaller & { mcp_server_id: string } | undefined>) | undefined;
  execute(call: ToolCall): Promise<CallOutcome>;
  /** One entry per request handled; `tool.inCatalog` says whether the tool named is one of this server's. */
  log(entry: McpLogEntry, tool: { inCatalog: boolean }): void;
  /** Room in the request log, taken before requests run: without room they are refused (503), so no entry is lost. */
  logRoom?: LogRoom | undefined;
  /** Allowed Origin values besides same-host ones (DNS-rebinding protection). */
  allowedOrigins: string[];
  resultBudgetBytes: number;
  /**
   * Base of the handed-out MCP URLs (PUBLIC_URL, or http://localhost:<port>). Its origin is always an allowed Origin,
   * its host an allowed Host when the server is bound to a loopback address, and its path prefixes the legacy SSE
   * endpoint URL. Without it, an Origin is accepted when its host equals the request's Host header.
   */
  publicUrl?: string | undefined;
  /** Largest accepted POST body in bytes; 1 MiB when omitted. */
  maxBodyBytes?: number | undefined;
  /** Interval of SSE keep-alive comments on legacy HTTP+SSE streams; 15 s when omitted. */
  sseKeepAliveMs?: number | undefined;
  /** Rate limit on unknown tokens per client (404s and API-token 401s count); no limit when omitted. */
  guesses?: GuessLimiter | undefined;
  /** Most messages in one JSON-RPC batch (SWITCHBOARD_MAX_BATCH); 50 when omitted. */
  maxBatch?: number | undefined;
  /** Open legacy SSE streams allowed on this node, per MCP server and per tenant. */
  sseLimits?: Partial<SseLimits> | undefined;
  /**
   * Registers a listener told about every change to MCP servers, accounts and API tokens, on every node (the
   * invalidation bus); open legacy SSE streams are checked again on each one, so a revoked URL's streams close.
   */
  watchChanges?: ((listener: (change: Change) => void) => void) | undefined;
  /** The clock for expiry (tests move it); Date.now when omitted. */
  now?: (() => number) | undefined;
  /** Where unexpected failures are logged, with the error id their caller is given. */
  logger?: Logger | undefined;
}

/** What changed: a server, an account's servers, an API token, an OAuth grant; none of them means everything. */
export interface Change {
  serverId?: string;
  accountId?: string;
  apiTokenId?: string;
  grantId?: string;
}

export interface LogRoom {
  /** Takes room for `count` entries, which the requests that run then log; false when there is none. */
  reserve(count: number): boolean;
  /** Seconds a refused client should wait before trying again. */
  retryAfterSeconds(): number;
}

export interface SseLimits {
  perNode: number;
  perServer: number;
  perTenant: number;
}
