// API tokens: list (never a secret), create (the token is shown once), revoke. Revoking the token this tab is signed
// in with says so and signs the tab out.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, type ApiToken, type CreatedApiToken } from '../api.ts';
import { defaultExpiresAt, expiresAtOf, ExpiryField, type Expiry } from '../components/ExpiryField.tsx';
import { ConfirmDialog, CreateCard, SecretPanel } from '../components/Lifecycle.tsx';
import { Alert, EmptyState, ErrorAlert, Icon, Loading, toast, useAsync, When } from '../components/ui.tsx';
import { formatDateTime, isPast } from '../format.ts';
import { clearToken } from '../session.ts';

export function ApiTokensPage() {
  const tokens = useAsync(() => api.apiTokens(), []);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiToken | undefined>();
  const [revoking, setRevoking] = useState<ApiToken | undefined>();
  useEffect(() => {
    document.title = 'API tokens · Switchboard';
  }, []);

  return (
    <>
      <div class="page-header">
        <div>
          <h1 tabIndex={-1}>API tokens</h1>
          <p class="lede">API tokens sign in to this dashboard and call the admin API and the Proxy API for your tenant, and MCP servers that require one accept them. Each token is shown once, when it is created.</p>
        </div>
        {!creating && !created && (
          <div class="page-actions">
            <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}><Icon name="plus" />Create API token</button>
          </div>
        )}
      </div>
      <div class="stack">
        {created && <CreatedTokenPanel token={created} onDone={() => setCreated(undefined)} />}
        {creating && (
          <CreateTokenForm onCancel={() => setCreating(false)} onCreated={(token) => {
            setCreated(token);
            setCreating(false);
            tokens.reload();
          }} />
        )}
        {tokens.error ? <ErrorAlert error={tokens.error} title="The API tokens could not be loaded." />
          : !tokens.data ? <Loading label="Loading API tokens…" />
          : tokens.data.length === 0 ? (
            <div class="card"><EmptyState title="No API tokens">Create one for a script, a CI job or another person.</EmptyState></div>
          ) : (
            <div class="card table-wrap">
              <table class="table" aria-label="API tokens">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Created</th>
                    <th scope="col">Last used</th>
                    <th scope="col">Expires</th>
                    <th scope="col" class="actions"><span class="visually-hidden">Actions</span></th>
                  </tr>
                </thead>
                <tbody>
                  {tokens.data.map((token) => (
                    <tr key={token.id} data-token={token.name}>
                      <td>
                        <strong>{token.name}</strong>
                        {token.current && <> <span class="badge badge-neutral">This session</span></>}
                        <div class="muted small mono">{token.id}</div>
                      </td>
                      <td class="nowrap small"><When iso={token.created_at} /></td>
                      <td class="nowrap small">{token.last_used_at ? <When iso={token.last_used_at} /> : <span class="muted">Never</span>}</td>
                      <td class="nowrap small">
                        {!token.expires_at ? <span class="muted">Never</span>
                          : isPast(token.expires_at) ? <span class="badge badge-danger" title={formatDateTime(token.expires_at)}>Expired</span>
                          : <When iso={token.expires_at} />}
                      </td>
                      <td class="actions">
                        <button type="button" class="btn btn-danger-outline btn-small" onClick={() => setRevoking(token)}>
                          Revoke<span class="visually-hidden"> {token.name}</span>
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
      </div>
      {revoking && (
        <RevokeTokenDialog token={revoking} onClose={() => setRevoking(undefined)} onRevoked={() => {
          if (revoking.current) {
            clearToken(`You revoked “${revoking.name}”, the API token this tab was signed in with. Sign in with another token.`);
            return;
          }
          toast(`Revoked “${revoking.name}”. It no longer works anywhere.`);
          setRevoking(undefined);
          tokens.reload();
        }} />
      )}
    </>
  );
}

function CreateTokenForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (token: CreatedApiToken) => void }) {
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState<Expiry>({ expiry: '90d', expiresAt: defaultExpiresAt() });
  return (
    <CreateCard id="create-token" title="Create API token" submitLabel="Create token" errorTitle="The token was not created." onCancel={onCancel}
      create={async () => onCreated(await api.createApiToken({ name: name.trim(), expires_at: expiresAtOf(expiry) ?? null }))}
      fields={(error, changed) => {
        const problem = (field: string) => (error instanceof ApiError ? error.fieldMessage(field) : undefined);
        const nameProblem = problem('name');
        return (
          <div class="form">
            <div class="field">
              <label for="token-name">Name</label>
              <input id="token-name" name="name" type="text" value={name} autoComplete="off" placeholder="e.g. CI pipeline"
                onInput={(event) => {
                  setName(event.currentTarget.value);
                  changed();
                }}
                aria-invalid={nameProblem ? 'true' : undefined} aria-describedby={nameProblem ? 'token-name-error' : 'token-name-hint'} />
              <p class="hint" id="token-name-hint">Say who or what uses it, so you know what breaks when you revoke it.</p>
              {nameProblem && <p class="field-error" id="token-name-error">{nameProblem}</p>}
            </div>
            <ExpiryField id="token" value={expiry} choices={['7d', '30d', '90d']} problem={problem('expires_at')}
              hint="From then on the token is refused. A token that never expires works until it is revoked."
              onChange={(next) => {
                setExpiry(next);
                changed();
              }} />
          </div>
        );
      }} />
  );
}

/** The secret, once. After "Done" it is gone from the page for good. */
function CreatedTokenPanel({ token, onDone }: { token: CreatedApiToken; onDone: () => void }) {
  return (
    <SecretPanel id="new-token" title={`“${token.name}” is ready`} value={token.token} label="API token" copyLabel="Copy token" onDone={onDone}
      warning={<><strong>Copy this token now — you won't see it again.</strong> Switchboard keeps only a hash of it. Anyone who has it can act as your tenant{token.expires_at ? ` until ${formatDateTime(token.expires_at)}` : ''}.</>} />
  );
}

function RevokeTokenDialog({ token, onClose, onRevoked }: { token: ApiToken; onClose: () => void; onRevoked: () => void }) {
  return (
    <ConfirmDialog id="revoke-token" title={token.current ? 'Revoke the token you are signed in with?' : `Revoke “${token.name}”?`}
      confirmLabel={token.current ? 'Revoke and sign out' : 'Revoke token'} busyLabel="Revoking…" onClose={onClose}
      onConfirm={async () => {
        await api.deleteApiToken(token.id);
        onRevoked();
      }}>
      {token.current ? (
        <Alert kind="warning">
          <p>This tab is signed in with “{token.name}”. Revoking it signs you out at once, and every script or client using it is refused too. You will need another API token to sign in again.</p>
        </Alert>
      ) : (
        <p>Clients using it are refused immediately, on every Switchboard node. This cannot be undone; create a new token to give access again.</p>
      )}
    </ConfirmDialog>
  );
}
