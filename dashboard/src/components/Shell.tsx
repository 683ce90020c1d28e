import type { ComponentChildren } from 'preact';
import { Link } from '../router.tsx';
import { clearToken } from '../session.ts';

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
