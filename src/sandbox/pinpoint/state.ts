import { Table } from '../shared/table.ts';
import type {
  AnswerRow, ApplicationRow, CandidateRow, CommentRow, CustomAttributeRow, CustomFieldRow, EqualityMonitoringCategoryRow, EqualityMonitoringOptionRow, HiringWorkflowRow, InterviewPartRow, InterviewRow,
  JobRow, JobTemplateRow, LocationRow, NamedRow, OfferRow, OnboardingAnswerRow, OnboardingApplicationRow, QuestionRow, RequisitionDetailRow,
  RequisitionRow, RequisitionTemplateFieldRow, RequisitionTemplateRow, ScorecardAnswerRow, ScorecardNoteRow, ScorecardRatingRow, StageRow,
  StructureCustomGroupRow, StructureLinkRow, UserRow,
} from './rows.ts';
import type { CustomFieldType, StageType } from './value-sets.ts';

export * from './value-sets.ts';
export type * from './rows.ts';

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
  /** The "New Headcount" requisition template, whose fields use every value key. */
  requisitionTemplateId: string;
}

export interface PinpointState {
  users: Table<UserRow>;
  departments: Table<NamedRow>;
  divisions: Table<NamedRow>;
  locations: Table<LocationRow>;
  structureCustomGroups: Table<StructureCustomGroupRow>;
  structureLinks: Table<StructureLinkRow>;
  equalityMonitoringCategories: Table<EqualityMonitoringCategoryRow>;
  equalityMonitoringOptions: Table<EqualityMonitoringOptionRow>;
  hiringWorkflows: Table<HiringWorkflowRow>;
  jobTemplates: Table<JobTemplateRow>;
  requisitionTemplates: Table<RequisitionTemplateRow>;
  requisitionTemplateFields: Table<RequisitionTemplateFieldRow>;
  requisitions: Table<RequisitionRow>;
  requisitionDetails: Table<RequisitionDetailRow>;
  jobs: Table<JobRow>;
  stages: Table<StageRow>;
  questions: Table<QuestionRow>;
  candidates: Table<CandidateRow>;
  applications: Table<ApplicationRow>;
  answers: Table<AnswerRow>;
  offers: Table<OfferRow>;
  scorecardRatings: Table<ScorecardRatingRow>;
  scorecardNotes: Table<ScorecardNoteRow>;
  scorecardAnswers: Table<ScorecardAnswerRow>;
  comments: Table<CommentRow>;
  customFields: Table<CustomFieldRow>;
  customAttributes: Table<CustomAttributeRow>;
  interviews: Table<InterviewRow>;
  interviewParts: Table<InterviewPartRow>;
  onboardingApplications: Table<OnboardingApplicationRow>;
  onboardingAnswers: Table<OnboardingAnswerRow>;
  planted: PinpointPlanted;
}

/** Empty tables; id ranges differ per table so an id of the wrong kind is a 404, not a silent hit. */
export function createEmptyTables(): Omit<PinpointState, 'planted'> {
  return {
    users: new Table(101),
    departments: new Table(11),
    divisions: new Table(31),
    locations: new Table(51),
    structureCustomGroups: new Table(61),
    structureLinks: new Table(301),
    equalityMonitoringCategories: new Table(8501),
    equalityMonitoringOptions: new Table(8601),
    hiringWorkflows: new Table(71),
    jobTemplates: new Table(401),
    requisitionTemplates: new Table(81),
    requisitionTemplateFields: new Table(601),
    requisitions: new Table(801),
    requisitionDetails: new Table(2001),
    jobs: new Table(1001),
    stages: new Table(5001),
    questions: new Table(3001),
    candidates: new Table(20001),
    applications: new Table(30001),
    answers: new Table(100001),
    offers: new Table(7001),
    scorecardRatings: new Table(110001),
    scorecardNotes: new Table(120001),
    scorecardAnswers: new Table(130001),
    comments: new Table(40001),
    customFields: new Table(21),
    customAttributes: new Table(60001),
    interviews: new Table(70001),
    interviewParts: new Table(75001),
    onboardingApplications: new Table(90001),
    onboardingAnswers: new Table(95001),
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
