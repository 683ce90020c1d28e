// The OAuth 2.0 pieces shared by the OAuth auth kinds and the connect flow: token endpoint requests and their
// answers, PKCE, and the authorization URL.
import { createHash, randomBytes } from 'node:crypto';
import type { UpstreamRequest } from '../request.ts';
import type { UpstreamResponse } from '../upstream.ts';
import type { TokenSet } from './tokens.ts';

/** An error answer of a token endpoint (RFC 6749 section 5.2). */
export class TokenEndpointError extends Error {
  /** "invalid_grant" means the grant (a refresh token, an authorization code) is no longer valid. */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export interface TokenEndpointCall {
  url: URL;
  clientId: string;
  clientSecret: string;
  /** basic: HTTP Basic with the client credentials (RFC 6749's default); body: client_id and client_secret in the form. */
  clientAuthentication: 'basic' | 'body';
  form: Record<string, string>;
}

/** Token responses larger than this are not token responses. */
const maxTokenLength = 16 * 1024;

export async function requestToken(send: (request: UpstreamRequest) => Promise<UpstreamResponse>, call: TokenEndpointCall, now = Date.now()): Promise<TokenSet> {
  const form = new URLSearchParams(call.form);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (call.clientAuthentication === 'basic') {
    const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
    headers.authorization = `Basic ${Buffer.from(`${encode(call.clientId)}:${encode(call.clientSecret)}`).toString('base64')}`;
  } else {
    form.set('client_id', call.clientId);
    form.set('client_secret', call.clientSecret);
  }
  const response = await send({ method: 'POST', url: call.url, headers, body: form.toString() });
  const body = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as Record<string, unknown>;
  if (response.status >= 400 || typeof body.error === 'string') {
    const code = typeof body.error === 'string' ? body.error.slice(0, 100) : `http_${response.status}`;
    const description = typeof body.error_description === 'string' ? `: ${body.error_description.slice(0, 300)}` : '';
    throw new TokenEndpointError(code, `the token endpoint answered ${response.status} ${code}${description}`);
  }
  const accessToken = body.access_token;
  if (typeof accessToken !== 'string' || accessToken === '' || accessToken.length > maxTokenLength || /[^\x21-\x7e]/.test(accessToken)) {
    throw new TokenEndpointError('invalid_response', `the token endpoint answered ${response.status} without a usable access_token`);
  }
  const refreshToken = typeof body.refresh_token === 'string' && body.refresh_token.length <= maxTokenLength ? body.refresh_token : undefined;
  return { access_token: accessToken, ...(refreshToken ? { refresh_token: refreshToken } : {}), ...expiry(body, now), obtained_at: now };
}

/** A token said to live longer than this is not believed: its expiry is taken as unknown (used until a 401). */
const longestTokenLifeMs = 366 * 24 * 3600_000;

/**
 * expires_in (seconds, RFC 6749) or expires_at (epoch seconds or ISO 8601, as some providers send), when it lies
 * between now and a year from now; anything else (absurd, past, not a time) is unknown. Never throws: the answer may
 * carry a rotated refresh token that must still be stored.
 */
function expiry(body: Record<string, unknown>, now: number): { expires_at?: number } {
  const inSeconds = Number(body.expires_in);
  const at = body.expires_at;
  let expiresAt: number | undefined;
  if (body.expires_in !== undefined && Number.isFinite(inSeconds) && inSeconds > 0) expiresAt = now + inSeconds * 1000;
  else if (typeof at === 'number' && Number.isFinite(at)) expiresAt = at > 1e12 ? at : at * 1000;
  else if (typeof at === 'string') expiresAt = Date.parse(at);
  const plausible = expiresAt !== undefined && Number.isFinite(expiresAt) && expiresAt > now && expiresAt - now <= longestTokenLifeMs;
  return plausible ? { expires_at: Math.round(expiresAt!) } : {};
}

export interface Pkce {
  verifier: string;
  challenge: string;
}

/** A PKCE verifier and its S256 challenge (RFC 7636). */
export function pkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizationUrl(base: URL, parameters: Record<string, string | undefined>): URL {
  const url = new URL(base);
  for (const [name, value] of Object.entries(parameters)) if (value !== undefined) url.searchParams.set(name, value);
  return url;
}

