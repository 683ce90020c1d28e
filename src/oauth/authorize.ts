// The authorization endpoint's logic. GET /authorize is the dashboard's consent page; it asks check() what the
// request is about (or what is wrong with it), and posts the user's decision to decide(). Errors about the client or
// its redirect_uri are shown, never redirected (the redirect target is not trusted yet); every other error goes
// back to the client's redirect_uri with error, state and iss, as OAuth asks. Only authorization code with PKCE
// (S256) is offered, and the request must name its MCP server in `resource` (RFC 8707): the grant is bound to it.
import { hashToken } from '../security/tokens.ts';
import type { Access } from '../services/access.ts';
import type { OAuthClient, User } from '../store/auth-types.ts';
import type { Store } from '../store/types.ts';
import type { Catalog } from '../tools/catalog.ts';
import { authModeOf } from '../mcp/auth-mode.ts';
import type { ResolvedMcpServer } from '../services/access.ts';
import { toolSetFor } from '../mcp/tools-list.ts';
import { generateSecret } from '../auth/tokens.ts';
import { clientLabel, type ClientRegistry } from './clients.ts';
import { OAuthError } from './errors.ts';
import { supportedScopes } from './metadata.ts';
import { redirectUriAllowed } from './redirect-uris.ts';
import { tokenOfResource } from './resource.ts';

/** An authorization code is good for this long. */
export const codeTtlMs = 60_000;

export const codeChallengePattern = /^[A-Za-z0-9_-]{43,128}$/;

export type AuthorizationParams = Record<string, string | undefined>;

/** Longest authorization query accepted (a CIMD client_id, a resource URL, a state and a challenge fit well within). */
export const maxQueryLength = 8_000;

/**
 * The parameters of an authorization request's query string. GET (what the consent page shows) and POST (what the
 * user approves) both parse the same string here, so they cannot read it differently; a repeated parameter is
 * refused (RFC 6749 section 3.1), as parsers disagree on which of the values counts.
 */
export function parseAuthorizationQuery(query: string): AuthorizationParams | OAuthError {
  if (query.length > maxQueryLength) return new OAuthError(400, 'invalid_request', `the authorization request is longer than ${maxQueryLength} characters`);
  const search = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  const repeated = [...new Set(search.keys())].filter((name) => search.getAll(name).length > 1);
  if (repeated.length > 0) return new OAuthError(400, 'invalid_request', `the authorization request repeats ${repeated.join(', ')}; send each parameter once`);
  return Object.fromEntries(search);
}

export interface ConsentDetails {
  client: { id: string; name: string; uri: string | null; logo_uri: string | null; kind: OAuthClient['kind']; redirect_host: string };
  server: { id: string; name: string; integration: string; account: string; tools: number; write_tools: number; exposure: 'all' | 'discovery' };
  user: { email: string };
  tenant: { id: string; name: string };
}

export type AuthorizationCheck =
  | { ok: true; details: ConsentDetails; request: ValidRequest }
  | { ok: false; error: OAuthError; redirect_to?: string };

interface ValidRequest {
  client: OAuthClient;
  redirectUri: string;
  state: string | undefined;
  codeChallenge: string;
  scope: string;
  resolved: ResolvedMcpServer;
  user: User;
}

export class AuthorizationRequests {
  private readonly options: { store: Store; clients: ClientRegistry; access: Access; catalog: Catalog; issuer: string; now?: (() => number) | undefined };

  constructor(options: AuthorizationRequests['options']) {
    this.options = options;
  }

