import type { AnyResource, ResourceRegistry } from './resources/index.ts';
import type { PinpointState } from './state.ts';
import { applicationWriter } from './writes/applications.ts';
import { candidateWriter } from './writes/candidates.ts';
import { commentWriter } from './writes/comments.ts';
import { customAttributeWriter } from './writes/custom-attributes.ts';
import { plainRecordWriters } from './writes/plain-records.ts';
import { requisitionWriter } from './writes/requisitions.ts';
import type { RecordWriter } from './writes/record-writer.ts';

/** One path under /api/v1: every one can be listed and read by id; the writer says what else it answers. */
export interface Endpoint extends RecordWriter {
  resource: AnyResource;
  /** data.type values accepted on writes. */
  writeTypes: readonly string[];
  /** false where the list takes no stats[total] (interviews): the parameter is ignored. */
  statsTotal?: boolean;
}

export function createEndpoints(state: PinpointState, registry: ResourceRegistry): ReadonlyMap<string, Endpoint> {
  const endpoint = (type: string, writer: RecordWriter = {}, writeTypes = [type]): Endpoint => {
    const resource = registry.get(type);
    if (!resource) throw new Error(`no resource ${type}`);
    return { resource, writeTypes, ...writer };
  };
  const plain = plainRecordWriters(state);
  return new Map([
    ['applications', endpoint('applications', applicationWriter(state))],
    ['comments', endpoint('comments', commentWriter(state, registry))],
    ['jobs', endpoint('jobs', plain.jobs)],
    ['candidates', endpoint('candidates', candidateWriter(state), ['candidates', 'job_seekers'])],
    ['job_seekers', endpoint('candidates')],
    ['custom_fields', endpoint('custom_fields', plain.customFields)],
    ['custom_attributes', endpoint('custom_attributes', customAttributeWriter(state, registry))],
    ['departments', endpoint('departments', plain.departments)],
    ['structure_links', endpoint('structure_links', plain.structureLinks)],
    ['structure_custom_group_ones', endpoint('structure_custom_group_ones', plain.structureCustomGroups)],
    ['equality_monitoring_categories', endpoint('equality_monitoring_categories')],
    ['divisions', endpoint('divisions', plain.divisions)],
    ['locations', endpoint('locations', plain.locations)],
    ['requisitions', endpoint('requisitions', requisitionWriter(state))],
    ['users', endpoint('users', { create: plain.users.create, destroy: plain.users.destroy })],
    ['interviews', { ...endpoint('interviews'), statsTotal: false }],
    ['hiring_workflows', endpoint('hiring_workflows')],
    ['onboarding_applications', endpoint('onboarding_applications')],
    ['requisition_templates', endpoint('requisition_templates')],
  ]);
}
