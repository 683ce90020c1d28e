import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';
import { Logo } from '../components/Shell.tsx';
import { Alert } from '../components/ui.tsx';
import { navigate } from '../router.tsx';
import { setToken, setUserSession, takeNotice } from '../session.ts';

/** Dashboard paths a sign-in may return to. */
export function safeNext(next: string | null): string {
  return next && /^\/(accounts|catalog|authorize|api-tokens)(\/|\?|$)/.test(next) ? next : '/accounts';
}

/**
 * Email and password (the way people sign in), single sign-on when the server offers it, and an API token for
 * operators. `next` is where to go afterwards; `inline` keeps the page where it is (the OAuth consent page).
 */
export function SignInPage({ next, error: initialError, inline, intro }: { next: string | null; error?: string | null; inline?: boolean; intro?: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>(initialError ?? undefined);
  const [busy, setBusy] = useState(false);
  const [notice] = useState(takeNotice);
  const [oidc, setOidc] = useState<{ name: string } | null>(null);
  const emailInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!inline) document.title = 'Sign in · Switchboard';
    emailInput.current?.focus();
    api.signInOptions().then((options) => setOidc(options.oidc), () => setOidc(null));
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!email.trim() || !password) {
      setError('Enter your email and password.');
      emailInput.current?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const session = await api.signIn(email.trim(), password);
      setPassword('');
      setUserSession(session);
      if (!inline) navigate(safeNext(next), { replace: true });
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      emailInput.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const target = inline ? window.location.pathname + window.location.search : safeNext(next);
  return (
    <div class="signin-page">
      <main id="main" class="card signin-card">
        <div class="card-body stack">
          <span class="brand"><Logo size={32} /> Switchboard</span>
          <div class="stack-small">
            <h1>Sign in</h1>
            <p class="muted">{intro ?? 'Sign in with your Switchboard account.'}</p>
          </div>
          {notice && !error && <Alert kind="info" role="status"><p>{notice}</p></Alert>}
          {error && <Alert kind="error" role="alert"><p id="sign-in-error">{error}</p></Alert>}
          <form class="form" method="post" action="/sign-in" onSubmit={submit} noValidate>
            <div class="field">
              <label for="email">Email</label>
              <input ref={emailInput} id="email" name="email" type="email" autoComplete="username" spellcheck={false} autoCapitalize="off"
                value={email} onInput={(event) => setEmail(event.currentTarget.value)} aria-describedby={error ? 'sign-in-error' : undefined} />
            </div>
            <div class="field">
              <label for="password">Password</label>
              <input id="password" name="password" type="password" autoComplete="current-password"
                value={password} onInput={(event) => setPassword(event.currentTarget.value)} />
            </div>
            <button type="submit" class="btn btn-primary" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
          </form>
          {oidc && (
            <a class="btn btn-secondary" href={`/auth/oidc/start?next=${encodeURIComponent(target)}`} data-testid="sso">Sign in with {oidc.name}</a>
          )}
          {!inline && <TokenSignIn next={next} />}
        </div>
      </main>
    </div>
  );
}

/** For operators: an API token, kept in this tab only. */
function TokenSignIn({ next }: { next: string | null }) {
  const [token, setTokenValue] = useState('');
  const [show, setShow] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const value = token.trim();
    if (!value) {
      setError('Enter your API token.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await api.verifyToken(value);
      setToken(value);
      setTokenValue('');
      navigate(safeNext(next), { replace: true });
    } catch (caught) {
      setError(caught instanceof ApiError && caught.status === 401
        ? 'That API token was not accepted. Check it and try again.'
        : caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <details class="token-sign-in">
      <summary>Sign in with an API token (operators)</summary>
      {/* method=post: even before the script runs, a token is never put in the address bar. */}
      <form class="form" method="post" action="/sign-in" onSubmit={submit} noValidate>
        <div class="field">
          <label for="api-token">API token</label>
          <div class="input-group">
            <input id="api-token" name="api-token" type={(show ? 'text' : 'password') as 'text'} autoComplete="off" spellcheck={false} autoCapitalize="off"
              placeholder="sb_…" value={token} onInput={(event) => setTokenValue(event.currentTarget.value)}
              aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'api-token-error api-token-hint' : 'api-token-hint'} />
            <button type="button" class="btn btn-secondary" aria-pressed={show} onClick={() => setShow(!show)}>
              {show ? 'Hide' : 'Show'}
              <span class="visually-hidden"> token</span>
            </button>
          </div>
          <p class="hint" id="api-token-hint">Kept in this browser tab only. Create one with <code>switchboard token create</code>.</p>
          {error && <p class="field-error" id="api-token-error">{error}</p>}
        </div>
        <button type="submit" class="btn btn-secondary" disabled={busy}>{busy ? 'Checking…' : 'Sign in with token'}</button>
      </form>
    </details>
  );
}
