// An OAuth 2.0 authorization server for sandboxes of APIs that take bearer access tokens (RFC 6749): registered
// clients with their secrets (any of them can be disabled), access tokens that live as long as the sandbox is told,
// the client-credentials grant, and the authorization-code grant with rotating refresh tokens (PKCE S256 when the
// client sends a challenge). The sandbox's API accepts exactly the tokens `has` accepts, so tests can expire, revoke
// and count them. The authorization page is in oauth-authorize.ts.
import { createHash, randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { KeySet } from './auth.ts';
import { mediaTypeOf } from './http.ts';

export const DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS = 3600;

/** Authorization codes are single-use and live this long (providers keep them about a minute). */
export const AUTHORIZATION_CODE_LIFETIME_MS = 60_000;

export interface IssuedToken {
  token: string;
  clientId: string;
  /** The user the token acts as, when the grant named one. */
  subject: string | undefined;
  issuedAt: number;
  expiresAt: number;
  /** The scopes granted, space-separated ('' when the grant had none). */
  scope: string;
  /** The refresh token issued with it (authorization-code grants asking for one). */
  refreshToken?: string | undefined;
}

/** What a user allowed at the authorization page, until the client redeems the code. */
export interface AuthorizationGrant {
  clientId: string;
  redirectUri: string;
  subject: string;
  scope: string;
  /** The PKCE S256 challenge, when the client sent one. */
  challenge?: string | undefined;
}

interface PendingCode extends AuthorizationGrant {
  expiresAt: number;
}

interface RefreshRecord {
  clientId: string;
  subject: string;
  scope: string;
  /** Every refresh token descending from one authorization shares it: reuse of a rotated one revokes them all. */
  family: string;
  rotated: boolean;
}

/** An error answer of a token endpoint (RFC 6749 section 5.2): `{error, error_description}` with its status. */
export class OAuthError extends Error {
  readonly code: string;
  readonly status: ContentfulStatusCode;
  constructor(code: string, description: string, status: ContentfulStatusCode = 400) {
    super(description);
    this.code = code;
    this.status = status;
  }
}

export class OAuthServer implements KeySet {
  /** How long the next tokens live; tests and the demo shorten it to watch renewals. */
  lifetimeSeconds: number;
  /** Every token issued, oldest first. */
  readonly issued: IssuedToken[] = [];
  readonly #clients: Map<string, string>;
  readonly #disabled = new Set<string>();
  readonly #tokens = new Map<string, IssuedToken>();
  readonly #codes = new Map<string, PendingCode>();
  readonly #refreshTokens = new Map<string, RefreshRecord>();
  readonly #revokedFamilies = new Set<string>();
  readonly #now: () => number;

  constructor(options: { clients: Record<string, string>; lifetimeSeconds?: number | undefined; now?: () => number }) {
    this.#clients = new Map(Object.entries(options.clients));
    this.lifetimeSeconds = options.lifetimeSeconds ?? DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS;
    this.#now = options.now ?? Date.now;
  }

  /**
   * The client a token request authenticates as: HTTP Basic (id and secret form-encoded, RFC 6749 2.3.1), or
   * client_id and client_secret in the form (2.3.1's alternative, which providers such as Auth0 document).
   */
  authenticateClient(authorization: string | undefined, form: URLSearchParams = new URLSearchParams()): string {
    const [scheme, encoded] = authorization?.trim().split(/\s+/, 2) ?? [];
    let id: string;
    let secret: string;
    if (scheme?.toLowerCase() === 'basic' && encoded) {
      const decoded = Buffer.from(encoded, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon === -1) throw unknownClient();
      id = formDecode(decoded.slice(0, colon));
      secret = formDecode(decoded.slice(colon + 1));
    } else if (form.has('client_id') && form.has('client_secret')) {
      id = form.get('client_id')!;
      secret = form.get('client_secret')!;
    } else {
      throw new OAuthError('invalid_client', 'Client authentication failed: send the client id and secret with HTTP Basic or as client_id and client_secret', 401);
    }
    if (!this.knows(id) || this.#clients.get(id) !== secret) throw unknownClient();
    return id;
  }

  /** A client that exists and is enabled (the authorization page shows only those). */
  knows(clientId: string): boolean {
    return this.#clients.has(clientId) && !this.#disabled.has(clientId);
  }

  issue(clientId: string, subject: string | undefined, options: { scope?: string; refresh?: { family: string } | undefined } = {}): IssuedToken {
    const issuedAt = this.#now();
    const expiresAt = issuedAt + this.lifetimeSeconds * 1000;
    const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    // Shaped like the JWTs real providers issue; only this server can tell what it means.
    const token = [
      segment({ alg: 'HS256', typ: 'JWT' }),
      segment({ sub: subject, client_id: clientId, iat: Math.floor(issuedAt / 1000), exp: Math.floor(expiresAt / 1000), jti: randomBytes(8).toString('hex') }),
      randomBytes(32).toString('base64url'),
    ].join('.');
    const scope = options.scope ?? '';
    let refreshToken: string | undefined;
    if (options.refresh && subject !== undefined) {
      refreshToken = `v1.${randomBytes(48).toString('base64url')}`;
      this.#refreshTokens.set(refreshToken, { clientId, subject, scope, family: options.refresh.family, rotated: false });
    }
    const issued = { token, clientId, subject, issuedAt, expiresAt, scope, refreshToken };
    this.#tokens.set(token, issued);
    this.issued.push(issued);
    return issued;
  }

  /** The user allowed the client at the authorization page: a single-use code for the token endpoint. */
  grantCode(grant: AuthorizationGrant): string {
    const now = this.#now();
    for (const [code, pending] of this.#codes) if (pending.expiresAt <= now) this.#codes.delete(code);
    const code = randomBytes(24).toString('base64url');
    this.#codes.set(code, { ...grant, expiresAt: now + AUTHORIZATION_CODE_LIFETIME_MS });
    return code;
  }

  /**
   * grant_type=authorization_code: the code is used up whatever happens; it must be this client's, unexpired, sent
   * with the redirect_uri it was issued for and (when a challenge was sent) the PKCE verifier. Refresh tokens come
   * only with the offline_access scope.
   */
  redeemCode(form: URLSearchParams, clientId: string): IssuedToken {
    const code = form.get('code') ?? '';
    const pending = this.#codes.get(code);
    this.#codes.delete(code);
    if (!pending || pending.clientId !== clientId || pending.expiresAt <= this.#now()) {
      throw new OAuthError('invalid_grant', 'Invalid authorization code: unknown, expired, already used, or issued to another client');
    }
    if (form.get('redirect_uri') !== pending.redirectUri) throw new OAuthError('invalid_grant', 'redirect_uri must be the one the authorization request used');
    if (pending.challenge !== undefined) {
      const verifier = form.get('code_verifier') ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== pending.challenge) throw new OAuthError('invalid_grant', 'code_verifier does not match the code_challenge');
    }
    const offline = pending.scope.split(' ').includes('offline_access');
    return this.issue(clientId, pending.subject, { scope: pending.scope, refresh: offline ? { family: randomBytes(8).toString('hex') } : undefined });
  }

  /**
   * grant_type=refresh_token with rotation: each refresh token works once and comes back replaced. Presenting one
   * that was already rotated means it leaked: the whole family is revoked, the current refresh token included.
   */
  refresh(form: URLSearchParams, clientId: string): IssuedToken {
    const record = this.#refreshTokens.get(form.get('refresh_token') ?? '');
    if (!record || record.clientId !== clientId) throw new OAuthError('invalid_grant', 'Unknown refresh token');
    if (record.rotated) {
      this.#revokedFamilies.add(record.family);
      throw new OAuthError('invalid_grant', 'Refresh token reuse detected: it was already exchanged, so every token of this authorization is revoked');
    }
    if (this.#revokedFamilies.has(record.family)) throw new OAuthError('invalid_grant', 'The authorization was revoked: the user must authorize the application again');
    record.rotated = true;
    return this.issue(clientId, record.subject, { scope: record.scope, refresh: { family: record.family } });
  }

  /** A token the API accepts: issued here, not expired, and its client still enabled. */
  has(token: string): boolean {
    const issued = this.#tokens.get(token);
    return issued !== undefined && issued.expiresAt > this.#now() && !this.#disabled.has(issued.clientId);
  }

  /** The token's grant, while the API accepts it. */
  find(token: string): IssuedToken | undefined {
    return this.has(token) ? this.#tokens.get(token) : undefined;
  }

  addClient(id: string, secret: string): void {
    this.#clients.set(id, secret);
    this.#disabled.delete(id);
  }

  /** The client is turned off (revoked at the provider): it gets no tokens, and its tokens are refused. */
  disableClient(id: string): void {
    this.#disabled.add(id);
  }

  enableClient(id: string): void {
    this.#disabled.delete(id);
  }

  /** Every token issued so far reaches the end of its life now. */
  expireAll(): void {
    const now = this.#now();
    for (const issued of this.#tokens.values()) issued.expiresAt = Math.min(issued.expiresAt, now);
  }
}

function unknownClient(): OAuthError {
  return new OAuthError('invalid_client', 'Client authentication failed: unknown client, wrong secret or disabled client', 401);
}

/** application/x-www-form-urlencoded text as the client wrote it (RFC 6749 appendix B). */
function formDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** A grant: the form and the authenticated client in, a token out, or an OAuthError. */
export type Grant = (form: URLSearchParams, clientId: string) => IssuedToken;

/** The authorization-code grant and the refresh grant that goes with it, for `installTokenEndpoint`. */
export function authorizationCodeGrants(server: OAuthServer): Record<string, Grant> {
  return {
    authorization_code: (form, clientId) => server.redeemCode(form, clientId),
    refresh_token: (form, clientId) => server.refresh(form, clientId),
  };
}

/**
 * `POST <path>`: parameters from the form body (application/x-www-form-urlencoded) or the query string, the client
 * from HTTP Basic or the form, then the grant named by grant_type. `answer` shapes the provider's success body.
 */
export function installTokenEndpoint(app: Hono, path: string, options: {
  server: OAuthServer;
  grants: Readonly<Record<string, Grant>>;
  answer(issued: IssuedToken): Record<string, unknown>;
}): void {
  const reply = (c: Context, status: ContentfulStatusCode, body: unknown, headers: Record<string, string> = {}) =>
    c.body(JSON.stringify(body), status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', Pragma: 'no-cache', ...headers });
  app.post(path, async (c) => {
    try {
      const type = c.req.header('content-type');
      const text = await c.req.text();
      if (text !== '' && mediaTypeOf(type) !== 'application/x-www-form-urlencoded') {
        throw new OAuthError('invalid_request', 'The token request must be application/x-www-form-urlencoded');
      }
      const form = new URLSearchParams(new URL(c.req.url).search);
      for (const [name, value] of new URLSearchParams(text)) form.set(name, value);
      const clientId = options.server.authenticateClient(c.req.header('authorization'), form);
      const grantType = form.get('grant_type');
      if (!grantType) throw new OAuthError('invalid_request', 'grant_type is required');
      const grant = options.grants[grantType];
      if (!grant) throw new OAuthError('unsupported_grant_type', `grant_type ${grantType} is not supported; use ${Object.keys(options.grants).join(' or ')}`);
      return reply(c, 200, options.answer(grant(form, clientId)));
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      return reply(c, error.status, { error: error.code, error_description: error.message });
    }
  });
  app.all(path, (c) => reply(c, 405, { error: 'invalid_request', error_description: 'The token endpoint answers POST only' }, { Allow: 'POST' }));
}
