// When something stops working: never, a preset from now, or a date. Shared by MCP servers and API tokens; the
// API checks the value and its message is shown under the field.
import { toLocalInput } from '../format.ts';

export type ExpiryChoice = 'keep' | 'never' | '1h' | '24h' | '7d' | '30d' | '90d' | 'custom';

export interface Expiry {
  expiry: ExpiryChoice;
  /** datetime-local value when expiry is "custom". */
  expiresAt: string;
}

const presets: Record<string, number> = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000, '90d': 90 * 86_400_000 };
const presetLabels: [ExpiryChoice, string][] = [['1h', 'In 1 hour'], ['24h', 'In 24 hours'], ['7d', 'In 7 days'], ['30d', 'In 30 days'], ['90d', 'In 90 days']];

/** The custom date offered first: a week from now. */
export function defaultExpiresAt(): string {
  return toLocalInput(new Date(Date.now() + 7 * 86_400_000));
}

/** The expires_at to send: null for never, an ISO time, or undefined to leave it as it is. */
export function expiresAtOf(value: Expiry, now = Date.now()): string | null | undefined {
  if (value.expiry === 'keep') return undefined;
  if (value.expiry === 'never') return null;
  if (value.expiry === 'custom') {
    const date = new Date(value.expiresAt);
    // An unreadable value goes to the API as typed, so the API's own message explains it.
    return Number.isNaN(date.getTime()) ? value.expiresAt : date.toISOString();
  }
  return new Date(now + presets[value.expiry]!).toISOString();
}

export function ExpiryField({ id, value, onChange, problem, hint, keepLabel, choices }: {
  /** Prefix of the element ids. */
  id: string;
  value: Expiry;
  onChange: (value: Expiry) => void;
  problem: string | undefined;
  hint: string;
  /** Offers "keep the current expiry" (editing), labelled so. */
  keepLabel?: string | undefined;
  /** The presets offered (all when omitted). */
  choices?: ExpiryChoice[];
}) {
  const offered = presetLabels.filter(([choice]) => !choices || choices.includes(choice));
  return (
    <div class="field">
      <label for={`${id}-expiry`}>Expires</label>
      <select id={`${id}-expiry`} name="expiry" value={value.expiry} onChange={(event) => onChange({ ...value, expiry: event.currentTarget.value as ExpiryChoice })}
        aria-invalid={problem && value.expiry !== 'custom' ? 'true' : undefined} aria-describedby={`${id}-expiry-hint${problem ? ` ${id}-expiry-error` : ''}`}>
        {keepLabel && <option value="keep">{keepLabel}</option>}
        <option value="never">Never</option>
        {offered.map(([choice, label]) => <option key={choice} value={choice}>{label}</option>)}
        <option value="custom">On a date…</option>
      </select>
      <p class="hint" id={`${id}-expiry-hint`}>{hint}</p>
      {value.expiry === 'custom' && (
        <div class="field">
          <label for={`${id}-expires-at`}>Expiry date and time <span class="optional">(your time zone)</span></label>
          <input id={`${id}-expires-at`} type="datetime-local" value={value.expiresAt} onInput={(event) => onChange({ ...value, expiresAt: event.currentTarget.value })}
            aria-invalid={problem ? 'true' : undefined} aria-describedby={problem ? `${id}-expiry-error` : undefined} />
        </div>
      )}
      {problem && <p class="field-error" id={`${id}-expiry-error`}>{problem}</p>}
    </div>
  );
}
