import { raise } from '../../shared/http.ts';
import { invalid, recordNotFound } from '../errors.ts';
import { customFieldTarget, readCustomValue } from '../custom-values.ts';
import { relatedId } from '../request-document.ts';
import type { IncludedRecord, WriteDocument } from '../request-document.ts';
import { API_TYPE_BY_MODEL } from '../resources/index.ts';
import type { ResourceRegistry } from '../resources/index.ts';
import { ATTRIBUTABLE_TYPES, ATTRIBUTABLE_TYPES_BY_RESOURCE, pinpointTime } from '../state.ts';
import type { AttributableType, CustomAttributeRow, CustomValue, PinpointState } from '../state.ts';
import { readPolymorphic } from './polymorphic.ts';
import type { RecordWriter } from './record-writer.ts';

type NewCustomAttribute = Omit<CustomAttributeRow, 'id' | 'created_at' | 'updated_at'>;

/**
 * Checks a new custom attribute for `model`/`recordId` without saving it: the field must exist,
 * belong to that kind of record (resource_type), not be set already, and the value must fit its field_type.
 */
export function planCustomAttribute(
  state: PinpointState,
  source: Pick<IncludedRecord, 'attributes' | 'relationships'>,
  model: AttributableType,
  recordId: number,
): NewCustomAttribute {
  const fieldId = relatedId(source, 'custom_field', ['custom_fields']) ?? raise(invalid("custom_field can't be blank"));
  const field = state.customFields.get(fieldId) ?? raise(invalid(`custom_field ${fieldId} does not exist`));
  if (!(ATTRIBUTABLE_TYPES_BY_RESOURCE[field.resource_type] as readonly AttributableType[]).includes(model)) {
    throw invalid(`custom field ${field.id} ("${field.name}") has resource_type ${field.resource_type}; it cannot be set on ${API_TYPE_BY_MODEL[model]}`);
  }
  const taken = state.customAttributes.find(
    (attribute) => attribute.custom_field_id === field.id && attribute.custom_attributable_type === model && attribute.custom_attributable_id === recordId,
  );
  if (taken) throw invalid(`custom field ${field.id} is already set on this record; update custom attribute ${taken.id} instead`);
  return {
    custom_field_id: field.id,
    custom_attributable_type: model,
    custom_attributable_id: recordId,
    value: readCustomValue(customFieldTarget(field), source.attributes),
  };
}

/** The new value of an existing custom attribute, checked against its field. */
export function planCustomValue(state: PinpointState, attribute: CustomAttributeRow, attributes: Record<string, unknown>): CustomValue {
  const field = state.customFields.get(attribute.custom_field_id) ?? raise(invalid(`custom field ${attribute.custom_field_id} no longer exists`));
  return readCustomValue(customFieldTarget(field), attributes);
}

export function insertCustomAttribute(state: PinpointState, planned: NewCustomAttribute): CustomAttributeRow {
  const now = pinpointTime(new Date());
  return state.customAttributes.insert({ ...planned, created_at: now, updated_at: now });
}

export function saveCustomValue(state: PinpointState, attribute: CustomAttributeRow, value: CustomValue): void {
  state.customAttributes.update(attribute, { value, updated_at: pinpointTime(new Date()) });
}

/** POST/PUT/DELETE /custom_attributes */
export function customAttributeWriter(state: PinpointState, registry: ResourceRegistry): Required<RecordWriter> {
  const existing = (id: number) => state.customAttributes.get(id) ?? raise(recordNotFound());
  return {
    create(document: WriteDocument) {
      const { model, id } = readPolymorphic(document, 'custom_attributable', ATTRIBUTABLE_TYPES, registry);
      return insertCustomAttribute(state, planCustomAttribute(state, document, model, id));
    },
    update(id, document) {
      const attribute = existing(id);
      saveCustomValue(state, attribute, planCustomValue(state, attribute, document.attributes));
      return { row: attribute, sideposted: [] };
    },
    destroy(id) {
      existing(id);
      state.customAttributes.delete(id);
    },
  };
}
