import type { RouteTable, SandboxRequest } from '../../shared/api.ts';
import { raise } from '../../shared/http.ts';
import { notFound, paginate, unprocessable } from '../http.ts';
import { JOB_STATUSES } from '../state.ts';
import type { JobRow } from '../state.ts';
import type { RouteContext } from './context.ts';

const JOB_STATUS_FILTERS = [...JOB_STATUSES, 'public'] as const;

/** Organization, its users, jobs with their hiring stages, and candidates (all read-only). */
export function directoryRoutes({ state, serialize }: RouteContext): RouteTable {
  const findJob = (id: number): JobRow => state.jobs.get(id) ?? raise(notFound('Job', id));
  const usersWhoAre = (status: 'active' | 'deactivated') => (request: SandboxRequest) => {
    const users = state.organizationUsers.where((user) => (user.deactivated_at === null) === (status === 'active'));
    return { body: paginate(request, users, serialize.organizationUser) };
  };

  return {
    'GET /organization': () => ({ body: state.organization }),
    'GET /organization_users/active': usersWhoAre('active'),
    'GET /organization_users/deactivated': usersWhoAre('deactivated'),
    'GET /organization_users/:id{[0-9]+}': (request) => {
      const user = state.organizationUsers.get(request.id()) ?? raise(notFound('Organization user', request.id()));
      return { body: serialize.organizationUser(user) };
    },

    'GET /jobs': (request) => {
      const status = request.query('status');
      if (status !== undefined && !(JOB_STATUS_FILTERS as readonly string[]).includes(status)) {
        throw unprocessable(`status must be one of ${JOB_STATUS_FILTERS.join(', ')}`);
      }
      const jobs = state.jobs.where((job) =>
        status === undefined ? true : status === 'public' ? job.status === 'published' && job.is_public : job.status === status);
      return { body: paginate(request, jobs, serialize.job) };
    },
    'GET /jobs/:job_id{[0-9]+}': (request) => ({ body: serialize.job(findJob(request.id('job_id'))) }),
    'GET /jobs/:job_id{[0-9]+}/hiring_stages': (request) => {
      const job = findJob(request.id('job_id'));
      const stages = state.hiringStages.where((stage) => stage.job_id === job.id).sort((a, b) => a.position - b.position);
      return { body: paginate(request, stages, serialize.hiringStage) };
    },

    'GET /candidates': (request) => {
      const email = request.query('email')?.trim().toLowerCase();
      const candidates = email ? state.candidates.where((candidate) => candidate.email.toLowerCase() === email) : state.candidates.all();
      return { body: paginate(request, candidates, serialize.candidate) };
    },
    'GET /candidates/:id{[0-9]+}': (request) => ({
      body: serialize.candidate(state.candidates.get(request.id()) ?? raise(notFound('Candidate', request.id()))),
    }),
  };
}
