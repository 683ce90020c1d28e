import type { Random } from '../shared/random.ts';
import { addDays } from '../shared/random.ts';
import { templateFieldTarget } from './custom-values.ts';
import { pinpointTime } from './state.ts';
import type {
  CustomFieldRow, CustomValue, JobRow, RequisitionRow, RequisitionTemplateFieldRow, RequisitionTemplateRow, createEmptyTables,
} from './state.ts';

type Tables = ReturnType<typeof createEmptyTables>;

type FieldPlan = Pick<RequisitionTemplateFieldRow, 'label' | 'field_type' | 'required'> &
  Partial<Pick<RequisitionTemplateFieldRow, 'description' | 'mapped_job_form_field' | 'options' | 'template_custom_field_id'>>;

const BUSINESS_CASES = [
  'The team has doubled its roadmap commitments for next year.',
  'Replaces a contractor whose engagement ends this quarter.',
  'Needed to meet the support response times promised to enterprise customers.',
];

/**
 * The questions of each requisition template and the answers of every seeded requisition. "New Headcount"
 * (returned) uses every value key, so any answer shape can be tried against it.
 */
export function seedRequisitionForms(tables: Tables, random: Random, templates: RequisitionTemplateRow[], budgetField: CustomFieldRow): RequisitionTemplateRow {
  const [newHeadcount, backfill, contractor] = templates;
  if (!newHeadcount || !backfill || !contractor) throw new Error('seedRequisitionForms needs the three seeded templates');
  const title: FieldPlan = { label: 'Title', field_type: 'varchar', required: true, description: 'What is the role?', mapped_job_form_field: 'title' };
  const contractType: FieldPlan = { label: 'Contract Type', field_type: 'single_select_contract_type', required: true, mapped_job_form_field: 'employment_type' };
  const reportingTo: FieldPlan = { label: 'Reporting To', field_type: 'varchar', required: false, mapped_job_form_field: 'reporting_to' };
  const startDate: FieldPlan = { label: 'Proposed Start Date', field_type: 'date', required: false };
  addFields(tables, newHeadcount, [
    title,
    { label: 'Headcount', field_type: 'integer', required: true, mapped_job_form_field: 'headcount_maximum' },
    contractType,
    reportingTo,
    { label: 'Compensation Minimum', field_type: 'decimal', required: false, mapped_job_form_field: 'compensation_minimum' },
    { label: 'Compensation Maximum', field_type: 'decimal', required: false, mapped_job_form_field: 'compensation_maximum' },
    startDate,
    { label: 'Business case', field_type: 'text', required: false },
    { label: 'Languages required', field_type: 'multi_select', required: false, options: ['English', 'French', 'German', 'Spanish'] },
    { label: budgetField.name, field_type: `custom_field_${budgetField.id}`, required: false, template_custom_field_id: budgetField.id },
  ]);
  addFields(tables, backfill, [
    title,
    { label: 'Replacing', field_type: 'varchar', required: true, description: 'Who is leaving?' },
    reportingTo,
    startDate,
    { label: 'Requisition document', field_type: 'document', required: false },
  ]);
  addFields(tables, contractor, [
    title,
    contractType,
    { label: 'Day rate', field_type: 'decimal', required: true },
    { label: 'Contract length (weeks)', field_type: 'integer', required: true },
  ]);
  for (const requisition of tables.requisitions.all()) addDetails(tables, random, requisition);
  return newHeadcount;
}

function addFields(tables: Tables, template: RequisitionTemplateRow, plans: FieldPlan[]): void {
  plans.forEach((plan, index) =>
    tables.requisitionTemplateFields.insert({
      requisition_template_id: template.id,
      description: null,
      mapped_job_form_field: null,
      options: [],
      template_custom_field_id: null,
      ...plan,
      position: index + 1,
      created_at: template.created_at,
      updated_at: template.created_at,
    }));
}

/** Answers every field the API can answer, from the job the requisition opened where there is one. */
function addDetails(tables: Tables, random: Random, requisition: RequisitionRow): void {
  const job = requisition.job_id === null ? undefined : tables.jobs.get(requisition.job_id);
  for (const field of tables.requisitionTemplateFields.where((row) => row.requisition_template_id === requisition.requisition_template_id)) {
    const target = templateFieldTarget(tables, field);
    if (!target) continue;
    tables.requisitionDetails.insert({
      requisition_id: requisition.id,
      requisition_template_field_id: field.id,
      value: fromJob(field, requisition, job) ?? sampleValue(random, target.field_type, target.options, requisition),
      created_at: requisition.created_at,
      updated_at: requisition.created_at,
    });
  }
}

function fromJob(field: RequisitionTemplateFieldRow, requisition: RequisitionRow, job: JobRow | undefined): CustomValue | null {
  switch (field.mapped_job_form_field) {
    case 'title':
      return requisition.name;
    case 'headcount_maximum':
      return requisition.headcount;
    case 'employment_type':
      return job?.employment_type ?? 'full_time';
    case 'reporting_to':
      return job?.reporting_to ?? null;
    case 'compensation_minimum':
      return job?.compensation_minimum ?? null;
    case 'compensation_maximum':
      return job?.compensation_maximum ?? null;
    default:
      return null;
  }
}

function sampleValue(random: Random, fieldType: string, options: readonly string[], requisition: RequisitionRow): CustomValue {
  switch (fieldType) {
    case 'date':
      return pinpointTime(addDays(new Date(requisition.created_at), random.int(30, 75))).slice(0, 10);
    case 'text':
      return random.pick(BUSINESS_CASES);
    case 'integer':
      return random.pick([6, 12, 26]);
    case 'decimal':
      return random.pick([450, 500, 650]);
    case 'boolean':
      return requisition.status !== 'pending_approval';
    case 'single_select':
      return options[0] ?? '';
    case 'multi_select':
      return options.slice(0, 1);
    default:
      return random.pick(['Head of Operations', 'Alex Morgan', 'Priya Shah']);
  }
}
