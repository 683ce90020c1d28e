import { useEffect } from 'preact/hooks';
import { api } from '../api.ts';
import { ReconnectButton } from '../components/Reconnect.tsx';
import { EmptyState, ErrorAlert, Icon, Loading, useAsync, When } from '../components/ui.tsx';
import { Link } from '../router.tsx';
import { initials, loadIntegrations, logoClass } from '../store.ts';

export function StatusBadge({ status }: { status: string }) {
  if (status === 'active') return <span class="badge badge-success">Active</span>;
  if (status === 'needs_reauth') return <span class="badge badge-danger">Needs reconnecting</span>;
  return <span class="badge badge-neutral">{status}</span>;
}

export function AccountsPage() {
  const accounts = useAsync(() => api.accounts(), []);
  const integrations = useAsync(loadIntegrations, []);
  useEffect(() => {
    document.title = 'Integrated accounts · Switchboard';
  }, []);
  const label = (name: string) => integrations.data?.find((integration) => integration.name === name)?.label ?? name;

  return (
    <>
      <div class="page-header">
        <div>
          <h1 tabIndex={-1}>Integrated accounts</h1>
          <p class="lede">Each account is one connection to a SaaS tool. Open an account to browse its tools and create MCP server URLs for AI agents.</p>
        </div>
        <div class="page-actions">
          <Link class="btn btn-primary" href="/catalog"><Icon name="plus" />Connect account</Link>
        </div>
      </div>
      {accounts.error ? <ErrorAlert error={accounts.error} title="The accounts could not be loaded." />
        : !accounts.data ? <Loading label="Loading accounts…" />
        : accounts.data.length === 0 ? (
          <div class="card">
            <EmptyState title="No accounts yet" action={<Link class="btn btn-primary" href="/catalog">Browse integrations</Link>}>
              Connect Pinpoint, Polymer or another integration to get started.
            </EmptyState>
          </div>
        ) : (
          <div class="card table-wrap">
            <table class="table">
              <caption class="visually-hidden">Integrated accounts</caption>
              <thead>
                <tr>
                  <th scope="col">Account</th>
                  <th scope="col">Integration</th>
                  <th scope="col">Status</th>
                  <th scope="col">Details</th>
                  <th scope="col">Connected</th>
                </tr>
              </thead>
              <tbody>
                {accounts.data.map((account) => (
                  <tr key={account.id}>
                    <td>
                      <Link class="row-link" href={`/accounts/${encodeURIComponent(account.id)}/tools`}>{account.name}</Link>
                      <div class="muted small mono">{account.id}</div>
                    </td>
                    <td>
                      <span class="row">
                        <span class={`integration-logo ${logoClass(account.integration)}`} aria-hidden="true" data-size="small">{initials(label(account.integration))}</span>
                        {label(account.integration)}
                      </span>
                    </td>
                    <td>
                      <div class="stack-small status-cell">
                        <StatusBadge status={account.status} />
                        {account.status === 'needs_reauth' && (
                          <ReconnectButton small account={account} integration={integrations.data?.find((integration) => integration.name === account.integration)} onReconnected={accounts.reload} />
                        )}
                      </div>
                    </td>
                    <td class="small">
                      {Object.entries(account.context).map(([key, value]) => (
                        <div key={key}><span class="muted">{key}:</span> <span class="mono">{value}</span></div>
                      ))}
                    </td>
                    <td class="nowrap"><When iso={account.created_at} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
    </>
  );
}
