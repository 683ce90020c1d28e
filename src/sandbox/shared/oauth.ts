// An OAuth 2.0 authorization server for sandboxes of APIs that take bearer access tokens (RFC 6749): registered
// clients with their secrets (any of them can be disabled), access tokens that live as long as the sandbox is told,
// and a token endpoint for the grants a sandbox supports. The sandbox's API accepts exactly the tokens `has` accepts,
// so tests can expire, revoke and count them.
import { randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { KeySet } from './auth.ts';
import { mediaTypeOf } from './http.ts';

export const DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS = 3600;

export interface IssuedToken {
  token: string;
  clientId: string;
  /** The user the token acts as, when the grant named one. */
  subject: string | undefined;
  issuedAt: number;
  expiresAt: number;
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
  readonly #now: () => number;

  constructor(options: { clients: Record<string, string>; lifetimeSeconds?: number | undefined; now?: () => number }) {
    this.#clients = new Map(Object.entries(options.clients));
    this.lifetimeSeconds = options.lifetimeSeconds ?? DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS;
    this.#now = options.now ?? Date.now;
  }

  /**
   * The client a token request authenticates as, with HTTP Basic (id and secret form-encoded, RFC 6749 2.3.1), or,
   * when `form` is given and the request has no Authorization header, with client_id and client_secret in the form.
   */
  authenticateClient(authorization: string | undefined, form?: URLSearchParams): string {
    if (authorization === undefined && form?.has('client_id')) return this.#check(form.get('client_id')!, form.get('client_secret'));
    const [scheme, encoded] = authorization?.trim().split(/\s+/, 2) ?? [];
    if (scheme?.toLowerCase() !== 'basic' || !encoded) throw new OAuthError('invalid_client', 'Client authentication failed: send the client id and secret with HTTP Basic', 401);
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const decode = (text: string) => {
      try {
        return decodeURIComponent(text.replace(/\+/g, ' '));
      } catch {
        return text;
      }
    };
    if (colon === -1) return this.#check('', null);
    return this.#check(decode(decoded.slice(0, colon)), decode(decoded.slice(colon + 1)));
  }

  #check(id: string, secret: string | null): string {
    if (!this.knowsClient(id) || this.#clients.get(id) !== secret) {
      throw new OAuthError('invalid_client', 'Client authentication failed: unknown client, wrong secret or disabled client', 401);
    }
    return id;
  }

  /** A registered client that is not disabled. */
  knowsClient(id: string): boolean {
    return this.#clients.has(id) && !this.#disabled.has(id);
  }

  issue(clientId: string, subject: string | undefined): IssuedToken {
    const issuedAt = this.#now();
    const expiresAt = issuedAt + this.lifetimeSeconds * 1000;
    const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    // Shaped like the JWTs real providers issue; only this server can tell what it means.
    const token = [
      segment({ alg: 'HS256', typ: 'JWT' }),
      segment({ sub: subject, client_id: clientId, iat: Math.floor(issuedAt / 1000), exp: Math.floor(expiresAt / 1000), jti: randomBytes(8).toString('hex') }),
      randomBytes(32).toString('base64url'),
    ].join('.');
    const issued = { token, clientId, subject, issuedAt, expiresAt };
    this.#tokens.set(token, issued);
    this.issued.push(issued);
    return issued;
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

/** A grant: the form and the authenticated client in, a token out, or an OAuthError. */
export type Grant = (form: URLSearchParams, clientId: string) => IssuedToken;

/**
 * `POST <path>`: parameters from the form body (application/x-www-form-urlencoded) or the query string, the client
 * from HTTP Basic (or the form, with formClientCredentials), then the grant named by grant_type. `answer` shapes the provider's success body.
 */
export function installTokenEndpoint(app: Hono, path: string, options: {
  server: OAuthServer;
  grants: Readonly<Record<string, Grant>>;
  answer(issued: IssuedToken): Record<string, unknown>;
  /** The client may also authenticate with client_id and client_secret in the form (client_secret_post). */
  formClientCredentials?: boolean;
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
      const clientId = options.server.authenticateClient(c.req.header('authorization'), options.formClientCredentials ? form : undefined);
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
