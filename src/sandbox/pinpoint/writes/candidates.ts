import { raise } from '../../shared/http.ts';
import { checkFields } from '../../shared/fields.ts';
import type { FieldSpecs } from '../../shared/fields.ts';
import { badRequest, fieldIssueProblem, invalid, recordNotFound } from '../errors.ts';
import type { Identifier, IncludedRecord, WriteDocument } from '../request-document.ts';
import { pinpointTime } from '../state.ts';
import type { CandidateRow, CustomAttributeRow, CustomValue, PinpointState } from '../state.ts';
import { insertCustomAttribute, planCustomAttribute, planCustomValue, saveCustomValue } from './custom-attributes.ts';
import type { RecordWriter } from './record-writer.ts';

const CANDIDATE_FIELDS: FieldSpecs = {
  first_name: { kind: 'string', required: true },
  last_name: { kind: 'string', required: true },
  email: { kind: 'email', required: true },
  phone: { kind: 'string' },
  summary: { kind: 'string' },
  locale: { kind: 'string' },
  date_of_birth: { kind: 'date' },
  linkedin_url: { kind: 'string' },
  address1: { kind: 'string' },
  town: { kind: 'string' },
  country: { kind: 'string' },
  postcode: { kind: 'string' },
};

type SidepostPlan =
  | { method: 'create'; planned: ReturnType<typeof planCustomAttribute> }
  | { method: 'update'; attribute: CustomAttributeRow; value: CustomValue };

/**
 * PUT /candidates/{id}: attributes plus custom attributes sideposted Graphiti-style
 * (relationships.custom_attributes.data entries with method create/update, records in `included`).
 * Everything is checked before anything is saved.
 */
export function candidateWriter(state: PinpointState): Pick<Required<RecordWriter>, 'update'> {
  return {
    update(id: number, document: WriteDocument) {
      const candidate = state.candidates.get(id) ?? raise(recordNotFound());
      const { values, unknown, issue } = checkFields(document.attributes, CANDIDATE_FIELDS, 'update');
      if (unknown.length > 0) throw badRequest(`${unknown.join(', ')} is not a writable attribute of candidates`);
      if (issue) throw fieldIssueProblem(issue);
      const { custom_attributes: sideposts, ...others } = document.relationships;
      const unsupported = Object.keys(others)[0];
      if (unsupported) throw badRequest(`relationship "${unsupported}" cannot be written on candidates (only custom_attributes)`);
      const entries = sideposts === undefined || sideposts === null ? [] : Array.isArray(sideposts) ? sideposts : [sideposts];
      const plans = entries.map((entry) => planSidepost(state, candidate, entry, document.included));
      const createdFields = plans.flatMap((plan) => (plan.method === 'create' ? [plan.planned.custom_field_id] : []));
      if (new Set(createdFields).size < createdFields.length) throw invalid('the same custom field is created twice in one request');

      const now = pinpointTime(new Date());
      state.candidates.update(candidate, { ...(values as Partial<CandidateRow>), updated_at: now });
      for (const plan of plans) {
        if (plan.method === 'create') insertCustomAttribute(state, plan.planned);
        else saveCustomValue(state, plan.attribute, plan.value);
      }
      return { row: candidate, sideposted: entries.length > 0 ? ['custom_attributes'] : [] };
    },
  };
}

function planSidepost(state: PinpointState, candidate: CandidateRow, entry: Identifier, included: IncludedRecord[]): SidepostPlan {
  if (entry.type !== 'custom_attributes') throw badRequest('relationships.custom_attributes.data entries must have type "custom_attributes"');
  if (entry.method === 'create') {
    if (entry.tempId === null) throw badRequest('a sideposted create needs a "temp-id"');
    const record = findIncluded(included, (item) => item.tempId === entry.tempId, `temp-id "${entry.tempId}"`);
    return { method: 'create', planned: planCustomAttribute(state, record, 'JobSeeker', candidate.id) };
  }
  if (entry.method === 'update') {
    const attribute = state.customAttributes.get(Number(entry.id));
    if (!attribute || attribute.custom_attributable_type !== 'JobSeeker' || attribute.custom_attributable_id !== candidate.id) {
      throw invalid(`custom attribute ${entry.id} does not belong to candidate ${candidate.id}`);
    }
    const record = findIncluded(included, (item) => item.id === entry.id, `id "${entry.id}"`);
    return { method: 'update', attribute, value: planCustomValue(state, attribute, record.attributes) };
  }
  throw badRequest(`sidepost method must be "create" or "update" (got ${entry.method === null ? 'none' : `"${entry.method}"`})`);
}

function findIncluded(included: IncludedRecord[], matches: (record: IncludedRecord) => boolean, description: string): IncludedRecord {
  const record = included.find((item) => item.type === 'custom_attributes' && matches(item));
  return record ?? raise(badRequest(`included has no custom_attributes record with ${description}`));
}
