// Settings from environment variables, validated once at start; a bad value stops the start naming the variable.
import { resolve } from 'node:path';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  port: number;
  host: string;
  /** Base of the MCP URLs handed out; undefined means http://localhost:<the port actually bound>. */
  publicUrl: string | undefined;
  dataDir: string;
  integrationsDir: string;
  /** Used by `switchboard demo` as the demo tenant's API token instead of a generated one. */
  apiToken: string | undefined;
  /** Base64 of 32 bytes; without it the key lives in <dataDir>/encryption.key. */
  encryptionKey: string | undefined;
  logLevel: LogLevel;
  upstreamTimeoutMs: number;
  resultBudgetTokens: number;
  allowedOrigins: string[];
  /** Origins an account's base_url override may point at (exact origin match); empty refuses every override. */
  upstreamAllowlist: string[];
  /** Largest upstream response body read, in bytes; a larger one fails the call. */
  upstreamMaxResponseBytes: number;
  /** Unknown-token requests (MCP URL 404s, API token 401s) a client may make per minute before 429; 0 turns it off. */
  tokenMissLimit: number;
  /** Reverse proxies in front that append to X-Forwarded-For; 0 takes the client address from the socket. */
  trustedProxyHops: number;
  /** postgres:// URL of a shared PostgreSQL; undefined keeps the embedded SQLite store in dataDir. */
  databaseUrl: string | undefined;
  /** PostgreSQL connections per node. */
  databasePoolSize: number;
  /** redis:// URL: a shared token cache and cross-node invalidation by pub/sub (needs databaseUrl). */
  redisUrl: string | undefined;
  /** Prefix of every Redis key and channel, so deployments can share one Redis. */
  redisKeyPrefix: string;
  /** How often expired MCP servers and old request-log rows are deleted (one node does it per interval). */
  sweepIntervalMs: number;
  /** Most messages in one JSON-RPC batch; a larger batch is refused whole. */
  maxBatch: number;
  /** MCP request-log entries held in memory (queued or promised to running requests); past it new requests get 503. */
  logQueueLimit: number;
  /** Request-log rows older than this many days are deleted; 0 keeps them forever. */
  logRetentionDays: number;
  /** Open legacy SSE streams: on this node, per MCP server and per tenant (each counted on this node). */
  sseMaxStreams: number;
  sseMaxStreamsPerServer: number;
  sseMaxStreamsPerTenant: number;
  /** Quotas: MCP servers per integrated account, integrated accounts and API tokens per tenant. */
  maxMcpServersPerAccount: number;
  maxAccountsPerTenant: number;
  maxApiTokensPerTenant: number;
  /** Lifetime of a dashboard sign-in session. */
  sessionTtlSeconds: number;
  /** Failed sign-ins per client address, and per email, in 15 minutes before sign-in answers 429; 0 turns it off. */
  signInLimit: number;
  /** Password checks (scrypt, 32 MiB and ~100 ms each) run at once on a node; more sign-ins at that moment get 503. */
  signInConcurrency: number;
  /** Lifetime of an OAuth access token for an MCP server. */
  oauthAccessTokenTtlSeconds: number;
  /** Lifetime of an OAuth refresh token (each use rotates it and starts a new one). */
  oauthRefreshTokenTtlSeconds: number;
  /** OpenID Connect single sign-on, when an issuer is configured. */
  oidc: OidcConfig | undefined;
  /** Upstream calls in flight per integrated account on one node; more wait in a queue. */
  accountConcurrency: number;
  /** The longest a call waits in its account's queue before it fails. */
  accountQueueTimeoutMs: number;
  /** How long a connect link (POST /integrated-account/connect-link) can be used; at most an hour. */
  connectLinkTtlSeconds: number;
  /** OAuth apps for authorization-code integrations, by integration, used by tenants that registered none (the demo). */
  oauthApps: Record<string, DefaultOAuthApp>;
}

