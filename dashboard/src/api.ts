// The admin API, same origin: with the session cookie (and the CSRF token on changes) for a signed-in person, or an
// operator's API token, which travels only in the Authorization header and is never put in a URL, a log or the page.
import type { ApiToken as StoredApiToken, IntegratedAccount, LogQuery, McpLogEntry, McpServer as StoredMcpServer, McpServerConfig } from '../../src/store/types.ts';
import { clearToken, getToken, getUserSession } from './session.ts';

// The API answers with the store's records; MCP servers and log entries leave out their tenant.
export type Account = IntegratedAccount;
export type McpServer = Omit<StoredMcpServer, 'tenant_id'>;
export type LogEntry = Omit<McpLogEntry, 'tenant_id'>;
/** An API token as listed: no secret; `current` is the token this tab is signed in with. */
export type ApiToken = Omit<StoredApiToken, 'tenant_id'> & { current: boolean };
/** A token just created: the secret is in `token`, this once. */
export type CreatedApiToken = Omit<StoredApiToken, 'tenant_id'> & { token: string };
export type { LogQuery, McpServerConfig };

export interface FieldProblem {
  field: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly details: FieldProblem[];
  constructor(status: number, message: string, details: FieldProblem[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.details = details;
  }
  /** The problem reported for one input path, e.g. "context.subdomain" or "config.methods". */
  fieldMessage(field: string): string | undefined {
    return this.details.find((detail) => detail.field === field)?.message;
  }
}

export interface Page<T> {
  result: T[];
  next_cursor: string | null;
}

export interface FieldSpec {
  key: string;
  label: string;
  description?: string;
  required: boolean;
  pattern?: string;
  example?: string;
  /** Credentials: the auth modes that need it (all when absent). */
  modes?: string[];
}

export interface IntegrationInfo {
  name: string;
  label: string;
  description: string;
  docs_url?: string;
  context: FieldSpec[];
  credentials: FieldSpec[];
  tool_count: number | undefined;
  tags: string[];
  /** Values that connect to the bundled sandbox, when the server runs with sandboxes (the demo). */
  sandbox?: { context: Record<string, string>; credentials: Record<string, string> } | undefined;
  /** How accounts authenticate (one entry, "default", unless the definition offers modes), and which one is the default. */
  authModes: { name: string; kind: string }[];
  defaultAuthMode: string;
}

/** Accounts in this mode connect through the provider's authorization page, not with credentials typed in. */
export const providerPageKind = 'oauth2_authorization_code';

/** The mode an account (or a new account, without auth_mode) of the integration uses. */
export function accountMode(integration: IntegrationInfo, context: Record<string, string> = {}): { name: string; kind: string } | undefined {
  const name = context.auth_mode ?? integration.defaultAuthMode;
  return integration.authModes.find((mode) => mode.name === name);
}

/** A tenant's OAuth app at the provider: never its secret. */
export interface OAuthAppInfo {
  integration: string;
  client_id: string;
  authorize_url: string | null;
  token_url: string | null;
  source: 'tenant' | 'operator';
  redirect_uri: string;
}

export interface ToolInfo {
  name: string;
  title?: string;
  description: string;
  method: string;
  kind: string;
  tags: string[];
  annotations?: { readOnlyHint?: boolean; destructiveHint?: boolean; idempotentHint?: boolean; openWorldHint?: boolean };
  inputSchema: Record<string, unknown>;
}

export interface CreatedMcpServer extends McpServer {
  token: string;
  url: string;
}

type Json = Record<string, unknown>;

/** `cookies`: keep the answer's cookies even when signed in with an API token (the connect round trip's state). */
async function request<T>(method: string, path: string, body?: unknown, token = getToken(), options: { cookies?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const session = token ? null : getUserSession();
  if (token) headers.Authorization = `Bearer ${token}`;
  else if (session && method !== 'GET') headers['X-CSRF-Token'] = session.csrf_token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: token && !options.cookies ? 'omit' : 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'The Switchboard server could not be reached. Check that it is running, then try again.');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!response.ok) {
    const error = (data as { error?: { message?: unknown; details?: unknown } } | undefined)?.error;
    const message = typeof error?.message === 'string' ? error.message : `${response.status} ${response.statusText || 'request failed'}`;
    const details = Array.isArray(error?.details) ? error.details.filter(isProblem) : [];
    if (response.status === 401 && (token || session)) {
      clearToken(token ? 'Your session ended: the API token was refused. Sign in again.' : 'Your session ended. Sign in again.');
    }
    throw new ApiError(response.status, message, details);
  }
  return data as T;
}

