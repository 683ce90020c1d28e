// Values for Lever tool arguments that a schema cannot give: ids of records the sandbox has (Amara Okafor's
// opportunity, its notes, the pipeline's stages), an active user to perform writes as, and note times in the past.
import type { LeverState } from '../../src/sandbox/lever/state.ts';
import { fixtureRules } from './tool-cases.ts';
import type { Fixtures } from './tool-cases.ts';

export function leverFixtures(state: LeverState): Fixtures {
  const { amara, adminUserId } = state.planted;
  return fixtureRules({
    opportunity_id: () => amara.opportunityId,
    'get_single_lever_opportunity_by_id id': () => amara.opportunityId,
    'get_single_lever_note_by_id id': () => amara.noteIds[0],
    'get_single_lever_posting_by_id id': () => amara.postingId,
    'get_single_lever_stage_by_id id': () => amara.nextStageId,
    stage: () => amara.nextStageId,
    stage_id: () => [amara.currentStageId],
    posting_id: () => [amara.postingId],
    contact_id: () => [amara.contactId],
    email: () => amara.email,
    perform_as: () => adminUserId,
    createdAt: () => Date.parse('2026-11-01T09:00:00Z'),
  });
}
