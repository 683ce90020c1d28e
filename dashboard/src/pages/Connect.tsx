// "Connect account": through the provider's authorization page (OAuth authorization code), or a form generated from
// the integration's context and credential fields.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiError, providerPageKind, type IntegrationInfo } from '../api.ts';
import { TextField } from '../components/TextField.tsx';
import { Breadcrumbs } from '../components/Shell.tsx';
import { Alert, ErrorAlert, Loading, toast, useAsync } from '../components/ui.tsx';
import { Link, navigate } from '../router.tsx';
import { initials, loadIntegrations, logoClass } from '../store.ts';
import { ProviderConnect } from './ConnectProvider.tsx';

const baseUrlKey = 'base_url';

export function ConnectPage({ integration: name }: { integration: string }) {
  const integrations = useAsync(loadIntegrations, []);
  const integration = integrations.data?.find((candidate) => candidate.name === name);
  useEffect(() => {
    document.title = `Connect ${integration?.label ?? name} · Switchboard`;
  }, [integration, name]);

  if (integrations.error) return <ErrorAlert error={integrations.error} title="The integration could not be loaded." />;
  if (!integrations.data) return <Loading />;
  if (!integration) {
    return (
      <>
        <h1 tabIndex={-1}>Unknown integration</h1>
        <p class="muted">No integration is installed under the name “{name}”. <Link href="/catalog">See the installed integrations</Link>.</p>
      </>
    );
  }
  const keyModes = integration.authModes.filter((mode) => mode.kind !== providerPageKind);
  const viaProvider = integration.authModes.some((mode) => mode.kind === providerPageKind);
  return (
    <>
      <Breadcrumbs items={[{ label: 'Integrations', href: '/catalog' }, { label: integration.label }, { label: 'Connect account' }]} />
      <div class="page-header">
        <div class="row">
          <span class={`integration-logo ${logoClass(integration.name)}`} aria-hidden="true">{initials(integration.label)}</span>
          <div>
            <h1 tabIndex={-1}>Connect a {integration.label} account</h1>
            <p class="lede">{viaProvider
              ? `Sign in at ${integration.label} and allow access${keyModes.length > 0 ? ', or enter credentials' : ''}. Tokens and credentials are encrypted before they are stored and are never shown again.`
              : 'Credentials are encrypted before they are stored and are never shown again.'}</p>
          </div>
        </div>
      </div>
      <div class="stack">
        {viaProvider && <ProviderConnect integration={integration} />}
        {keyModes.length > 0 && (
          <ConnectForm integration={integration} titled={viaProvider} mode={keyModes.some((mode) => mode.name === integration.defaultAuthMode) ? undefined : keyModes[0]!.name} />
        )}
      </div>
    </>
  );
}

