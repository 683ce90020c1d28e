// Row types of the Workable sandbox, in the shapes of Workable's SPI v3 (workable.readme.io and its OpenAPI 3.8):
// short hexadecimal string ids that grow with creation time (since_id/max_id compare them), snake_case attributes,
// and a candidate record per job: a person who applied to two jobs is two candidates with the same email.
import { Table } from '../shared/table.ts';

export const MEMBER_ROLES = ['admin', 'simple', 'reviewer', 'recruiter'] as const;
export const JOB_STATES = ['draft', 'published', 'closed', 'archived'] as const;

export interface MemberRow {
  id: string;
  name: string;
  headline: string;
  email: string;
  role: (typeof MEMBER_ROLES)[number];
}

export interface StageRow {
  slug: string;
  name: string;
  kind: string;
  position: number;
}

export interface JobRow {
  id: string;
  title: string;
  full_title: string;
  shortcode: string;
  code: string;
  state: (typeof JOB_STATES)[number];
  department: string;
  url: string;
  application_url: string;
  shortlink: string;
  location: { location_str: string; country: string; city: string; telecommuting: boolean };
  created_at: string;
  updated_at: string;
  /** The job's pipeline (GET /jobs/:shortcode/stages); not part of the job record. */
  stages: StageRow[];
}

export interface CandidateRow {
  id: string;
  name: string;
  firstname: string;
  lastname: string;
  headline: string;
  job: { shortcode: string; title: string };
  /** The stage's name, as Workable's examples show it; stage_kind is its kind. */
  stage: string;
  stage_kind: string;
  disqualified: boolean;
  disqualified_at: string | null;
  disqualification_reason: string | null;
  sourced: boolean;
  email: string;
  phone: string;
  address: string;
  domain: string | null;
  tags: string[];
  created_at: string;
  updated_at: string;
  hired_at: string | null;
}

/** An entry of a candidate's timeline; `id` only orders and pages the stream (Workable shows none). */
export interface ActivityRow {
  id: string;
  candidate_id: string;
  action: string;
  stage_name: string | null;
  created_at: string;
  member: { id: string; name: string } | null;
  body: string | null;
  /** Who may read a comment (member roles), when the comment said. */
  policy?: string[];
}

export interface WorkablePlanted {
  /** The account's admin: the member the sandbox accounts act as. */
  memberId: string;
  /** Amara Okafor's candidate record on Senior Backend Engineer, in Phone Screen; the next stage is Assessment. */
  amara: { candidateId: string; email: string; shortcode: string; stage: string; nextStageSlug: string; commentBodies: string[] };
  /** A disqualified candidate: it cannot be moved. */
  disqualifiedCandidateId: string;
}

/** Hexadecimal ids that grow by a random step, as Workable's do. */
export function hexIds(start: number, step: () => number): () => string {
  let next = start;
  return () => (next += step()).toString(16);
}

export function createTables(ids: () => string) {
  return {
    members: new Table<MemberRow, string>(ids),
    jobs: new Table<JobRow, string>(ids),
    candidates: new Table<CandidateRow, string>(ids),
    activities: new Table<ActivityRow, string>(ids),
  };
}

export type WorkableTables = ReturnType<typeof createTables>;

export interface WorkableState extends WorkableTables {
  account: { subdomain: string; name: string };
  /** The account-wide pipeline (GET /stages). */
  stages: StageRow[];
  planted: WorkablePlanted;
}
