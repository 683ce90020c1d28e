// The API token lives in sessionStorage only: it is gone when the tab closes, never written to a URL, a cookie or
// localStorage, and never rendered back into the page.
const tokenKey = 'switchboard.api_token';
const noticeKey = 'switchboard.sign_in_notice';

type Listener = () => void;
const listeners = new Set<Listener>();

function storage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

export function getToken(): string | null {
  return storage()?.getItem(tokenKey) ?? null;
}

export function setToken(token: string): void {
  storage()?.setItem(tokenKey, token);
  storage()?.removeItem(noticeKey);
  listeners.forEach((listener) => listener());
}

/** Signs out; `notice` is shown on the sign-in page (e.g. why the session ended). */
export function clearToken(notice?: string): void {
  storage()?.removeItem(tokenKey);
  if (notice) storage()?.setItem(noticeKey, notice);
  listeners.forEach((listener) => listener());
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
