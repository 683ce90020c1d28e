// Reconnecting an account whose authorization is gone (needs_reauth): through the provider's authorization page for
// OAuth accounts (back to the account, active again), or with new credentials typed into a dialog for the others.
import { useState } from 'preact/hooks';
import { accountMode, api, ApiError, providerPageKind, type Account, type IntegrationInfo } from '../api.ts';
import { TextField } from './TextField.tsx';
import { Dialog, ErrorAlert, toast } from './ui.tsx';

export function ReconnectButton({ account, integration, onReconnected, small }: {
  account: Account; integration: IntegrationInfo | undefined; onReconnected: () => void; small?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [values, setValues] = useState<Record<string, string>>({});
  if (!integration) return null;
  const mode = accountMode(integration, account.context);
  const viaProvider = mode?.kind === providerPageKind;
  const fields = integration.credentials.filter((field) => !field.modes || (mode && field.modes.includes(mode.name)));
  const problem = (field: string) => (error instanceof ApiError ? error.fieldMessage(field) : undefined);

  const reconnect = async () => {
    setBusy(true);
    setError(undefined);
    try {
      if (viaProvider) {
        const { url } = await api.startConnect(account.integration, { account_id: account.id });
        window.location.assign(url);
        return;
      }
      await api.updateCredentials(account.id, values);
      toast(`Reconnected “${account.name}”.`);
      setOpen(false);
      onReconnected();
    } catch (caught) {
      setError(caught);
    }
    setBusy(false);
  };

  const label = <>Reconnect<span class="visually-hidden"> {account.name}</span></>;
  const buttonClass = `btn btn-primary${small ? ' btn-small' : ''}`;
  if (viaProvider) {
    return (
      <>
        <button type="button" class={buttonClass} disabled={busy} onClick={reconnect}>{busy ? 'Opening…' : label}</button>
        {error !== undefined && <ErrorAlert error={error} title="Could not start reconnecting." />}
      </>
    );
  }
  return (
    <>
      <button type="button" class={buttonClass} onClick={() => setOpen(true)}>{label}</button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Reconnect “${account.name}”`}
        labelledBy="reconnect-title"
        footer={
          <>
            <button type="button" class="btn btn-secondary" onClick={() => setOpen(false)}>Cancel</button>
            <button type="button" class="btn btn-primary" disabled={busy} onClick={reconnect}>{busy ? 'Saving…' : 'Save and reconnect'}</button>
          </>
        }
      >
        <div class="stack">
          <p>Enter new credentials from {integration.label}. They replace the old ones and make the account active again.</p>
          {error !== undefined && <ErrorAlert error={error} title="The account was not reconnected." />}
          {fields.map((field) => (
            <TextField key={field.key} path={`credentials.${field.key}`} field={field} secret value={values[field.key] ?? ''}
              onInput={(_path, value) => setValues((current) => ({ ...current, [field.key]: value }))} problem={problem(`credentials.${field.key}`)} />
          ))}
        </div>
      </Dialog>
    </>
  );
}
