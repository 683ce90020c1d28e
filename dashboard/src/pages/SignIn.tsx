import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';
import { Logo } from '../components/Shell.tsx';
import { Alert } from '../components/ui.tsx';
import { navigate } from '../router.tsx';
import { setToken, takeNotice } from '../session.ts';

export function SignInPage({ next }: { next: string | null }) {
  const [token, setTokenValue] = useState('');
  const [show, setShow] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [notice] = useState(takeNotice);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = 'Sign in · Switchboard';
    input.current?.focus();
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    const value = token.trim();
    if (!value) {
      setError('Enter your API token.');
      input.current?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await api.verifyToken(value);
      setToken(value);
      setTokenValue('');
      navigate(next && /^\/(accounts|catalog|api-tokens)(\/|$)/.test(next) ? next : '/accounts', { replace: true });
    } catch (caught) {
      setError(caught instanceof ApiError && caught.status === 401
        ? 'That API token was not accepted. Check it and try again.'
        : caught instanceof Error ? caught.message : String(caught));
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="signin-page">
      <main id="main" class="card signin-card">
        <div class="card-body stack">
          <span class="brand"><Logo size={32} /> Switchboard</span>
          <div class="stack-small">
            <h1>Sign in</h1>
            <p class="muted">Use an API token of your Switchboard tenant. It is kept in this browser tab only and forgotten when you close it.</p>
          </div>
          {notice && !error && <Alert kind="info" role="status"><p>{notice}</p></Alert>}
          {/* method=post: even before the script runs, a token is never put in the address bar. */}
          <form class="form" method="post" action="/sign-in" onSubmit={submit} noValidate>
            <div class="field">
              <label for="api-token">API token</label>
              <div class="input-group">
                <input
                  ref={input}
                  id="api-token"
                  name="api-token"
                  type={(show ? 'text' : 'password') as 'text'}
                  autoComplete="current-password"
                  spellcheck={false}
                  autoCapitalize="off"
                  placeholder="sb_…"
                  value={token}
                  onInput={(event) => setTokenValue(event.currentTarget.value)}
                  aria-invalid={error ? 'true' : undefined}
                  aria-describedby={error ? 'api-token-error api-token-hint' : 'api-token-hint'}
                />
                <button type="button" class="btn btn-secondary" aria-pressed={show} onClick={() => setShow(!show)}>
                  {show ? 'Hide' : 'Show'}
                  <span class="visually-hidden"> token</span>
                </button>
              </div>
              <p class="hint" id="api-token-hint">
                <code>npm run demo</code> prints one; otherwise create one with <code>switchboard token create</code>.
              </p>
              {error && <p class="field-error" id="api-token-error">{error}</p>}
            </div>
            <button type="submit" class="btn btn-primary" disabled={busy}>{busy ? 'Checking…' : 'Sign in'}</button>
          </form>
        </div>
      </main>
    </div>
  );
}
