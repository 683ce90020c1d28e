// Dashboard sign-in sessions: a random session id in an HttpOnly cookie (Secure when PUBLIC_URL is https, SameSite=Lax),
// its hash in the store. The CSRF token is derived from the session id, so it needs no storage; a cross-site page
// can neither read the cookie nor compute it, and every cookie-authenticated unsafe request must send it in a header.
import { hash, timingSafeEqual } from 'node:crypto';
import { hashToken } from '../security/tokens.ts';
import type { Session, Store } from './store.ts';
import { generateSecret } from './tokens.ts';

export const csrfHeader = 'x-csrf-token';

export function sessionCookieName(secure: boolean): string {
  // __Host-: the browser keeps it Secure, host-only and on path /, so a sibling subdomain cannot plant one.
  return secure ? '__Host-switchboard_session' : 'switchboard_session';
}

export function csrfTokenFor(sessionId: string): string {
  return hash('sha256', `csrf:${sessionId}`, 'base64url');
}

export function csrfMatches(sessionId: string, sent: string | undefined): boolean {
  if (!sent) return false;
  const expected = Buffer.from(csrfTokenFor(sessionId));
  const actual = Buffer.from(sent);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export class SessionService {
  private readonly store: Store;
  private readonly ttlSeconds: number;
  private readonly now: () => number;

  constructor(options: { store: Store; ttlSeconds: number; now?: (() => number) | undefined }) {
    this.store = options.store;
    this.ttlSeconds = options.ttlSeconds;
    this.now = options.now ?? Date.now;
  }

  get maxAgeSeconds(): number {
    return this.ttlSeconds;
  }

  /** Starts a session in the user's first tenant (or the one given); returns the session id for the cookie. */
  async start(userId: string, tenantId?: string): Promise<string> {
    const memberships = await this.store.auth.listMemberships(userId);
    const tenant = memberships.find((membership) => membership.tenant_id === tenantId) ?? memberships[0];
    const id = generateSecret('session');
    await this.store.auth.createSession({
      token_hash: hashToken(id), user_id: userId, tenant_id: tenant?.tenant_id ?? null,
      expires_at: new Date(this.now() + this.ttlSeconds * 1000).toISOString(),
    });
    return id;
  }

  find(sessionId: string): Promise<Session | undefined> {
    return this.store.auth.findSession(hashToken(sessionId), new Date(this.now()));
  }

  async switchTenant(sessionId: string, tenantId: string): Promise<void> {
    await this.store.auth.setSessionTenant(hashToken(sessionId), tenantId);
  }

  async end(sessionId: string): Promise<void> {
    await this.store.auth.deleteSession(hashToken(sessionId));
  }
}
