import { checkFields } from '../shared/fields.ts';
import type { FieldKind } from '../shared/fields.ts';
import { badRequest, fieldIssueProblem, invalid } from './errors.ts';
import { CUSTOM_FIELD_TYPES, EMPLOYMENT_TYPES } from './state.ts';
import type { CreatableFieldType, CustomFieldRow, CustomFieldType, CustomValue, PinpointState, RequisitionTemplateFieldRow } from './state.ts';

/** The attribute a typed value is written under depends on the field_type of what it answers. */
const VALUE_FORMAT: Record<CustomFieldType, { key: string; kind: FieldKind }> = {
  varchar: { key: 'varchar_value', kind: 'string' },
  text: { key: 'text_value', kind: 'string' },
  integer: { key: 'integer_value', kind: 'integer' },
  decimal: { key: 'decimal_value', kind: 'number' },
  boolean: { key: 'boolean_value', kind: 'boolean' },
  date: { key: 'date_value', kind: 'date' },
  single_select: { key: 'single_select_value', kind: 'string' },
  multi_select: { key: 'multi_select_value', kind: 'string_list' },
};

const VALUE_KEYS = new Set(Object.values(VALUE_FORMAT).map((format) => format.key));

/** What a typed value answers: a custom field, or a requisition template field. */
export interface ValueTarget {
  /** e.g. custom field 25 ("Languages"), used in error messages. */
  description: string;
  field_type: CreatableFieldType;
  options: readonly string[];
}

export function customFieldTarget(field: CustomFieldRow): ValueTarget {
  return { description: `custom field ${field.id} ("${field.name}")`, field_type: field.field_type, options: field.options };
}

/**
 * A requisition template field's value type: its own field_type, the employment types for
 * single_select_contract_type, or the type of its template custom field. Null for fields the API cannot answer (documents).
 */
export function templateFieldTarget(state: Pick<PinpointState, 'customFields'>, field: RequisitionTemplateFieldRow): ValueTarget | null {
  const description = `requisition template field ${field.id} ("${field.label}")`;
  if (field.template_custom_field_id !== null) {
    const custom = state.customFields.get(field.template_custom_field_id);
    return custom ? { ...customFieldTarget(custom), description } : null;
  }
  if (field.field_type === 'single_select_contract_type') return { description, field_type: 'single_select', options: EMPLOYMENT_TYPES };
  const fieldType = CUSTOM_FIELD_TYPES.find((type) => type === field.field_type);
  return fieldType ? { description, field_type: fieldType, options: field.options } : null;
}

/** Reads the typed value from write attributes, checked against what it answers. */
export function readCustomValue(target: ValueTarget, attributes: Readonly<Record<string, unknown>>, recordType = 'custom_attributes'): CustomValue {
  if (target.field_type === 'users') throw invalid(`${target.description} has field_type users, for which the API documents no value key`);
  const { key, kind } = VALUE_FORMAT[target.field_type];
  const unknown = Object.keys(attributes).filter((name) => !VALUE_KEYS.has(name));
  if (unknown.length > 0) throw badRequest(`${unknown.join(', ')} is not a writable attribute of ${recordType}`);
  const wrongKeys = Object.keys(attributes).filter((name) => name !== key);
  if (wrongKeys.length > 0) {
    throw invalid(`${target.description} has field_type ${target.field_type}: send ${key}, not ${wrongKeys.join(', ')}`);
  }
  const oneOf = target.field_type === 'single_select' ? target.options : undefined;
  const { values, issue } = checkFields(attributes, { [key]: { kind, required: true, oneOf } }, 'create');
  if (issue) throw fieldIssueProblem(issue);
  const value = values[key] as CustomValue;
  if (Array.isArray(value)) {
    const outside = value.filter((option) => !target.options.includes(option));
    if (outside.length > 0) throw invalid(`${key} has values outside the field's options (${target.options.join(', ')}): ${outside.join(', ')}`);
  }
  return value;
}

/** Every value key, null (multi_select_value []) except the one `fieldType` stores `value` under. */
export function valueColumns(fieldType: CreatableFieldType | null, value: CustomValue | null): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  for (const [type, { key }] of Object.entries(VALUE_FORMAT)) {
    const own = type === fieldType ? value : null;
    columns[key] = own ?? (type === 'multi_select' ? [] : null);
  }
  return columns;
}

/** How the API prints a value: always a string; lists as a sentence ("a, b, and c"). */
export function formatCustomValue(value: CustomValue): string {
  if (!Array.isArray(value)) return String(value);
  if (value.length <= 2) return value.join(' and ');
  return `${value.slice(0, -1).join(', ')}, and ${value.at(-1)}`;
}
