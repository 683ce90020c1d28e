/** A small validator for request bodies; each sandbox words the issues in its own API's style. */

export type FieldKind = 'string' | 'email' | 'boolean' | 'integer' | 'number' | 'date' | 'datetime' | 'id' | 'uuid' | 'string_list';

export interface FieldSpec {
  kind: FieldKind;
  required?: boolean;
  oneOf?: readonly string[];
}

export type FieldSpecs = Readonly<Record<string, FieldSpec>>;

export type FieldIssue =
  | { field: string; problem: 'blank' }
  | { field: string; problem: 'type'; expected: FieldKind }
  | { field: string; problem: 'inclusion'; allowed: readonly string[] };

export interface FieldCheck {
  /** Normalised values of the fields that were sent (null for explicitly blanked optional fields). */
  values: Record<string, unknown>;
  /** Names sent that the specs do not know. */
  unknown: string[];
  /** The first problem, in spec order; null when the input is valid. */
  issue: FieldIssue | null;
}

const EXPECTED: Record<FieldKind, string> = {
  string: 'a string',
  email: 'a valid email address',
  boolean: 'true or false',
  integer: 'an integer',
  number: 'a number',
  date: 'a date (YYYY-MM-DD)',
  datetime: 'an ISO 8601 date-time',
  id: 'a record id',
  uuid: 'a UUID',
  string_list: 'a list of strings',
};

export function describeExpected(kind: FieldKind): string {
  return EXPECTED[kind];
}

/** Plain wording: "first_name is required", "per_page must be an integer", "rating must be one of a, b". */
export function plainIssueMessage(issue: FieldIssue): string {
  switch (issue.problem) {
    case 'blank':
      return `${issue.field} is required`;
    case 'type':
      return `${issue.field} must be ${describeExpected(issue.expected)}`;
    case 'inclusion':
      return `${issue.field} must be one of ${issue.allowed.join(', ')}`;
  }
}

/** The checked values, or what `refuse` makes of the first issue thrown. */
export function requireFields(
  input: Readonly<Record<string, unknown>>, specs: FieldSpecs, mode: 'create' | 'update', refuse: (issue: FieldIssue) => Error,
): Record<string, unknown> {
  const { values, issue } = checkFields(input, specs, mode);
  if (issue) throw refuse(issue);
  return values;
}

/**
 * Checks `input` against `specs`. On 'create' required fields must be present;
 * on 'update' only fields that were sent are checked.
 */
export function checkFields(input: Readonly<Record<string, unknown>>, specs: FieldSpecs, mode: 'create' | 'update'): FieldCheck {
  const values: Record<string, unknown> = {};
  const unknown = Object.keys(input).filter((name) => !Object.hasOwn(specs, name));
  for (const [field, spec] of Object.entries(specs)) {
    const raw = input[field];
    if (raw === undefined) {
      if (mode === 'create' && spec.required) return { values, unknown, issue: { field, problem: 'blank' } };
      continue;
    }
    if (raw === null || (typeof raw === 'string' && raw.trim() === '')) {
      if (spec.required) return { values, unknown, issue: { field, problem: 'blank' } };
      values[field] = null;
      continue;
    }
    const value = normalise(raw, spec.kind);
    if (value === undefined) return { values, unknown, issue: { field, problem: 'type', expected: spec.kind } };
    if (spec.oneOf && !spec.oneOf.includes(String(value))) {
      return { values, unknown, issue: { field, problem: 'inclusion', allowed: spec.oneOf } };
    }
    values[field] = value;
  }
  return { values, unknown, issue: null };
}

/** The value in canonical form, or undefined when it does not fit the kind. */
function normalise(raw: unknown, kind: FieldKind): unknown {
  switch (kind) {
    case 'string':
      return typeof raw === 'string' ? raw : undefined;
    case 'email':
      return typeof raw === 'string' && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(raw.trim()) ? raw.trim() : undefined;
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      return raw === 'true' ? true : raw === 'false' ? false : undefined;
    case 'integer':
    case 'id': {
      const value = typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) return undefined;
      return kind === 'id' && value <= 0 ? undefined : value;
    }
    case 'number': {
      const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
      return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
    }
    case 'date': {
      if (typeof raw !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(Date.parse(raw))) return undefined;
      return raw.slice(0, 10);
    }
    case 'datetime':
      return typeof raw === 'string' && !Number.isNaN(Date.parse(raw)) ? raw : undefined;
    case 'uuid':
      return typeof raw === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(raw.trim()) ? raw.trim().toLowerCase() : undefined;
    case 'string_list':
      return Array.isArray(raw) && raw.every((item) => typeof item === 'string') ? raw : undefined;
  }
}
