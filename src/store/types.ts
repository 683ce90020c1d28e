// The store interface. SQLite (node:sqlite) is the embedded default; PostgreSQL implements the same interface.
// Secrets never cross this interface in clear: credentials arrive encrypted, tokens arrive as hashes.
import type { AuthStore } from './auth-types.ts';

export interface Page<T> {
  result: T[];
  next_cursor: string | null;
}

export interface PageRequest {
  limit?: number;
  cursor?: string | undefined;
}

export interface Tenant {
  id: string;
  name: string;
  created_at: string;
}

export interface ApiToken {
  id: string;
  tenant_id: string;
  name: string;
  created_at: string;
  /** When it last authenticated a request, to the minute or so (uses are recorded at most once a minute). */
  last_used_at: string | null;
  /** From then on the token is refused; null for never. */
  expires_at: string | null;
}

/** A quota on an insert: at most `max` rows under the same parent (unexpired ones, for MCP servers, as of `at`). */
export interface Limit {
  max: number;
  at?: Date;
}

export interface IntegratedAccount {
  id: string;
  tenant_id: string;
  integration: string;
  name: string;
  /** Non-secret values for the definition's context fields, plus an optional base_url override. */
  context: Record<string, string>;
  status: 'active' | 'needs_reauth';
  created_at: string;
  updated_at: string;
}

export interface McpServerConfig {
  methods?: string[];
  tags?: string[];
  /** Who may call: the URL alone (default), the URL plus an API token, or the URL plus a signed-in user's OAuth token. */
  auth?: 'url' | 'api_token' | 'oauth';
  /** Older spelling of auth: "api_token". */
  require_api_token_auth?: boolean;
  tool_exposure?: 'all' | 'discovery';
  /** false leaves output schemas out of tools/list (and structuredContent out of results): a smaller tools/list. */
  output_schemas?: boolean;
}

export interface McpServer {
  id: string;
  tenant_id: string;
  integrated_account_id: string;
  name: string;
  config: McpServerConfig;
  expires_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** A tenant's OAuth app at one provider (the client its users connect accounts through); the secret sealed. */
export interface OAuthApp {
  tenant_id: string;
  integration: string;
  client_id: string;
  /** Overrides of the definition's URLs (a sandbox, a regional endpoint); checked against the upstream allowlist. */
  authorize_url: string | null;
  token_url: string | null;
  created_at: string;
  updated_at: string;
}

/** An account's upstream OAuth tokens, sealed, and when the access token expires. */
export interface UpstreamTokens {
  tokens_encrypted: string;
  expires_at: string | null;
}

/**
 * One attempt to connect an account: from a connect link (token_hash of the link's token) or the dashboard, through
 * the provider's authorization page (state_hash, the PKCE verifier sealed) to the callback. Single use.
 */
export interface ConnectSession {
  id: string;
  tenant_id: string;
  integration: string;
  account_name: string | null;
  /** The account to reconnect, when this session reconnects one. */
  account_id: string | null;
  /** Context values of the account to create, chosen before connecting (a region, a sandbox's base_url). */
  context: Record<string, string>;
  verifier_encrypted: string | null;
  return_to: string | null;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

/** A token lookup as the store answers it and the shared cache keeps it: the credentials still sealed, as stored. */
export interface ServerRecord {
  server: McpServer;
  account: IntegratedAccount;
  credentials_encrypted: string;
}

/** Metadata of one MCP request; never argument values nor response bodies. */
export interface McpLogEntry {
  id?: string;
  tenant_id: string;
  mcp_server_id: string;
  integrated_account_id: string;
  time: string;
  rpc_method: string;
  tool_name: string | null;
  upstream_status: number | null;
  is_error: boolean;
  latency_ms: number;
  client_name: string | null;
  client_version: string | null;
  /** The signed-in user whose OAuth access token made the call (servers with auth "oauth"). */
  user_id?: string | null;
  user_email?: string | null;
  /** The OAuth client (its client_id and name) that holds that access token. */
  oauth_client_id?: string | null;
  oauth_client_name?: string | null;
}

export interface LogQuery extends PageRequest {
  mcp_server_id?: string;
  integrated_account_id?: string;
  tool_name?: string;
  rpc_method?: string;
  client_name?: string;
  client_version?: string;
  user_id?: string;
  oauth_client_id?: string;
  since?: string;
  until?: string;
}

export interface Store {
  /** Users, memberships, sessions and the OAuth authorization server's records. */
  readonly auth: AuthStore;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Resolves when the database answers; for readiness checks. */
  ping(): Promise<void>;