  /** What the request asks, for the consent page; `user` is the signed-in user (undefined: ask them to sign in). */
  async check(params: AuthorizationParams, user: User): Promise<AuthorizationCheck> {
    let client: OAuthClient;
    try {
      client = await this.options.clients.resolve(params.client_id ?? '');
    } catch (error) {
      if (error instanceof OAuthError) return { ok: false, error };
      throw error;
    }
    const registered = client.metadata.redirect_uris;
    const redirectUri = params.redirect_uri ?? (registered.length === 1 ? registered[0] : undefined);
    if (!redirectUri || !redirectUriAllowed(registered, redirectUri)) {
      return { ok: false, error: new OAuthError(400, 'invalid_request', `redirect_uri ${redirectUri ? `"${redirectUri}" is not one this client registered` : 'is required'} (registered: ${registered.join(', ')})`) };
    }
    const back = (error: OAuthError): AuthorizationCheck => ({ ok: false, error, redirect_to: this.redirect(redirectUri, { error: error.code, error_description: error.description, state: params.state }) });

    if (params.response_type !== 'code') return back(new OAuthError(400, 'unsupported_response_type', 'only response_type=code is supported'));
    if (params.code_challenge_method !== 'S256') return back(new OAuthError(400, 'invalid_request', 'PKCE is required: send code_challenge with code_challenge_method=S256'));
    if (!params.code_challenge || !codeChallengePattern.test(params.code_challenge)) return back(new OAuthError(400, 'invalid_request', 'code_challenge must be 43 to 128 base64url characters'));
    const resolved = await this.resolveResource(params.resource);
    if (resolved instanceof OAuthError) return back(resolved);
    const { server } = resolved;
    if (!await this.options.store.auth.getMembership(user.id, server.tenant_id)) {
      return back(new OAuthError(403, 'access_denied', `${user.email} is not a member of the team that owns the MCP server "${server.name}"; only its members can allow access to it`));
    }
    const integration = this.options.catalog.get(resolved.account.integration);
    if (!integration) return back(new OAuthError(503, 'temporarily_unavailable', `the integration "${resolved.account.integration}" of this MCP server is not loaded`));
    const [account, tenant] = await Promise.all([
      this.options.store.getAccount(server.tenant_id, server.integrated_account_id),
      this.options.store.getTenant(server.tenant_id),
    ]);
    const toolSet = toolSetFor(integration, server.config);
    return {
      ok: true,
      request: { client, redirectUri, state: params.state, codeChallenge: params.code_challenge, scope: grantedScope(params.scope), resolved, user },
      details: {
        client: {
          id: client.id, name: clientLabel(client), uri: client.metadata.client_uri ?? null, logo_uri: client.metadata.logo_uri ?? null, kind: client.kind,
          redirect_host: new URL(redirectUri).host,
        },
        server: {
          id: server.id, name: server.name, integration: integration.definition.label, account: account?.name ?? integration.definition.label,
          tools: toolSet.tools.length, write_tools: toolSet.tools.filter((tool) => !tool.annotations.readOnlyHint).length, exposure: toolSet.exposure,
        },
        user: { email: user.email },
        tenant: { id: server.tenant_id, name: tenant?.name ?? '' },
      },
    };
  }

  /** The user's answer: where to send the browser (the client's redirect_uri with a code, or with an error). */
  async decide(params: AuthorizationParams, user: User, approve: boolean): Promise<Extract<AuthorizationCheck, { ok: false }> | { ok: true; redirect_to: string }> {
    const checked = await this.check(params, user);
    if (!checked.ok) return checked;
    const { request } = checked;
    if (!approve) return { ok: true, redirect_to: this.redirect(request.redirectUri, { error: 'access_denied', error_description: `${user.email} did not allow access`, state: request.state }) };
    const code = generateSecret('authorizationCode');
    const now = this.options.now?.() ?? Date.now();
    await this.options.store.auth.createCode(hashToken(code), {
      client_id: request.client.id, user_id: user.id, tenant_id: request.resolved.server.tenant_id, mcp_server_id: request.resolved.server.id,
      redirect_uri: request.redirectUri, code_challenge: request.codeChallenge, scope: request.scope, expires_at: new Date(now + codeTtlMs).toISOString(),
    });
    return { ok: true, redirect_to: this.redirect(request.redirectUri, { code, state: request.state }) };
  }

  /** The MCP server a resource parameter names, when it exists and signs in with OAuth. */
  async resolveResource(resource: string | undefined): Promise<ResolvedMcpServer | OAuthError> {
    if (!resource) return new OAuthError(400, 'invalid_target', 'resource is required: the URL of the MCP server to connect (RFC 8707)');
    const token = tokenOfResource(this.options.issuer, resource);
    const resolved = token === undefined ? undefined : await this.options.access.resolveServer(token);
    if (!resolved) return new OAuthError(400, 'invalid_target', 'resource is not the URL of a live MCP server of this Switchboard (unknown, deleted or expired)');
    const mode = authModeOf(resolved.server.config);
    if (mode !== 'oauth') {
      return new OAuthError(400, 'invalid_target', mode === 'api_token'
        ? `the MCP server "${resolved.server.name}" does not use sign-in: it requires the header "Authorization: Bearer <API token>". Ask its owner to set its authentication to sign-in (OAuth) to connect Claude.ai or ChatGPT`
        : `the MCP server "${resolved.server.name}" does not use sign-in: its URL alone gives access, so connect it without authentication`);
    }
    return resolved;
  }

  private redirect(redirectUri: string, values: Record<string, string | undefined>): string {
    const url = new URL(redirectUri);
    for (const [name, value] of Object.entries({ ...values, iss: this.options.issuer })) if (value !== undefined) url.searchParams.set(name, value);
    return url.href;
  }
}

/** The scope granted: the supported scopes asked for, or all of them when none is asked for (unknown ones are dropped). */
export function grantedScope(requested: string | undefined): string {
  const asked = (requested ?? '').split(' ').filter((scope) => supportedScopes.includes(scope));
  return (asked.length > 0 ? asked : supportedScopes).join(' ');
}
