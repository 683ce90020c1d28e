// What one API key may do and see. Each endpoint needs one permission (a key without it gets HTTP 403
// missing_endpoint_permission); confidential jobs, their applications and candidates who applied to nothing else
// are invisible (not an error) unless the key has the confidential opt-in.
import type { Handler, SandboxRequest } from '../shared/api.ts';
import { HttpProblem } from '../shared/http.ts';
import type { ApplicationRow, AshbyState, CandidateRow, JobRow } from './state.ts';

export const PERMISSIONS = [
  'candidatesRead', 'candidatesWrite', 'jobsRead', 'interviewsRead', 'hiringProcessMetadataRead', 'organizationRead', 'apiKeysRead',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export interface KeyAccess {
  /** Permissions granted to the key; all of them when omitted. */
  permissions?: readonly Permission[];
  /** "Allow access to confidential jobs and projects?"; off when omitted. */
  confidential?: boolean;
}

/** What the key of one request sees. */
export interface View {
  job(id: unknown): JobRow | undefined;
  jobs(): JobRow[];
  application(id: unknown): ApplicationRow | undefined;
  applications(): ApplicationRow[];
  candidate(id: unknown): CandidateRow | undefined;
  candidates(): CandidateRow[];
  /** The visible applications of a candidate, oldest first. */
  applicationsOf(candidateId: string): ApplicationRow[];
}

export type EndpointHandler = (body: Record<string, unknown>, view: View, request: SandboxRequest) => ReturnType<Handler>;

/** Turns an endpoint into a handler that checks the key's permission, reads the JSON body and builds its view. */
export function endpointGuard(state: AshbyState, access: (key: string) => Required<KeyAccess>) {
  return (permission: Permission, handler: EndpointHandler): Handler => async (request) => {
    const { permissions, confidential } = access(request.key);
    if (!permissions.includes(permission)) {
      throw new HttpProblem(403, `The API key lacks the ${permission} permission this endpoint needs.`, {}, { code: 'missing_endpoint_permission' });
    }
    return handler(await request.object(), viewOf(state, confidential), request);
  };
}

function viewOf(state: AshbyState, confidential: boolean): View {
  const jobVisible = (job: JobRow | undefined) => job !== undefined && (confidential || !job.confidential);
  const applicationVisible = (application: ApplicationRow | undefined) => application !== undefined && jobVisible(state.jobs.get(application.jobId));
  const candidateVisible = (candidate: CandidateRow | undefined) => {
    if (candidate === undefined) return false;
    const applications = state.applications.where((application) => application.candidateId === candidate.id);
    return applications.length === 0 || applications.some(applicationVisible);
  };
  const byId = <Row>(table: { get(id: string): Row | undefined }, visible: (row: Row | undefined) => boolean) => (id: unknown) => {
    const row = typeof id === 'string' ? table.get(id.toLowerCase()) : undefined;
    return visible(row) ? row : undefined;
  };
  return {
    job: byId(state.jobs, jobVisible),
    jobs: () => state.jobs.where(jobVisible),
    application: byId(state.applications, applicationVisible),
    applications: () => state.applications.where(applicationVisible),
    candidate: byId(state.candidates, candidateVisible),
    candidates: () => {
      const visibleCandidates = new Set(state.applications.where(applicationVisible).map((application) => application.candidateId));
      const applied = new Set(state.applications.all().map((application) => application.candidateId));
      return state.candidates.where((candidate) => visibleCandidates.has(candidate.id) || !applied.has(candidate.id));
    },
    applicationsOf: (candidateId) => state.applications.where((application) => application.candidateId === candidateId && applicationVisible(application)),
  };
}
