import { Table } from '../shared/table.ts';

/** Row types of the Ashby sandbox. Ids are UUIDs; times are ISO 8601 with milliseconds ("…T09:00:00.000Z"). */

export const INTERVIEW_STAGE_TYPES = ['Lead', 'PreInterviewScreen', 'Active', 'Offer', 'Hired', 'Archived'] as const;
export type InterviewStageType = (typeof INTERVIEW_STAGE_TYPES)[number];
export const APPLICATION_STATUSES = ['Hired', 'Archived', 'Active', 'Lead'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const JOB_STATUSES = ['Draft', 'Open', 'Closed', 'Archived'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const GLOBAL_ROLES = ['Organization Admin', 'Elevated Access', 'Limited Access', 'External Recruiter'] as const;
export const ARCHIVE_REASON_TYPES = ['RejectedByCandidate', 'RejectedByOrg', 'Other'] as const;

type Row = { id: string };

export interface UserRow extends Row {
  firstName: string;
  lastName: string;
  email: string;
  globalRole: (typeof GLOBAL_ROLES)[number];
  isEnabled: boolean;
  updatedAt: string;
}

export interface DepartmentRow extends Row {
  name: string;
  isArchived: boolean;
}

export interface LocationRow extends Row {
  name: string;
  isArchived: boolean;
  isRemote: boolean;
  country: string;
  city: string;
}

export interface SourceRow extends Row {
  title: string;
  isArchived: boolean;
  sourceType: { id: string; title: string; isArchived: boolean };
}

export interface ArchiveReasonRow extends Row {
  text: string;
  reasonType: (typeof ARCHIVE_REASON_TYPES)[number];
  isArchived: boolean;
}

export interface InterviewPlanRow extends Row {
  title: string;
  isArchived: boolean;
}

export interface InterviewStageRow extends Row {
  interviewPlanId: string;
  title: string;
  type: InterviewStageType;
  orderInInterviewPlan: number;
}

/** An interview held in a stage (jobInterviewPlan.info lists them as the stage's activities). */
export interface InterviewRow extends Row {
  activityId: string;
  interviewStageId: string;
  title: string;
  durationMinutes: number;
}

export interface HiringTeamMember {
  userId: string;
  role: 'Hiring Manager' | 'Recruiter' | 'Coordinator';
}

export interface JobRow extends Row {
  title: string;
  confidential: boolean;
  status: JobStatus;
  employmentType: 'FullTime' | 'PartTime' | 'Contract' | 'Intern' | 'Temporary';
  departmentId: string;
  locationId: string;
  defaultInterviewPlanId: string;
  customRequisitionId: string;
  hiringTeam: HiringTeamMember[];
  createdAt: string;
  updatedAt: string;
  openedAt: string | null;
  closedAt: string | null;
}

export interface CandidateTagRow extends Row {
  title: string;
  isArchived: boolean;
}

export interface CandidateRow extends Row {
  name: string;
  email: string | null;
  phone: string | null;
  linkedInUrl: string | null;
  position: string | null;
  company: string | null;
  school: string | null;
  tagIds: string[];
  sourceId: string | null;
  creditedToUserId: string | null;
  timezone: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface StageVisit {
  id: string;
  stageId: string;
  enteredStageAt: string;
  leftStageAt: string | null;
}

export interface ApplicationRow extends Row {
  candidateId: string;
  jobId: string;
  interviewPlanId: string;
  currentInterviewStageId: string;
  status: ApplicationStatus;
  sourceId: string | null;
  archiveReasonId: string | null;
  archivedAt: string | null;
  creditedToUserId: string | null;
  history: StageVisit[];
  createdAt: string;
  updatedAt: string;
}

export interface NoteRow extends Row {
  candidateId: string;
  authorId: string;
  /** As stored: plain text, or HTML reduced to the allowed tags. */
  content: string;
  createdAt: string;
}

export type FeedbackFieldType = 'Score' | 'RichText' | 'ValueSelect' | 'Boolean';

export interface FeedbackFormRow extends Row {
  title: string;
  fields: { id: string; path: string; title: string; type: FeedbackFieldType; isRequired: boolean; selectableValues?: string[] }[];
}

export interface FeedbackRow extends Row {
  applicationId: string;
  formId: string;
  submittedByUserId: string;
  interviewId: string | null;
  applicationHistoryId: string | null;
  submittedValues: Record<string, unknown>;
  submittedAt: string;
}

/** Records the tests and workflows refer to; their ids are the same for every seed. */
export interface AshbyPlanted {
  /** The user the default API keys belong to: notes written through the API are theirs. */
  apiKeyUserId: string;
  /** Maya Lindqvist, in the Technical Interview of Senior Backend Engineer; next stage Onsite. */
  maya: {
    candidateId: string;
    email: string;
    applicationId: string;
    jobId: string;
    interviewPlanId: string;
    currentStageId: string;
    nextStageId: string;
    noteIds: string[];
  };
  /** The confidential VP of Engineering job and its applications; every candidate who applied only to confidential jobs. */
  confidential: { jobId: string; applicationIds: string[]; candidateIds: string[] };
  /** A stage of another interview plan than Maya's (moving her there is invalid input). */
  foreignStageId: string;
  /** The Archived stage of Maya's plan and a reason to archive with. */
  archivedStageId: string;
  archiveReasonId: string;
}

export function createTables(uuid: () => string) {
  return {
    users: new Table<UserRow, string>(uuid),
    departments: new Table<DepartmentRow, string>(uuid),
    locations: new Table<LocationRow, string>(uuid),
    sources: new Table<SourceRow, string>(uuid),
    archiveReasons: new Table<ArchiveReasonRow, string>(uuid),
    interviewPlans: new Table<InterviewPlanRow, string>(uuid),
    interviewStages: new Table<InterviewStageRow, string>(uuid),
    interviews: new Table<InterviewRow, string>(uuid),
    feedbackForms: new Table<FeedbackFormRow, string>(uuid),
    tags: new Table<CandidateTagRow, string>(uuid),
    jobs: new Table<JobRow, string>(uuid),
    candidates: new Table<CandidateRow, string>(uuid),
    applications: new Table<ApplicationRow, string>(uuid),
    notes: new Table<NoteRow, string>(uuid),
    feedback: new Table<FeedbackRow, string>(uuid),
  };
}

export type AshbyTables = ReturnType<typeof createTables>;

export interface AshbyState extends AshbyTables {
  organization: { name: string; domain: string };
  planted: AshbyPlanted;
}

/** The status an application has while in a stage of this type. */
export function statusForStage(type: InterviewStageType): ApplicationStatus {
  return type === 'Lead' ? 'Lead' : type === 'Hired' ? 'Hired' : type === 'Archived' ? 'Archived' : 'Active';
}