function isProblem(value: unknown): value is FieldProblem {
  return typeof value === 'object' && value !== null && typeof (value as FieldProblem).field === 'string' && typeof (value as FieldProblem).message === 'string';
}

function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Accepts `[...]`, `{result: [...]}` and `{integrations: [...]}`-style answers. */
function items<T>(data: unknown): T[] {
  if (Array.isArray(data)) return data as T[];
  if (data && typeof data === 'object') {
    const record = data as Json;
    for (const key of ['result', 'items', 'data']) if (Array.isArray(record[key])) return record[key] as T[];
  }
  return [];
}

function page<T>(data: unknown): Page<T> {
  const cursor = data && typeof data === 'object' && !Array.isArray(data) ? (data as Json).next_cursor : null;
  return { result: items<T>(data), next_cursor: typeof cursor === 'string' && cursor ? cursor : null };
}

async function all<T>(path: string, limit = 20): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < limit; i++) {
    const separator = path.includes('?') ? '&' : '?';
    const next: Page<T> = page<T>(await request<unknown>('GET', cursor ? `${path}${separator}cursor=${encodeURIComponent(cursor)}` : path));
    out.push(...next.result);
    cursor = next.next_cursor;
    if (!cursor) break;
  }
  return out;
}

/** Context and credential fields arrive either as a map keyed by field or as a list with a key/name. */
function fields(value: unknown): FieldSpec[] {
  const entries: [string, Json][] = Array.isArray(value)
    ? (value as Json[]).map((field) => [String(field.key ?? field.name ?? ''), field])
    : value && typeof value === 'object'
      ? Object.entries(value as Record<string, Json | string>).map(([key, field]) => [key, typeof field === 'string' ? { label: field } : field])
      : [];
  return entries.filter(([key]) => key).map(([key, field]) => ({
    key,
    label: typeof field.label === 'string' ? field.label : key,
    description: typeof field.description === 'string' ? field.description : undefined,
    required: field.required !== false,
    pattern: typeof field.pattern === 'string' ? field.pattern : undefined,
    example: typeof field.example === 'string' ? field.example : undefined,
    modes: Array.isArray(field.modes) ? field.modes.filter((mode): mode is string => typeof mode === 'string') : undefined,
  }) as FieldSpec);
}

function integration(raw: Json): IntegrationInfo {
  const count = raw.tool_count ?? raw.tools_count ?? (Array.isArray(raw.tools) ? raw.tools.length : undefined);
  const sandbox = raw.sandbox as IntegrationInfo['sandbox'] | undefined;
  return {
    name: String(raw.name),
    label: typeof raw.label === 'string' ? raw.label : String(raw.name),
    description: typeof raw.description === 'string' ? raw.description : '',
    docs_url: typeof raw.docs_url === 'string' ? raw.docs_url : undefined,
    context: fields(raw.context ?? raw.context_fields),
    credentials: fields(raw.credentials ?? raw.credential_fields),
    tool_count: typeof count === 'number' ? count : undefined,
    tags: Array.isArray(raw.tags) ? raw.tags.filter((tag): tag is string => typeof tag === 'string') : [],
    sandbox: sandbox && typeof sandbox === 'object' ? sandbox : undefined,
    authModes: Array.isArray(raw.auth_modes) ? raw.auth_modes as IntegrationInfo['authModes'] : [{ name: 'default', kind: 'unknown' }],
    defaultAuthMode: typeof raw.default_auth_mode === 'string' ? raw.default_auth_mode : 'default',
  } as IntegrationInfo;
}

export interface Grant {
  id: string;
  client_id: string;
  client_name: string | null;
  user_id: string;
  user_email: string;
  created_at: string;
  last_used_at: string | null;
}

export interface ConsentDetails {
  client: { id: string; name: string; uri: string | null; kind: 'registered' | 'metadata_document'; redirect_host: string };
  server: { id: string; name: string; integration: string; account: string; tools: number; write_tools: number; exposure: 'all' | 'discovery' };
  user: { email: string };
  tenant: { id: string; name: string };
}

export type AuthorizationAnswer =
  | { status: 'consent'; details: ConsentDetails }
  | { status: 'redirect'; redirect_to: string }
  | { status: 'error'; error: string; error_description: string; redirect_to?: string };

