// Values for Greenhouse tool arguments that a schema cannot give: time filters in Greenhouse's operator syntax, ids
// of records the sandbox has, and for moves an active application with the stage it is in now and a stage (or an
// open job) to move it to. A move changes the sandbox, so every move case takes an application not moved before.
import type { GreenhouseState } from '../../src/sandbox/greenhouse/state.ts';
import { fixtureRules } from './tool-cases.ts';
import type { Fixtures } from './tool-cases.ts';

const range = () => 'gte|2020-01-01T00:00:00Z|lte|2030-01-01T00:00:00Z';

export function greenhouseFixtures(state: GreenhouseState): Fixtures {
  const { elena } = state.planted;
  const moved = new Set<number>([elena.applicationId]);
  const application = (within: Record<string, unknown>) => state.applications.get(Number(within.application_id))!;
  const stagesOf = (jobId: number) => state.jobInterviewStages.where((stage) => stage.job_id === jobId).sort((a, b) => a.sort_order - b.sort_order);
  return fixtureRules({
    created_at: range,
    updated_at: range,
    last_activity_at: range,
    opened_at: range,
    closed_at: range,
    interviewed_at: range,
    submitted_at: range,
    'create_a_greenhouse_application_stage_move application_id': () => {
      const next = state.applications.find((row) => row.status === 'active' && !moved.has(row.id))!;
      moved.add(next.id);
      return String(next.id);
    },
    from_stage_id: (within) => application(within).job_interview_stage_id,
    to_stage_id: (within) => stagesOf(application(within).job_id).find((stage) => stage.id !== application(within).job_interview_stage_id)!.id,
    to_job_id: (within) => state.jobs.find((job) => job.status === 'open' && job.id !== application(within).job_id)!.id,
    email_from_user_id: () => state.planted.actingUserId,
    'create_a_greenhouse_note application_id': () => elena.applicationId,
    'create_a_greenhouse_note candidate_id': () => elena.candidateId,
    candidate_ids: () => [elena.candidateId],
    application_ids: () => [elena.applicationId],
    job_ids: () => [elena.jobId],
    ids: () => [elena.candidateId, elena.applicationId, elena.jobId],
  }, [['to_stage_id', 'to_job_id'], ['application_id', 'candidate_id']]);
}
