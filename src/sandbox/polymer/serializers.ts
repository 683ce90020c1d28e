import type {
  CandidateRow, HiringStageEventRow, HiringStageRow, JobApplicationRow, JobRow, MessageRow, NoteRow, OrganizationUserRow, PolymerState,
} from './state.ts';

/** JSON shapes of the Polymer API, built from rows. */
export function createSerializers(state: PolymerState) {
  const userSummary = (id: number | null) => {
    const user = id === null ? undefined : state.organizationUsers.get(id);
    return user ? { id: user.id, first_name: user.first_name, last_name: user.last_name, email: user.email } : null;
  };
  const stageSummary = (id: number | null) => {
    const stage = id === null ? undefined : state.hiringStages.get(id);
    return stage ? { id: stage.id, name: stage.name, position: stage.position, stage_type: stage.stage_type } : null;
  };

  return {
    organizationUser: (user: OrganizationUserRow) => ({
      ...user,
      full_name: `${user.first_name} ${user.last_name}`,
      status: user.deactivated_at === null ? 'active' : 'deactivated',
    }),
    job: (job: JobRow) => ({ ...job, hiring_manager: userSummary(job.hiring_manager_id) }),
    hiringStage: (stage: HiringStageRow) => ({ ...stage }),
    candidate: (candidate: CandidateRow) => ({ ...candidate, full_name: `${candidate.first_name} ${candidate.last_name}` }),
    jobApplication: (application: JobApplicationRow) => {
      const job = state.jobs.get(application.job_id);
      const candidate = state.candidates.get(application.candidate_id);
      return {
        ...application,
        job: job ? { id: job.id, title: job.title, status: job.status } : null,
        candidate: candidate ? { id: candidate.id, first_name: candidate.first_name, last_name: candidate.last_name, email: candidate.email } : null,
        hiring_stage: stageSummary(application.hiring_stage_id),
      };
    },
    hiringStageEvent: (event: HiringStageEventRow) => ({
      id: event.id,
      job_application_id: event.job_application_id,
      from_hiring_stage: stageSummary(event.from_hiring_stage_id),
      to_hiring_stage: stageSummary(event.to_hiring_stage_id),
      moved_by: userSummary(event.moved_by_id),
      created_at: event.created_at,
    }),
    message: (message: MessageRow) => ({ ...message }),
    note: <Note extends NoteRow>({ author_id, ...note }: Note) => ({ ...note, author: userSummary(author_id) }),
  };
}

export type Serializers = ReturnType<typeof createSerializers>;
