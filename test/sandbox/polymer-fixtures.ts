// Values for Polymer tool arguments that a schema cannot give: ids of records the sandbox has and unique emails.
import type { PolymerState } from '../../src/sandbox/polymer/state.ts';
import { fixtureRules } from './tool-cases.ts';
import type { Fixtures } from './tool-cases.ts';

export function polymerFixtures(state: PolymerState): Fixtures {
  const { planted } = state;
  let emails = 0;
  const application = planted.jobApplication44321;
  return fixtureRules({
    email: () => `alignment-${(emails += 1)}@example.com`,
    job_id: () => String(application.jobId),
    candidate_id: () => String(planted.candidate98765.candidateId),
    job_application_id: () => String(application.jobApplicationId),
    hiring_stage_id: () => String(planted.job102.executiveInterviewStageId),
    'get_single_polymer_organization_user_by_id id': () => String(planted.apiKeyOwnerUserId),
  });
}
