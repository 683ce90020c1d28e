// The authorization-code grant (RFC 6749 section 4.1) for sandboxes on the kit's OAuthServer: a consent page a browser
// clicks through (no sign-in; "Allow" or "Deny"), single-use codes bound to the client, redirect URI and PKCE S256
// challenge (RFC 7636), and refresh tokens that rotate at each use: presenting a retired one is invalid_grant and
// revokes the whole grant, as providers with rotating refresh tokens do. Install the page with installConsentPage and
// pass `grants()` to installTokenEndpoint; `answer` adds the refresh token with refreshTokenFor(issued).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { OAuthError, type Grant, type IssuedToken, type OAuthServer } from './oauth.ts';

export interface AuthorizationCodeOptions {
  server: OAuthServer;
  /** Scopes the provider knows; a request for another is answered invalid_scope. */
  scopes: readonly string[];
  /** Parameters the authorization request must carry with exactly these values (an audience). */
  requiredParameters?: Readonly<Record<string, string>>;
  /** Requests without a PKCE S256 challenge are refused (invalid_request). */
  requirePkce?: boolean;
  /** The user every grant acts as (the sandbox has one signed-in user). */
  subject: string;
  now?: () => number;
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string | undefined;
  scope: string;
  expiresAt: number;
}

interface RefreshGrant {
  clientId: string;
  grantId: string;
  scope: string;
  retired: boolean;
}

/** Codes live a minute, as providers' do. */
const codeLifetimeMs = 60_000;
/** Parameters of an authorization request longer than this are not ones. */
const maxParameterLength = 2_000;

export class AuthorizationCodeGrant {
  /** Consent decisions, for tests: what the user allowed or denied. */
  readonly decisions: { clientId: string; allowed: boolean }[] = [];
  /** Every refresh token issued, oldest first (tests revoke and reuse them). */
  readonly refreshTokens: string[] = [];
  /** The PKCE verifiers clients proved their codes with, oldest first (tests look for them where they must not be). */
  readonly verifiers: string[] = [];
  readonly #options: AuthorizationCodeOptions;
  readonly #now: () => number;
  readonly #codes = new Map<string, PendingCode>();
  readonly #refresh = new Map<string, RefreshGrant>();
  readonly #refreshOfAccess = new Map<string, string>();
  readonly #revokedGrants = new Set<string>();

