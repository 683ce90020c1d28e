import { raise } from '../../shared/http.ts';
import { checkFields } from '../../shared/fields.ts';
import type { FieldSpecs } from '../../shared/fields.ts';
import { badRequest, fieldIssueProblem, invalid, recordNotFound } from '../errors.ts';
import type { WriteDocument } from '../request-document.ts';
import { pinpointTime } from '../state.ts';
import type { CandidateRow, CustomAttributeRow, CustomValue, PinpointState } from '../state.ts';
import { CONTACT_FIELDS } from './contact-details.ts';
import { insertCustomAttribute, planCustomAttribute, planCustomValue, saveCustomValue } from './custom-attributes.ts';
import type { RecordWriter } from './record-writer.ts';
import { readSideposts } from './sideposts.ts';
import type { Sidepost } from './sideposts.ts';

const CANDIDATE_FIELDS: FieldSpecs = { ...CONTACT_FIELDS, summary: { kind: 'string' } };

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
      const unsupported = Object.keys(document.relationships).find((name) => name !== 'custom_attributes');
      if (unsupported) throw badRequest(`relationship "${unsupported}" cannot be written on candidates (only custom_attributes)`);
      const sideposts = readSideposts(document, 'custom_attributes', 'custom_attributes');
      const plans = sideposts.map((sidepost) => planSidepost(state, candidate, sidepost));
      const createdFields = plans.flatMap((plan) => (plan.method === 'create' ? [plan.planned.custom_field_id] : []));
      if (new Set(createdFields).size < createdFields.length) throw invalid('the same custom field is created twice in one request');

      const now = pinpointTime(new Date());
      state.candidates.update(candidate, { ...(values as Partial<CandidateRow>), updated_at: now });
      for (const plan of plans) {
        if (plan.method === 'create') insertCustomAttribute(state, plan.planned);
        else saveCustomValue(state, plan.attribute, plan.value);
      }
      return { row: candidate, sideposted: sideposts.length > 0 ? ['custom_attributes'] : [] };
    },
  };
}

function planSidepost(state: PinpointState, candidate: CandidateRow, sidepost: Sidepost): SidepostPlan {
  if (sidepost.method === 'create') {
    return { method: 'create', planned: planCustomAttribute(state, sidepost.record, 'JobSeeker', candidate.id) };
  }
  const attribute = state.customAttributes.get(Number(sidepost.id));
  if (!attribute || attribute.custom_attributable_type !== 'JobSeeker' || attribute.custom_attributable_id !== candidate.id) {
    throw invalid(`custom attribute ${sidepost.id} does not belong to candidate ${candidate.id}`);
  }
  return { method: 'update', attribute, value: planCustomValue(state, attribute, sidepost.record.attributes) };
}
