import { templateFieldTarget, valueColumns } from '../custom-values.ts';
import { belongsTo, ownedBy, plainAttributes, resource } from './kit.ts';
import type { AnyResource, ResourceContext } from './kit.ts';

/** Requisitions with their answers (details), and the templates whose fields they answer. */
export function requisitionResources({ state }: ResourceContext): AnyResource[] {
  return [
    resource('requisitions', state.requisitions, {
      relationships: {
        requisition_template: belongsTo('requisition_templates', state.requisitionTemplates, (row) => row.requisition_template_id),
        requisition_details: ownedBy('requisition_details', state.requisitionDetails, 'requisition_id'),
        creator: belongsTo('users', state.users, (row) => row.creator_id),
        job: belongsTo('jobs', state.jobs, (row) => row.job_id),
      },
    }),
    resource('requisition_details', state.requisitionDetails, {
      attributes: (row) => {
        const field = state.requisitionTemplateFields.get(row.requisition_template_field_id);
        const target = field ? templateFieldTarget(state, field) : null;
        return {
          ...plainAttributes(row, ['value', 'created_at', 'updated_at']),
          ...valueColumns(target?.field_type ?? null, row.value),
          field_type: field?.field_type ?? null,
          label: field?.label ?? null,
          created_at: row.created_at,
          updated_at: row.updated_at,
        };
      },
      relationships: {
        requisition: belongsTo('requisitions', state.requisitions, (row) => row.requisition_id),
        requisition_template_field: belongsTo('requisition_template_fields', state.requisitionTemplateFields, (row) => row.requisition_template_field_id),
      },
    }),
    resource('requisition_templates', state.requisitionTemplates, {
      relationships: {
        requisition_template_fields: ownedBy('requisition_template_fields', state.requisitionTemplateFields, 'requisition_template_id'),
        requisitions: ownedBy('requisitions', state.requisitions, 'requisition_template_id'),
      },
    }),
    resource('requisition_template_fields', state.requisitionTemplateFields, {
      attributes: (row) => plainAttributes(row, ['template_custom_field_id']),
      relationships: {
        requisition_template: belongsTo('requisition_templates', state.requisitionTemplates, (row) => row.requisition_template_id),
        template_custom_field: belongsTo('custom_fields', state.customFields, (row) => row.template_custom_field_id),
      },
    }),
  ];
}
