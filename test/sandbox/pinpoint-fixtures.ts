// Values for Pinpoint tool arguments that a schema cannot give: ids of records the sandbox has, unique emails,
// and values that depend on a sibling (a custom value must match its field's type and options).
import { customFieldTarget, templateFieldTarget } from '../../src/sandbox/pinpoint/custom-values.ts';
import type { ValueTarget } from '../../src/sandbox/pinpoint/custom-values.ts';
import { MODEL_BY_API_TYPE } from '../../src/sandbox/pinpoint/resources/index.ts';
import { ATTRIBUTABLE_TYPES_BY_RESOURCE, CUSTOM_FIELD_TYPES } from '../../src/sandbox/pinpoint/state.ts';
import type { AttributableType, CustomFieldRow, CustomFieldType, PinpointState } from '../../src/sandbox/pinpoint/state.ts';
import { OMIT, fixtureRules } from './tool-cases.ts';
import type { Args, Fixtures } from './tool-cases.ts';

/** One value key per custom field type; a record takes exactly one of them. */
const VALUE_KEYS = CUSTOM_FIELD_TYPES.map((type) => `${type}_value`);

export function pinpointFixtures(state: PinpointState): Fixtures {
  const { planted } = state;
  let emails = 0;
  const typeOfValue = (within: Args): CustomFieldType => {
    const key = VALUE_KEYS.find((name) => name in within) ?? 'varchar_value';
    return key.replace(/_value$/, '') as CustomFieldType;
  };
  const field = (id: unknown) => state.customFields.get(Number(id));
  const attribute = (id: unknown) => state.customAttributes.get(Number(id));
  const has = (fieldId: number, model: AttributableType, recordId: number) =>
    state.customAttributes.find((row) => row.custom_field_id === fieldId && row.custom_attributable_type === model && row.custom_attributable_id === recordId);
  /** What the value keys of `within` answer: its custom field, template field, or the custom attribute being updated. */
  const targetOf = (within: Args): ValueTarget | null => {
    if ('requisition_template_field_id' in within) {
      const templateField = state.requisitionTemplateFields.get(Number(within.requisition_template_field_id));
      return templateField ? templateFieldTarget(state, templateField) : null;
    }
    const custom = field(within.custom_field_id) ?? field(attribute(within.id)?.custom_field_id);
    return custom ? customFieldTarget(custom) : null;
  };
  const firstOption = (within: Args) => targetOf(within)?.options[0];
  const modelOf = (within: Args) => (MODEL_BY_API_TYPE[String(within.custom_attributable_type)] ?? 'JobSeeker') as AttributableType;
  const fieldFor = (model: AttributableType, type: CustomFieldType): CustomFieldRow | undefined =>
    state.customFields.find((row) => row.field_type === type && (ATTRIBUTABLE_TYPES_BY_RESOURCE[row.resource_type] as readonly string[]).includes(model));
  const recordsOf: Record<AttributableType, () => { id: number }[]> = {
    Application: () => state.applications.all(),
    JobSeeker: () => state.candidates.all(),
    Job: () => state.jobs.all(),
    JobTemplate: () => state.jobTemplates.all(),
    Offer: () => state.offers.all(),
  };
  const staffUserId = () => String(state.users.all()[1]?.id);
  const stageOf = (jobId: string, basicType: string) => String(state.stages.find((stage) => stage.job_id === Number(jobId) && stage.basic_type === basicType)?.id);

  return fixtureRules({
    email: () => `alignment-${(emails += 1)}@example.com`,
    phone_iso2: () => 'GB',
    country_code: () => 'GB',
    cv_base64_data: () => 'data:application/pdf;base64,JVBERi0xLjQK',
    cv_base64_filename: () => 'cv.pdf',
    compensation_currency: () => 'GBP',
    job_id: () => planted.seniorBackendDeveloper.jobId,
    stage_id: () => stageOf(planted.seniorBackendDeveloper.jobId, 'review'),
    hiring_user_id: staffUserId,
    recruitment_manager_user_id: staffUserId,
    selected_hiring_workflow_id: () => String(state.hiringWorkflows.all()[0]?.id),
    structure_link_id: () => String(state.structureLinks.all()[0]?.id),
    commentable_id: (within) => (within.commentable_type === 'job_seekers' ? planted.candidate98765.candidateId : planted.application5566.applicationId),
    // A structure link of existing parts.
    department_id: () => String(state.departments.all()[0]?.id),
    division_id: () => String(state.divisions.all()[0]?.id),
    location_id: () => String(state.locations.all()[0]?.id),
    structure_custom_group_one_id: () => String(state.structureCustomGroups.all()[0]?.id),

    // A custom value: a field of the record's kind with the type of the value key sent, on a record that lacks it.
    custom_attributable_type: () => 'job_seekers',
    custom_field_id: (within) => fieldFor(modelOf(within), typeOfValue(within))?.id.toString(),
    custom_attributable_id: (within) => {
      const model = modelOf(within);
      return recordsOf[model]().find((record) => !has(Number(within.custom_field_id), model, record.id))?.id.toString();
    },
    'update_a_pinpoint_custom_attribute_by_id id': (within) =>
      state.customAttributes.find((row) => field(row.custom_field_id)?.field_type === typeOfValue(within))?.id.toString(),
    single_select_value: firstOption,
    multi_select_value: (within) => [firstOption(within)],

    // Candidate custom attributes: one item per value key, updating the candidate's value where it has one.
    'update_a_pinpoint_candidate_by_id id': () => planted.candidate98765.candidateId,
    'custom_attributes[].custom_field_id': (item) => planted.candidateCustomFieldIds[typeOfValue(item)],
    'custom_attributes[].id': (item) =>
      has(Number(planted.candidateCustomFieldIds[typeOfValue(item)]), 'JobSeeker', Number(planted.candidate98765.candidateId))?.id.toString() ?? OMIT,
    'custom_attributes[].single_select_value': firstOption,
    'custom_attributes[].multi_select_value': (item) => [firstOption(item)],

    // Requisitions answer the fields of the template that uses every value key.
    requisition_template_id: () => planted.requisitionTemplateId,
    'requisition_details[].requisition_template_field_id': (item) =>
      state.requisitionTemplateFields
        .where((row) => row.requisition_template_id === Number(planted.requisitionTemplateId))
        .find((row) => templateFieldTarget(state, row)?.field_type === typeOfValue(item))?.id.toString(),
    'requisition_details[].single_select_value': firstOption,
    'requisition_details[].multi_select_value': (item) => [firstOption(item)],
  }, [VALUE_KEYS]);
}
