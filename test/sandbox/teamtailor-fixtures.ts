// Values for Teamtailor tool arguments that a schema cannot give: the planted candidate, job, stage and user, times for
// the created-at and updated-at filters, and for stage changes a stage of the application's own job.
import type { TeamtailorState } from '../../src/sandbox/teamtailor/state.ts';
import { fixtureRules } from './tool-cases.ts';
import type { Fixtures } from './tool-cases.ts';

export function teamtailorFixtures(state: TeamtailorState): Fixtures {
  const { lukas, userId } = state.planted;
  const application = (within: Record<string, unknown>) => state.jobApplications.get(Number(within.id))!;
  const time = () => '2020-01-01T00:00:00Z';
  return fixtureRules({
    'update_a_teamtailor_job_application_by_id id': () => String(lukas.applicationId),
    stage_id: (within) => String(state.stages.find((stage) => stage.jobId === application(within).jobId && stage.id !== application(within).stageId)!.id),
    'rejected-at': time,
    candidate_id: () => String(lukas.candidateId),
    job_id: () => String(lukas.jobId),
    user_id: () => String(userId),
    filter_email: () => lukas.email,
    'filter_created-at_from': time,
    'filter_updated-at_from': time,
    filter_job: () => String(lukas.jobId),
    filter_stage: () => String(lukas.stageId),
    filter_candidate: () => String(lukas.candidateId),
  });
}
