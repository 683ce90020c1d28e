// MCP Servers: list, create (the URL is shown once), edit, revoke.
import { useEffect, useState } from 'preact/hooks';
import { api, type Account, type CreatedMcpServer, type McpServer, type ToolInfo } from '../api.ts';
import { expiresAtOf } from '../components/ExpiryField.tsx';
import { ConfirmDialog, CreateCard, SecretPanel } from '../components/Lifecycle.tsx';
import { configOf, draftFromServer, newDraft, ServerFields, type ServerDraft } from '../components/ServerFields.tsx';
import { CopyButton, Dialog, EmptyState, ErrorAlert, Icon, Loading, TabList, TabPanel, Tags, toast, type AsyncState, useAsync, When } from '../components/ui.tsx';
import { formatDateTime, fromNow, isPast } from '../format.ts';
import { navigate } from '../router.tsx';
import { snippets } from '../snippets.ts';
import { authModeOf, type AuthMode } from '../../../src/mcp/auth-mode.ts';
import { ClientsDialog } from '../components/ClientsDialog.tsx';

const authLabels: Record<AuthMode, string> = { url: 'URL only', api_token: 'URL + API token', oauth: 'URL + sign-in' };

export function ServersTab({ account, tools, query, onCount }: {
  account: Account; tools: AsyncState<ToolInfo[]>; query: URLSearchParams; onCount: (count: number) => void;
}) {
  const servers = useAsync(() => api.servers(account.id), [account.id]);
  const [creating, setCreating] = useState(() => query.get('create') === '1');
  const [created, setCreated] = useState<CreatedMcpServer | undefined>();
  const [editing, setEditing] = useState<McpServer | undefined>();
  const [revoking, setRevoking] = useState<McpServer | undefined>();
  const [clientsOf, setClientsOf] = useState<McpServer | undefined>();

  useEffect(() => {
    if (servers.data) onCount(servers.data.length);
  }, [servers.data, onCount]);

  // Arriving from the Tools tab with a filter: open the form pre-filled, then drop the query from the address.
  const [initial] = useState(() => newDraft({
    methods: query.get('methods')?.split(',').filter(Boolean) ?? [],
    tags: query.get('tags')?.split(',').filter(Boolean) ?? [],
  }));
  useEffect(() => {
    if (query.has('create')) navigate(`/accounts/${encodeURIComponent(account.id)}/servers`, { replace: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <div class="stack">
      {created && <CreatedPanel server={created} onDone={() => setCreated(undefined)} />}

      {creating && !created ? (
        <CreateForm
          account={account}
          tools={tools.data ?? []}
          initial={initial}
          onCancel={() => setCreating(false)}
          onCreated={(server) => {
            setCreated(server);
            setCreating(false);
            servers.reload();
          }}
        />
      ) : (
        <div class="spread">
          <div>
            <h2>MCP servers</h2>
            <p class="muted small">Each server is a URL an AI agent connects to. Its filter decides which of this account's tools the agent sees.</p>
          </div>
          {!created && (
            <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>
              <Icon name="plus" />Create MCP server
            </button>
          )}
        </div>
      )}

      {servers.error ? <ErrorAlert error={servers.error} title="The MCP servers could not be loaded." />
        : !servers.data ? <Loading label="Loading MCP servers…" />
        : servers.data.length === 0 ? (
          !creating && !created && (
            <div class="card">
              <EmptyState title="No MCP servers yet"
                action={<button type="button" class="btn btn-primary" onClick={() => setCreating(true)}><Icon name="plus" />Create MCP server</button>}>
                Create one to get a URL for Claude, ChatGPT, Cursor or any MCP client.
              </EmptyState>
            </div>
          )
        ) : (
          <div class="card table-wrap">
            <table class="table" aria-label="MCP servers">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Filters</th>
                  <th scope="col">Access</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Created</th>
                  <th scope="col" class="actions"><span class="visually-hidden">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {servers.data.map((server) => (
                  <tr key={server.id} data-server={server.name}>
                    <td>
                      <strong>{server.name}</strong>
                      <div class="muted small mono">{server.id}</div>
                    </td>
                    <td><FilterCell server={server} /></td>
                    <td class="small">
                      <div>{authLabels[authModeOf(server.config)]}</div>
                      <div class="muted">{server.config.tool_exposure === 'discovery' ? 'Discovery tools' : 'All tools listed'}</div>
                    </td>
                    <td class="nowrap small">
                      {server.expires_at ? (
                        <time dateTime={server.expires_at} title={formatDateTime(server.expires_at)}>
                          {isPast(server.expires_at) ? <span class="badge badge-danger">Expired</span> : fromNow(server.expires_at)}
                        </time>
                      ) : <span class="muted">Never</span>}
                    </td>
                    <td class="nowrap small"><When iso={server.created_at} /></td>
                    <td class="actions">
                      {authModeOf(server.config) === 'oauth' && (
                        <button type="button" class="btn btn-secondary btn-small" onClick={() => setClientsOf(server)}>
                          Clients<span class="visually-hidden"> of {server.name}</span>
                        </button>
                      )}
                      <button type="button" class="btn btn-secondary btn-small" onClick={() => setEditing(server)}>
                        Edit<span class="visually-hidden"> {server.name}</span>
                      </button>
                      <button type="button" class="btn btn-danger-outline btn-small" onClick={() => setRevoking(server)}>
                        Revoke<span class="visually-hidden"> {server.name}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

      {editing && (
        <EditDialog account={account} tools={tools.data ?? []} server={editing} onClose={() => setEditing(undefined)}
          onSaved={(server) => {
            setEditing(undefined);
            toast(`Saved “${server.name}”.`);
            servers.reload();
          }} />
      )}
      {clientsOf && <ClientsDialog account={account} server={clientsOf} onClose={() => setClientsOf(undefined)} />}
      {revoking && (
        <RevokeDialog account={account} server={revoking} onClose={() => setRevoking(undefined)}
          onRevoked={() => {
            toast(`Revoked “${revoking.name}”. Its URL no longer works.`);
            setRevoking(undefined);
            servers.reload();
          }} />
      )}
    </div>
  );
}

function methodBadge(method: string): string {
  if (method === 'read' || method === 'list' || method === 'get') return 'badge-read';
  if (method === 'write' || method === 'create' || method === 'update') return 'badge-write';
  if (method === 'delete') return 'badge-delete';
  return 'badge-custom';
}

function FilterCell({ server }: { server: McpServer }) {
  const methods = server.config.methods ?? [];
  const tags = server.config.tags ?? [];
  if (!methods.length && !tags.length) return <span class="muted small">All tools</span>;
  return (
    <div class="stack-small">
      {methods.length > 0 && (
        <span class="row">
          {methods.map((method) => <span key={method} class={`badge ${methodBadge(method)}`}>{method.replace(/_/g, ' ')}</span>)}
        </span>
      )}
      <Tags tags={tags} />
    </div>
  );
}

function CreateForm({ account, tools, initial, onCancel, onCreated }: {
  account: Account; tools: ToolInfo[]; initial: ServerDraft; onCancel: () => void; onCreated: (server: CreatedMcpServer) => void;
}) {
  const [draft, setDraft] = useState(initial);
  return (
    <CreateCard id="create-server" title="Create MCP server" submitLabel="Create server" errorTitle="The server was not created." onCancel={onCancel}
      create={async () => onCreated(await api.createServer(account.id, { name: draft.name.trim(), config: configOf(draft, false), expires_at: expiresAtOf(draft) ?? null }))}
      fields={(error, changed) => (
        <ServerFields idPrefix="create" accountId={account.id} tools={tools} draft={draft} error={error}
          onChange={(next) => {
            setDraft(next);
            changed();
          }} />
      )} />
  );
}

/** The URL, once. After "Done" it is gone from the page for good. */
function CreatedPanel({ server, onDone }: { server: CreatedMcpServer; onDone: () => void }) {
  const [snippet, setSnippet] = useState<'claude' | 'chatgpt' | 'cursor'>('claude');
  const auth = authModeOf(server.config);
  const requireApiToken = auth === 'api_token';
  const list = snippets({ name: server.name, url: server.url, requireApiToken, signIn: auth === 'oauth' });
  const active = list.find((one) => one.id === snippet)!;

  return (
    <SecretPanel id="mcp-url" title={`“${server.name}” is ready`} value={server.url} label="MCP server URL" copyLabel="Copy URL" onDone={onDone}
      warning={<><strong>Copy this URL now — you won't see it again.</strong> It contains the server's secret token; Switchboard keeps only a hash of it. Anyone with the URL can use these tools{requireApiToken ? ' if they also have an API token' : ''}.</>}>
      {requireApiToken && <p class="hint">Clients must also send <code>Authorization: Bearer &lt;API token&gt;</code>.</p>}
      {auth === 'oauth' && <p class="hint">Clients sign in: a member of this team allows each one, and can disconnect it under “Clients”.</p>}
      <div class="snippet-tabs">
        <h3 class="visually-hidden">Connect a client</h3>
        <TabList label="Client configuration" idPrefix="snippet" selected={snippet} onSelect={(id) => setSnippet(id as typeof snippet)}
          tabs={list.map((one) => ({ id: one.id, label: one.label }))} />
        <TabPanel idPrefix="snippet" id={active.id}>
          <div class="stack-small">
            <p class="muted small">{active.where}</p>
            {active.steps.length > 0 && <ol class="snippet-steps">{active.steps.map((step) => <li key={step}>{step}</li>)}</ol>}
            <pre class="code" data-testid={`snippet-${active.id}`}>{active.code}</pre>
            <div><CopyButton text={active.code} label={active.language === 'json' ? 'Copy configuration' : 'Copy URL'} class="btn btn-secondary btn-small" /></div>
          </div>
        </TabPanel>
      </div>
    </SecretPanel>
  );
}

function EditDialog({ account, tools, server, onClose, onSaved }: {
  account: Account; tools: ToolInfo[]; server: McpServer; onClose: () => void; onSaved: (server: McpServer) => void;
}) {
  const [draft, setDraft] = useState(() => draftFromServer(server));
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const expires = expiresAtOf(draft);
      const saved = await api.updateServer(account.id, server.id, {
        name: draft.name.trim(),
        config: configOf(draft, true),
        ...(expires !== undefined ? { expires_at: expires } : {}),
      });
      onSaved(saved ?? server);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} title={`Edit “${server.name}”`} labelledBy="edit-server-title"
      footer={
        <>
          <button type="button" class="btn btn-secondary" onClick={onClose}>Cancel</button>
          <button type="submit" form="edit-server-form" class="btn btn-primary" disabled={busy}>{busy ? 'Saving…' : 'Save changes'}</button>
        </>
      }>
      <form id="edit-server-form" class="stack" onSubmit={save} noValidate>
        <p class="muted small">The URL stays the same; agents see the new tool set on their next request.</p>
        {error !== undefined && <ErrorAlert error={error} title="The changes were not saved." />}
        <ServerFields idPrefix="edit" accountId={account.id} tools={tools} draft={draft} error={error} current={server}
          onChange={(next) => {
            setDraft(next);
            setError(undefined);
          }} />
      </form>
    </Dialog>
  );
}

function RevokeDialog({ account, server, onClose, onRevoked }: { account: Account; server: McpServer; onClose: () => void; onRevoked: () => void }) {
  return (
    <ConfirmDialog id="revoke-server" title={`Revoke “${server.name}”?`} confirmLabel="Revoke server" busyLabel="Revoking…" onClose={onClose}
      onConfirm={async () => {
        await api.deleteServer(account.id, server.id);
        onRevoked();
      }}>
      <p>Its URL stops working immediately: agents using it get “not found”. This cannot be undone; create a new server to give access again.</p>
    </ConfirmDialog>
  );
}
