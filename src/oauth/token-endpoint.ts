// POST /token: authorization_code (with PKCE S256) and refresh_token grants. A code works once and within a minute;
// a replayed code revokes what it granted. Refresh tokens rotate: each use returns a new one, and presenting a used
// one again revokes the whole grant (someone else has a copy). When `resource` is sent it must name the grant's MCP
// server, the only one the tokens work on.
import { hash, randomUUID } from 'node:crypto';
import { hashToken } from '../security/tokens.ts';
import type { OAuthClient } from '../store/auth-types.ts';
import type { Store } from '../store/types.ts';
import type { AuthorizationRequests } from './authorize.ts';
import type { ClientRegistry } from './clients.ts';
import { OAuthError } from './errors.ts';
import type { GrantService, TokenResponse } from './grants.ts';

const verifierPattern = /^[A-Za-z0-9._~-]{43,128}$/;

export class TokenEndpoint {
  private readonly options: { store: Store; clients: ClientRegistry; grants: GrantService; authorizations: AuthorizationRequests; now?: (() => number) | undefined };

  constructor(options: TokenEndpoint['options']) {
    this.options = options;
  }

  async exchange(form: URLSearchParams, authorization: string | undefined): Promise<TokenResponse> {
    const client = await this.authenticate(form, authorization);
    switch (form.get('grant_type')) {
      case 'authorization_code':
        return this.authorizationCode(client, form);
      case 'refresh_token':
        return this.refresh(client, form);
      case null:
        throw new OAuthError(400, 'invalid_request', 'grant_type is required');
      default:
        throw new OAuthError(400, 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token');
    }
  }

  // Everything the presenter can get wrong (client, redirect_uri, PKCE, resource) is checked before the code or
  // refresh token is spent: a failed attempt, or another client holding a copy, must neither burn it nor revoke the
  // owner's grant. Only then is it claimed, in one statement, so concurrent redemptions still race safely.
  private async authorizationCode(client: OAuthClient, form: URLSearchParams): Promise<TokenResponse> {
    const code = required(form, 'code');
    const redirectUri = required(form, 'redirect_uri');
    const verifier = required(form, 'code_verifier');
    const codeHash = hashToken(code);
    const granted = await this.options.store.auth.findCode(codeHash, this.time());
    if (!granted) throw unknownCode();
    if (granted.client_id !== client.id) throw new OAuthError(400, 'invalid_grant', 'the authorization code was issued to another client');
    if (granted.redirect_uri !== redirectUri) throw new OAuthError(400, 'invalid_grant', 'redirect_uri differs from the one of the authorization request');
    if (!verifierPattern.test(verifier) || hash('sha256', verifier, 'base64url') !== granted.code_challenge) {
      throw new OAuthError(400, 'invalid_grant', 'code_verifier does not match the code_challenge (PKCE S256)');
    }
    await this.checkResource(form, granted.mcp_server_id);
    const grantId = randomUUID();
    const redeemed = await this.options.store.auth.redeemCode(codeHash, grantId, this.time());
    if (!redeemed) throw unknownCode();
    if (redeemed.kind === 'reused') {
      await this.options.grants.revokeCompromised(redeemed.grant_id);
      throw new OAuthError(400, 'invalid_grant', 'the authorization code was already used; the tokens issued for it are revoked');
    }
    await this.checkStillAllowed(granted.user_id, granted.tenant_id);
    const grant = await this.options.store.auth.createGrant({
      id: grantId, tenant_id: granted.tenant_id, mcp_server_id: granted.mcp_server_id, user_id: granted.user_id, client_id: client.id, scope: granted.scope,
    });
    return this.options.grants.issueTokens(grant);
  }

  private async refresh(client: OAuthClient, form: URLSearchParams): Promise<TokenResponse> {
    const token = required(form, 'refresh_token');
    const tokenHash = hashToken(token);
    const owner = await this.options.store.auth.findRefreshTokenGrant(tokenHash);
    if (!owner) throw unknownRefreshToken();
    if (owner.client_id !== client.id) throw new OAuthError(400, 'invalid_grant', 'the refresh token was issued to another client');
    await this.checkResource(form, owner.mcp_server_id);
    const used = await this.options.store.auth.useRefreshToken(tokenHash, this.time());
    if (used.kind === 'unknown') throw unknownRefreshToken();
    if (used.kind === 'reused') {
      await this.options.grants.revokeCompromised(used.grant_id);
      throw new OAuthError(400, 'invalid_grant', 'the refresh token was already used, so a copy of it may be in other hands: the whole grant is revoked; sign in again');
    }
    await this.checkStillAllowed(used.grant.user_id, used.grant.tenant_id);
    return this.options.grants.issueTokens(used.grant);
  }

  /** client_id with client_secret_basic (Authorization: Basic), client_secret_post, or none (public clients). */
  private async authenticate(form: URLSearchParams, authorization: string | undefined): Promise<OAuthClient> {
    const basic = authorization?.match(/^Basic\s+([A-Za-z0-9+/=]+)\s*$/i)?.[1];
    if (authorization !== undefined && !basic) throw new OAuthError(401, 'invalid_client', 'the Authorization header must be Basic client credentials');
    if (basic) {
      const decoded = Buffer.from(basic, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) throw new OAuthError(401, 'invalid_client', 'malformed Basic client credentials');
      if (form.has('client_secret')) throw new OAuthError(400, 'invalid_request', 'send the client secret once: in the Authorization header or in the body, not both');
      const id = safeDecode(decoded.slice(0, colon));
      const formId = form.get('client_id');
      if (formId !== null && formId !== id) throw new OAuthError(400, 'invalid_request', 'client_id in the body differs from the Authorization header');
      const client = await this.options.clients.known(id);
      this.options.clients.authenticate(client, { secret: safeDecode(decoded.slice(colon + 1)), method: 'client_secret_basic' });
      return client;
    }
    const client = await this.options.clients.known(required(form, 'client_id'));
    const secret = form.get('client_secret');
    this.options.clients.authenticate(client, secret === null ? { secret: undefined, method: 'none' } : { secret, method: 'client_secret_post' });
    return client;
  }

  private async checkResource(form: URLSearchParams, mcpServerId: string): Promise<void> {
    const resource = form.get('resource');
    if (resource === null) return;
    const resolved = await this.options.authorizations.resolveResource(resource);
    if (resolved instanceof OAuthError) throw resolved;
    if (resolved.server.id !== mcpServerId) throw new OAuthError(400, 'invalid_target', 'resource names another MCP server than the one this grant is for');
  }

  private async checkStillAllowed(userId: string, tenantId: string): Promise<void> {
    if (!await this.options.store.auth.getMembership(userId, tenantId)) {
      throw new OAuthError(400, 'invalid_grant', 'the user who signed in is no longer a member of the team that owns this MCP server');
    }
  }

  private time(): Date {
    return new Date(this.options.now?.() ?? Date.now());
  }
}

const unknownCode = () => new OAuthError(400, 'invalid_grant', 'the authorization code is unknown or expired (codes work for one minute)');
const unknownRefreshToken = () => new OAuthError(400, 'invalid_grant', 'the refresh token is unknown, expired or revoked; sign in again');

function required(form: URLSearchParams, name: string): string {
  const value = form.get(name);
  if (value === null || value === '') throw new OAuthError(400, 'invalid_request', `${name} is required`);
  return value;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}
