// The life of a secret-bearing object (an MCP server, an API token): the form that creates it, the panel that shows
// its secret once, and the confirmation before revoking it.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Alert, CopyButton, Dialog, ErrorAlert } from './ui.tsx';

/**
 * A create form in a card: the API's errors are summarized on top (and focused), `fields` gets the error to show
 * beside its fields and a way to clear it when a value changes; `create` does the request.
 */
export function CreateCard({ id, title, submitLabel, errorTitle, create, onCancel, fields }: {
  id: string;
  title: string;
  submitLabel: string;
  errorTitle: string;
  create: () => Promise<void>;
  onCancel: () => void;
  fields: (error: unknown, changed: () => void) => ComponentChildren;
}) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await create();
    } catch (caught) {
      setError(caught);
      setBusy(false);
      queueMicrotask(() => form.current?.querySelector<HTMLElement>('[data-error-summary]')?.focus());
    }
  };

  return (
    <form ref={form} class="card" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <div class="card-header">
        <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>{title}</h2>
      </div>
      <div class="card-body stack">
        {error !== undefined && (
          <div tabIndex={-1} data-error-summary>
            <ErrorAlert error={error} title={errorTitle} />
          </div>
        )}
        {/* The messages were about the values just changed. */}
        {fields(error, () => setError(undefined))}
      </div>
      <div class="card-footer">
        <button type="button" class="btn btn-secondary" onClick={onCancel}>Cancel</button>
        <button type="submit" class="btn btn-primary" disabled={busy}>{busy ? 'Creating…' : submitLabel}</button>
      </div>
    </form>
  );
}

/** A secret right after creation: a warning, the value with a copy button, and "Done", after which it is gone for good. */
export function SecretPanel({ title, id, value, label, copyLabel, warning, onDone, children }: {
  title: string;
  /** The value field's id and test id, and the prefix of the other element ids. */
  id: string;
  value: string;
  label: string;
  copyLabel: string;
  /** Why it must be copied now; referenced by the field. */
  warning: ComponentChildren;
  onDone: () => void;
  /** More below the field (hints, client snippets). */
  children?: ComponentChildren;
}) {
  const field = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section class="card secret-panel" aria-labelledby={`${id}-title`} data-testid={`${id}-panel`}>
      <div class="card-header">
        <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>{title}</h2>
        <span class="badge badge-success">Created</span>
      </div>
      <div class="card-body stack">
        <Alert kind="warning">
          <p id={`${id}-once`}>{warning}</p>
        </Alert>
        <div class="field">
          <label for={id}>{label}</label>
          <div class="input-group">
            <input ref={field} id={id} data-testid={id} class="secret-url" type="text" readOnly value={value} aria-describedby={`${id}-once`}
              onFocus={(event) => event.currentTarget.select()} spellcheck={false} />
            <CopyButton text={value} field={field} label={copyLabel} class="btn btn-primary" />
          </div>
        </div>
        {children}
      </div>
      <div class="card-footer">
        <button type="button" class="btn btn-primary" onClick={onDone}>Done, I've copied it</button>
      </div>
    </section>
  );
}

/** Asks before something that cannot be undone; shows the API's error if it fails. */
export function ConfirmDialog({ title, id, confirmLabel, busyLabel, onConfirm, onClose, children }: {
  title: string;
  id: string;
  confirmLabel: string;
  busyLabel: string;
  /** Does it; the dialog stays open with the error if it throws. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
  children: ComponentChildren;
}) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} title={title} labelledBy={`${id}-title`}
      footer={
        <>
          <button type="button" class="btn btn-secondary" onClick={onClose}>Cancel</button>
          <button type="button" class="btn btn-danger" onClick={confirm} disabled={busy}>{busy ? busyLabel : confirmLabel}</button>
        </>
      }>
      <div class="stack">
        {children}
        {error !== undefined && <ErrorAlert error={error} />}
      </div>
    </Dialog>
  );
}
