// Cookie sessions over Hono: reading the session of a request, setting and clearing its cookie, and the checks every
// cookie-authenticated unsafe request must pass (CSRF token header, and a same-origin Origin when one is sent).
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { IncomingMessage } from 'node:http';
import type { Session } from './store.ts';
import { csrfHeader, csrfMatches, sessionCookieName, type SessionService } from './sessions.ts';

export const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface CookieSettings {
  /** PUBLIC_URL is https: cookies are Secure and the session cookie is __Host- prefixed. */
  secure: boolean;
  /** The public origin: an Origin header on a cookie-authenticated unsafe request must be this one. */
  origin: string;
}

export function cookieSettings(publicUrl: string): CookieSettings {
  const url = new URL(publicUrl);
  return { secure: url.protocol === 'https:', origin: url.origin };
}

export function incomingOf(c: Context): IncomingMessage | undefined {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
}

export function sessionIdOf(c: Context, settings: CookieSettings): string | undefined {
  const value = getCookie(c, sessionCookieName(settings.secure));
  return value && value.length < 200 ? value : undefined;
}

export async function readSession(c: Context, settings: CookieSettings, sessions: SessionService): Promise<{ id: string; session: Session } | undefined> {
  const id = sessionIdOf(c, settings);
  const session = id === undefined ? undefined : await sessions.find(id);
  return id !== undefined && session ? { id, session } : undefined;
}

export function setSessionCookie(c: Context, settings: CookieSettings, id: string, maxAgeSeconds: number): void {
  setCookie(c, sessionCookieName(settings.secure), id, { path: '/', httpOnly: true, secure: settings.secure, sameSite: 'Lax', maxAge: maxAgeSeconds });
}

export function clearSessionCookie(c: Context, settings: CookieSettings): void {
  deleteCookie(c, sessionCookieName(settings.secure), { path: '/', secure: settings.secure });
}

/**
 * The cookie that carries a single sign-on flow to its callback. With https it is __Host- prefixed like the session
 * cookie (so a sibling subdomain cannot plant one), which needs Path=/; otherwise only the OIDC routes see it.
 */
export function oidcFlowCookie(settings: CookieSettings): { name: string; path: string } {
  return settings.secure ? { name: '__Host-switchboard_oidc', path: '/' } : { name: 'switchboard_oidc', path: '/auth/oidc' };
}

/** A same-origin request: its Origin is the public origin, or names the host it was sent to (a local address, a proxy). */
export function sameOrigin(c: Context, settings: CookieSettings): boolean {
  const origin = c.req.header('origin');
  if (origin === undefined || origin === settings.origin) return true;
  try {
    return new URL(origin).host === c.req.header('host');
  } catch {
    return false;
  }
}

/** Why a cookie-authenticated request may not change anything, or undefined when it may. */
export function forgeryProblem(c: Context, settings: CookieSettings, sessionId: string): string | undefined {
  if (!unsafeMethods.has(c.req.method)) return undefined;
  if (!sameOrigin(c, settings)) return `Cross-site request refused: Origin ${c.req.header('origin')} is not ${settings.origin}.`;
  if (!csrfMatches(sessionId, c.req.header(csrfHeader))) {
    return `Missing or wrong CSRF token: requests signed in with a session cookie must send the "${csrfHeader}" header with the csrf_token of GET /auth/session.`;
  }
  return undefined;
}
