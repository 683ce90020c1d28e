export interface RateLimitSettings {
  /** Requests allowed per window; 0 disables limiting. */
  limit: number;
  windowSeconds: number;
}

/**
 * What a list does with a query parameter (a filter) it does not know: leave it out and answer every record, or answer
 * 400 naming it. Where the vendor does not document which, sandboxes ignore them by default: the dangerous case, so
 * tests show Switchboard never relies on upstream to refuse a filter.
 */
export type UnknownFilters = 'ignore' | 'reject';

export interface SandboxOptions {
  /** Port to listen on; 0 (the default) picks a free port. */
  port?: number;
  /** Interface to bind; defaults to 127.0.0.1. */
  host?: string;
  /** Keys the sandbox accepts; each sandbox has its own default key. */
  apiKeys?: string[];
  /** Keys that exist but are deactivated (or whose integration is off): answered the way the API answers them. */
  disabledApiKeys?: string[];
  /** Requests per window before 429; defaults to the vendor's documented limit, else 600 per 60 s. null disables limiting. */
  rateLimit?: RateLimitSettings | null;
  /** Seed of the pseudo-random generator that builds the data; same seed, same data. */
  seed?: number;
  /** Sandboxes with an OAuth provider: how many seconds an access token lives (3600 by default). */
  accessTokenTtlSeconds?: number;
}

export interface RequestLogEntry {
  method: string;
  /** Path without the query string, e.g. /api/v1/applications. */
  path: string;
  /** Raw query string without the leading '?', '' when there was none. */
  query: string;
  status: number;
  /** The request body, for sandboxes that log bodies (RPC-style APIs): parsed JSON, else the text. */
  body?: unknown;
}

export interface RunningSandbox<State> {
  /** Base URL including the API prefix, e.g. http://127.0.0.1:4010/api/v1 */
  url: string;
  /** Scheme, host and port only, e.g. http://127.0.0.1:4010 */
  origin: string;
  /** The live in-memory data; tests may inspect and change it. */
  state: State;
  /** Every request received, in order, with the status it was answered with. */
  requests: RequestLogEntry[];
  /** The rate limit it started with (null: none). */
  rateLimit: RateLimitSettings | null;
  resetRateLimit(): void;
  setRateLimit(limit: RateLimitSettings | null): void;
  close(): Promise<void>;
}
