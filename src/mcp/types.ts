// What the MCP endpoint needs from the rest of the system, injected so the protocol layer stays free of storage.
import type { AccountConnection, CallOutcome, ToolCall } from '../execution/types.ts';
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

/** An MCP server ready to serve: its config and its account with decrypted credentials (memory only). */
export interface ResolvedMcpServer {
  server: McpServer;
  account: AccountConnection;
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
  log(entry: McpLogEntry): void;
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
}
