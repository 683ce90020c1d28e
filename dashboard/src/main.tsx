import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import './styles.css';
import { Toasts } from './components/ui.tsx';
import { Shell, type Section } from './components/Shell.tsx';
import { AccountPage, accountTabs } from './pages/Account.tsx';
import { AccountsPage } from './pages/Accounts.tsx';
import { ApiTokensPage } from './pages/ApiTokens.tsx';
import { CatalogPage } from './pages/Catalog.tsx';
import { ConnectPage } from './pages/Connect.tsx';
import { NotFoundPage } from './pages/NotFound.tsx';
import { ConsentPage } from './pages/Consent.tsx';
import { safeNext, SignInPage } from './pages/SignIn.tsx';
import { match, navigate, useLocation } from './router.tsx';
import { isSignedIn, loadUserSession, onSessionChange } from './session.ts';
import { forgetIntegrations } from './store.ts';
import { Loading } from './components/ui.tsx';

/** True, false, or undefined while the server is asked whether the session cookie is still good. */
function useSignedIn(): boolean | undefined {
  const [signedIn, setSignedIn] = useState(isSignedIn);
  useEffect(() => {
    const stop = onSessionChange(() => {
      setSignedIn(isSignedIn());
      forgetIntegrations();
    });
    if (isSignedIn() === undefined) void loadUserSession();
    return stop;
  }, []);
  return signedIn;
}

function App() {
  const signedIn = useSignedIn();
  const location = useLocation();
  const firstRender = useRef(true);

  // After a client-side navigation, move focus to the new page's heading so screen readers announce it.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const heading = document.querySelector<HTMLElement>('#main h1');
    heading?.focus({ preventScroll: true });
  }, [location.path]);

  if (signedIn === undefined) return <main id="main" class="signin-page"><Loading label="Loading…" /></main>;
  const path = location.path;
  // The OAuth consent page signs in in place, so the authorization request in its address stays as it is.
  if (path === '/authorize') return <ConsentPage signedIn={signedIn} search={window.location.search} />;

  if (!signedIn) {
    if (location.path !== '/sign-in') {
      const back = location.path === '/' ? '' : `?next=${encodeURIComponent(location.path)}`;
      queueMicrotask(() => navigate(`/sign-in${back}`, { replace: true }));
    }
    return <SignInPage next={location.query.get('next')} error={location.query.get('error')} />;
  }

  if (path === '/' || path === '/sign-in') {
    queueMicrotask(() => navigate(safeNext(location.query.get('next')), { replace: true }));
    return null;
  }

  let page;
  let section: Section | undefined;
  let params: Record<string, string> | undefined;
  if (path === '/accounts') {
    page = <AccountsPage />;
    section = 'accounts';
  } else if (path === '/api-tokens') {
    page = <ApiTokensPage />;
    section = 'tokens';
  } else if (path === '/catalog') {
    page = <CatalogPage />;
    section = 'catalog';
  } else if ((params = match('/catalog/:integration/connect', path))) {
    page = <ConnectPage integration={params.integration!} />;
    section = 'catalog';
  } else if ((params = match('/accounts/:id', path))) {
    queueMicrotask(() => navigate(`/accounts/${encodeURIComponent(params!.id!)}/tools`, { replace: true }));
    return null;
  } else if ((params = match('/accounts/:id/:tab', path)) && accountTabs.includes(params.tab as never)) {
    page = <AccountPage id={params.id!} tab={params.tab as (typeof accountTabs)[number]} query={location.query} />;
    section = 'accounts';
  } else {
    page = <NotFoundPage />;
  }
  return <Shell section={section}>{page}</Shell>;
}

function Root() {
  return (
    <>
      <App />
      <Toasts />
    </>
  );
}

render(<Root />, document.getElementById('app')!);
