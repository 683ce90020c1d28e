// Values for Workable tool arguments that a schema cannot give: the planted person's email, job and member, stage
// slugs of the right job, and for moves a candidate that is not disqualified and was not moved before, with a stage of
// its own job other than the one it is in.
import type { WorkableState } from '../../src/sandbox/workable/state.ts';
import { fixtureRules } from './tool-cases.ts';
import type { Fixtures } from './tool-cases.ts';

export function workableFixtures(state: WorkableState): Fixtures {
  const { amara, memberId } = state.planted;
  const moved = new Set<string>([amara.candidateId]);
  const candidate = (within: Record<string, unknown>) => state.candidates.get(String(within.candidate_id))!;
  const time = () => '2020-01-01T00:00:00Z';
  return fixtureRules({
    'create_a_workable_candidate_move candidate_id': () => {
      const next = state.candidates.find((row) => !row.disqualified && !moved.has(row.id))!;
      moved.add(next.id);
      return next.id;
    },
    candidate_id: () => amara.candidateId,
    target_stage: (within) => state.jobs.find((job) => job.shortcode === candidate(within).job.shortcode)!.stages.find((stage) => stage.name !== candidate(within).stage)!.slug,
    member_id: () => memberId,
    email: () => amara.email,
    shortcode: () => amara.shortcode,
    stage: () => 'phone-screen',
    created_after: time,
    updated_after: time,
  });
}
