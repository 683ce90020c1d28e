import { matchAny, textSearch, timeRange } from '../filters.ts';
import { JOB_STATUSES, JOB_VISIBILITIES } from '../state.ts';
import type { JobRow } from '../state.ts';
import {
  COMPANY_URL, NOT_CONFIDENTIAL, belongsTo, nameOf, customAttributesOf, hasOne, manyByIds, ownedBy, plainAttributes, resource,
} from './kit.ts';
import type { AnyResource, ResourceContext } from './kit.ts';

/** Jobs with their stages and screening questions, interviews (in parts) and onboarding. */
export function pipelineResources({ state }: ResourceContext): AnyResource[] {
  const jobVisibility = (jobId: number) => state.jobs.get(jobId)?.visibility ?? null;
  return [
    resource('jobs', state.jobs, {
      attributes: (row) => ({
        ...plainAttributes(row),
        compensation: compensationText(row),
        employment_type_text: humanise(row.employment_type),
        workplace_type_text: humanise(row.workplace_type),
        remote: row.workplace_type === 'remote',
        url: `${COMPANY_URL}/en/jobs/${row.id}`,
        path: `/en/jobs/${row.id}`,
      }),
      relationships: {
        department: belongsTo('departments', state.departments, (row) => row.department_id),
        division: belongsTo('divisions', state.divisions, (row) => row.division_id),
        location: belongsTo('locations', state.locations, (row) => row.location_id),
        structure_custom_group_one: belongsTo('structure_custom_group_ones', state.structureCustomGroups, (row) => row.structure_custom_group_one_id),
        structure_link: belongsTo('structure_links', state.structureLinks, (row) => row.structure_link_id),
        requisition: hasOne('requisitions', state.requisitions, (requisition, row) => requisition.job_id === row.id),
        hiring_manager_user: belongsTo('users', state.users, (row) => row.hiring_user_id),
        recruitment_manager_user: belongsTo('users', state.users, (row) => row.recruitment_manager_user_id),
        hiring_workflow: belongsTo('hiring_workflows', state.hiringWorkflows, (row) => row.selected_hiring_workflow_id),
        applications: ownedBy('applications', state.applications, 'job_id'),
        stages: ownedBy('stages', state.stages, 'job_id'),
        questions: ownedBy('questions', state.questions, 'job_id'),
        custom_attributes: customAttributesOf(state, 'Job'),
      },
      filters: {
        visibility: matchAny((row) => row.visibility, JOB_VISIBILITIES),
        status: matchAny((row) => row.status, JOB_STATUSES),
        department_id: matchAny((row) => row.department_id),
        department_name: matchAny((row) => nameOf(state.departments, row.department_id)),
        division_id: matchAny((row) => row.division_id),
        division_name: matchAny((row) => nameOf(state.divisions, row.division_id)),
        location_id: matchAny((row) => row.location_id),
        location_name: matchAny((row) => nameOf(state.locations, row.location_id)),
        structure_custom_group_one_id: matchAny((row) => row.structure_custom_group_one_id),
        structure_custom_group_one_name: matchAny((row) => nameOf(state.structureCustomGroups, row.structure_custom_group_one_id)),
        hiring_manager_user_id: matchAny((row) => row.hiring_user_id),
        recruitment_manager_user_id: matchAny((row) => row.recruitment_manager_user_id),
        remote: matchAny((row) => row.workplace_type === 'remote', ['true', 'false']),
        employment_type: matchAny((row) => row.employment_type),
        workplace_type: matchAny((row) => row.workplace_type),
        search: textSearch((row) => row.title),
      },
      defaultFilters: { visibility: NOT_CONFIDENTIAL },
    }),
    resource('stages', state.stages, {
      attributes: (row) => plainAttributes(row, ['job_id']),
      relationships: {
        stageable: belongsTo('jobs', state.jobs, (row) => row.job_id),
        applications: ownedBy('applications', state.applications, 'stage_id'),
      },
    }),
    resource('questions', state.questions, { attributes: (row) => plainAttributes(row, ['job_id']) }),
    resource('interviews', state.interviews, {
      relationships: {
        interviewable: belongsTo('applications', state.applications, (row) => row.interviewable_id),
        stage: belongsTo('stages', state.stages, (row) => row.stage_id),
        interview_parts: ownedBy('interview_parts', state.interviewParts, 'interview_id'),
      },
      filters: {
        interviewable_id: matchAny((row) => row.interviewable_id),
        interviewable_type: matchAny((row) => row.interviewable_type),
        job_visibility: matchAny((row) => {
          const application = state.applications.get(row.interviewable_id);
          return application ? jobVisibility(application.job_id) : null;
        }, JOB_VISIBILITIES),
        start_at: timeRange((row) => row.start_at),
      },
      defaultFilters: { job_visibility: NOT_CONFIDENTIAL },
    }),
    resource('interview_parts', state.interviewParts, {
      attributes: (row) => plainAttributes(row, ['interview_id', 'interviewing_user_ids']),
      relationships: { interviewing_users: manyByIds('users', state.users, (row) => row.interviewing_user_ids) },
    }),
    resource('onboarding_applications', state.onboardingApplications, {
      relationships: {
        application: belongsTo('applications', state.applications, (row) => row.application_id),
        onboarding_answers: ownedBy('onboarding_answers', state.onboardingAnswers, 'onboarding_application_id'),
      },
      filters: { start_at: timeRange((row) => row.start_at) },
    }),
    resource('onboarding_answers', state.onboardingAnswers, { attributes: (row) => plainAttributes(row, ['onboarding_application_id']) }),
  ];
}

/** full_time → Full Time */
function humanise(value: string): string {
  return value.replace(/_/g, ' ').replace(/\b\w/g, (letter) => letter.toUpperCase());
}

/** £40,000 - £50,000 / year */
function compensationText(job: JobRow): string | null {
  if (job.compensation_minimum === null || job.compensation_maximum === null) return null;
  const money = (amount: number) =>
    new Intl.NumberFormat('en-GB', { style: 'currency', currency: job.compensation_currency, maximumFractionDigits: 0 }).format(amount);
  return `${money(job.compensation_minimum)} - ${money(job.compensation_maximum)} / ${job.compensation_frequency}`;
}
