// Values for Ashby tool arguments that a schema cannot give: ids of records the sandbox has (stages of the right
// interview plan, a candidate not yet considered for the job), and unique emails.
import type { AshbyState } from '../../src/sandbox/ashby/state.ts';
import { fixtureRules } from './tool-cases.ts';
import type { Fixtures } from './tool-cases.ts';

export function ashbyFixtures(state: AshbyState): Fixtures {
  const { planted } = state;
  let emails = 0;
  const hidden = new Set(planted.confidential.candidateIds);
  const notYetConsidered = () => state.candidates.find((candidate) => !hidden.has(candidate.id) &&
    !state.applications.find((application) => application.candidateId === candidate.id && application.jobId === planted.maya.jobId))?.id;
  return fixtureRules({
    email: () => `alignment-${(emails += 1)}@example.com`,
    'create_a_ashby_application candidateId': notYetConsidered,
    candidateId: () => planted.maya.candidateId,
    candidate_id: () => planted.maya.candidateId,
    applicationId: () => planted.maya.applicationId,
    jobId: () => planted.maya.jobId,
    interviewPlanId: () => planted.maya.interviewPlanId,
    interviewStageId: () => planted.maya.nextStageId,
    archiveReasonId: () => planted.archiveReasonId,
    sourceId: () => state.sources.all()[0]?.id,
    creditedToUserId: () => planted.apiKeyUserId,
    userId: () => planted.apiKeyUserId,
  });
}
