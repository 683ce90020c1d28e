import type { Identified } from '../../shared/table.ts';
import { invalid } from '../errors.ts';
import { ATTRIBUTABLE_TYPE_BY_RESOURCE, CUSTOM_FIELD_TYPES, DEFAULT_PIPELINE, EMPLOYMENT_TYPES, JOB_STATUSES, JOB_VISIBILITIES, WORKPLACE_TYPES, addPipeline } from '../state.ts';
import type { JobRow, PinpointState } from '../state.ts';
import { recordWriter } from './record-writer.ts';

/** Writers of the records whose writes are plain attribute sets (plus a few to-one relationships). */
export function plainRecordWriters(state: PinpointState) {
  const usedByJobs = (key: keyof JobRow) => (row: Identified) => state.jobs.find((job) => job[key] === row.id) !== undefined;
  const nameOnly = { name: { kind: 'string', required: true } } as const;

  return {
    departments: recordWriter({ type: 'departments', table: state.departments, fields: nameOnly, defaults: () => ({ name: '' }), inUse: usedByJobs('department_id') }),
    divisions: recordWriter({ type: 'divisions', table: state.divisions, fields: nameOnly, defaults: () => ({ name: '' }), inUse: usedByJobs('division_id') }),
    locations: recordWriter({
      type: 'locations',
      table: state.locations,
      fields: { ...nameOnly, city: { kind: 'string' }, country: { kind: 'string' } },
      defaults: () => ({ name: '', city: '', country: '' }),
      inUse: usedByJobs('location_id'),
    }),
    requisitions: recordWriter({
      type: 'requisitions',
      table: state.requisitions,
      fields: {
        name: { kind: 'string', required: true },
        identifier: { kind: 'string' },
        status: { kind: 'string', oneOf: ['pending_approval', 'approved', 'rejected', 'archived'] },
        headcount: { kind: 'integer' },
        job_id: { kind: 'id' },
        requisition_template_id: { kind: 'id' },
      },
      defaults: () => ({
        name: '',
        identifier: `REQ-${String(state.requisitions.size + 1).padStart(3, '0')}`,
        status: 'pending_approval',
        headcount: 1,
        job_id: null,
        creator_id: Number(state.planted.systemUserId),
        requisition_template_id: null,
      }),
      references: { job_id: state.jobs, requisition_template_id: state.requisitionTemplates },
      relationships: { requisition_template: 'requisition_templates', job: 'jobs' },
      inUse: usedByJobs('requisition_id'),
    }),
    jobs: recordWriter({
      type: 'jobs',
      table: state.jobs,
      fields: {
        title: { kind: 'string', required: true },
        description: { kind: 'string' },
        status: { kind: 'string', oneOf: JOB_STATUSES },
        visibility: { kind: 'string', oneOf: JOB_VISIBILITIES },
        employment_type: { kind: 'string', oneOf: EMPLOYMENT_TYPES },
        workplace_type: { kind: 'string', oneOf: WORKPLACE_TYPES },
        compensation_minimum: { kind: 'number' },
        compensation_maximum: { kind: 'number' },
        compensation_currency: { kind: 'string' },
        compensation_frequency: { kind: 'string', oneOf: ['year', 'month', 'week', 'day', 'hour'] },
        compensation_visible: { kind: 'boolean' },
        reporting_to: { kind: 'string' },
        opened_at: { kind: 'datetime' },
        deadline_at: { kind: 'datetime' },
        department_id: { kind: 'id' },
        division_id: { kind: 'id' },
        location_id: { kind: 'id' },
        requisition_id: { kind: 'id' },
        hiring_user_id: { kind: 'id' },
        selected_hiring_workflow_id: { kind: 'id' },
      },
      defaults: () => ({
        title: '',
        description: '',
        status: 'draft',
        visibility: 'external',
        employment_type: 'full_time',
        workplace_type: 'onsite',
        compensation_minimum: null,
        compensation_maximum: null,
        compensation_currency: 'GBP',
        compensation_frequency: 'year',
        compensation_visible: false,
        reporting_to: null,
        opened_at: null,
        deadline_at: null,
        department_id: null,
        division_id: null,
        location_id: null,
        requisition_id: null,
        hiring_user_id: null,
        selected_hiring_workflow_id: null,
      }),
      references: {
        department_id: state.departments,
        division_id: state.divisions,
        location_id: state.locations,
        requisition_id: state.requisitions,
        hiring_user_id: state.users,
        selected_hiring_workflow_id: state.hiringWorkflows,
      },
      relationships: { department: 'departments', division: 'divisions', location: 'locations' },
      check: (job) => {
        if (job.compensation_minimum !== null && job.compensation_maximum !== null && job.compensation_minimum > job.compensation_maximum) {
          throw invalid('compensation_minimum must not be greater than compensation_maximum');
        }
      },
      inUse: (job) => state.applications.find((application) => application.job_id === job.id) !== undefined,
      afterCreate: (job) => addPipeline(state, job.id, DEFAULT_PIPELINE, job.created_at),
      afterDelete: (job) => {
        for (const stage of state.stages.where((row) => row.job_id === job.id)) state.stages.delete(stage.id);
      },
    }),

    customFields: recordWriter({
      type: 'custom_fields',
      table: state.customFields,
      fields: {
        name: { kind: 'string', required: true },
        field_type: { kind: 'string', required: true, oneOf: CUSTOM_FIELD_TYPES },
        resource_type: { kind: 'string', required: true, oneOf: Object.keys(ATTRIBUTABLE_TYPE_BY_RESOURCE) },
        description: { kind: 'string' },
        options: { kind: 'string_list' },
        position: { kind: 'integer' },
        required: { kind: 'boolean' },
      },
      defaults: () => ({ name: '', field_type: 'varchar' as const, resource_type: 'candidate' as const, description: null, options: [], position: state.customFields.size + 1, required: false }),
      createOnly: ['field_type', 'resource_type'],
      check: (field) => {
        if (field.field_type.endsWith('_select') && field.options.length === 0) throw invalid(`options can't be blank for a ${field.field_type} field`);
      },
      inUse: (field) => state.customAttributes.find((attribute) => attribute.custom_field_id === field.id) !== undefined,
    }),

    users: recordWriter({
      type: 'users',
      table: state.users,
      fields: {
        first_name: { kind: 'string', required: true },
        last_name: { kind: 'string', required: true },
        email: { kind: 'email', required: true },
        time_zone: { kind: 'string' },
      },
      defaults: () => ({ first_name: '', last_name: '', email: '', time_zone: 'Europe/London' }),
      check: (user) => {
        if (state.users.find((row) => row.email.toLowerCase() === user.email.toLowerCase())) throw invalid('email has already been taken');
      },
      inUse: (user) =>
        String(user.id) === state.planted.systemUserId ||
        state.comments.find((comment) => comment.user_id === user.id) !== undefined ||
        state.jobs.find((job) => job.hiring_user_id === user.id) !== undefined,
    }),
  };
}
