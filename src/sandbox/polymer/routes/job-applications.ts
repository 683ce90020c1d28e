import type { RouteTable, SandboxRequest } from '../../shared/api.ts';
import type { FieldSpecs } from '../../shared/fields.ts';
import { raise } from '../../shared/http.ts';
import { integerParam, notFound, paginate, readBody, unprocessable } from '../http.ts';
import { applicationConfirmation, stageUpdate } from '../messages.ts';
import { statusForStage } from '../state.ts';
import type { JobApplicationRow, PolymerState } from '../state.ts';
import type { RouteContext } from './context.ts';

const APPLICANT_FIELDS: FieldSpecs = {
  job_id: { kind: 'id', required: true },
  email: { kind: 'email', required: true },
  first_name: { kind: 'string', required: true },
  last_name: { kind: 'string' },
  phone: { kind: 'string' },
};

export const APPLICATION_PATH = '/job_applications/:id{[0-9]+}';

export function findJobApplication(state: PolymerState, request: SandboxRequest): JobApplicationRow {
  return state.jobApplications.get(request.id()) ?? raise(notFound('Job application', request.id()));
}

/** Job applications: list, read, create (apply/import), archive, stage moves and their history, messages. */
export function jobApplicationRoutes({ state, serialize }: RouteContext): RouteTable {
  const ownerId = state.planted.apiKeyOwnerUserId;
  const now = () => new Date().toISOString();

  const createApplication = (source: 'applied' | 'imported') => async (request: SandboxRequest) => {
    const fields = source === 'applied' ? { ...APPLICANT_FIELDS, send_candidate_confirmation_email: { kind: 'boolean' as const } } : APPLICANT_FIELDS;
    const body = await readBody(request, fields);
    const jobId = body.job_id as number;
    const job = state.jobs.get(jobId) ?? raise(unprocessable(`job_id ${jobId} does not match any job`));
    const firstStage = state.hiringStages.where((stage) => stage.job_id === job.id).sort((a, b) => a.position - b.position)[0];
    if (!firstStage) throw unprocessable(`Job ${job.id} has no hiring stages`);
    const email = body.email as string;
    const time = now();
    const candidate =
      state.candidates.find((row) => row.email.toLowerCase() === email.toLowerCase()) ??
      state.candidates.insert({
        first_name: body.first_name as string,
        last_name: (body.last_name as string | null | undefined) ?? '',
        email,
        phone: (body.phone as string | null | undefined) ?? null,
        location: null,
        linkedin_url: null,
        created_at: time,
        updated_at: time,
      });
    const duplicate = state.jobApplications.find((row) => row.candidate_id === candidate.id && row.job_id === job.id);
    if (duplicate) throw unprocessable(`Candidate ${email} already has job application ${duplicate.id} for job ${job.id}`);
    const application = state.jobApplications.insert({
      job_id: job.id,
      candidate_id: candidate.id,
      hiring_stage_id: firstStage.id,
      status: 'active',
      source,
      archived_at: null,
      created_at: time,
      updated_at: time,
    });
    state.hiringStageEvents.insert({ job_application_id: application.id, from_hiring_stage_id: null, to_hiring_stage_id: firstStage.id, moved_by_id: null, created_at: time });
    if (body.send_candidate_confirmation_email === true) {
      state.messages.insert({ job_application_id: application.id, ...applicationConfirmation(job.title, candidate.first_name), created_at: time });
    }
    return { status: 201, body: serialize.jobApplication(application) };
  };

  return {
    'GET /job_applications': (request) => {
      const jobId = integerParam(request, 'job_id');
      const candidateId = integerParam(request, 'candidate_id');
      const applications = state.jobApplications.where(
        (row) => (jobId === undefined || row.job_id === jobId) && (candidateId === undefined || row.candidate_id === candidateId),
      );
      return { body: paginate(request, applications, serialize.jobApplication) };
    },
    'POST /job_applications/apply': createApplication('applied'),
    'POST /job_applications/import': createApplication('imported'),
    [`GET ${APPLICATION_PATH}`]: (request) => ({ body: serialize.jobApplication(findJobApplication(state, request)) }),

    [`POST ${APPLICATION_PATH}/archive`]: (request) => {
      const application = findJobApplication(state, request);
      if (application.status !== 'archived') {
        const time = now();
        state.jobApplications.update(application, { status: 'archived', archived_at: time, updated_at: time });
      }
      return { body: serialize.jobApplication(application) };
    },

    [`POST ${APPLICATION_PATH}/move_stage`]: async (request) => {
      const application = findJobApplication(state, request);
      const body = await readBody(request, { hiring_stage_id: { kind: 'id', required: true }, skip_message_automations: { kind: 'boolean' } });
      const stageId = body.hiring_stage_id as number;
      const stage = state.hiringStages.get(stageId) ?? raise(unprocessable(`Hiring stage ${stageId} not found`));
      if (stage.job_id !== application.job_id) {
        throw unprocessable(`Hiring stage ${stage.id} does not belong to the application's job (job ${application.job_id})`);
      }
      if (application.status === 'archived') throw unprocessable(`Job application ${application.id} is archived and cannot be moved`);
      const time = now();
      state.hiringStageEvents.insert({
        job_application_id: application.id,
        from_hiring_stage_id: application.hiring_stage_id,
        to_hiring_stage_id: stage.id,
        moved_by_id: ownerId,
        created_at: time,
      });
      const status = statusForStage(stage);
      state.jobApplications.update(application, { hiring_stage_id: stage.id, status, archived_at: status === 'archived' ? time : null, updated_at: time });
      if (body.skip_message_automations !== true) {
        const message = stageUpdate(state.jobs.get(application.job_id)?.title ?? 'the role', state.candidates.get(application.candidate_id)?.first_name ?? 'there');
        state.messages.insert({ job_application_id: application.id, ...message, created_at: time });
      }
      return { body: serialize.jobApplication(application) };
    },

    [`GET ${APPLICATION_PATH}/hiring_stage_events`]: (request) => {
      const application = findJobApplication(state, request);
      const events = state.hiringStageEvents.where((event) => event.job_application_id === application.id);
      return { body: paginate(request, events, serialize.hiringStageEvent) };
    },
    [`GET ${APPLICATION_PATH}/messages`]: (request) => {
      const application = findJobApplication(state, request);
      return { body: paginate(request, state.messages.where((message) => message.job_application_id === application.id), serialize.message) };
    },
  };
}