/** An operator's OAuth app at a provider (SWITCHBOARD_OAUTH_APPS). */
export interface DefaultOAuthApp {
  client_id: string;
  client_secret: string;
  authorize_url?: string | undefined;
  token_url?: string | undefined;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  /** The button label on the sign-in page, e.g. "Google Workspace". */
  name: string;
  /** Unknown users who sign in through the provider become members of this tenant; without it only known users may. */
  autoProvisionTenant: string | undefined;
}

export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const logLevels: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: Env = process.env): Config {
  const read = (name: string) => env[name]?.trim() || undefined;
  const port = integer(read, 'PORT', 8080, 0, 65535);
  const databaseUrl = serviceUrl(read, 'DATABASE_URL', ['postgres:', 'postgresql:'], 'postgres://user:password@db.example.com:5432/switchboard');
  const redisUrl = serviceUrl(read, 'REDIS_URL', ['redis:', 'rediss:'], 'redis://redis.example.com:6379');
  const key = encryptionKey(read);
  if (databaseUrl && !key) {
    throw new ConfigError('SWITCHBOARD_ENCRYPTION_KEY', 'is required with DATABASE_URL: every node must decrypt the credentials the others stored, so all share one key (generate one with: openssl rand -base64 32)');
  }
  if (redisUrl && !databaseUrl) throw new ConfigError('REDIS_URL', 'needs DATABASE_URL: Redis serves nodes that share a PostgreSQL database; the embedded SQLite store is for one node');
  return {
    port,
    host: read('HOST') ?? '127.0.0.1',
    publicUrl: optionalHttpUrl(read, 'PUBLIC_URL'),
    dataDir: resolve(read('SWITCHBOARD_DATA_DIR') ?? './data'),
    integrationsDir: resolve(read('SWITCHBOARD_INTEGRATIONS_DIR') ?? './integrations'),
    apiToken: read('SWITCHBOARD_API_TOKEN'),
    encryptionKey: key,
    logLevel: logLevel(read),
    upstreamTimeoutMs: integer(read, 'UPSTREAM_TIMEOUT_MS', 30_000, 1, 600_000),
    resultBudgetTokens: integer(read, 'SWITCHBOARD_RESULT_BUDGET_TOKENS', 20_000, 500, 1_000_000),
    allowedOrigins: (read('SWITCHBOARD_ALLOWED_ORIGINS') ?? '').split(',').map((origin) => origin.trim()).filter(Boolean),
    upstreamAllowlist: originList(read, 'SWITCHBOARD_UPSTREAM_ALLOWLIST'),
    upstreamMaxResponseBytes: integer(read, 'UPSTREAM_MAX_RESPONSE_BYTES', 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    tokenMissLimit: integer(read, 'SWITCHBOARD_TOKEN_MISS_LIMIT', 60, 0, 1_000_000),
    trustedProxyHops: integer(read, 'SWITCHBOARD_TRUSTED_PROXY_HOPS', 0, 0, 10),
    databaseUrl,
    databasePoolSize: integer(read, 'DATABASE_POOL_SIZE', 10, 1, 1000),
    redisUrl,
    redisKeyPrefix: read('REDIS_KEY_PREFIX') ?? 'switchboard:',
    sweepIntervalMs: integer(read, 'SWITCHBOARD_SWEEP_INTERVAL_MS', 30_000, 100, 86_400_000),
    maxBatch: integer(read, 'SWITCHBOARD_MAX_BATCH', 50, 1, 10_000),
    logQueueLimit: integer(read, 'SWITCHBOARD_LOG_QUEUE_LIMIT', 10_000, 100, 1_000_000),
    logRetentionDays: integer(read, 'SWITCHBOARD_LOG_RETENTION_DAYS', 30, 0, 36_500),
    sseMaxStreams: integer(read, 'SWITCHBOARD_SSE_MAX_STREAMS', 10_000, 1, 1_000_000),
    sseMaxStreamsPerServer: integer(read, 'SWITCHBOARD_SSE_MAX_STREAMS_PER_SERVER', 20, 1, 1_000_000),
    sseMaxStreamsPerTenant: integer(read, 'SWITCHBOARD_SSE_MAX_STREAMS_PER_TENANT', 200, 1, 1_000_000),
    maxMcpServersPerAccount: integer(read, 'SWITCHBOARD_MAX_MCP_SERVERS_PER_ACCOUNT', 100, 1, 1_000_000),
    maxAccountsPerTenant: integer(read, 'SWITCHBOARD_MAX_ACCOUNTS_PER_TENANT', 1_000, 1, 1_000_000),
    maxApiTokensPerTenant: integer(read, 'SWITCHBOARD_MAX_API_TOKENS_PER_TENANT', 100, 1, 1_000_000),
    sessionTtlSeconds: integer(read, 'SWITCHBOARD_SESSION_TTL_SECONDS', 43_200, 60, 2_592_000),
    signInLimit: integer(read, 'SWITCHBOARD_SIGN_IN_LIMIT', 10, 0, 1_000_000),
    signInConcurrency: integer(read, 'SWITCHBOARD_SIGN_IN_CONCURRENCY', 4, 1, 64),
    oauthAccessTokenTtlSeconds: integer(read, 'SWITCHBOARD_OAUTH_ACCESS_TOKEN_TTL_SECONDS', 3_600, 60, 86_400),
    oauthRefreshTokenTtlSeconds: integer(read, 'SWITCHBOARD_OAUTH_REFRESH_TOKEN_TTL_SECONDS', 2_592_000, 300, 31_536_000),
    oidc: oidcConfig(read),
    accountConcurrency: integer(read, 'SWITCHBOARD_ACCOUNT_CONCURRENCY', 8, 1, 1_000),
    accountQueueTimeoutMs: integer(read, 'SWITCHBOARD_ACCOUNT_QUEUE_TIMEOUT_MS', 10_000, 1, 600_000),
    connectLinkTtlSeconds: integer(read, 'SWITCHBOARD_CONNECT_LINK_TTL_SECONDS', 3_600, 60, 3_600),
    oauthApps: oauthApps(read),
  };
}

/** The public base URL without a trailing slash, falling back to the bound port. */
export function publicBaseUrl(config: Config, boundPort: number): string {
  return (config.publicUrl ?? `http://localhost:${boundPort}`).replace(/\/+$/, '');
}

function integer(read: (name: string) => string | undefined, name: string, fallback: number, min: number, max: number): number {
  const text = read(name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

function optionalHttpUrl(read: (name: string) => string | undefined, name: string): string | undefined {
  const text = read(name);
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(name, `must be an absolute URL such as https://switchboard.example.com, got "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(name, 'must start with http:// or https://');
  return text.replace(/\/+$/, '');
}

/** A comma list of http(s) origins (scheme, host, optional port, nothing else), normalized as URL.origin. */
function originList(read: (name: string) => string | undefined, name: string): string[] {
  return (read(name) ?? '').split(',').map((entry) => entry.trim()).filter(Boolean).map((entry) => {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new ConfigError(name, `must be a comma list of origins such as http://127.0.0.1:4010, got "${entry}"`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(name, `takes http:// or https:// origins, got "${entry}"`);
    if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) {
      throw new ConfigError(name, `takes origins only (scheme, host and port, no path), got "${entry}"`);
    }
    return url.origin;
  });
}

/** A URL of one of the given schemes; the message shows the expected form, never the value (it may hold a password). */
function serviceUrl(read: (name: string) => string | undefined, name: string, schemes: string[], example: string): string | undefined {
  const text = read(name);
  if (text === undefined) return undefined;
  let protocol: string;
  try {
    protocol = new URL(text).protocol;
  } catch {
    throw new ConfigError(name, `must be a URL such as ${example}`);
  }
  if (!schemes.includes(protocol)) throw new ConfigError(name, `must start with ${schemes.map((scheme) => `${scheme}//`).join(' or ')}, got ${protocol}//…`);
  return text;
}

function oidcConfig(read: (name: string) => string | undefined): OidcConfig | undefined {
  // Kept exactly as written: an issuer identifier is compared byte for byte (a trailing slash matters).
  const issuer = read('SWITCHBOARD_OIDC_ISSUER');
  if (issuer !== undefined) optionalHttpUrl(read, 'SWITCHBOARD_OIDC_ISSUER');
  const clientId = read('SWITCHBOARD_OIDC_CLIENT_ID');
  if (issuer === undefined) {
    if (clientId !== undefined) throw new ConfigError('SWITCHBOARD_OIDC_CLIENT_ID', 'is set but SWITCHBOARD_OIDC_ISSUER is not: set both to turn on single sign-on');
    return undefined;
  }
  if (clientId === undefined) throw new ConfigError('SWITCHBOARD_OIDC_CLIENT_ID', 'is required with SWITCHBOARD_OIDC_ISSUER (the client id registered with the provider)');
  return {
    issuer,
    clientId,
    clientSecret: read('SWITCHBOARD_OIDC_CLIENT_SECRET'),
    name: read('SWITCHBOARD_OIDC_NAME') ?? 'single sign-on',
    autoProvisionTenant: read('SWITCHBOARD_OIDC_TENANT'),
  };
}

const oauthAppsExample = '{"<integration>": {"client_id": "…", "client_secret": "…"}}';

/** SWITCHBOARD_OAUTH_APPS: JSON by integration name; the message never shows the value (it holds client secrets). */
function oauthApps(read: (name: string) => string | undefined): Record<string, DefaultOAuthApp> {
  const name = 'SWITCHBOARD_OAUTH_APPS';
  const text = read(name);
  if (text === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigError(name, `must be JSON such as ${oauthAppsExample}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ConfigError(name, `must be a JSON object such as ${oauthAppsExample}`);
  const apps: Record<string, DefaultOAuthApp> = {};
  for (const [integration, app] of Object.entries(parsed as Record<string, unknown>)) {
    const fields = (typeof app === 'object' && app !== null ? app : {}) as Record<string, unknown>;
    const known = ['client_id', 'client_secret', 'authorize_url', 'token_url'];
    const unknown = Object.keys(fields).filter((key) => !known.includes(key));
    if (typeof fields.client_id !== 'string' || fields.client_id === '' || typeof fields.client_secret !== 'string' || fields.client_secret === '') {
      throw new ConfigError(name, `needs a client_id and a client_secret for ${integration}`);
    }
    if (unknown.length > 0) throw new ConfigError(name, `has unknown fields for ${integration}: ${unknown.join(', ')} (known: ${known.join(', ')})`);
    for (const key of ['authorize_url', 'token_url'] as const) {
      const url = fields[key];
      if (url !== undefined && (typeof url !== 'string' || !/^https?:\/\//.test(url) || !URL.canParse(url))) throw new ConfigError(name, `${integration}.${key} must be an http(s) URL`);
    }
    apps[integration] = { client_id: fields.client_id, client_secret: fields.client_secret, authorize_url: fields.authorize_url as string | undefined, token_url: fields.token_url as string | undefined };
  }
  return apps;
}

function encryptionKey(read: (name: string) => string | undefined): string | undefined {
  const text = read('SWITCHBOARD_ENCRYPTION_KEY');
  if (text === undefined) return undefined;
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text) || Buffer.from(text, 'base64').length !== 32) {
    throw new ConfigError('SWITCHBOARD_ENCRYPTION_KEY', 'must be the base64 encoding of exactly 32 bytes (generate one with: openssl rand -base64 32)');
  }
  return text;
}

function logLevel(read: (name: string) => string | undefined): LogLevel {
  const text = read('LOG_LEVEL')?.toLowerCase() ?? 'info';
  if (!(logLevels as readonly string[]).includes(text)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${logLevels.join(', ')}, got "${text}"`);
  }
  return text as LogLevel;
}
