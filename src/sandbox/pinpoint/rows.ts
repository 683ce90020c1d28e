import type {
  AttributableType, CreatableFieldType, CustomFieldResource, CustomFieldType, InterviewStatus, OfferResult, OnboardingStatus, QuestionType, RequisitionStatus, StageType,
} from './value-sets.ts';

/** Row types of the Pinpoint sandbox. Field names are the API's attribute names; `*_id` fields hold numbers. */

interface Timestamps {
  created_at: string;
  updated_at: string;
}

export interface UserRow extends Timestamps {
  id: number;
  first_name: string;
  last_name: string;
  email: string;
  time_zone: string;
  /** employee, or e.g. agency for people outside the company (filter[employee]). */
  user_type: string;
}

export interface NamedRow extends Timestamps {
  id: number;
  name: string;
}

export interface LocationRow extends NamedRow {
  street_address: string | null;
  city: string | null;
  province: string | null;
  postal_code: string | null;
  /** ISO 3166-1 alpha-2 */
  country_code: string | null;
}

/** A custom level of the company structure, e.g. a sub-department ("title" names the level). */
export interface StructureCustomGroupRow extends NamedRow {
  title: string;
}

/** One combination of department, division, location and custom group that jobs are filed under. */
export interface StructureLinkRow extends Timestamps {
  id: number;
  department_id: number | null;
  division_id: number | null;
  location_id: number | null;
  structure_custom_group_one_id: number | null;
  accepts_speculative_applications: boolean;
}

/** An equality monitoring question (e.g. Gender) and whether applicants are asked it. */
export interface EqualityMonitoringCategoryRow extends NamedRow {
  enabled: boolean;
}

export interface EqualityMonitoringOptionRow extends NamedRow {
  category_id: number;
  position: number;
}

export interface HiringWorkflowRow extends NamedRow {
  description: string;
}

export type JobTemplateRow = NamedRow;

export interface RequisitionTemplateRow extends NamedRow {
  enforced_maximum_headcount: number | null;
  has_enforced_maximum_headcount: boolean;
}

/** A question of a requisition template; `field_type` is a custom field type, single_select_contract_type or custom_field_<id>. */
export interface RequisitionTemplateFieldRow extends Timestamps {
  id: number;
  requisition_template_id: number;
  label: string;
  description: string | null;
  field_type: string;
  mapped_job_form_field: string | null;
  options: string[];
  position: number;
  required: boolean;
  template_custom_field_id: number | null;
}

export interface RequisitionRow extends NamedRow {
  identifier: string;
  status: RequisitionStatus;
  headcount: number;
  job_id: number | null;
  creator_id: number | null;
  requisition_template_id: number | null;
}

/** The answer to one template field, stored under the value key its field type calls for. */
export interface RequisitionDetailRow extends Timestamps {
  id: number;
  requisition_id: number;
  requisition_template_field_id: number;
  value: CustomValue | null;
}

export interface JobRow extends Timestamps {
  id: number;
  title: string;
  description: string;
  key_responsibilities: string | null;
  skills_knowledge_expertise: string | null;
  benefits: string | null;
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
  /** Setting it files the job under the link's department, division, location and custom group. */
  structure_link_id: number | null;
  department_id: number | null;
  division_id: number | null;
  location_id: number | null;
  structure_custom_group_one_id: number | null;
  /** The customer's own requisition reference (free text, e.g. REQ-004), not a requisition record id. */
  requisition_id: string | null;
  hiring_user_id: number | null;
  recruitment_manager_user_id: number | null;
  selected_hiring_workflow_id: number | null;
}

export interface StageRow extends Timestamps {
  id: number;
  job_id: number;
  name: string;
  basic_type: StageType;
  position: number;
}

/** Screening question on a job's application form. */
export interface QuestionRow extends Timestamps {
  id: number;
  job_id: number;
  title: string;
  additional_information: string | null;
  question_type: QuestionType;
  required: boolean;
  multiple_choice_options: string[];
}

/** Contact details shared by candidates and their applications. */
export interface ContactDetails {
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
  phone_iso2: string | null;
  summary: string | null;
  locale: string;
  date_of_birth: string | null;
  linkedin_url: string | null;
  address1: string | null;
  address2: string | null;
  town: string | null;
  country: string | null;
  postcode: string | null;
  channel: string;
  channel_source: string;
}

export interface CandidateRow extends Timestamps, ContactDetails {
  id: number;
}

export interface TagWithContext {
  tag: string;
  context: string;
}

export interface ApplicationRow extends Timestamps, ContactDetails {
  id: number;
  candidate_id: number;
  job_id: number;
  stage_id: number;
  internal_candidate: boolean;
  hired_at: string | null;
  rejected_at: string | null;
  start_on: string | null;
  tags: TagWithContext[];
  /** Name of the uploaded CV; exposed only through extra_fields[...]=attachments. */
  cv_filename: string | null;
}

/** An application's answer to one of its job's questions; exactly one *_answer matches question_type. */
export interface AnswerRow extends Timestamps {
  id: number;
  application_id: number;
  question_id: number;
  title: string;
  additional_information: string | null;
  question_type: QuestionType;
  text_answer: string | null;
  boolean_answer: boolean | null;
  date_answer: string | null;
  url_answer: string | null;
  multiple_choice_answer: string[];
  document_answer: { context: string; filename: string; url: string } | null;
}

export interface OfferRow extends Timestamps {
  id: number;
  application_id: number;
  stage_id: number;
  creator_id: number;
  manager_id: number;
  job_title: string;
  salary_amount: number;
  salary_currency: string;
  salary_period: string;
  paid_days_off: string;
  work_address: string;
  start_on: string;
  signature_type: string;
  status: 'draft' | 'open';
  result: OfferResult;
  result_at: string | null;
  sent_at: string | null;
  expires_at: string | null;
  comment: string | null;
}

/** Interviewer feedback collected on scorecards: a rating per criterion, free notes, and answers to scorecard questions. */
export interface ScorecardRatingRow extends Timestamps {
  id: number;
  application_id: number;
  user_id: number;
  criterion: string;
  /** 1 (strong no) to 4 (strong yes) */
  rating: number;
}

export interface ScorecardNoteRow extends Timestamps {
  id: number;
  application_id: number;
  user_id: number;
  body_text: string;
}

export interface ScorecardAnswerRow extends Timestamps {
  id: number;
  application_id: number;
  user_id: number;
  question: string;
  text_answer: string;
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
  field_type: CreatableFieldType;
  resource_type: CustomFieldResource;
  options: string[];
  position: number;
  required: boolean;
  sample_value: string | null;
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
  /** The interview stage of the application's job it belongs to. */
  stage_id: number | null;
  status: InterviewStatus;
  start_at: string;
  end_at: string;
  location: string;
  meeting_url: string | null;
}

/** Interviews run as one or more consecutive parts, each with its own interviewers. */
export interface InterviewPartRow extends Timestamps {
  id: number;
  interview_id: number;
  name: string;
  start_at: string;
  end_at: string;
  interviewing_user_ids: number[];
}

export interface OnboardingApplicationRow extends Timestamps {
  id: number;
  application_id: number;
  status: OnboardingStatus;
  start_at: string | null;
  completed_at: string | null;
}

export interface OnboardingAnswerRow extends Timestamps {
  id: number;
  onboarding_application_id: number;
  title: string;
  question_type: QuestionType;
  text_answer: string | null;
  date_answer: string | null;
  boolean_answer: boolean | null;
}
