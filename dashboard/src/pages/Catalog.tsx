import { useEffect } from 'preact/hooks';
import { api } from '../api.ts';
import { EmptyState, ErrorAlert, Loading, Tags, useAsync } from '../components/ui.tsx';
import { Link } from '../router.tsx';
import { initials, loadIntegrations, logoClass } from '../store.ts';
import { plural } from '../format.ts';

export function CatalogPage() {
  const integrations = useAsync(loadIntegrations, []);
  const accounts = useAsync(() => api.accounts(), []);
  const connected = (name: string) => accounts.data?.filter((account) => account.integration === name).length;
  useEffect(() => {
    document.title = 'Integrations · Switchboard';
  }, []);
  return (
    <>
      <div class="page-header">
        <div>
          <h1 tabIndex={-1}>Integrations</h1>
          <p class="lede">Each integration is a definition file. Connect an account to one, then create MCP servers for that account.</p>
        </div>
      </div>
      {integrations.error ? <ErrorAlert error={integrations.error} title="The integrations could not be loaded." />
        : !integrations.data ? <Loading label="Loading integrations…" />
        : integrations.data.length === 0 ? (
          <div class="card"><EmptyState title="No integrations installed">Add a definition under integrations/&lt;name&gt;/definition.yaml and restart.</EmptyState></div>
        ) : (
          <ul class="grid-cards" role="list">
            {integrations.data.map((integration) => (
              <li key={integration.name} class="card integration-card">
                <div class="card-body">
                  <div class="row">
                    <span class={`integration-logo ${logoClass(integration.name)}`} aria-hidden="true">{initials(integration.label)}</span>
                    <div>
                      <h2>{integration.label}</h2>
                      <p class="muted small">
                        {integration.tool_count !== undefined ? <span class="stat">{plural(integration.tool_count, 'tool')}</span> : null}
                        {integration.tool_count !== undefined ? ' · ' : null}
                        <span class="mono">{integration.name}</span>
                      </p>
                    </div>
                  </div>
                  <p>{integration.description}</p>
                  <Tags tags={integration.tags} />
                  {(connected(integration.name) ?? 0) > 0 && (
                    <p class="small"><Link href="/accounts">{plural(connected(integration.name)!, 'account')} connected</Link></p>
                  )}
                  <p class="muted small">
                    Needs: {[...integration.context, ...integration.credentials].map((field) => field.label).join(', ') || 'nothing'}
                  </p>
                </div>
                <div class="card-footer">
                  {integration.docs_url && (
                    <a class="btn btn-ghost btn-small" href={integration.docs_url} target="_blank" rel="noopener noreferrer">
                      API docs<span class="visually-hidden"> for {integration.label} (opens in a new tab)</span>
                    </a>
                  )}
                  <Link class="btn btn-primary btn-small" href={`/catalog/${encodeURIComponent(integration.name)}/connect`}>
                    Connect account<span class="visually-hidden"> to {integration.label}</span>
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        )}
    </>
  );
}