  createTenant(name: string): Promise<Tenant>;
  getTenant(id: string): Promise<Tenant | undefined>;
  listTenants(page: PageRequest): Promise<Page<Tenant>>;
  /** Throws LimitReachedError when the tenant already has `limit.max` tokens. */
  createApiToken(input: { tenant_id: string; name: string; token_hash: string; expires_at?: string | null }, limit?: Limit): Promise<ApiToken>;
  listApiTokens(tenantId: string, page: PageRequest): Promise<Page<ApiToken>>;
  /** The token of a hash, expired or not (the caller checks expires_at against its clock). */
  findApiTokenByHash(tokenHash: string): Promise<ApiToken | undefined>;
  /** Moves last_used_at forward to `at` (never back). */
  touchApiToken(id: string, at: string): Promise<void>;
  deleteApiToken(tenantId: string, id: string): Promise<boolean>;

  /** Throws LimitReachedError when the tenant already has `limit.max` accounts. */
  createAccount(input: { tenant_id: string; integration: string; name: string; context: Record<string, string>; credentials_encrypted: string }, limit?: Limit): Promise<IntegratedAccount>;
  getAccount(tenantId: string, id: string): Promise<IntegratedAccount | undefined>;
  listAccounts(tenantId: string, page: PageRequest): Promise<Page<IntegratedAccount>>;
  updateAccount(tenantId: string, id: string, patch: { name?: string; context?: Record<string, string>; credentials_encrypted?: string; status?: IntegratedAccount['status'] }): Promise<IntegratedAccount | undefined>;
  deleteAccount(tenantId: string, id: string): Promise<boolean>;
  /** The encrypted credentials blob, for the engine only. */
  getAccountCredentials(accountId: string): Promise<string | undefined>;

  // MCP servers. With `live`, the calls see only servers not expired at that time (the sweeper deletes expired ones
  // later): an expired server is gone for the API whether or not the sweeper ran.
  /** Throws LimitReachedError when the account already has `limit.max` servers unexpired at `limit.at`. */
  createMcpServer(input: Omit<McpServer, 'id' | 'created_at' | 'updated_at'> & { token_hash: string }, limit?: Limit): Promise<McpServer>;
  getMcpServer(tenantId: string, accountId: string, id: string, live?: Date): Promise<McpServer | undefined>;
  listMcpServers(tenantId: string, accountId: string, page: PageRequest, live?: Date): Promise<Page<McpServer>>;
  updateMcpServer(tenantId: string, accountId: string, id: string, patch: { name?: string; config?: McpServerConfig; expires_at?: string | null }, live?: Date): Promise<McpServer | undefined>;
  deleteMcpServer(tenantId: string, accountId: string, id: string, live?: Date): Promise<boolean>;
  /** The server, its account and the account's sealed credentials, in one read by the SHA-256 hash of the URL token. */
  findMcpServerByTokenHash(tokenHash: string): Promise<ServerRecord | undefined>;
  /** Deletes servers whose expires_at is at or before `now`; returns how many. */
  deleteExpiredMcpServers(now: Date): Promise<number>;

  /**
   * Takes or renews the named lease for `ttlMs` when it is free, expired or already held by `holder`; false when
   * another holder has it. Nodes sharing a database run cluster-wide jobs (the expiry sweeper) under one.
   */
  acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean>;

  /** Creates or replaces the tenant's OAuth app for an integration. */
  saveOAuthApp(input: Omit<OAuthApp, 'created_at' | 'updated_at'> & { client_secret_encrypted: string }): Promise<OAuthApp>;
  getOAuthApp(tenantId: string, integration: string): Promise<(OAuthApp & { client_secret_encrypted: string }) | undefined>;
  listOAuthApps(tenantId: string): Promise<OAuthApp[]>;
  deleteOAuthApp(tenantId: string, integration: string): Promise<boolean>;

  getUpstreamTokens(accountId: string): Promise<UpstreamTokens | undefined>;
  saveUpstreamTokens(accountId: string, tokens: UpstreamTokens): Promise<void>;
  /** Sets an account's status by id alone (the token lifecycle knows accounts, not tenants). */
  setAccountStatus(accountId: string, status: IntegratedAccount['status']): Promise<void>;

  createConnectSession(input: Omit<ConnectSession, 'id' | 'created_at' | 'used_at'> & { token_hash: string }): Promise<ConnectSession>;
  findConnectSession(by: { token_hash: string } | { state_hash: string }): Promise<ConnectSession | undefined>;
  /** Records the provider round trip's state and PKCE verifier on an unused session. */
  startConnectSession(id: string, stateHash: string, verifierEncrypted: string | null): Promise<void>;
  /** The unused session of a state, which is cleared at once: a state works once, however many callbacks race. */
  takeConnectState(stateHash: string): Promise<ConnectSession | undefined>;
  /** Marks the session used; false when it already was (or does not exist): each session works once. */
  useConnectSession(id: string): Promise<boolean>;
  /** Deletes sessions that expired before `now`; returns how many. */
  deleteExpiredConnectSessions(now: Date): Promise<number>;

  appendLogs(entries: McpLogEntry[]): Promise<void>;
  queryLogs(tenantId: string, query: LogQuery): Promise<Page<McpLogEntry>>;
  /** Deletes up to `max` log entries older than `before`; returns how many (fewer than `max`: none are left). */
  deleteLogsBefore(before: Date, max: number): Promise<number>;
}
