import type { ComponentChildren } from 'preact';
import { Link } from '../router.tsx';
import { api } from '../api.ts';
import { clearToken, getUserSession, setUserSession } from '../session.ts';
import { toast } from './ui.tsx';

export function Logo({ size = 26 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="#4338ca" />
      <path d="M9 11h14M9 16h9M9 21h14" stroke="#fff" stroke-width="2.6" stroke-linecap="round" />
      <circle cx="22" cy="16" r="2.4" fill="#c7d2fe" />
    </svg>
  );
}

export type Section = 'accounts' | 'catalog' | 'tokens';

export function Shell({ section, children }: { section: Section | undefined; children: ComponentChildren }) {
  return (
    <>
      <a class="skip-link" href="#main">Skip to content</a>
      <header class="app-header">
        <div class="app-header-inner">
          <Link class="brand" href="/accounts">
            <Logo />
            Switchboard
          </Link>
          <nav class="app-nav" aria-label="Main">
            <Link href="/accounts" aria-current={section === 'accounts' ? 'page' : undefined}>Integrated accounts</Link>
            <Link href="/catalog" aria-current={section === 'catalog' ? 'page' : undefined}>Integrations</Link>
            <Link href="/api-tokens" aria-current={section === 'tokens' ? 'page' : undefined}>API tokens</Link>
          </nav>
          <div class="header-end">
            <Account />
            <button type="button" class="btn btn-ghost btn-small" onClick={() => clearToken('You signed out.')}>Sign out</button>
          </div>
        </div>
      </header>
      <main id="main" class="container" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

/** The signed-in person and, when they belong to several teams, which one the dashboard shows. */
function Account() {
  const session = getUserSession();
  if (!session) return <span class="muted small">API token</span>;
  const switchTo = async (tenantId: string) => {
    try {
      setUserSession(await api.switchTenant(tenantId));
      window.location.assign('/accounts');
    } catch (error) {
      toast(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <span class="row small" data-testid="signed-in-user">
      <span>{session.user.email}</span>
      {session.tenants.length > 1 ? (
        <select aria-label="Team" value={session.tenant_id ?? ''} onChange={(event) => void switchTo(event.currentTarget.value)}>
          {session.tenants.map((tenant) => <option key={tenant.tenant_id} value={tenant.tenant_id}>{tenant.tenant_name} ({tenant.role})</option>)}
        </select>
      ) : <span class="muted">{session.tenants[0]?.tenant_name} · {session.role}</span>}
    </span>
  );
}

export function Breadcrumbs({ items }: { items: { label: string; href?: string }[] }) {
  return (
    <nav class="breadcrumbs" aria-label="Breadcrumb">
      <ol>
        {items.map((item, index) => (
          <li key={index}>
            {item.href ? <Link href={item.href}>{item.label}</Link> : <span aria-current="page">{item.label}</span>}
          </li>
        ))}
      </ol>
    </nav>
  );
}
