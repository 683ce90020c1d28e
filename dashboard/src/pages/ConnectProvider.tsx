// Connecting through the provider's authorization page (OAuth authorization code): the tenant's OAuth app first (its
// client id and secret, registered once), then "Continue to <provider>", which comes back to the new account.
import { useState } from 'preact/hooks';
import { api, providerPageKind, type IntegrationInfo, type OAuthAppInfo } from '../api.ts';
import { Alert, ErrorAlert, Loading, toast, useAsync } from '../components/ui.tsx';
import { TextField, useFieldValues } from '../components/TextField.tsx';

const baseUrlKey = 'base_url';

export function ProviderConnect({ integration }: { integration: IntegrationInfo }) {
  const app = useAsync(() => api.oauthApp(integration.name), [integration.name]);
  if (app.error) return <ErrorAlert error={app.error} title="The OAuth app could not be loaded." />;
  if (app.loading) return <Loading label="Loading the OAuth app…" />;
  if (!app.data) return <OAuthAppForm integration={integration} onSaved={app.reload} />;
  return <ProviderForm integration={integration} app={app.data} />;
}

function ProviderForm({ integration, app }: { integration: IntegrationInfo; app: OAuthAppInfo }) {
  const mode = integration.authModes.find((candidate) => candidate.kind === providerPageKind)!;
  const [name, setName] = useState('');
  const { values, set, error, setError, problem } = useFieldValues();
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const context: Record<string, string> = mode.name === integration.defaultAuthMode ? {} : { auth_mode: mode.name };
    for (const [key, value] of Object.entries(values)) if (value.trim()) context[key.slice('context.'.length)] = value.trim();
    try {
      const { url } = await api.startConnect(integration.name, { ...(name.trim() ? { name: name.trim() } : {}), context });
      window.location.assign(url);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <form class="card form-card" onSubmit={submit} noValidate aria-labelledby="provider-connect-title">
      <div class="card-body form">
        <h2 id="provider-connect-title">Connect with {integration.label}</h2>
        <p class="muted">You will sign in at {integration.label} and allow access; {integration.label} then sends you back here to the new account. OAuth app <span class="mono">{app.client_id}</span>{app.source === 'operator' ? ' (set by the operator)' : ''}.</p>
        {error !== undefined && <ErrorAlert error={error} title="Could not start connecting." />}
        <div class="field">
          <label for="provider-account-name">Account name <span class="optional">(optional)</span></label>
          <input id="provider-account-name" type="text" value={name} placeholder={integration.label} onInput={(event) => setName(event.currentTarget.value)} />
        </div>
        {integration.context.filter((field) => field.key !== baseUrlKey).map((field) => (
          <TextField key={field.key} path={`context.${field.key}`} field={field} value={values[`context.${field.key}`] ?? ''} onInput={set} problem={problem(`context.${field.key}`)} />
        ))}
        <TextField
          path={`context.${baseUrlKey}`}
          field={{ key: baseUrlKey, label: 'API base URL override', description: `Leave empty to use ${integration.label}'s own API (a sandbox's address otherwise; its origin must be in SWITCHBOARD_UPSTREAM_ALLOWLIST).`, required: false }}
          type="url"
          value={values[`context.${baseUrlKey}`] ?? ''}
          onInput={set}
          problem={problem(`context.${baseUrlKey}`)}
        />
      </div>
      <div class="card-footer">
        <button type="submit" class="btn btn-primary" disabled={busy}>{busy ? 'Opening…' : `Continue to ${integration.label}`}</button>
      </div>
    </form>
  );
}

function OAuthAppForm({ integration, onSaved }: { integration: IntegrationInfo; onSaved: () => void }) {
  const { values, set, error, setError, problem } = useFieldValues();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      const trimmed = (key: string) => values[key]?.trim() || null;
      await api.saveOAuthApp(integration.name, {
        client_id: values.client_id?.trim() ?? '', client_secret: values.client_secret ?? '', authorize_url: trimmed('authorize_url'), token_url: trimmed('token_url'),
      });
      toast(`Saved the ${integration.label} OAuth app.`);
      onSaved();
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };
  const field = (key: string, label: string, description?: string) => ({ key, label, description, required: !key.endsWith('_url') });
  return (
    <form class="card form-card" onSubmit={submit} noValidate aria-labelledby="oauth-app-title">
      <div class="card-body form">
        <h2 id="oauth-app-title">Register your {integration.label} OAuth app</h2>
        <Alert kind="info">
          <p>Accounts connect through an OAuth app you create at {integration.label}. Register this redirect URI there:</p>
          <p class="mono">{window.location.origin}/connect/callback</p>
        </Alert>
        {error !== undefined && <ErrorAlert error={error} title="The OAuth app was not saved." />}
        <TextField path="client_id" field={field('client_id', 'Client ID')} value={values.client_id ?? ''} onInput={set} problem={problem('client_id')} />
        <TextField path="client_secret" field={field('client_secret', 'Client secret', 'Encrypted before it is stored; never shown again.')} secret value={values.client_secret ?? ''} onInput={set} problem={problem('client_secret')} />
        <TextField path="authorize_url" type="url" field={field('authorize_url', 'Authorization page override', `Leave empty for ${integration.label}'s own (a sandbox's otherwise).`)} value={values.authorize_url ?? ''} onInput={set} problem={problem('authorize_url')} />
        <TextField path="token_url" type="url" field={field('token_url', 'Token endpoint override', `Leave empty for ${integration.label}'s own.`)} value={values.token_url ?? ''} onInput={set} problem={problem('token_url')} />
      </div>
      <div class="card-footer">
        <button type="submit" class="btn btn-primary" disabled={busy}>{busy ? 'Saving…' : 'Save OAuth app'}</button>
      </div>
    </form>
  );
}
