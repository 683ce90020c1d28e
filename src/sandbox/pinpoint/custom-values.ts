import { checkFields } from '../shared/fields.ts';
import type { FieldKind } from '../shared/fields.ts';
import { badRequest, fieldIssueProblem, invalid } from './errors.ts';
import type { CustomFieldRow, CustomFieldType, CustomValue } from './state.ts';

/** The attribute a custom attribute's value is written under depends on its field's field_type. */
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

/** Reads the typed value from custom attribute write attributes, checked against the field. */
export function readCustomValue(field: CustomFieldRow, attributes: Readonly<Record<string, unknown>>): CustomValue {
  const { key, kind } = VALUE_FORMAT[field.field_type];
  const unknown = Object.keys(attributes).filter((name) => !VALUE_KEYS.has(name));
  if (unknown.length > 0) throw badRequest(`${unknown.join(', ')} is not a writable attribute of custom_attributes`);
  const wrongKeys = Object.keys(attributes).filter((name) => name !== key);
  if (wrongKeys.length > 0) {
    throw invalid(`custom field ${field.id} ("${field.name}") has field_type ${field.field_type}: send ${key}, not ${wrongKeys.join(', ')}`);
  }
  const oneOf = field.field_type === 'single_select' ? field.options : undefined;
  const { values, issue } = checkFields(attributes, { [key]: { kind, required: true, oneOf } }, 'create');
  if (issue) throw fieldIssueProblem(issue);
  const value = values[key] as CustomValue;
  if (Array.isArray(value)) {
    const outside = value.filter((option) => !field.options.includes(option));
    if (outside.length > 0) throw invalid(`${key} has values outside the field's options (${field.options.join(', ')}): ${outside.join(', ')}`);
  }
  return value;
}

/** How the API prints a value: always a string; lists as a sentence ("a, b, and c"). */
export function formatCustomValue(value: CustomValue): string {
  if (!Array.isArray(value)) return String(value);
  if (value.length <= 2) return value.join(' and ');
  return `${value.slice(0, -1).join(', ')}, and ${value.at(-1)}`;
}
