// One integrated account: its details and the Tools, MCP Servers and Logs tabs (each tab has its own URL).
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';
import { Breadcrumbs } from '../components/Shell.tsx';
import { ReconnectButton } from '../components/Reconnect.tsx';
import { Alert, Dialog, ErrorAlert, Loading, TabList, TabPanel, toast, useAsync } from '../components/ui.tsx';
import { formatDateTime } from '../format.ts';
import { Link, navigate } from '../router.tsx';
import { initials, loadIntegrations, logoClass } from '../store.ts';
import { StatusBadge } from './Accounts.tsx';
import { LogsTab } from './LogsTab.tsx';
import { ServersTab } from './ServersTab.tsx';
import { ToolsTab } from './ToolsTab.tsx';

export const accountTabs = ['tools', 'servers', 'logs'] as const;
export type AccountTab = (typeof accountTabs)[number];

const tabLabels: Record<AccountTab, string> = { tools: 'Tools', servers: 'MCP Servers', logs: 'Logs' };

export function AccountPage({ id, tab, query }: { id: string; tab: AccountTab; query: URLSearchParams }) {
  const account = useAsync(() => api.account(id), [id]);
  const integrations = useAsync(loadIntegrations, []);
  const tools = useAsync(() => api.tools(id), [id]);
  const [serverCount, setServerCount] = useState<number | undefined>();
  useEffect(() => {
    let live = true;
    api.servers(id).then((servers) => live && setServerCount(servers.length), () => undefined);
    return () => {
      live = false;
    };
  }, [id]);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleteError, setDeleteError] = useState<unknown>();

  const integration = integrations.data?.find((candidate) => candidate.name === account.data?.integration);
  // Back from the provider's page (src/connect/routes.ts): say so once, and drop the marker from the address.
  useEffect(() => {
    const outcome = query.has('reconnected') ? 'Reconnected' : query.has('connected') ? 'Connected' : undefined;
    if (!outcome) return;
    toast(`${outcome} the account.`);
    navigate(window.location.pathname, { replace: true });
  }, [query]);
  useEffect(() => {
    document.title = `${tabLabels[tab]} · ${account.data?.name ?? 'Account'} · Switchboard`;
  }, [tab, account.data]);

  if (account.error) {
    const missing = account.error instanceof ApiError && account.error.status === 404;
    return (
      <>
        <Breadcrumbs items={[{ label: 'Integrated accounts', href: '/accounts' }, { label: id }]} />
        <h1 tabIndex={-1}>{missing ? 'Account not found' : 'The account could not be loaded'}</h1>
        <div class="stack">
          <ErrorAlert error={account.error} />
          <p><Link href="/accounts">Back to integrated accounts</Link></p>
        </div>
      </>
    );
  }
  if (!account.data) return <Loading label="Loading the account…" />;
  const data = account.data;
  const base = `/accounts/${encodeURIComponent(id)}`;

  const remove = async () => {
    try {
      await api.deleteAccount(id);
      toast(`Deleted “${data.name}” and its MCP servers.`);
      navigate('/accounts');
    } catch (caught) {
      setDeleteError(caught);
    }
  };

  return (
    <>
      <Breadcrumbs items={[{ label: 'Integrated accounts', href: '/accounts' }, { label: data.name }]} />
      <div class="page-header">
        <div class="row">
          <span class={`integration-logo ${logoClass(data.integration)}`} aria-hidden="true">{initials(integration?.label ?? data.integration)}</span>
          <div>
            <h1 tabIndex={-1}>{data.name}</h1>
            <p class="lede row">
              <span>{integration?.label ?? data.integration} account</span>
              <StatusBadge status={data.status} />
            </p>
          </div>
        </div>
        <div class="page-actions">
          <button type="button" class="btn btn-danger-outline btn-small" onClick={() => setConfirmDelete(true)}>Delete account</button>
        </div>
      </div>
      {data.status === 'needs_reauth' && (
        <Alert kind="warning" role="alert">
          <p><strong>This account needs to be reconnected.</strong> {integration?.label ?? data.integration} no longer accepts its authorization, so its tools fail until it is reconnected; its MCP servers keep their URLs.</p>
          <div><ReconnectButton account={data} integration={integration} onReconnected={account.reload} /></div>
        </Alert>
      )}

      <section class="card account-meta" aria-label="Account details">
        <div class="card-body">
          <dl class="meta">
            <div><dt>Account ID</dt><dd class="mono">{data.id}</dd></div>
            {Object.entries(data.context).map(([key, value]) => (
              <div key={key}>
                <dt>{integration?.context.find((field) => field.key === key)?.label ?? (key === 'base_url' ? 'API base URL' : key)}</dt>
                <dd class="mono">{value}</dd>
              </div>
            ))}
            <div><dt>Connected</dt><dd>{formatDateTime(data.created_at)}</dd></div>
            <div><dt>Updated</dt><dd>{formatDateTime(data.updated_at)}</dd></div>
          </dl>
        </div>
      </section>

      <div class="account-tabs">
        <TabList
          label="Account sections"
          idPrefix="account"
          selected={tab}
          onSelect={(next) => navigate(`${base}/${next}`, { replace: true })}
          tabs={accountTabs.map((one) => ({
            id: one,
            label: tabLabels[one],
            count: one === 'tools' ? tools.data?.length : one === 'servers' ? serverCount : undefined,
          }))}
        />
        <TabPanel idPrefix="account" id={tab}>
          {tab === 'tools' && <ToolsTab accountId={id} tools={tools} />}
          {tab === 'servers' && <ServersTab account={data} tools={tools} query={query} onCount={setServerCount} />}
          {tab === 'logs' && <LogsTab accountId={id} tools={tools.data ?? []} />}
        </TabPanel>
      </div>

      <Dialog
        open={confirmDelete}
        onClose={() => {
          setConfirmDelete(false);
          setDeleteError(undefined);
        }}
        title={`Delete “${data.name}”?`}
        labelledBy="delete-account-title"
        footer={
          <>
            <button type="button" class="btn btn-secondary" onClick={() => setConfirmDelete(false)}>Cancel</button>
            <button type="button" class="btn btn-danger" onClick={remove}>Delete account</button>
          </>
        }
      >
        <div class="stack">
          <p>The stored credentials are erased and <strong>every MCP server URL of this account stops working at once</strong>. This cannot be undone.</p>
          {deleteError !== undefined && <ErrorAlert error={deleteError} />}
        </div>
      </Dialog>
    </>
  );
}
