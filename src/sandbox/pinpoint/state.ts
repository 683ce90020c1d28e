import { Table } from '../shared/table.ts';

/** Row types of the Pinpoint sandbox. Field names are the API's attribute names; `*_id` fields hold numbers. */

interface Timestamps {
  created_at: string;
  updated_at: string;
}

export const STAGE_TYPES = ['applied', 'review', 'interview', 'offer', 'hired', 'rejected'] as const;
export type StageType = (typeof STAGE_TYPES)[number];

export const JOB_STATUSES = ['open', 'closed', 'draft', 'archived'] as const;
export const JOB_VISIBILITIES = ['external', 'internal', 'confidential'] as const;
export const EMPLOYMENT_TYPES = ['full_time', 'part_time', 'contract', 'temporary', 'internship'] as const;
export const WORKPLACE_TYPES = ['onsite', 'hybrid', 'remote'] as const;
export const CUSTOM_FIELD_TYPES = [
  'varchar', 'text', 'integer', 'decimal', 'boolean', 'date', 'single_select', 'multi_select',
] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];
/** custom_fields.resource_type → custom_attributes.custom_attributable_type */
export const ATTRIBUTABLE_TYPE_BY_RESOURCE = { candidate: 'JobSeeker', application: 'Application', job: 'Job' } as const;
export type CustomFieldResource = keyof typeof ATTRIBUTABLE_TYPE_BY_RESOURCE;
export type AttributableType = (typeof ATTRIBUTABLE_TYPE_BY_RESOURCE)[CustomFieldResource];

export interface UserRow extends Timestamps {
  id: number;
  first_name: string;
  last_name: string;
  email: string;
  time_zone: string;
}

export interface NamedRow extends Timestamps {
  id: number;
  name: string;
}

export interface LocationRow extends NamedRow {
  city: string;
  country: string;
}

export interface HiringWorkflowRow extends NamedRow {
  description: string;
}

export interface RequisitionTemplateRow extends NamedRow {
  enforced_maximum_headcount: number | null;
  has_enforced_maximum_headcount: boolean;
}

export interface RequisitionRow extends NamedRow {
  identifier: string;
  status: string;
  headcount: number;
  job_id: number | null;
  creator_id: number | null;
  requisition_template_id: number | null;
}

export interface JobRow extends Timestamps {
  id: number;
  title: string;
  description: string;
  status: string;
  visibility: string;
  employment_type: string;
  workplace_type: string;
  compensation_minimum: number | null;
  compensation_maximum: number | null;
  compensation_currency: string;
  compensation_frequency: string;
  compensation_visible: boolean;
  reporting_to: string | null;
  opened_at: string | null;
  deadline_at: string | null;
  department_id: number | null;
  division_id: number | null;
  location_id: number | null;
  requisition_id: number | null;
  hiring_user_id: number | null;
  selected_hiring_workflow_id: number | null;
}

export interface StageRow extends Timestamps {
  id: number;
  job_id: number;
  name: string;
  basic_type: StageType;
  position: number;
}

export interface CandidateRow extends Timestamps {
  id: number;
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
  summary: string | null;
  locale: string;
  date_of_birth: string | null;
  linkedin_url: string | null;
  address1: string | null;
  town: string | null;
  country: string | null;
  postcode: string | null;
  channel: string;
  channel_source: string;
}

export interface TagWithContext {
  tag: string;
  context: string;
}

export interface ApplicationRow extends Timestamps {
  id: number;
  candidate_id: number;
  job_id: number;
  stage_id: number;
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
  summary: string | null;
  internal_candidate: boolean;
  locale: string;
  channel: string;
  channel_source: string;
  town: string | null;
  country: string | null;
  hired_at: string | null;
  rejected_at: string | null;
  start_on: string | null;
  tags: TagWithContext[];
  /** Name of the uploaded CV; exposed only through extra_fields[applications]=attachments. */
  cv_filename: string | null;
}

export type CommentableType = 'Application' | 'JobSeeker';

export interface CommentRow extends Timestamps {
  id: number;
  body_text: string;
  commentable_type: CommentableType;
  commentable_id: number;
  private_comment: boolean;
  user_id: number;
}

