import type { Identified } from '../../shared/table.ts';
import { formatCustomValue } from '../custom-values.ts';
import { matchAny } from '../filters.ts';
import type { JobRow } from '../state.ts';
import { API_TYPE_BY_MODEL, belongsTo, customAttributesOf, hasMany, nameOf, plainAttributes, resource } from './kit.ts';
import type { AnyResource, RelationshipDefinition, ResourceContext } from './kit.ts';

/** Users, the company structure jobs are filed under, equality monitoring, job templates, custom fields with their values. */
export function companyResources({ state, polymorphic }: ResourceContext): AnyResource[] {
  const jobsWhere = (key: keyof JobRow): RelationshipDefinition<Identified> => hasMany('jobs', state.jobs, (job: JobRow, row: Identified) => job[key] === row.id);
  return [
    resource('users', state.users, {
      attributes: (row) => plainAttributes(row, ['user_type']),
      filters: { employee: matchAny((row) => row.user_type === 'employee', ['true', 'false']) },
    }),
    resource('departments', state.departments, { relationships: { jobs: jobsWhere('department_id') } }),
    resource('divisions', state.divisions, { relationships: { jobs: jobsWhere('division_id') } }),
    resource('locations', state.locations, { relationships: { jobs: jobsWhere('location_id') } }),
    resource('structure_custom_group_ones', state.structureCustomGroups, { relationships: { jobs: jobsWhere('structure_custom_group_one_id') } }),
    resource('structure_links', state.structureLinks, {
      extraAttributes: {
        names: (row) => [nameOf(state.divisions, row.division_id), nameOf(state.locations, row.location_id), nameOf(state.departments, row.department_id),
          nameOf(state.structureCustomGroups, row.structure_custom_group_one_id)].filter((name) => name !== null),
        in_use: (row) => state.jobs.find((job) => job.structure_link_id === row.id) !== undefined,
      },
      relationships: {
        department: belongsTo('departments', state.departments, (row) => row.department_id),
        division: belongsTo('divisions', state.divisions, (row) => row.division_id),
        location: belongsTo('locations', state.locations, (row) => row.location_id),
        structure_custom_group_one: belongsTo('structure_custom_group_ones', state.structureCustomGroups, (row) => row.structure_custom_group_one_id),
      },
    }),
    resource('equality_monitoring_categories', state.equalityMonitoringCategories, {
      relationships: { equality_monitoring_options: hasMany('equality_monitoring_options', state.equalityMonitoringOptions, (option, row: Identified) => option.category_id === row.id) },
      filters: { enabled: matchAny((row) => row.enabled, ['true', 'false']) },
    }),
    resource('equality_monitoring_options', state.equalityMonitoringOptions, { attributes: (row) => plainAttributes(row, ['category_id']) }),
    resource('hiring_workflows', state.hiringWorkflows, { relationships: { jobs: jobsWhere('selected_hiring_workflow_id') } }),
    resource('job_templates', state.jobTemplates, { relationships: { custom_attributes: customAttributesOf(state, 'JobTemplate') } }),
    resource('custom_fields', state.customFields, {
      attributes: (row) => ({ ...plainAttributes(row), unique_reference: `custom_field_${row.id}` }),
    }),
    resource('custom_attributes', state.customAttributes, {
      attributes: (row) => ({
        value: formatCustomValue(row.value),
        field_name: state.customFields.get(row.custom_field_id)?.name ?? null,
        created_at: row.created_at,
        updated_at: row.updated_at,
      }),
      relationships: {
        custom_field: belongsTo('custom_fields', state.customFields, (row) => row.custom_field_id),
        custom_attributable: {
          targets: Object.values(API_TYPE_BY_MODEL),
          many: false,
          resolve: (row) => polymorphic(row.custom_attributable_type, row.custom_attributable_id),
        },
      },
      filters: {
        custom_attributable_id: matchAny((row) => row.custom_attributable_id),
        custom_attributable_type: matchAny((row) => row.custom_attributable_type),
      },
    }),
  ];
}
