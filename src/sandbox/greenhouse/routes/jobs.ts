import type { RouteTable } from '../../shared/api.ts';
import { booleanFilter, enumFilter, idsFilter, listPage, standardFilters, textFilter, timeFilter } from '../http.ts';
import { JOB_STATUSES } from '../state.ts';
import type { RouteContext } from './context.ts';

/** Jobs and their interview stages (a job's pipeline, in sort_order). */
export function jobRoutes({ state }: RouteContext): RouteTable {
  return {
    'GET /jobs': (request) => listPage(request, {
      resource: 'jobs',
      rows: () => state.jobs.all(),
      filters: {
        ...standardFilters(),
        status: enumFilter(JOB_STATUSES, (row) => row.status),
        confidential: booleanFilter((row) => row.confidential),
        requisition_id: textFilter((row, value) => row.requisition_id === value),
        opened_at: timeFilter((row) => row.opened_at),
        closed_at: timeFilter((row) => row.closed_at),
      },
    }),

    'GET /job_interview_stages': (request) => listPage(request, {
      resource: 'job_interview_stages',
      rows: () => state.jobInterviewStages.all().sort((a, b) => a.job_id - b.job_id || a.sort_order - b.sort_order),
      filters: {
        ...standardFilters(),
        job_ids: idsFilter((row) => row.job_id),
        active: booleanFilter((row) => row.active),
      },
    }),
  };
}
