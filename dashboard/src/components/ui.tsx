// Small shared pieces: async loading, alerts, badges, copy buttons, dialogs, tabs, toasts.
import type { ComponentChildren, JSX, RefObject } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { formatDateTime, fromNow } from '../format.ts';

// ---------------------------------------------------------------------------------------------------------------
export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Runs `load` when `deps` change; keeps the last data while reloading so the page does not jump. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]): AsyncState<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: undefined, loading: true });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => live && setState({ data, error: undefined, loading: false }),
      (error: unknown) => live && setState((previous) => ({ data: previous.data, error, loading: false })),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, generation]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { ...state, reload };
}

// ---------------------------------------------------------------------------------------------------------------
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div class="loading" role="status">
      <span class="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** An API error as the API worded it, with its field details. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const details = error instanceof ApiError ? error.details : [];
  return (
    <div class="alert alert-error" role="alert">
      <span class="alert-icon" aria-hidden="true">!</span>
      <div>
        {title && <p><strong>{title}</strong></p>}
        <p>{errorMessage(error)}</p>
        {details.length > 0 && (
          <ul>
            {details.map((detail) => <li key={detail.field}><code>{detail.field}</code>: {detail.message}</li>)}
          </ul>
        )}
      </div>
    </div>
  );
}

export function Alert({ kind, children, role }: { kind: 'info' | 'warning' | 'success' | 'error'; children: ComponentChildren; role?: 'alert' | 'status' }) {
  const icon = { info: 'i', warning: '!', success: '✓', error: '!' }[kind];
  return (
    <div class={`alert alert-${kind}`} role={role}>
      <span class="alert-icon" aria-hidden="true">{icon}</span>
      <div class="stack-small">{children}</div>
    </div>
  );
}

