// The OAuth clients connected to one MCP server (client, who allowed it, when, last used), each disconnectable.
// A disconnected client's tokens are refused at once, on every node.
import { useState } from 'preact/hooks';
import { api, type Account, type Grant, type McpServer } from '../api.ts';
import { Dialog, EmptyState, ErrorAlert, Loading, toast, useAsync, When } from './ui.tsx';

export function ClientsDialog({ account, server, onClose }: { account: Account; server: McpServer; onClose: () => void }) {
  const grants = useAsync(() => api.grants(account.id, server.id), [account.id, server.id]);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState<string | undefined>();

  const disconnect = async (grant: Grant) => {
    setBusy(grant.id);
    setError(undefined);
    try {
      await api.revokeGrant(account.id, server.id, grant.id);
      toast(`Disconnected ${grant.client_name ?? 'the client'} (${grant.user_email}).`);
      grants.reload();
    } catch (caught) {
      setError(caught);
    }
    setBusy(undefined);
  };

  return (
    <Dialog open wide onClose={onClose} title={`Clients of “${server.name}”`} labelledBy="clients-title"
      footer={<button type="button" class="btn btn-secondary" onClick={onClose}>Close</button>}>
      <div class="stack">
        <p class="muted small">Applications a member of this team allowed to use this server. Disconnecting one stops its access at once; it must ask again.</p>
        {error !== undefined && <ErrorAlert error={error} title="The client was not disconnected." />}
        {grants.error ? <ErrorAlert error={grants.error} title="The clients could not be loaded." />
          : !grants.data ? <Loading label="Loading clients…" />
          : grants.data.length === 0 ? <EmptyState title="No connected clients">When someone connects Claude.ai, ChatGPT or another OAuth client to this server, it appears here.</EmptyState>
          : (
            <table class="table" aria-label="Connected clients" data-testid="grants-table">
              <thead>
                <tr><th scope="col">Client</th><th scope="col">User</th><th scope="col">Connected</th><th scope="col">Last used</th><th scope="col" class="actions"><span class="visually-hidden">Actions</span></th></tr>
              </thead>
              <tbody>
                {grants.data.map((grant) => (
                  <tr key={grant.id} data-grant={grant.id}>
                    <td><strong>{grant.client_name ?? 'Unnamed client'}</strong><div class="muted small mono">{grant.client_id}</div></td>
                    <td class="small">{grant.user_email}</td>
                    <td class="nowrap small"><When iso={grant.created_at} /></td>
                    <td class="nowrap small">{grant.last_used_at ? <When iso={grant.last_used_at} /> : <span class="muted">Not yet</span>}</td>
                    <td class="actions">
                      <button type="button" class="btn btn-danger-outline btn-small" disabled={busy === grant.id} onClick={() => disconnect(grant)}>
                        Disconnect<span class="visually-hidden"> {grant.client_name} of {grant.user_email}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
      </div>
    </Dialog>
  );
}
