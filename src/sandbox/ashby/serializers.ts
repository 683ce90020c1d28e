import type { View } from './access.ts';
import type {
  ApplicationRow, ArchiveReasonRow, AshbyState, CandidateRow, FeedbackRow, InterviewPlanRow, InterviewStageRow, JobRow, NoteRow, UserRow,
} from './state.ts';

/** JSON shapes of Ashby's records (its OpenAPI's Candidate, Application, Job, InterviewStage, Note, User…), built from rows. */
export function createSerializers(state: AshbyState) {
  const user = (row: UserRow) => ({ ...row });
  const userById = (id: string | null) => {
    const row = id === null ? undefined : state.users.get(id);
    return row ? user(row) : null;
  };
  const source = (id: string | null) => (id === null ? null : state.sources.get(id) ?? null);
  const stage = (row: InterviewStageRow) => ({ ...row });
  const archiveReason = (row: ArchiveReasonRow) => ({ ...row });
  const hiringTeam = (job: JobRow) => job.hiringTeam.flatMap(({ userId, role }) => {
    const member = state.users.get(userId);
    return member ? [{ email: member.email, firstName: member.firstName, lastName: member.lastName, role, userId }] : [];
  });
  const contact = (value: string | null) => (value === null ? undefined : { value, type: 'Personal', isPrimary: true });

  return {
    user,
    stage,
    archiveReason,
    plan: (row: InterviewPlanRow) => ({ ...row }),

    candidate: (row: CandidateRow, view: View) => ({
      id: row.id,
      createdAt: row.createdAt,
      name: row.name,
      primaryEmailAddress: contact(row.email),
      emailAddresses: row.email === null ? [] : [contact(row.email)],
      primaryPhoneNumber: contact(row.phone),
      phoneNumbers: row.phone === null ? [] : [contact(row.phone)],
      socialLinks: row.linkedInUrl === null ? [] : [{ type: 'LinkedIn', url: row.linkedInUrl }],
      tags: row.tagIds.flatMap((id) => state.tags.get(id) ?? []),
      position: row.position,
      company: row.company,
      school: row.school,
      applicationIds: view.applicationsOf(row.id).map((application) => application.id),
      fileHandles: [],
      customFields: [],
      profileUrl: `https://app.ashbyhq.com/candidates/${row.id}`,
      source: source(row.sourceId),
      creditedToUser: userById(row.creditedToUserId),
      timezone: row.timezone,
    }),

    application: (row: ApplicationRow, expand: readonly string[] = []) => {
      const { candidateId, jobId, interviewPlanId: _plan, currentInterviewStageId, sourceId, archiveReasonId, creditedToUserId, history, ...fields } = row;
      const candidate = state.candidates.get(candidateId)!;
      const job = state.jobs.get(jobId)!;
      return {
        ...fields,
        customFields: [],
        candidate: { id: candidate.id, name: candidate.name, primaryEmailAddress: contact(candidate.email), primaryPhoneNumber: contact(candidate.phone) },
        currentInterviewStage: stage(state.interviewStages.get(currentInterviewStageId)!),
        source: source(sourceId),
        archiveReason: archiveReasonId === null ? null : archiveReason(state.archiveReasons.get(archiveReasonId)!),
        job: { id: job.id, title: job.title, locationId: job.locationId, departmentId: job.departmentId },
        creditedToUser: userById(creditedToUserId),
        hiringTeam: hiringTeam(job),
        appliedViaJobPostingId: null,
        applicationHistory: history.map((visit) => ({ ...visit, title: state.interviewStages.get(visit.stageId)?.title ?? '' })),
        ...(expand.includes('openings') ? { openings: [] } : {}),
        ...(expand.includes('applicationFormSubmissions') ? { applicationFormSubmissions: [] } : {}),
      };
    },

    job: (row: JobRow, expand: readonly string[] = []) => {
      const { createdAt: _created, hiringTeam: _team, ...fields } = row;
      const location = state.locations.get(row.locationId)!;
      return {
        ...fields,
        interviewPlanIds: [row.defaultInterviewPlanId],
        customFields: [],
        jobPostingIds: [],
        hiringTeam: hiringTeam(row),
        ...(expand.includes('location')
          ? { location: { id: location.id, name: location.name, isArchived: location.isArchived, isRemote: location.isRemote, address: { postalAddress: { addressCountry: location.country, addressLocality: location.city } } } }
          : {}),
        ...(expand.includes('openings') ? { openings: [] } : {}),
      };
    },

    /** jobInterviewPlan.info: the job's plan with its stages in order, and the interviews of each stage as activities. */
    jobInterviewPlan: (job: JobRow) => ({
      jobId: job.id,
      interviewPlanId: job.defaultInterviewPlanId,
      stages: state.interviewStages.where((row) => row.interviewPlanId === job.defaultInterviewPlanId)
        .sort((a, b) => a.orderInInterviewPlan - b.orderInInterviewPlan)
        .map((row) => ({
          id: row.id,
          title: row.title,
          type: row.type,
          orderInInterviewPlan: row.orderInInterviewPlan,
          activities: state.interviews.where((interview) => interview.interviewStageId === row.id).map((interview) => ({
            id: interview.activityId,
            title: interview.title,
            interviews: [{ id: interview.id, title: interview.title, interviewId: interview.id, interviewDurationMinutes: interview.durationMinutes, isSchedulable: true }],
          })),
        })),
    }),

    note: (row: NoteRow) => {
      const author = state.users.get(row.authorId);
      return {
        id: row.id,
        createdAt: row.createdAt,
        content: row.content,
        author: author ? { id: author.id, firstName: author.firstName, lastName: author.lastName, email: author.email } : null,
      };
    },

    feedback: (row: FeedbackRow) => {
      const form = state.feedbackForms.get(row.formId)!;
      return {
        submittedFormInstance: {
          id: row.id,
          formDefinition: {
            id: form.id,
            title: form.title,
            sections: [{
              fields: form.fields.map(({ isRequired, ...field }) => ({
                isRequired,
                field: { ...field, humanReadablePath: field.title, isNullable: !isRequired, selectableValues: (field.selectableValues ?? []).map((value) => ({ label: value, value })) },
              })),
            }],
          },
          submittedValues: row.submittedValues,
        },
        submittedByUser: userById(row.submittedByUserId),
        interviewId: row.interviewId,
        applicationHistoryId: row.applicationHistoryId,
        submittedAt: row.submittedAt,
      };
    },
  };
}

export type Serializers = ReturnType<typeof createSerializers>;