export function EmptyState({ title, children, action }: { title: string; children?: ComponentChildren; action?: ComponentChildren }) {
  return (
    <div class="empty">
      <h3>{title}</h3>
      {children && <p class="muted">{children}</p>}
      {action}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------------------------
const kindClass: Record<string, string> = {
  list: 'badge-read', get: 'badge-read', create: 'badge-write', update: 'badge-write', delete: 'badge-delete',
};

export function KindBadge({ kind, method }: { kind: string; method?: string }) {
  const label = kind === 'custom' && method ? method : kind;
  return <span class={`badge ${kindClass[kind] ?? 'badge-custom'}`} title={kind === 'custom' ? 'Custom method' : undefined}>{label.replace(/_/g, ' ')}</span>;
}

/** A moment as "3 hours ago", with the exact date and time on hover. */
export function When({ iso }: { iso: string }) {
  return <time dateTime={iso} title={formatDateTime(iso)}>{fromNow(iso)}</time>;
}

export function Tags({ tags }: { tags: string[] }) {
  if (!tags.length) return null;
  return <span class="tags">{tags.map((tag) => <span class="tag" key={tag}>{tag}</span>)}</span>;
}

// ---------------------------------------------------------------------------------------------------------------
export function Icon({ name }: { name: 'copy' | 'check' | 'plus' | 'chevron' | 'external' | 'refresh' }) {
  const paths: Record<string, JSX.Element> = {
    copy: <><rect x="5.5" y="5.5" width="8" height="8" rx="1.5" /><path d="M3.5 10.5h-.5A1.5 1.5 0 0 1 1.5 9V3A1.5 1.5 0 0 1 3 1.5h6A1.5 1.5 0 0 1 10.5 3v.5" /></>,
    check: <path d="M3 8.5l3 3 7-7" />,
    plus: <path d="M8 3v10M3 8h10" />,
    chevron: <path d="M6 3.5L10.5 8 6 12.5" />,
    external: <path d="M9.5 2.5h4v4M13.5 2.5L7.5 8.5M12 9.5v3a1 1 0 0 1-1 1H3.5a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h3" />,
    refresh: <path d="M13.5 8a5.5 5.5 0 1 1-1.6-3.9M13.5 2.5v3h-3" />,
  };
  return (
    <svg class={`icon ${name === 'chevron' ? 'chevron' : ''}`} viewBox="0 0 16 16" width="16" height="16" fill="none" stroke="currentColor" stroke-width="1.7" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">
      {paths[name]}
    </svg>
  );
}

// ---------------------------------------------------------------------------------------------------------------
/** Copies text; falls back to selecting a field and execCommand where the Clipboard API is unavailable (plain http). */
export async function copyText(text: string, fallbackField?: HTMLInputElement | HTMLTextAreaElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through
  }
  const field = fallbackField ?? Object.assign(document.createElement('textarea'), { value: text });
  const temporary = !fallbackField;
  if (temporary) {
    field.setAttribute('readonly', '');
    field.className = 'visually-hidden';
    document.body.append(field);
  }
  field.focus();
  field.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  if (temporary) field.remove();
  return ok;
}

export function CopyButton({ text, label = 'Copy', field, class: className = 'btn btn-secondary', describedBy }: {
  text: string; label?: string; field?: RefObject<HTMLInputElement | null>; class?: string; describedBy?: string;
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <>
      <button type="button" class={className} aria-describedby={describedBy} onClick={async () => setState(await copyText(text, field?.current) ? 'copied' : 'failed')}>
        <Icon name={state === 'copied' ? 'check' : 'copy'} />
        {state === 'copied' ? 'Copied' : label}
      </button>
      <span class="visually-hidden" role="status">{state === 'copied' ? 'Copied to the clipboard' : state === 'failed' ? 'Copy failed: select the text and copy it by hand' : ''}</span>
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------------
/** A modal <dialog>: the browser traps focus and closes it on Escape; focus returns to the opener. */
export function Dialog({ open, onClose, title, children, footer, labelledBy = 'dialog-title', wide }: {
  open: boolean; onClose: () => void; title: string; children: ComponentChildren; footer?: ComponentChildren; labelledBy?: string; wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);
  // Unmounted while open (the parent stopped rendering it): leave the modal state first, or the opener is still
  // inert and cannot take focus back.
  useEffect(() => () => {
    if (ref.current?.open) ref.current.close();
    if (opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
  }, []);
  return (
    <dialog
      ref={ref}
      class={`dialog ${wide ? 'dialog-wide' : ''}`}
      aria-labelledby={labelledBy}
      onClose={() => {
        onClose();
        if (opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
      }}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open && (
        <>
          <div class="dialog-header">
            <h2 id={labelledBy}>{title}</h2>
            <button type="button" class="btn btn-ghost btn-small" onClick={onClose} aria-label="Close">✕</button>
          </div>
          <div class="dialog-body">{children}</div>
          {footer && <div class="dialog-footer">{footer}</div>}
        </>
      )}
    </dialog>
  );
}

// ---------------------------------------------------------------------------------------------------------------
export interface TabSpec {
  id: string;
  label: string;
  count?: number | undefined;
}

/**
 * An ARIA tablist: one tab stop, arrow keys move between tabs (and select them), Home/End jump to the ends.
 * `idPrefix` ties each tab to its panel (`${idPrefix}-panel-${id}`).
 */
export function TabList({ tabs, selected, onSelect, label, idPrefix }: {
  tabs: TabSpec[]; selected: string; onSelect: (id: string) => void; label: string; idPrefix: string;
}) {
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const move = (event: KeyboardEvent, index: number) => {
    let next = index;
    if (event.key === 'ArrowRight') next = (index + 1) % tabs.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    else return;
    event.preventDefault();
    const tab = tabs[next]!;
    onSelect(tab.id);
    refs.current[tab.id]?.focus();
  };
  return (
    <div class="tablist" role="tablist" aria-label={label}>
      {tabs.map((tab, index) => (
        <button
          key={tab.id}
          ref={(element) => { refs.current[tab.id] = element; }}
          type="button"
          role="tab"
          class="tab"
          id={`${idPrefix}-tab-${tab.id}`}
          aria-selected={tab.id === selected}
          aria-controls={`${idPrefix}-panel-${tab.id}`}
          tabIndex={tab.id === selected ? 0 : -1}
          onClick={() => onSelect(tab.id)}
          onKeyDown={(event) => move(event, index)}
        >
          {tab.label}
          {tab.count !== undefined && <span class="count">{tab.count}</span>}
        </button>
      ))}
    </div>
  );
}

export function TabPanel({ idPrefix, id, children }: { idPrefix: string; id: string; children: ComponentChildren }) {
  return (
    <div role="tabpanel" id={`${idPrefix}-panel-${id}`} aria-labelledby={`${idPrefix}-tab-${id}`} tabIndex={0}>
      {children}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------------------------
type ToastListener = (message: string) => void;
const toastListeners = new Set<ToastListener>();

/** Announces a short confirmation visibly and to screen readers. */
export function toast(message: string): void {
  toastListeners.forEach((listener) => listener(message));
}

export function Toasts() {
  const [messages, setMessages] = useState<{ id: number; text: string }[]>([]);
  useEffect(() => {
    let next = 0;
    const listener: ToastListener = (text) => {
      const id = ++next;
      setMessages((current) => [...current, { id, text }]);
      setTimeout(() => setMessages((current) => current.filter((message) => message.id !== id)), 5000);
    };
    toastListeners.add(listener);
    return () => toastListeners.delete(listener);
  }, []);
  return (
    <div class="toasts" role="status" aria-live="polite">
      {messages.map((message) => <div class="toast" key={message.id}>{message.text}</div>)}
    </div>
  );
}
