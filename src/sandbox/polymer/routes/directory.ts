import { Hono } from 'hono';
import { raise } from '../../shared/http.ts';
import { notFound, paginate, unprocessable } from '../http.ts';
import { JOB_STATUSES } from '../state.ts';
import type { JobRow } from '../state.ts';
import { idParam, route } from './routing.ts';
import type { RouteContext } from './routing.ts';

const JOB_STATUS_FILTERS = [...JOB_STATUSES, 'public'] as const;

/** Organization, its users, jobs with their hiring stages, and candidates (all read-only). */
export function directoryRoutes({ state, serialize }: RouteContext): Hono {
  const app = new Hono();
  const findJob = (id: number): JobRow => state.jobs.get(id) ?? raise(notFound('Job', id));

  route(app, '/organization', { GET: (c) => c.json(state.organization) });
  for (const status of ['active', 'deactivated'] as const) {
    route(app, `/organization_users/${status}`, {
      GET: (c) => {
        const users = state.organizationUsers.where((user) => (user.deactivated_at === null) === (status === 'active'));
        return c.json(paginate(c, users, serialize.organizationUser));
      },
    });
  }
  route(app, '/organization_users/:id{[0-9]+}', {
    GET: (c) => {
      const id = idParam(c.req.param('id'));
      const user = state.organizationUsers.get(id) ?? raise(notFound('Organization user', id));
      return c.json(serialize.organizationUser(user));
    },
  });

  route(app, '/jobs', {
    GET: (c) => {
      const status = c.req.query('status');
      if (status !== undefined && !(JOB_STATUS_FILTERS as readonly string[]).includes(status)) {
        throw unprocessable(`status must be one of ${JOB_STATUS_FILTERS.join(', ')}`);
      }
      const jobs = state.jobs.where((job) =>
        status === undefined ? true : status === 'public' ? job.status === 'published' && job.is_public : job.status === status);
      return c.json(paginate(c, jobs, serialize.job));
    },
  });
  route(app, '/jobs/:job_id{[0-9]+}', { GET: (c) => c.json(serialize.job(findJob(idParam(c.req.param('job_id'))))) });
  route(app, '/jobs/:job_id{[0-9]+}/hiring_stages', {
    GET: (c) => {
      const job = findJob(idParam(c.req.param('job_id')));
      const stages = state.hiringStages.where((stage) => stage.job_id === job.id).sort((a, b) => a.position - b.position);
      return c.json(paginate(c, stages, serialize.hiringStage));
    },
  });

  route(app, '/candidates', {
    GET: (c) => {
      const email = c.req.query('email')?.trim().toLowerCase();
      const candidates = email ? state.candidates.where((candidate) => candidate.email.toLowerCase() === email) : state.candidates.all();
      return c.json(paginate(c, candidates, serialize.candidate));
    },
  });
  route(app, '/candidates/:id{[0-9]+}', {
    GET: (c) => {
      const id = idParam(c.req.param('id'));
      return c.json(serialize.candidate(state.candidates.get(id) ?? raise(notFound('Candidate', id))));
    },
  });
  return app;
}