export const api = {
  signIn: (email: string, password: string) => request<import('./session.ts').UserSession>('POST', '/auth/sign-in', { email, password }, null),
  signInOptions: () => request<{ oidc: { name: string } | null }>('GET', '/auth/options', undefined, null),
  switchTenant: (tenantId: string) => request<import('./session.ts').UserSession>('POST', '/auth/tenant', { tenant_id: tenantId }, null),
  authorization: (search: string) => request<AuthorizationAnswer>('GET', `/oauth/authorization${search}`, undefined, null),
  /** `query`: the very query string the consent page asked about, so the decision is on what was shown. */
  decide: (query: string, decision: 'approve' | 'deny') => request<AuthorizationAnswer>('POST', '/oauth/authorization', { query, decision }, null),
  grants: (accountId: string, serverId: string) => all<Grant>(`/integrated-account/${encodeURIComponent(accountId)}/mcp/${encodeURIComponent(serverId)}/grants`),
  revokeGrant: (accountId: string, serverId: string, grantId: string) =>
    request<void>('DELETE', `/integrated-account/${encodeURIComponent(accountId)}/mcp/${encodeURIComponent(serverId)}/grants/${encodeURIComponent(grantId)}`),

  /** Checks a token before it is kept: any authenticated read will do. */
  verifyToken: (token: string) => request<unknown>('GET', '/integrations', undefined, token),

  integrations: async () => items<Json>(await request<unknown>('GET', '/integrations')).map(integration),

  accounts: () => all<Account>('/integrated-account'),
  account: (id: string) => request<Account>('GET', `/integrated-account/${encodeURIComponent(id)}`),
  createAccount: (input: { integration: string; name?: string; context: Record<string, string>; credentials: Record<string, string> }) =>
    request<Account>('POST', '/integrated-account', input),
  deleteAccount: (id: string) => request<void>('DELETE', `/integrated-account/${encodeURIComponent(id)}`),
  /** New credentials make an account active again. */
  updateCredentials: (id: string, credentials: Record<string, string>) => request<Account>('PATCH', `/integrated-account/${encodeURIComponent(id)}`, { credentials }),
  /** The provider's authorization page for a new account, or to reconnect `account_id`; the answer sets the round trip's cookie. */
  startConnect: (integration: string, input: { name?: string; context?: Record<string, string>; account_id?: string }) =>
    request<{ url: string }>('POST', `/connect/${encodeURIComponent(integration)}/start`, input, getToken(), { cookies: true }),
  oauthApp: async (integration: string) => {
    try {
      return await request<OAuthAppInfo>('GET', `/oauth-app/${encodeURIComponent(integration)}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined;
      throw error;
    }
  },
  saveOAuthApp: (integration: string, input: { client_id: string; client_secret: string; authorize_url?: string | null; token_url?: string | null }) =>
    request<OAuthAppInfo>('PUT', `/oauth-app/${encodeURIComponent(integration)}`, input),

  tools: async (accountId: string, filter: { methods?: string[]; tags?: string[] } = {}) =>
    items<ToolInfo>(await request<unknown>('GET', `/integrated-account/${encodeURIComponent(accountId)}/tools${query({
      methods: filter.methods?.join(','),
      tags: filter.tags?.join(','),
    })}`)),

  servers: (accountId: string) => all<McpServer>(`/integrated-account/${encodeURIComponent(accountId)}/mcp`),
  createServer: (accountId: string, input: { name: string; config: McpServerConfig; expires_at: string | null }) =>
    request<CreatedMcpServer>('POST', `/integrated-account/${encodeURIComponent(accountId)}/mcp`, input),
  updateServer: (accountId: string, id: string, patch: { name?: string; config?: McpServerConfig; expires_at?: string | null }) =>
    request<McpServer>('PATCH', `/integrated-account/${encodeURIComponent(accountId)}/mcp/${encodeURIComponent(id)}`, patch),
  deleteServer: (accountId: string, id: string) =>
    request<void>('DELETE', `/integrated-account/${encodeURIComponent(accountId)}/mcp/${encodeURIComponent(id)}`),

  logs: async (filter: LogQuery) => page<LogEntry>(await request<unknown>('GET', `/log${query({ log_type: 'mcp', ...filter })}`)),

  apiTokens: () => all<ApiToken>('/api-token'),
  createApiToken: (input: { name: string; expires_at: string | null }) => request<CreatedApiToken>('POST', '/api-token', input),
  deleteApiToken: (id: string) => request<void>('DELETE', `/api-token/${encodeURIComponent(id)}`),
};
