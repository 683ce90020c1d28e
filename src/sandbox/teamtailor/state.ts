// Row types of the Teamtailor sandbox. Teamtailor's API is JSON:API (docs.teamtailor.com): numeric string ids,
// dasherized attributes (first-name, created-at) and relationships between candidates, jobs, their stages, job
// applications and notes. Rows keep camelCase fields and the ids of related rows; document.ts renders them.
import { Table } from '../shared/table.ts';

export const JOB_STATUSES = ['open', 'draft', 'archived', 'unlisted'] as const;
export const STAGE_TYPES = ['inbox', 'in_process', 'hired'] as const;
export const USER_ROLES = ['admin', 'recruiter', 'hiring_manager', 'user'] as const;

type Timestamps = { createdAt: string; updatedAt: string };

export interface UserRow extends Timestamps {
  id: number;
  name: string;
  email: string;
  title: string;
  role: (typeof USER_ROLES)[number];
}

export interface JobRow extends Timestamps {
  id: number;
  title: string;
  status: (typeof JOB_STATUSES)[number];
  remote: boolean;
}

export interface StageRow extends Timestamps {
  id: number;
  jobId: number;
  name: string;
  stageType: (typeof STAGE_TYPES)[number];
  rowOrder: number;
}

export interface CandidateRow extends Timestamps {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  linkedinUrl: string;
  pitch: string;
  sourced: boolean;
  tags: string[];
}

export interface JobApplicationRow extends Timestamps {
  id: number;
  candidateId: number;
  jobId: number;
  stageId: number;
  changedStageAt: string;
  rejectedAt: string | null;
  sourced: boolean;
}

export interface NoteRow extends Timestamps {
  id: number;
  candidateId: number;
  /** The author; null for a note written with an API key that named no user. */
  userId: number | null;
  note: string;
}

export interface TeamtailorPlanted {
  /** The admin the sandbox accounts' notes name as their author. */
  userId: number;
  /** Lukas Brandt, applied to Senior Backend Engineer, in Screening; the next stage is Technical Interview. */
  lukas: { candidateId: number; email: string; applicationId: number; jobId: number; stageId: number; nextStageId: number; noteIds: number[] };
  /** A stage of another job (moving Lukas's application there is invalid). */
  foreignStageId: number;
}

export function createTables() {
  return {
    users: new Table<UserRow>(1),
    jobs: new Table<JobRow>(200),
    stages: new Table<StageRow>(3000),
    candidates: new Table<CandidateRow>(10_000),
    jobApplications: new Table<JobApplicationRow>(20_000),
    notes: new Table<NoteRow>(40_000),
  };
}

export type TeamtailorTables = ReturnType<typeof createTables>;

export interface TeamtailorState extends TeamtailorTables {
  company: { name: string };
  planted: TeamtailorPlanted;
}