/** `mode`: the auth_mode to store, when the credentials form is not for the definition's default mode. */
function ConnectForm({ integration, mode, titled }: { integration: IntegrationInfo; mode: string | undefined; titled: boolean }) {
  const [name, setName] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const contextFields = useMemo(() => integration.context.filter((field) => field.key !== baseUrlKey), [integration]);
  const set = (key: string, value: string) => {
    setValues((current) => ({ ...current, [key]: value }));
    setError(undefined);
  };
  const problem = (field: string) => (error instanceof ApiError ? error.fieldMessage(field) : undefined);

  const fillSandbox = () => {
    const sandbox = integration.sandbox;
    if (!sandbox) return;
    const next: Record<string, string> = {};
    for (const [key, value] of Object.entries(sandbox.context ?? {})) next[`context.${key}`] = value;
    for (const [key, value] of Object.entries(sandbox.credentials ?? {})) next[`credentials.${key}`] = value;
    setValues((current) => ({ ...current, ...next }));
    if (!name) setName(`${integration.label} sandbox`);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const context: Record<string, string> = mode ? { auth_mode: mode } : {};
    const credentials: Record<string, string> = {};
    for (const [key, value] of Object.entries(values)) {
      const trimmed = value.trim();
      if (!trimmed) continue;
      if (key.startsWith('context.')) context[key.slice(8)] = trimmed;
      else if (key.startsWith('credentials.')) credentials[key.slice(12)] = value;
    }
    try {
      const account = await api.createAccount({ integration: integration.name, ...(name.trim() ? { name: name.trim() } : {}), context, credentials });
      toast(`Connected “${account.name}”.`);
      navigate(`/accounts/${encodeURIComponent(account.id)}/tools`);
    } catch (caught) {
      setError(caught);
      setBusy(false);
      // Move focus to the first field the API complained about, else to the summary.
      queueMicrotask(() => {
        const invalid = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
        (invalid ?? form.current?.querySelector<HTMLElement>('[role="alert"]'))?.focus();
      });
    }
  };

  const keyMode = mode ?? integration.defaultAuthMode;
  return (
    <>
      <form ref={form} class="card form-card" onSubmit={submit} noValidate aria-describedby="connect-intro">
        <div class="card-body form">
          {titled && <h2>Or connect with credentials</h2>}
          <p id="connect-intro" class="muted">{integration.description}</p>
          {integration.sandbox && (
            <Alert kind="info">
              <p><strong>A {integration.label} sandbox is running with this server.</strong> Fill in its address and key to try everything without a real {integration.label} account.</p>
              <div><button type="button" class="btn btn-secondary btn-small" onClick={fillSandbox}>Use the sandbox</button></div>
            </Alert>
          )}
          {error !== undefined && (
            <div tabIndex={-1}>
              <ErrorAlert error={error} title="The account was not connected." />
            </div>
          )}

          <div class="field">
            <label for="account-name">Account name <span class="optional">(optional)</span></label>
            <input id="account-name" type="text" value={name} placeholder={integration.label} onInput={(event) => { setName(event.currentTarget.value); setError(undefined); }}
              aria-describedby="account-name-hint" aria-invalid={problem('name') ? 'true' : undefined} />
            <p class="hint" id="account-name-hint">How this account appears in the dashboard, e.g. the customer or team it belongs to.</p>
            {problem('name') && <p class="field-error">{problem('name')}</p>}
          </div>

          {contextFields.length > 0 && (
            <fieldset class="stack section">
              <legend>Account details</legend>
              {contextFields.map((field) => (
                <TextField key={field.key} path={`context.${field.key}`} field={field} value={values[`context.${field.key}`] ?? ''} onInput={set} problem={problem(`context.${field.key}`)} />
              ))}
            </fieldset>
          )}

          <fieldset class="stack section">
            <legend>Credentials</legend>
            {integration.credentials.filter((field) => !field.modes || field.modes.includes(keyMode)).map((field) => (
              <TextField key={field.key} path={`credentials.${field.key}`} field={field} secret value={values[`credentials.${field.key}`] ?? ''} onInput={set} problem={problem(`credentials.${field.key}`)} />
            ))}
          </fieldset>

          <fieldset class="stack section">
            <legend>Connection <span class="optional">(optional)</span></legend>
            <TextField
              path={`context.${baseUrlKey}`}
              field={{
                key: baseUrlKey,
                label: 'API base URL override',
                description: `Leave empty to use ${integration.label}'s own API. Set it to reach a sandbox or a self-hosted instance, e.g. http://127.0.0.1:4010/api/v1; the server must allow its origin in SWITCHBOARD_UPSTREAM_ALLOWLIST.`,
                required: false,
              }}
              type="url"
              value={values[`context.${baseUrlKey}`] ?? ''}
              onInput={set}
              problem={problem(`context.${baseUrlKey}`)}
            />
          </fieldset>
        </div>
        <div class="card-footer">
          <Link class="btn btn-secondary" href="/catalog">Cancel</Link>
          <button type="submit" class="btn btn-primary" disabled={busy}>{busy ? 'Connecting…' : 'Connect account'}</button>
        </div>
      </form>
    </>
  );
}
