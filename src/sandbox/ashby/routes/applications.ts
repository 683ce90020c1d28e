import type { RouteTable } from '../../shared/api.ts';
import { raise } from '../../shared/http.ts';
import type { EndpointHandler, View } from '../access.ts';
import { cursorPage, failure, input, invalidInput, success } from '../http.ts';
import { APPLICATION_STATUSES, statusForStage, type ApplicationRow } from '../state.ts';
import type { RouteContext } from './context.ts';

/** Applications: list (by job, status, creation time), info, create (consider a candidate), stage changes; feedback. */
export function applicationRoutes({ state, serialize, endpoint }: RouteContext): RouteTable {
  const findApplication = (view: View, id: unknown): ApplicationRow =>
    view.application(id) ?? raise(failure('application_not_found', `No application with id ${String(id)}.`));
  const expansions = (value: unknown, allowed: readonly string[]): string[] => {
    const list = value === undefined ? [] : value;
    if (!Array.isArray(list) || list.some((item) => !allowed.includes(item))) throw invalidInput(`expand must be a list of ${allowed.join(', ')}`);
    return list as string[];
  };
  const since = (value: unknown) => (value === undefined ? undefined : new Date(value as number).toISOString());

  // Archiving is a move to the plan's Archived stage, with a reason. The move closes the current stage visit.
  const changeStage: EndpointHandler = (body, view) => {
    const values = input(body, { applicationId: { kind: 'uuid', required: true }, interviewStageId: { kind: 'uuid', required: true }, archiveReasonId: { kind: 'uuid' } });
    const application = findApplication(view, values.applicationId);
    const target = state.interviewStages.get(values.interviewStageId as string);
    if (!target || target.interviewPlanId !== application.interviewPlanId) {
      throw invalidInput(`Interview stage ${String(values.interviewStageId)} is not a stage of the application's interview plan (${application.interviewPlanId})`);
    }
    const reason = values.archiveReasonId === undefined ? undefined : state.archiveReasons.get(values.archiveReasonId as string);
    if (target.type === 'Archived' && (reason === undefined || reason.isArchived)) {
      throw invalidInput(values.archiveReasonId === undefined ? 'archiveReasonId is required to move an application to an Archived stage' : `archiveReasonId ${String(values.archiveReasonId)} is not an active archive reason`);
    }
    if (target.id !== application.currentInterviewStageId) {
      const time = new Date().toISOString();
      const status = statusForStage(target.type);
      const history = application.history.map((visit) => (visit.leftStageAt === null ? { ...visit, leftStageAt: time } : visit));
      history.push({ id: crypto.randomUUID(), stageId: target.id, enteredStageAt: time, leftStageAt: null });
      state.applications.update(application, {
        currentInterviewStageId: target.id,
        status,
        archiveReasonId: status === 'Archived' ? reason!.id : null,
        archivedAt: status === 'Archived' ? time : null,
        history,
        updatedAt: time,
      });
    }
    return success(serialize.application(application));
  };

  return {
    'POST /application.list': endpoint('candidatesRead', (body, view) => {
      const values = input(body, { createdAfter: { kind: 'integer' }, status: { kind: 'string', oneOf: APPLICATION_STATUSES }, jobId: { kind: 'uuid' } });
      const expand = expansions(body.expand, ['openings']);
      const after = since(values.createdAfter);
      const applications = view.applications()
        .filter((row) => (values.jobId === undefined || row.jobId === values.jobId) && (values.status === undefined || row.status === values.status) && (after === undefined || row.createdAt > after))
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      return cursorPage('application.list', body, applications, (row) => serialize.application(row, expand), (row) => row.updatedAt);
    }),

    'POST /application.info': endpoint('candidatesRead', (body, view) => {
      const { applicationId } = input(body, { applicationId: { kind: 'uuid', required: true } });
      return success(serialize.application(findApplication(view, applicationId), expansions(body.expand, ['openings', 'applicationFormSubmissions'])));
    }),

    // Considers a candidate for an open job, in the given stage or the plan's first Lead stage.
    'POST /application.create': endpoint('candidatesWrite', (body, view) => {
      const values = input(body, {
        candidateId: { kind: 'uuid', required: true }, jobId: { kind: 'uuid', required: true }, interviewPlanId: { kind: 'uuid' },
        interviewStageId: { kind: 'string' }, sourceId: { kind: 'uuid' }, creditedToUserId: { kind: 'uuid' },
      });
      const candidate = view.candidate(values.candidateId) ?? raise(failure('candidate_not_found', `No candidate with id ${String(values.candidateId)}.`));
      const job = view.job(values.jobId) ?? raise(failure('requested_job_not_found', `No job with id ${String(values.jobId)}.`));
      if (job.status !== 'Open') throw invalidInput(`Job ${job.id} is ${job.status}; candidates can only be considered for open jobs`);
      const planId = (values.interviewPlanId as string | undefined) ?? job.defaultInterviewPlanId;
      if (planId !== job.defaultInterviewPlanId) throw invalidInput(`interviewPlanId ${planId} is not an interview plan of job ${job.id}`);
      const stages = state.interviewStages.where((row) => row.interviewPlanId === planId).sort((a, b) => a.orderInInterviewPlan - b.orderInInterviewPlan);
      const stage = values.interviewStageId === undefined ? stages.find((row) => row.type === 'Lead') ?? stages[0]
        : values.interviewStageId === 'FirstPreInterviewScreen' ? stages.find((row) => row.type === 'PreInterviewScreen')
          : stages.find((row) => row.id === values.interviewStageId);
      if (!stage || stage.type === 'Archived') throw invalidInput(`interviewStageId ${String(values.interviewStageId)} is not a stage of the job's interview plan`);
      const duplicate = state.applications.find((row) => row.candidateId === candidate.id && row.jobId === job.id);
      if (duplicate) throw invalidInput(`Candidate ${candidate.id} is already considered for job ${job.id} (application ${duplicate.id})`);
      for (const [field, table] of [['sourceId', state.sources], ['creditedToUserId', state.users]] as const) {
        if (values[field] !== undefined && table.get(values[field] as string) === undefined) throw invalidInput(`${field} ${String(values[field])} does not exist`);
      }
      const time = new Date().toISOString();
      const application = state.applications.insert({
        candidateId: candidate.id,
        jobId: job.id,
        interviewPlanId: planId,
        currentInterviewStageId: stage.id,
        status: statusForStage(stage.type),
        sourceId: (values.sourceId as string | undefined) ?? candidate.sourceId,
        archiveReasonId: null,
        archivedAt: null,
        creditedToUserId: (values.creditedToUserId as string | undefined) ?? null,
        history: [{ id: crypto.randomUUID(), stageId: stage.id, enteredStageAt: time, leftStageAt: null }],
        createdAt: time,
        updatedAt: time,
      });
      return success(serialize.application(application));
    }),

    'POST /application.changeStage': endpoint('candidatesWrite', changeStage),
    // The older name, deprecated in favour of application.changeStage, still answers the same.
    'POST /application.change_stage': endpoint('candidatesWrite', changeStage),

    'POST /applicationFeedback.list': endpoint('candidatesRead', (body, view) => {
      const values = input(body, { applicationId: { kind: 'uuid' }, createdAfter: { kind: 'integer' } });
      const application = values.applicationId === undefined ? undefined : findApplication(view, values.applicationId);
      const visible = new Set(view.applications().map((row) => row.id));
      const after = since(values.createdAfter);
      const feedback = state.feedback
        .where((row) => (application ? row.applicationId === application.id : visible.has(row.applicationId)) && (after === undefined || row.submittedAt > after))
        .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
      return cursorPage(application ? `applicationFeedback.list/${application.id}` : 'applicationFeedback.list', body, feedback, serialize.feedback, (row) => row.submittedAt);
    }),
  };
}