  constructor(options: AuthorizationCodeOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Checks an authorization request. Without a known client and a redirect URI there is nowhere safe to send an
   * error, so it throws; other problems are `{redirect}` to the client with the error (RFC 6749 4.1.2.1).
   */
  check(query: URLSearchParams): { redirect: URL } | { consent: { clientId: string; scope: string } } {
    const get = (name: string) => {
      const value = query.get(name);
      return value === null || value.length > maxParameterLength ? undefined : value;
    };
    const clientId = get('client_id');
    const redirectUri = get('redirect_uri');
    if (!clientId || !this.#options.server.knowsClient(clientId)) throw new OAuthError('invalid_request', 'Unknown or disabled client_id');
    if (!redirectUri || !/^https?:\/\//.test(redirectUri) || !URL.canParse(redirectUri)) throw new OAuthError('invalid_request', 'redirect_uri must be an absolute http(s) URL');
    const refuse = (error: string, description: string) => ({ redirect: withParameters(redirectUri, { error, error_description: description, state: get('state') }) });
    if (get('response_type') !== 'code') return refuse('unsupported_response_type', 'response_type must be code');
    const scope = get('scope') ?? '';
    const unknown = scope.split(' ').filter((name) => name !== '' && !this.#options.scopes.includes(name));
    if (unknown.length > 0) return refuse('invalid_scope', `Unknown scope ${unknown.join(', ')}`);
    for (const [name, value] of Object.entries(this.#options.requiredParameters ?? {})) {
      if (get(name) !== value) return refuse('invalid_request', `${name} must be ${value}`);
    }
    const challenge = get('code_challenge');
    if (challenge !== undefined && get('code_challenge_method') !== 'S256') return refuse('invalid_request', 'code_challenge_method must be S256');
    if (this.#options.requirePkce && challenge === undefined) return refuse('invalid_request', 'code_challenge (PKCE S256) is required');
    return { consent: { clientId, scope } };
  }

  /** The user's decision on a checked request: where the browser goes next (the client's redirect URI). */
  decide(query: URLSearchParams, allowed: boolean): URL {
    const checked = this.check(query);
    if ('redirect' in checked) return checked.redirect;
    const redirectUri = query.get('redirect_uri')!;
    const state = query.get('state') ?? undefined;
    this.decisions.push({ clientId: checked.consent.clientId, allowed });
    if (!allowed) return withParameters(redirectUri, { error: 'access_denied', error_description: 'The user denied access', state });
    const code = randomBytes(24).toString('base64url');
    this.#codes.set(code, {
      clientId: checked.consent.clientId, redirectUri, challenge: query.get('code_challenge') ?? undefined, scope: checked.consent.scope, expiresAt: this.#now() + codeLifetimeMs,
    });
    return withParameters(redirectUri, { code, state });
  }

  /** The token endpoint's grants: authorization_code and refresh_token. */
  grants(): Record<'authorization_code' | 'refresh_token', Grant> {
    return {
      authorization_code: (form, clientId) => {
        const code = form.get('code') ?? '';
        const pending = this.#codes.get(code);
        this.#codes.delete(code);
        if (!pending || pending.expiresAt <= this.#now() || pending.clientId !== clientId) throw new OAuthError('invalid_grant', 'The code is unknown, expired, used or issued to another client');
        if (form.get('redirect_uri') !== pending.redirectUri) throw new OAuthError('invalid_grant', 'redirect_uri differs from the authorization request');
        if (pending.challenge !== undefined && !verifierMatches(form.get('code_verifier'), pending.challenge)) throw new OAuthError('invalid_grant', 'code_verifier does not match the code_challenge');
        if (pending.challenge !== undefined) this.verifiers.push(form.get('code_verifier')!);
        return this.#issue(clientId, randomBytes(8).toString('hex'), pending.scope);
      },
      refresh_token: (form, clientId) => {
        const presented = form.get('refresh_token') ?? '';
        const grant = this.#refresh.get(presented);
        if (!grant || grant.clientId !== clientId || this.#revokedGrants.has(grant.grantId)) throw new OAuthError('invalid_grant', 'The refresh token is unknown or revoked');
        if (grant.retired) {
          this.#revokedGrants.add(grant.grantId);
          throw new OAuthError('invalid_grant', 'The refresh token was already used; the grant is revoked');
        }
        grant.retired = true;
        return this.#issue(clientId, grant.grantId, grant.scope);
      },
    };
  }

  /** The refresh token issued with an access token, for the token endpoint's answer. */
  refreshTokenFor(issued: IssuedToken): string | undefined {
    return this.#refreshOfAccess.get(issued.token);
  }

  /** The user revokes every grant at the provider: each refresh token is invalid_grant from now on. */
  revokeAll(): void {
    for (const grant of this.#refresh.values()) this.#revokedGrants.add(grant.grantId);
  }

  #issue(clientId: string, grantId: string, scope: string): IssuedToken {
    const issued = this.#options.server.issue(clientId, this.#options.subject);
    const refreshToken = randomBytes(32).toString('base64url');
    this.#refresh.set(refreshToken, { clientId, grantId, scope, retired: false });
    this.#refreshOfAccess.set(issued.token, refreshToken);
    this.refreshTokens.push(refreshToken);
    return issued;
  }
}

function verifierMatches(verifier: string | null, challenge: string): boolean {
  if (verifier === null || !/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) return false;
  const computed = Buffer.from(createHash('sha256').update(verifier).digest('base64url'));
  const expected = Buffer.from(challenge);
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}

function withParameters(base: string, parameters: Record<string, string | null | undefined>): URL {
  const url = new URL(base);
  for (const [name, value] of Object.entries(parameters)) if (value !== undefined && value !== null) url.searchParams.set(name, value);
  return url;
}

/**
 * `GET <path>`: the consent page for an authorization request (its parameters carried along in hidden fields);
 * `POST <path>`: the user's choice ("Allow" or "Deny") → 302 to the client's redirect URI with the code or the error.
 */
export function installConsentPage(app: Hono, path: string, options: { grant: AuthorizationCodeGrant; providerName: string }): void {
  const errorPage = (c: Context, error: OAuthError) => c.html(page(options.providerName, `<h1>Authorization error</h1><p>${escapeHtml(error.message)}</p>`), 400);
  app.get(path, (c) => {
    const query = new URL(c.req.url).searchParams;
    try {
      const checked = options.grant.check(query);
      if ('redirect' in checked) return c.redirect(checked.redirect.toString(), 302);
      const hidden = [...query].map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join('');
      return c.html(page(options.providerName, `<h1>Allow access to ${escapeHtml(options.providerName)}?</h1>
<p>The application <strong>${escapeHtml(checked.consent.clientId)}</strong> asks for: ${escapeHtml(checked.consent.scope || 'basic access')}.</p>
<form method="post">${hidden}<button type="submit" name="decision" value="allow">Allow</button> <button type="submit" name="decision" value="deny">Deny</button></form>`));
    } catch (error) {
      if (error instanceof OAuthError) return errorPage(c, error);
      throw error;
    }
  });
  app.post(path, async (c) => {
    const form = new URLSearchParams(await c.req.text());
    const decision = form.get('decision');
    form.delete('decision');
    try {
      return c.redirect(options.grant.decide(form, decision === 'allow').toString(), 302);
    } catch (error) {
      if (error instanceof OAuthError) return errorPage(c, error);
      throw error;
    }
  });
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
