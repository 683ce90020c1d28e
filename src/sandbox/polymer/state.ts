import { Table } from '../shared/table.ts';

/** Row types of the Polymer sandbox; ids are numbers, times ISO 8601 (UTC, "Z"). */

export const JOB_STATUSES = ['published', 'draft', 'archived'] as const;
export const STAGE_TYPES = ['applied', 'review', 'interview', 'offer', 'hired', 'rejected'] as const;
export type StageType = (typeof STAGE_TYPES)[number];
export const REVIEW_RATINGS = ['strong_yes', 'weak_yes', 'weak_no', 'strong_no', 'no_rating'] as const;
export type ReviewRating = (typeof REVIEW_RATINGS)[number];

export interface Organization {
  id: number;
  name: string;
  slug: string;
  website: string;
  created_at: string;
}

export interface OrganizationUserRow {
  id: number;
  first_name: string;
  last_name: string;
  email: string;
  role: 'admin' | 'recruiter' | 'hiring_manager' | 'interviewer';
  deactivated_at: string | null;
  created_at: string;
}

export interface JobRow {
  id: number;
  title: string;
  status: (typeof JOB_STATUSES)[number];
  /** Published jobs listed on the public job board (status filter "public"). */
  is_public: boolean;
  department: string;
  location: string;
  workplace_type: 'on_site' | 'hybrid' | 'remote';
  employment_type: 'full_time' | 'part_time' | 'contract';
  description: string;
  hiring_manager_id: number | null;
  published_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface HiringStageRow {
  id: number;
  job_id: number;
  name: string;
  position: number;
  stage_type: StageType;
}

export interface CandidateRow {
  id: number;
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
  location: string | null;
  linkedin_url: string | null;
  created_at: string;
  updated_at: string;
}

export interface JobApplicationRow {
  id: number;
  job_id: number;
  candidate_id: number;
  hiring_stage_id: number;
  status: 'active' | 'hired' | 'archived';
  source: 'applied' | 'imported' | 'sourced' | 'referred';
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface HiringStageEventRow {
  id: number;
  job_application_id: number;
  from_hiring_stage_id: number | null;
  to_hiring_stage_id: number;
  moved_by_id: number | null;
  created_at: string;
}

export interface MessageRow {
  id: number;
  job_application_id: number;
  direction: 'outbound' | 'inbound';
  subject: string;
  body: string;
  created_at: string;
}

/** A comment or a review: sanitized HTML written by an organization user. */
export interface NoteRow {
  id: number;
  job_application_id: number;
  author_id: number;
  body: string;
  created_at: string;
  updated_at: string;
}

export interface ReviewRow extends NoteRow {
  rating: ReviewRating;
}

/** Ids of records the seed workflows refer to. */
export interface PolymerPlanted {
  /** The organization user who owns the API keys: comments/reviews created through the API are theirs. */
  apiKeyOwnerUserId: number;
  janeSmith: { candidateId: number; frontendDeveloperJobId: number; jobApplicationId: number; reviewIds: number[] };
  job102: { jobId: number; executiveInterviewStageId: number; offerPendingStageId: number };
  jobApplication44321: { jobApplicationId: number; jobId: number; reviewIds: number[]; commentIdByAnotherUser: number };
  jobApplication55432: { jobApplicationId: number; jobId: number; currentHiringStageId: number; nextHiringStageId: number; latestReviewId: number };
  candidate98765: { candidateId: number; activeJobApplicationIds: number[] };
}

export interface PolymerState {
  organization: Organization;
  organizationUsers: Table<OrganizationUserRow>;
  jobs: Table<JobRow>;
  hiringStages: Table<HiringStageRow>;
  candidates: Table<CandidateRow>;
  jobApplications: Table<JobApplicationRow>;
  hiringStageEvents: Table<HiringStageEventRow>;
  messages: Table<MessageRow>;
  comments: Table<NoteRow>;
  reviews: Table<ReviewRow>;
  planted: PolymerPlanted;
}

export function createEmptyTables() {
  return {
    organizationUsers: new Table<OrganizationUserRow>(501),
    jobs: new Table<JobRow>(101),
    hiringStages: new Table<HiringStageRow>(1001),
    candidates: new Table<CandidateRow>(98001),
    jobApplications: new Table<JobApplicationRow>(40001),
    hiringStageEvents: new Table<HiringStageEventRow>(70001),
    messages: new Table<MessageRow>(80001),
    comments: new Table<NoteRow>(60001),
    reviews: new Table<ReviewRow>(65001),
  };
}

/** The application status that goes with being in a stage. */
export function statusForStage(stage: HiringStageRow): JobApplicationRow['status'] {
  return stage.stage_type === 'hired' ? 'hired' : stage.stage_type === 'rejected' ? 'archived' : 'active';
}
