import type { OAuthServer } from '../shared/oauth.ts';
import { Table } from '../shared/table.ts';

/**
 * Row types of the Greenhouse sandbox, in Harvest v3's shapes: integer ids, snake_case attributes, parent ids on
 * children instead of embedded records, UTC ISO 8601 times with milliseconds ("…T09:00:00.000Z").
 */

export const APPLICATION_STATUSES = ['active', 'rejected', 'hired', 'converted', 'paused', 'completed', 'unvisited'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const JOB_STATUSES = ['open', 'draft', 'closed'] as const;
export const SCORECARD_STATUSES = ['draft', 'complete'] as const;
export const RECOMMENDATIONS = ['definitely_not', 'no', 'yes', 'strong_yes', 'no_decision'] as const;
export const NOTE_VISIBILITIES = ['admin_only', 'private', 'public'] as const;
export const NOTE_TYPES = ['NOTE', 'ACTIVITY', 'EMAIL'] as const;

/** The recruiter the sandbox accounts' tokens act as (their sub), whatever the seed. */
export const ACTING_USER_ID = 4_080_001;

type Row = { id: number; created_at: string; updated_at: string };

export interface UserRow extends Row {
  first_name: string;
  last_name: string;
  primary_email: string;
  employee_id: string | null;
  deactivated: boolean;
}

export interface JobRow extends Row {
  name: string;
  requisition_id: string | null;
  status: (typeof JOB_STATUSES)[number];
  confidential: boolean;
  opened_at: string | null;
  closed_at: string | null;
}

export interface JobInterviewStageRow extends Row {
  job_id: number;
  name: string;
  active: boolean;
  sort_order: number;
}

export interface ContactValue {
  value: string;
  type: 'personal' | 'work' | 'mobile' | 'home' | 'other';
}

export interface CandidateRow extends Row {
  first_name: string;
  last_name: string;
  company: string | null;
  title: string | null;
  is_private: boolean;
  can_email: boolean;
  email_addresses: ContactValue[];
  phone_numbers: ContactValue[];
  tags: string[];
  last_activity_at: string;
}

export interface ApplicationRow extends Row {
  candidate_id: number;
  job_id: number;
  /** The stage the application is in now. */
  job_interview_stage_id: number;
  status: ApplicationStatus;
  prospect: boolean;
  source_id: number | null;
  referrer_id: number | null;
  applied_at: string;
  current_stage_at: string;
  last_activity_at: string;
}

/** One visit of an application to a stage; the open visit is `current`. */
export interface ApplicationStageRow extends Row {
  application_id: number;
  job_interview_stage_id: number;
  entered_at: string;
  current: boolean;
}

export interface ScorecardRow extends Row {
  application_id: number;
  interviewer_id: number;
  submitter_id: number | null;
  interviewed_at: string;
  submitted_at: string | null;
  status: (typeof SCORECARD_STATUSES)[number];
  overall_recommendation: (typeof RECOMMENDATIONS)[number] | null;
}

export interface NoteRow extends Row {
  /** The note's anchor: an application, or the candidate alone. */
  application_id: number | null;
  candidate_id: number;
  /** The author: the token's user. */
  user_id: number;
  body: string;
  visibility: (typeof NOTE_VISIBILITIES)[number];
  note_type: (typeof NOTE_TYPES)[number];
}

/** Records the tests and workflows refer to; their ids are the same for every seed. */
export interface GreenhousePlanted {
  /** The user whose id the sandbox accounts send as `sub`: tokens act as them, notes are theirs. */
  actingUserId: number;
  /** The user tokens act as when the token request names none (the credential's service user). */
  serviceUserId: number;
  /** A deactivated user: a token cannot act as them. */
  deactivatedUserId: number;
  /** Elena Marchetti, in the Phone Interview stage of Senior Backend Engineer; the next stage is Face to Face. */
  elena: {
    candidateId: number;
    email: string;
    applicationId: number;
    jobId: number;
    currentStageId: number;
    nextStageId: number;
    noteIds: number[];
    scorecardIds: number[];
  };
  /** A stage of another job (moving Elena there without to_job_id is invalid). */
  foreignStageId: number;
  /** A rejected application: it cannot be moved. */
  rejectedApplicationId: number;
}

export function createTables() {
  return {
    users: new Table<UserRow>(4_080_001),
    jobs: new Table<JobRow>(4_210_001),
    jobInterviewStages: new Table<JobInterviewStageRow>(5_310_001),
    candidates: new Table<CandidateRow>(27_400_001),
    applications: new Table<ApplicationRow>(31_500_001),
    applicationStages: new Table<ApplicationStageRow>(33_600_001),
    scorecards: new Table<ScorecardRow>(35_700_001),
    notes: new Table<NoteRow>(37_800_001),
  };
}

export type GreenhouseTables = ReturnType<typeof createTables>;

export interface GreenhouseState extends GreenhouseTables {
  organization: { name: string; domain: string };
  planted: GreenhousePlanted;
  /** The token endpoint's clients and the access tokens it issued (tests count, expire and revoke them). */
  oauth: OAuthServer;
}
