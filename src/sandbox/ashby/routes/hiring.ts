import type { RouteTable } from '../../shared/api.ts';
import { raise } from '../../shared/http.ts';
import type { View } from '../access.ts';
import { cursorPage, failure, input, invalidInput, legacyFailure, success } from '../http.ts';
import { JOB_STATUSES, type JobRow } from '../state.ts';
import type { RouteContext } from './context.ts';

const JOB_EXPANSIONS = ['location', 'openings'];

/** Jobs and their interview plans and stages, archive reasons, and the organization's users. */
export function hiringRoutes({ state, serialize, endpoint }: RouteContext): RouteTable {
  const listOf = (value: unknown, field: string, allowed: readonly string[]): string[] | undefined => {
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.some((item) => !allowed.includes(item))) throw invalidInput(`${field} must be a list of ${allowed.join(', ')}`);
    return value as string[];
  };
  const findJob = (view: View, id: unknown): JobRow => view.job(id) ?? raise(failure('requested_job_not_found', `No job with id ${String(id)}.`));
  const moment = (value: unknown) => (value === undefined ? undefined : new Date(value as number).toISOString());
  const stagesOfPlan = (planId: string) => state.interviewStages.where((row) => row.interviewPlanId === planId).sort((a, b) => a.orderInInterviewPlan - b.orderInInterviewPlan);

  return {
    // Drafts are listed only when status names Draft; times are epoch milliseconds.
    'POST /job.list': endpoint('jobsRead', (body, view) => {
      const range = input(body, { openedAfter: { kind: 'integer' }, openedBefore: { kind: 'integer' }, closedAfter: { kind: 'integer' }, closedBefore: { kind: 'integer' } });
      const statuses = listOf(body.status, 'status', JOB_STATUSES) ?? ['Open', 'Closed', 'Archived'];
      const expand = listOf(body.expand, 'expand', JOB_EXPANSIONS) ?? [];
      const [openedAfter, openedBefore, closedAfter, closedBefore] = [range.openedAfter, range.openedBefore, range.closedAfter, range.closedBefore].map(moment);
      const within = (time: string | null, after: string | undefined, before: string | undefined) =>
        (after === undefined || (time !== null && time > after)) && (before === undefined || (time !== null && time < before));
      const jobs = view.jobs().filter((job) =>
        statuses.includes(job.status) && within(job.openedAt, openedAfter, openedBefore) && within(job.closedAt, closedAfter, closedBefore));
      return cursorPage('job.list', body, jobs, (job) => serialize.job(job, expand), (job) => job.updatedAt);
    }),

    // An unknown (or invisible) job is answered in the older error form, {success: false, errors: [...]}.
    'POST /job.info': endpoint('jobsRead', (body, view) => {
      const { id } = input(body, { id: { kind: 'uuid', required: true } });
      const job = view.job(id) ?? raise(legacyFailure('requested_job_not_found', `No job with id ${String(id)}.`));
      return success(serialize.job(job, listOf(body.expand, 'expand', JOB_EXPANSIONS)));
    }),

    'POST /job.search': endpoint('jobsRead', (body, view) => {
      const { title } = input(body, { title: { kind: 'string', required: true } });
      const wanted = String(title).trim().toLowerCase();
      return success(view.jobs().filter((job) => job.title.toLowerCase().includes(wanted)).map((job) => serialize.job(job)));
    }),

    'POST /jobInterviewPlan.info': endpoint('jobsRead', (body, view) => {
      const { jobId } = input(body, { jobId: { kind: 'uuid', required: true } });
      return success(serialize.jobInterviewPlan(findJob(view, jobId)));
    }),

    'POST /interviewPlan.list': endpoint('interviewsRead', (body) => {
      const { includeArchived } = input(body, { includeArchived: { kind: 'boolean' } });
      return success(state.interviewPlans.where((plan) => includeArchived === true || !plan.isArchived).map(serialize.plan), { moreDataAvailable: false });
    }),

    // The stages of one interview plan, in plan order (a job's plan is its defaultInterviewPlanId).
    'POST /interviewStage.list': endpoint('interviewsRead', (body) => {
      const { interviewPlanId } = input(body, { interviewPlanId: { kind: 'uuid', required: true } });
      if (!state.interviewPlans.get(interviewPlanId as string)) throw invalidInput(`interviewPlanId ${String(interviewPlanId)} is not an interview plan`);
      return success(stagesOfPlan(interviewPlanId as string).map(serialize.stage), { moreDataAvailable: false });
    }),

    'POST /interviewStage.info': endpoint('interviewsRead', (body) => {
      const { interviewStageId } = input(body, { interviewStageId: { kind: 'uuid', required: true } });
      const stage = state.interviewStages.get(interviewStageId as string) ?? raise(failure('interview_stage_not_found', `No interview stage with id ${String(interviewStageId)}.`));
      return success(serialize.stage(stage));
    }),

    'POST /archiveReason.list': endpoint('hiringProcessMetadataRead', (body) => {
      const { includeArchived } = input(body, { includeArchived: { kind: 'boolean' } });
      return success(state.archiveReasons.where((reason) => includeArchived === true || !reason.isArchived).map(serialize.archiveReason));
    }),

    'POST /user.list': endpoint('organizationRead', (body) => {
      const { includeDeactivated } = input(body, { includeDeactivated: { kind: 'boolean' } });
      const users = state.users.where((user) => includeDeactivated === true || user.isEnabled);
      return cursorPage('user.list', body, users, serialize.user, (user) => user.updatedAt);
    }),

    'POST /user.info': endpoint('organizationRead', (body) => {
      const { userId } = input(body, { userId: { kind: 'uuid', required: true } });
      return success(serialize.user(state.users.get(userId as string) ?? raise(failure('user_not_found', `No user with id ${String(userId)}.`))));
    }),

    'POST /user.search': endpoint('organizationRead', (body) => {
      const { email } = input(body, { email: { kind: 'string', required: true } });
      const wanted = String(email).trim().toLowerCase();
      return success(state.users.where((user) => user.email.toLowerCase() === wanted).map(serialize.user));
    }),
  };
}
