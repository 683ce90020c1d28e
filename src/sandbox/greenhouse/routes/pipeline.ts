import type { RouteTable } from '../../shared/api.ts';
import { raise } from '../../shared/http.ts';
import { booleanFilter, enumFilter, idsFilter, invalid, listPage, notFound, readBody, standardFilters, timeFilter } from '../http.ts';
import { APPLICATION_STATUSES, SCORECARD_STATUSES, type ApplicationRow, type JobInterviewStageRow } from '../state.ts';
import type { RouteContext } from './context.ts';

/** Applications, their moves between stages, their stage history, and the scorecards of their interviews. */
export function pipelineRoutes({ state }: RouteContext): RouteTable {
  const stagesOf = (jobId: number) => state.jobInterviewStages.where((row) => row.job_id === jobId && row.active).sort((a, b) => a.sort_order - b.sort_order);

  // The stage a move asks for: to_stage_id of the application's job (or of to_job_id's), the first stage of
  // to_job_id, or with neither the stage after the current one.
  const targetOf = (application: ApplicationRow, values: Record<string, unknown>): JobInterviewStageRow => {
    const toJob = values.to_job_id == null ? undefined : state.jobs.get(values.to_job_id as number) ?? raise(invalid('to_job_id', `Job ${String(values.to_job_id)} does not exist`));
    if (toJob && toJob.status !== 'open') throw invalid('to_job_id', `Job ${toJob.id} is ${toJob.status}; applications can only be transferred to open jobs`);
    const stages = stagesOf(toJob?.id ?? application.job_id);
    if (values.to_stage_id != null) {
      return stages.find((row) => row.id === values.to_stage_id)
        ?? raise(invalid('to_stage_id', `Stage ${String(values.to_stage_id)} is not an active stage of job ${toJob?.id ?? application.job_id}`));
    }
    if (toJob) return stages[0] ?? raise(invalid('to_job_id', `Job ${toJob.id} has no stages`));
    const current = stages.findIndex((row) => row.id === application.job_interview_stage_id);
    return stages[current + 1] ?? raise(invalid('to_stage_id', 'The application is in the last stage of its job: name to_stage_id'));
  };

  return {
    'GET /applications': (request) => listPage(request, {
      resource: 'applications',
      rows: () => state.applications.all(),
      filters: {
        ...standardFilters(),
        candidate_ids: idsFilter((row) => row.candidate_id),
        job_ids: idsFilter((row) => row.job_id),
        stage_ids: idsFilter((row) => row.job_interview_stage_id),
        source_ids: idsFilter((row) => row.source_id),
        referrer_ids: idsFilter((row) => row.referrer_id),
        status: enumFilter(APPLICATION_STATUSES, (row) => row.status),
        prospect: booleanFilter((row) => row.prospect),
        last_activity_at: timeFilter((row) => row.last_activity_at),
      },
    }),

    'GET /application_stages': (request) => listPage(request, {
      resource: 'application_stages',
      rows: () => state.applicationStages.all(),
      filters: {
        ...standardFilters(),
        application_ids: idsFilter((row) => row.application_id),
        job_interview_stage_ids: idsFilter((row) => row.job_interview_stage_id),
        current: booleanFilter((row) => row.current),
      },
    }),

    // from_stage_id guards against stale moves: it must be the stage the application is in now.
    'POST /applications/:id{[0-9]+}/move': async (request) => {
      const application = state.applications.get(request.id()) ?? raise(notFound('Application', request.id()));
      const values = await readBody(request, {
        from_stage_id: { kind: 'id', required: true }, to_stage_id: { kind: 'id' }, to_job_id: { kind: 'id' }, email_from_user_id: { kind: 'id' },
      });
      if (application.status !== 'active') throw invalid('from_stage_id', `Application ${application.id} is ${application.status}; only active applications move between stages`);
      if (values.from_stage_id !== application.job_interview_stage_id) {
        throw invalid('from_stage_id', `The application is not in stage ${String(values.from_stage_id)}; it is in stage ${application.job_interview_stage_id}`);
      }
      if (values.email_from_user_id != null && !state.users.find((user) => user.id === values.email_from_user_id && !user.deactivated)) {
        throw invalid('email_from_user_id', `User ${String(values.email_from_user_id)} is not an active user`);
      }
      const target = targetOf(application, values);
      if (target.id === application.job_interview_stage_id) throw invalid('to_stage_id', `The application is already in stage ${target.id}`);
      const time = new Date().toISOString();
      for (const visit of state.applicationStages.where((row) => row.application_id === application.id && row.current)) {
        state.applicationStages.update(visit, { current: false, updated_at: time });
      }
      state.applicationStages.insert({ application_id: application.id, job_interview_stage_id: target.id, entered_at: time, current: true, created_at: time, updated_at: time });
      state.applications.update(application, { job_id: target.job_id, job_interview_stage_id: target.id, current_stage_at: time, last_activity_at: time, updated_at: time });
      state.candidates.update(state.candidates.get(application.candidate_id)!, { last_activity_at: time });
      return { status: 204 };
    },

    'GET /scorecards': (request) => listPage(request, {
      resource: 'scorecards',
      rows: () => state.scorecards.all(),
      filters: {
        ...standardFilters(),
        application_ids: idsFilter((row) => row.application_id),
        interviewer_ids: idsFilter((row) => row.interviewer_id),
        submitter_ids: idsFilter((row) => row.submitter_id),
        status: enumFilter(SCORECARD_STATUSES, (row) => row.status),
        interviewed_at: timeFilter((row) => row.interviewed_at),
        submitted_at: timeFilter((row) => row.submitted_at),
      },
    }),
  };
}