export interface CustomFieldRow extends Timestamps {
  id: number;
  name: string;
  description: string | null;
  field_type: CustomFieldType;
  resource_type: CustomFieldResource;
  options: string[];
  position: number;
  required: boolean;
}

export type CustomValue = string | number | boolean | string[];

export interface CustomAttributeRow extends Timestamps {
  id: number;
  custom_field_id: number;
  custom_attributable_type: AttributableType;
  custom_attributable_id: number;
  value: CustomValue;
}

export interface InterviewRow extends Timestamps {
  id: number;
  title: string;
  interviewable_type: 'Application';
  interviewable_id: number;
  start_at: string;
  end_at: string;
  location: string;
  meeting_url: string | null;
  interviewer_ids: number[];
}

export interface OnboardingApplicationRow extends Timestamps {
  id: number;
  application_id: number;
  status: string;
  start_on: string | null;
  completed_at: string | null;
}

/** Ids (as the API prints them) of records the seed workflows refer to. */
export interface PinpointPlanted {
  /** The company's system user: comments created through the API are attributed to it. */
  systemUserId: string;
  sarahJenkins: { candidateId: string; productManagerJobId: string; applicationId: string; commentIds: string[] };
  seniorBackendDeveloper: { jobId: string; applicationIds: string[] };
  juniorAnalyst: { jobId: string; activeApplicationIds: string[]; hiredApplicationId: string };
  candidate98765: { candidateId: string; applicationIds: string[] };
  application5566: { applicationId: string; jobId: string; candidateId: string };
  vpOfEngineering: { jobId: string; applicationIds: string[] };
  /** Custom fields with resource_type candidate, one per field_type. */
  candidateCustomFieldIds: Record<CustomFieldType, string>;
  /** A custom field with resource_type job (writing it on a candidate is a 422). */
  jobCustomFieldId: string;
}

export interface PinpointState {
  users: Table<UserRow>;
  departments: Table<NamedRow>;
  divisions: Table<NamedRow>;
  locations: Table<LocationRow>;
  hiringWorkflows: Table<HiringWorkflowRow>;
  requisitionTemplates: Table<RequisitionTemplateRow>;
  requisitions: Table<RequisitionRow>;
  jobs: Table<JobRow>;
  stages: Table<StageRow>;
  candidates: Table<CandidateRow>;
  applications: Table<ApplicationRow>;
  comments: Table<CommentRow>;
  customFields: Table<CustomFieldRow>;
  customAttributes: Table<CustomAttributeRow>;
  interviews: Table<InterviewRow>;
  onboardingApplications: Table<OnboardingApplicationRow>;
  planted: PinpointPlanted;
}

/** Empty tables; id ranges differ per table so an id of the wrong kind is a 404, not a silent hit. */
export function createEmptyTables(): Omit<PinpointState, 'planted'> {
  return {
    users: new Table(101),
    departments: new Table(11),
    divisions: new Table(31),
    locations: new Table(51),
    hiringWorkflows: new Table(71),
    requisitionTemplates: new Table(81),
    requisitions: new Table(801),
    jobs: new Table(1001),
    stages: new Table(5001),
    candidates: new Table(20001),
    applications: new Table(30001),
    comments: new Table(40001),
    customFields: new Table(21),
    customAttributes: new Table(60001),
    interviews: new Table(70001),
    onboardingApplications: new Table(90001),
  };
}

export type Pipeline = readonly (readonly [name: string, basicType: StageType])[];

/** Stages a job created through the API starts with. */
export const DEFAULT_PIPELINE: Pipeline = [
  ['Applied', 'applied'],
  ['Review', 'review'],
  ['Interview', 'interview'],
  ['Offer', 'offer'],
  ['Hired', 'hired'],
  ['Rejected', 'rejected'],
];

export function addPipeline(state: Pick<PinpointState, 'stages'>, jobId: number, pipeline: Pipeline, at: string): StageRow[] {
  return pipeline.map(([name, basicType], index) =>
    state.stages.insert({ job_id: jobId, name, basic_type: basicType, position: index + 1, created_at: at, updated_at: at }),
  );
}

/** Pinpoint prints times like 2019-01-01T00:00:00+00:00 */
export function pinpointTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+00:00');
}
