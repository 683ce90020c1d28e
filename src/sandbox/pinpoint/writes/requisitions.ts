import { checkFields } from '../../shared/fields.ts';
import type { FieldSpecs } from '../../shared/fields.ts';
import { raise } from '../../shared/http.ts';
import { readCustomValue, templateFieldTarget } from '../custom-values.ts';
import { badRequest, fieldIssueProblem, invalid, recordInUse, recordNotFound } from '../errors.ts';
import { relatedId } from '../request-document.ts';
import type { WriteDocument } from '../request-document.ts';
import { pinpointTime } from '../state.ts';
import type { PinpointState, RequisitionDetailRow } from '../state.ts';
import type { RecordWriter } from './record-writer.ts';
import { readSideposts } from './sideposts.ts';

type PlannedDetail = Pick<RequisitionDetailRow, 'requisition_template_field_id' | 'value'>;

const CREATE_FIELDS: FieldSpecs = { name: { kind: 'string', required: true }, identifier: { kind: 'string' } };
const UPDATE_FIELDS: FieldSpecs = { archive: { kind: 'boolean', required: true } };

/**
 * POST /requisitions: name plus the template, whose fields are answered by requisition_details sideposted with
 * it (one per field, the value key matching the field's type; required fields must be answered).
 * PUT can only archive; DELETE refuses a requisition a job was opened from.
 */
export function requisitionWriter(state: PinpointState): Required<RecordWriter> {
  const existing = (id: number) => state.requisitions.get(id) ?? raise(recordNotFound());
  return {
    create(document) {
      const values = readAttributes(document.attributes, CREATE_FIELDS, 'create');
      const unsupported = Object.keys(document.relationships).find((name) => name !== 'requisition_template' && name !== 'requisition_details');
      if (unsupported) throw badRequest(`relationship "${unsupported}" cannot be written on requisitions`);
      const templateId = relatedId(document, 'requisition_template', ['requisition_templates']) ?? raise(invalid("requisition_template can't be blank"));
      const template = state.requisitionTemplates.get(templateId) ?? raise(invalid(`requisition_template ${templateId} does not exist`));
      const details = planDetails(state, template.id, document);
      const now = pinpointTime(new Date());
      const requisition = state.requisitions.insert({
        name: values.name as string,
        identifier: (values.identifier as string | null | undefined) ?? `REQ-${String(state.requisitions.size + 1).padStart(3, '0')}`,
        status: 'pending_approval',
        headcount: headcountOf(state, details),
        job_id: null,
        creator_id: Number(state.planted.systemUserId),
        requisition_template_id: template.id,
        created_at: now,
        updated_at: now,
      });
      for (const detail of details) state.requisitionDetails.insert({ ...detail, requisition_id: requisition.id, created_at: now, updated_at: now });
      return requisition;
    },
    update(id, document) {
      const requisition = existing(id);
      const values = readAttributes(document.attributes, UPDATE_FIELDS, 'update');
      if (Object.keys(document.relationships).length > 0) throw badRequest('relationships cannot be changed on requisitions; send archive: true to archive one');
      if (values.archive === true) state.requisitions.update(requisition, { status: 'archived', updated_at: pinpointTime(new Date()) });
      return { row: requisition, sideposted: [] };
    },
    destroy(id) {
      if (existing(id).job_id !== null) throw recordInUse();
      state.requisitions.delete(id);
      for (const detail of state.requisitionDetails.where((row) => row.requisition_id === id)) state.requisitionDetails.delete(detail.id);
    },
  };
}

function readAttributes(attributes: Record<string, unknown>, specs: FieldSpecs, mode: 'create' | 'update'): Record<string, unknown> {
  const { values, unknown, issue } = checkFields(attributes, specs, mode);
  if (unknown.length > 0) throw badRequest(`${unknown.join(', ')} is not a writable attribute of requisitions`);
  if (issue) throw fieldIssueProblem(issue);
  return values;
}

function planDetails(state: PinpointState, templateId: number, document: WriteDocument): PlannedDetail[] {
  const fields = state.requisitionTemplateFields.where((field) => field.requisition_template_id === templateId);
  const sideposts = readSideposts(document, 'requisition_details', 'requisition_details');
  if (sideposts.length === 0) throw invalid("requisition_details can't be blank");
  const planned = sideposts.map((sidepost): PlannedDetail => {
    if (sidepost.method !== 'create') throw invalid('requisition_details are created with their requisition and cannot be updated');
    const fieldId = relatedId(sidepost.record, 'requisition_template_field', ['requisition_template_fields'])
      ?? raise(invalid("requisition_template_field can't be blank"));
    const field = fields.find((row) => row.id === fieldId)
      ?? raise(invalid(`requisition_template_field ${fieldId} is not a field of requisition template ${templateId}`));
    const target = templateFieldTarget(state, field) ?? raise(invalid(`requisition template field ${field.id} ("${field.label}") cannot be answered through the API`));
    return { requisition_template_field_id: field.id, value: readCustomValue(target, sidepost.record.attributes, 'requisition_details') };
  });
  const answered = planned.map((detail) => detail.requisition_template_field_id);
  if (new Set(answered).size < answered.length) throw invalid('a requisition template field is answered twice');
  const missing = fields.find((field) => field.required && !answered.includes(field.id));
  if (missing) throw invalid(`requisition_details: "${missing.label}" can't be blank`);
  return planned;
}

/** The answer to the template field mapped to the job's headcount, else 1. */
function headcountOf(state: PinpointState, details: PlannedDetail[]): number {
  const answer = details.find((detail) => state.requisitionTemplateFields.get(detail.requisition_template_field_id)?.mapped_job_form_field === 'headcount_maximum');
  return typeof answer?.value === 'number' ? answer.value : 1;
}
