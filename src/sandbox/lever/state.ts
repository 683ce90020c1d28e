import type { AuthorizationCodeGrant } from '../shared/oauth-authorization-code.ts';
import type { OAuthServer } from '../shared/oauth.ts';
import { Table } from '../shared/table.ts';

/**
 * Row types of the Lever sandbox, in the shapes of hire.lever.co/developer/documentation: UUID ids, camelCase
 * attributes, times as epoch milliseconds, related records as ids. A person is a contact; each of their candidacies
 * is an opportunity with at most one application (to a posting). Stages are the account's one pipeline.
 * `opportunityId` on notes and feedback is where the sandbox files them (Lever reaches them under the opportunity).
 */

export const POSTING_STATES = ['published', 'internal', 'closed', 'draft', 'pending', 'rejected'] as const;
export const ORIGINS = ['agency', 'applied', 'internal', 'referred', 'sourced', 'university'] as const;
export const ACCESS_ROLES = ['super admin', 'admin', 'team member', 'limited team member', 'interviewer'] as const;
export const CONFIDENTIALITY = ['non-confidential', 'confidential'] as const;

export interface UserRow {
  id: string;
  name: string;
  username: string;
  email: string;
  accessRole: (typeof ACCESS_ROLES)[number];
  jobTitle: string | null;
  createdAt: number;
  deactivatedAt: number | null;
}

export interface StageRow {
  id: string;
  text: string;
}

export interface ArchiveReasonRow {
  id: string;
  text: string;
  status: 'active' | 'inactive';
  type: 'hired' | 'non-hired';
}

export interface PostingRow {
  id: string;
  text: string;
  state: (typeof POSTING_STATES)[number];
  confidentiality: (typeof CONFIDENTIALITY)[number];
  categories: { team: string; department: string; location: string; commitment: string; level: string | null; allLocations: string[] };
  tags: string[];
  distributionChannels: string[];
  workplaceType: 'onsite' | 'remote' | 'hybrid' | 'unspecified';
  user: string;
  owner: string;
  hiringManager: string;
  followers: string[];
  content: { description: string; descriptionHtml: string; lists: { text: string; content: string }[]; closing: string; closingHtml: string };
  country: string;
  requisitionCodes: string[];
  createdAt: number;
  updatedAt: number;
  urls: { list: string; show: string; apply: string };
}

export interface StageChange {
  toStageId: string;
  toStageIndex: number;
  userId: string | null;
  updatedAt: number;
}

export interface OpportunityRow {
  id: string;
  name: string;
  headline: string;
  contact: string;
  emails: string[];
  phones: { type: string | null; value: string }[];
  location: string;
  links: string[];
  confidentiality: (typeof CONFIDENTIALITY)[number];
  stage: string;
  stageChanges: StageChange[];
  archived: { archivedAt: number; reason: string } | null;
  tags: string[];
  sources: string[];
  origin: (typeof ORIGINS)[number];
  sourcedBy: string | null;
  owner: string;
  followers: string[];
  applications: string[];
  createdAt: number;
  updatedAt: number;
  lastInteractionAt: number;
  lastAdvancedAt: number;
  snoozedUntil: number | null;
  isAnonymized: boolean;
  dataProtection: null;
  urls: { list: string; show: string };
}

export interface ApplicationRow {
  id: string;
  opportunityId: string;
  /** Deprecated by Lever in favour of opportunityId; still sent. */
  candidateId: string;
  type: 'posting' | 'user' | 'referral';
  posting: string;
  postingOwner: string;
  postingHiringManager: string;
  user: string | null;
  name: string | null;
  email: string | null;
  phone: { type: string | null; value: string } | null;
  company: string | null;
  links: string[] | null;
  comments: string | null;
  customQuestions: unknown[];
  archived: { archivedAt: number; reason: string } | null;
  requisitionForHire: null;
  createdAt: number;
}

export interface NoteComment {
  type: 'note';
  text: 'Comment';
  value: string;
  createdAt: number;
  user: string | null;
  score: number | null;
  stage: string;
}

export interface NoteRow {
  id: string;
  opportunityId: string;
  text: 'Note';
  fields: NoteComment[];
  user: string | null;
  secret: boolean;
  createdAt: number;
  completedAt: number;
  deletedAt: null;
}

export interface FeedbackField {
  id: string;
  type: 'score' | 'textarea';
  text: string;
  description: string;
  required: boolean;
  value: string;
  options?: { text: string }[];
}

export interface FeedbackRow {
  id: string;
  opportunityId: string;
  type: 'interview';
  text: string;
  instructions: string;
  baseTemplateId: string;
  fields: FeedbackField[];
  user: string;
  panel: string;
  interview: string;
  createdAt: number;
  updatedAt: number;
  completedAt: number;
  deletedAt: null;
}

/** Records the tests and workflows refer to; their ids come from the seed. */
export interface LeverPlanted {
  /** The super admin who allows applications at the sandbox's authorization page (OAuth tokens act as them). */
  adminUserId: string;
  /** A deactivated user: writes cannot be performed as them. */
  deactivatedUserId: string;
  /** Amara Okafor: in Phone interview for Senior Backend Engineer (next stage On-site interview), two notes, two feedback forms; an older archived candidacy too. */
  amara: {
    email: string;
    contactId: string;
    opportunityId: string;
    applicationId: string;
    postingId: string;
    currentStageId: string;
    nextStageId: string;
    noteIds: string[];
    feedbackIds: string[];
    archivedOpportunityId: string;
  };
}

export function createTables(uuid: () => string) {
  return {
    users: new Table<UserRow, string>(uuid),
    stages: new Table<StageRow, string>(uuid),
    archiveReasons: new Table<ArchiveReasonRow, string>(uuid),
    postings: new Table<PostingRow, string>(uuid),
    opportunities: new Table<OpportunityRow, string>(uuid),
    applications: new Table<ApplicationRow, string>(uuid),
    notes: new Table<NoteRow, string>(uuid),
    feedback: new Table<FeedbackRow, string>(uuid),
  };
}

export type LeverTables = ReturnType<typeof createTables>;

export interface LeverState extends LeverTables {
  planted: LeverPlanted;
  /** The authorization server: its clients and the access tokens it issued. */
  oauth: OAuthServer;
  /** Its authorization-code grant: the consent page's decisions, codes, and the rotating refresh tokens. */
  authorization: AuthorizationCodeGrant;
}
