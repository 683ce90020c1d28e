import type { Identified } from '../../shared/table.ts';
import { invalid } from '../errors.ts';
import {
  COMPENSATION_FREQUENCIES, CREATABLE_FIELD_TYPES, CUSTOM_FIELD_RESOURCES, DEFAULT_PIPELINE, EMPLOYMENT_TYPES, JOB_STATUSES, JOB_VISIBILITIES, WORKPLACE_TYPES,
  addPipeline,
} from '../state.ts';
import type { CreatableFieldType, JobRow, PinpointState, StructureLinkRow } from '../state.ts';
import { recordWriter } from './record-writer.ts';

const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/** Writers of the records whose writes are plain attribute sets (plus a few to-one relationships). */
export function plainRecordWriters(state: PinpointState) {
  /** Departments, divisions, locations and custom groups stay while a job or a structure link uses them. */
  const usedByJobs = (key: keyof JobRow & keyof StructureLinkRow) => (row: Identified) =>
    state.jobs.find((job) => job[key] === row.id) !== undefined || state.structureLinks.find((link) => link[key] === row.id) !== undefined;
  const nameOnly = { name: { kind: 'string', required: true } } as const;

  return {
    structureCustomGroups: recordWriter({
      type: 'structure_custom_group_ones',
      table: state.structureCustomGroups,
      fields: nameOnly,
      // The title names the company's custom level (e.g. Sub Department); new groups join that level.
      defaults: () => ({ name: '', title: state.structureCustomGroups.all()[0]?.title ?? 'Custom Group' }),
      inUse: usedByJobs('structure_custom_group_one_id'),
    }),
    structureLinks: recordWriter({
      type: 'structure_links',
      table: state.structureLinks,
      fields: {
        accepts_speculative_applications: { kind: 'boolean' },
        department_id: { kind: 'id' },
        division_id: { kind: 'id' },
        location_id: { kind: 'id' },
        structure_custom_group_one_id: { kind: 'id' },
      },
      defaults: () => ({ department_id: null, division_id: null, location_id: null, structure_custom_group_one_id: null, accepts_speculative_applications: false }),
      references: {
        department_id: state.departments,
        division_id: state.divisions,
        location_id: state.locations,
        structure_custom_group_one_id: state.structureCustomGroups,
      },
      relationships: { department: 'departments', division: 'divisions', location: 'locations', structure_custom_group_one: 'structure_custom_group_ones' },
      createOnly: ['department_id', 'division_id', 'location_id', 'structure_custom_group_one_id'],
      inUse: (link) => state.jobs.find((job) => job.structure_link_id === link.id) !== undefined,
      inUseStatus: 409,
    }),
    departments: recordWriter({ type: 'departments', table: state.departments, fields: nameOnly, defaults: () => ({ name: '' }), inUse: usedByJobs('department_id') }),
    divisions: recordWriter({ type: 'divisions', table: state.divisions, fields: nameOnly, defaults: () => ({ name: '' }), inUse: usedByJobs('division_id') }),
    locations: recordWriter({
      type: 'locations',
      table: state.locations,
      fields: {
        ...nameOnly,
        street_address: { kind: 'string' },
        city: { kind: 'string' },
        province: { kind: 'string' },
        postal_code: { kind: 'string' },
        country_code: { kind: 'string' },
      },
      defaults: () => ({ name: '', street_address: null, city: null, province: null, postal_code: null, country_code: null }),
      inUse: usedByJobs('location_id'),
    }),
    jobs: recordWriter({
      type: 'jobs',
      table: state.jobs,
      fields: {
        title: { kind: 'string', required: true },
        description: { kind: 'string' },
        key_responsibilities: { kind: 'string' },
        skills_knowledge_expertise: { kind: 'string' },
        benefits: { kind: 'string' },
        status: { kind: 'string', oneOf: JOB_STATUSES },
        visibility: { kind: 'string', oneOf: JOB_VISIBILITIES },
        employment_type: { kind: 'string', oneOf: EMPLOYMENT_TYPES },
        workplace_type: { kind: 'string', oneOf: WORKPLACE_TYPES },
        compensation_minimum: { kind: 'number' },
        compensation_maximum: { kind: 'number' },
        compensation_currency: { kind: 'string' },
        compensation_frequency: { kind: 'string', oneOf: COMPENSATION_FREQUENCIES },
        compensation_visible: { kind: 'boolean' },
        reporting_to: { kind: 'string' },
        opened_at: { kind: 'datetime' },
        deadline_at: { kind: 'datetime' },
        structure_link_id: { kind: 'id' },
        department_id: { kind: 'id' },
        division_id: { kind: 'id' },
        location_id: { kind: 'id' },
        requisition_id: { kind: 'string' },
        hiring_user_id: { kind: 'id' },
        recruitment_manager_user_id: { kind: 'id' },
        selected_hiring_workflow_id: { kind: 'id' },
      },
      defaults: () => ({
        title: '',
        description: '',
        key_responsibilities: null,
        skills_knowledge_expertise: null,
        benefits: null,
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
        structure_link_id: null,
        department_id: null,
        division_id: null,
        location_id: null,
        structure_custom_group_one_id: null,
        requisition_id: null,
        hiring_user_id: null,
        recruitment_manager_user_id: null,
        selected_hiring_workflow_id: null,
      }),
      references: {
        structure_link_id: state.structureLinks,
        department_id: state.departments,
        division_id: state.divisions,
        location_id: state.locations,
        hiring_user_id: state.users,
        recruitment_manager_user_id: state.users,
        selected_hiring_workflow_id: state.hiringWorkflows,
      },
      relationships: { department: 'departments', division: 'divisions', location: 'locations' },
      derive: (changes) => {
        const link = changes.structure_link_id ? state.structureLinks.get(changes.structure_link_id) : undefined;
        if (!link) return {};
        const { department_id, division_id, location_id, structure_custom_group_one_id } = link;
        return { department_id, division_id, location_id, structure_custom_group_one_id };
      },
      check: (job) => {
        if (!CURRENCIES.has(job.compensation_currency)) throw invalid('compensation_currency must be an ISO 4217 currency code, e.g. GBP');
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
        field_type: { kind: 'string', required: true, oneOf: CREATABLE_FIELD_TYPES },
        resource_type: { kind: 'string', required: true, oneOf: CUSTOM_FIELD_RESOURCES },
        description: { kind: 'string' },
        options: { kind: 'string_list' },
        position: { kind: 'integer' },
        required: { kind: 'boolean' },
        sample_value: { kind: 'string', required: true },
      },
      defaults: () => ({
        name: '', field_type: 'varchar' as CreatableFieldType, resource_type: 'candidate' as const, description: null, options: [], position: state.customFields.size + 1,
        required: false, sample_value: null,
      }),
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
        user_type: { kind: 'string' },
        send_invitation: { kind: 'boolean' },
      },
      writeOnly: ['send_invitation'],
      defaults: () => ({ first_name: '', last_name: '', email: '', time_zone: 'Europe/London', user_type: 'employee' }),
      check: (user) => {
        if (state.users.find((row) => row.email.toLowerCase() === user.email.toLowerCase())) throw invalid('email has already been taken');
      },
      inUse: (user) =>
        String(user.id) === state.planted.systemUserId ||
        state.comments.find((comment) => comment.user_id === user.id) !== undefined ||
        state.jobs.find((job) => job.hiring_user_id === user.id || job.recruitment_manager_user_id === user.id) !== undefined,
    }),
  };
}
