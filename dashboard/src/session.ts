// Who is signed in. A person signs in with email and password (or single sign-on): the server keeps the session in
// an HttpOnly cookie the page cannot read, and hands the page its CSRF token, sent on every change. An operator may
// sign in with an API token instead: it lives in sessionStorage only (gone when the tab closes, never in a URL, a
// cookie or localStorage, never rendered back into the page).
const tokenKey = 'switchboard.api_token';
const noticeKey = 'switchboard.sign_in_notice';

export interface Membership {
  tenant_id: string;
  tenant_name: string;
  role: 'admin' | 'member';
}

export interface UserSession {
  user: { id: string; email: string; name: string | null };
  tenants: Membership[];
  tenant_id: string | null;
  role: 'admin' | 'member' | null;
  csrf_token: string;
}

type Listener = () => void;
const listeners = new Set<Listener>();
let userSession: UserSession | null = null;
/** False until the first GET /auth/session answered. */
let known = false;

function storage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

const notify = () => listeners.forEach((listener) => listener());

export function getToken(): string | null {
  return storage()?.getItem(tokenKey) ?? null;
}

export function getUserSession(): UserSession | null {
  return userSession;
}

/** Signed in by either means; undefined while the server has not said yet. */
export function isSignedIn(): boolean | undefined {
  if (getToken()) return true;
  return known ? userSession !== null : undefined;
}

export function setToken(token: string): void {
  storage()?.setItem(tokenKey, token);
  storage()?.removeItem(noticeKey);
  notify();
}

export function setUserSession(session: UserSession | null): void {
  userSession = session;
  known = true;
  if (session) storage()?.removeItem(noticeKey);
  notify();
}

/** Asks the server who is signed in (the cookie is invisible to the page). */
export async function loadUserSession(): Promise<void> {
  try {
    const response = await fetch('/auth/session', { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } });
    setUserSession(response.ok ? await response.json() as UserSession : null);
  } catch {
    setUserSession(null);
  }
}

/** Signs out; `notice` is shown on the sign-in page (e.g. why the session ended). */
export function clearToken(notice?: string): void {
  storage()?.removeItem(tokenKey);
  if (notice) storage()?.setItem(noticeKey, notice);
  if (userSession) {
    const csrf = userSession.csrf_token;
    userSession = null;
    void fetch('/auth/sign-out', { method: 'POST', credentials: 'same-origin', headers: { 'X-CSRF-Token': csrf } }).catch(() => undefined);
  }
  known = true;
  notify();
}

export function takeNotice(): string | null {
  const notice = storage()?.getItem(noticeKey) ?? null;
  storage()?.removeItem(noticeKey);
  return notice;
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
