import type { Identified, Table } from '../shared/table.ts';
import { formatCustomValue } from './custom-values.ts';
import { matchAny, textSearch, timeRange } from './filters.ts';
import type { FilterDefinition } from './filters.ts';
import { JOB_STATUSES, JOB_VISIBILITIES, STAGE_TYPES } from './state.ts';
import type { AttributableType, CandidateRow, CommentableType, JobRow, PinpointState } from './state.ts';

/** A record reached through a relationship, with its JSON:API type. */
export interface Linked {
  type: string;
  row: Identified;
}

export interface RelationshipDefinition<Row> {
  /** JSON:API types the relationship can point to (several when polymorphic). */
  targets: readonly string[];
  many: boolean;
  resolve(row: Row): Linked[];
}

/** How one JSON:API type is read: its attributes, relationships and list filters. */
export interface ResourceDefinition<Row extends Identified> {
  type: string;
  table: Table<Row>;
  attributes(row: Row): Record<string, unknown>;
  /** Expensive attributes, printed only when asked for with extra_fields[type]=name. */
  extraAttributes: Record<string, (row: Row) => unknown>;
  relationships: Record<string, RelationshipDefinition<Row>>;
  filters: Record<string, FilterDefinition<Row>>;
  /** Filter values applied to lists when the client does not send that filter. */
  defaultFilters: Record<string, string[]>;
}

export type AnyResource = ResourceDefinition<Identified>;
export type ResourceRegistry = ReadonlyMap<string, AnyResource>;

export type PolymorphicModel = CommentableType | AttributableType;

/** JSON:API type of each polymorphic model name, and back (job_seekers is the old name of candidates). */
export const API_TYPE_BY_MODEL: Record<PolymorphicModel, string> = {
  Application: 'applications',
  JobSeeker: 'candidates',
  Job: 'jobs',
};
export const MODEL_BY_API_TYPE: Readonly<Record<string, PolymorphicModel>> = {
  applications: 'Application',
  candidates: 'JobSeeker',
  job_seekers: 'JobSeeker',
  jobs: 'Job',
};

const COMPANY_URL = 'https://sandbox.pinpointhq.com';
/** Lists leave confidential jobs (and what hangs off them) out unless the client asks for them. */
const NOT_CONFIDENTIAL = ['external', 'internal'];

interface Timestamped extends Identified {
  created_at: string;
  updated_at: string;
}

export function createResources(state: PinpointState): ResourceRegistry {
  const registry = new Map<string, AnyResource>();
  const jobVisibility = (jobId: number) => state.jobs.get(jobId)?.visibility ?? null;
  const fullName = (row: { first_name: string; last_name: string }) => `${row.first_name} ${row.last_name}`;
  const polymorphic = (model: PolymorphicModel, id: number): Linked[] => {
    const type = API_TYPE_BY_MODEL[model];
    return linkTo(type, registry.get(type)?.table.get(id));
  };
  const commentsOn = (model: CommentableType) =>
    hasMany('comments', state.comments, (comment, row: Identified) => comment.commentable_type === model && comment.commentable_id === row.id);
  const customAttributesOf = (model: AttributableType) =>
    hasMany('custom_attributes', state.customAttributes, (attribute, row: Identified) =>
      attribute.custom_attributable_type === model && attribute.custom_attributable_id === row.id);
  const jobsWhere = (key: 'department_id' | 'division_id' | 'location_id' | 'selected_hiring_workflow_id') =>
    hasMany('jobs', state.jobs, (job: JobRow, row: Identified) => job[key] === row.id);

  const definitions = [
    resource('applications', state.applications, {
      attributes: (row) => ({ ...plainAttributes(row, ['cv_filename']), full_name: fullName(row) }),
      extraAttributes: {
        attachments: (row) =>
          row.cv_filename === null
            ? []
            : [{ context: 'pdf_cv', filename: row.cv_filename, url: `${COMPANY_URL}/rails/active_storage/blobs/${row.id}/${row.cv_filename}` }],
      },
      relationships: {
        job: belongsTo('jobs', state.jobs, (row) => row.job_id),
        stage: belongsTo('stages', state.stages, (row) => row.stage_id),
        candidate: belongsTo('candidates', state.candidates, (row) => row.candidate_id),
        comments: commentsOn('Application'),
        custom_attributes: customAttributesOf('Application'),
        interviews: hasMany('interviews', state.interviews, (interview, row) => interview.interviewable_id === row.id),
        onboarding_application: hasOne('onboarding_applications', state.onboardingApplications, (onboarding, row) => onboarding.application_id === row.id),
      },
      filters: {
        job_id: matchAny((row) => row.job_id),
        stage_id: matchAny((row) => row.stage_id),
        candidate_id: matchAny((row) => row.candidate_id),
        stage_basic_type: matchAny((row) => state.stages.get(row.stage_id)?.basic_type ?? null, STAGE_TYPES),
        job_visibility: matchAny((row) => jobVisibility(row.job_id), JOB_VISIBILITIES),
        internal_candidate: matchAny((row) => row.internal_candidate, ['true', 'false']),
      },
      defaultFilters: { job_visibility: NOT_CONFIDENTIAL },
    }),
    resource('candidates', state.candidates, {
      attributes: (row) => ({ ...plainAttributes(row), full_name: fullName(row) }),
      relationships: {
        applications: hasMany('applications', state.applications, (application, row) => application.candidate_id === row.id),
        comments: commentsOn('JobSeeker'),
        custom_attributes: customAttributesOf('JobSeeker'),
      },
      filters: {
        search: textSearch<CandidateRow>(fullName, (row) => row.email),
        email: matchAny((row) => row.email),
      },
    }),
    resource('comments', state.comments, {
      relationships: {
        user: belongsTo('users', state.users, (row) => row.user_id),
        commentable: { targets: ['applications', 'candidates'], many: false, resolve: (row) => polymorphic(row.commentable_type, row.commentable_id) },
      },
      filters: {
        commentable_id: matchAny((row) => row.commentable_id),
        commentable_type: matchAny((row) => row.commentable_type, ['Application', 'JobSeeker']),
      },
    }),
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
        requisition: belongsTo('requisitions', state.requisitions, (row) => row.requisition_id),
        hiring_manager_user: belongsTo('users', state.users, (row) => row.hiring_user_id),
        hiring_workflow: belongsTo('hiring_workflows', state.hiringWorkflows, (row) => row.selected_hiring_workflow_id),
        applications: hasMany('applications', state.applications, (application, row) => application.job_id === row.id),
        stages: hasMany('stages', state.stages, (stage, row) => stage.job_id === row.id),
        custom_attributes: customAttributesOf('Job'),
      },
      filters: {
        visibility: matchAny((row) => row.visibility, JOB_VISIBILITIES),
        status: matchAny((row) => row.status, JOB_STATUSES),
        department_id: matchAny((row) => row.department_id),
        division_id: matchAny((row) => row.division_id),
        location_id: matchAny((row) => row.location_id),
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
        applications: hasMany('applications', state.applications, (application, row) => application.stage_id === row.id),
      },
    }),
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
          targets: ['applications', 'candidates', 'jobs'],
          many: false,
          resolve: (row) => polymorphic(row.custom_attributable_type, row.custom_attributable_id),
        },
      },
      filters: {
        custom_attributable_id: matchAny((row) => row.custom_attributable_id),
        custom_attributable_type: matchAny((row) => row.custom_attributable_type),
      },
    }),
    resource('departments', state.departments, { relationships: { jobs: jobsWhere('department_id') } }),
    resource('divisions', state.divisions, { relationships: { jobs: jobsWhere('division_id') } }),
    resource('locations', state.locations, { relationships: { jobs: jobsWhere('location_id') } }),
    resource('requisitions', state.requisitions, {
      relationships: {
        requisition_template: belongsTo('requisition_templates', state.requisitionTemplates, (row) => row.requisition_template_id),
        creator: belongsTo('users', state.users, (row) => row.creator_id),
        job: belongsTo('jobs', state.jobs, (row) => row.job_id),
      },
    }),
    resource('users', state.users),
    resource('interviews', state.interviews, {
      attributes: (row) => plainAttributes(row, ['interviewer_ids']),
      relationships: {
        interviewable: belongsTo('applications', state.applications, (row) => row.interviewable_id),
        interviewers: { targets: ['users'], many: true, resolve: (row) => row.interviewer_ids.flatMap((id) => linkTo('users', state.users.get(id))) },
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
    resource('hiring_workflows', state.hiringWorkflows, { relationships: { jobs: jobsWhere('selected_hiring_workflow_id') } }),
    resource('onboarding_applications', state.onboardingApplications, {
      relationships: { application: belongsTo('applications', state.applications, (row) => row.application_id) },
    }),
    resource('requisition_templates', state.requisitionTemplates, {
      relationships: { requisitions: hasMany('requisitions', state.requisitions, (requisition, row) => requisition.requisition_template_id === row.id) },
    }),
  ];
  for (const definition of definitions) registry.set(definition.type, definition);
  return registry;
}

type ResourceParts<Row extends Identified> = Partial<Omit<ResourceDefinition<Row>, 'type' | 'table'>>;

/**
 * A definition with the defaults every resource shares (all fields as attributes, no relationships,
 * id/created_at/updated_at filters), widened once here for the registry.
 */
function resource<Row extends Timestamped>(type: string, table: Table<Row>, parts: ResourceParts<Row> = {}): AnyResource {
  const definition: ResourceDefinition<Row> = {
    type,
    table,
    attributes: (row) => plainAttributes(row),
    extraAttributes: {},
    relationships: {},
    defaultFilters: {},
    ...parts,
    filters: {
      id: matchAny((row) => row.id),
      created_at: timeRange((row) => row.created_at),
      updated_at: timeRange((row) => row.updated_at),
      ...parts.filters,
    },
  };
  return definition as unknown as AnyResource;
}

/** Every field except `id` and `omit`; numeric `*_id` fields are printed as strings like the real API. */
function plainAttributes(row: object, omit: readonly string[] = []): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (key === 'id' || omit.includes(key)) continue;
    attributes[key] = key.endsWith('_id') && typeof value === 'number' ? String(value) : value;
  }
  return attributes;
}

function linkTo(type: string, row: Identified | undefined): Linked[] {
  return row ? [{ type, row }] : [];
}

function belongsTo<Row>(type: string, table: Table<Identified>, read: (row: Row) => number | null): RelationshipDefinition<Row> {
  return {
    targets: [type],
    many: false,
    resolve: (row) => {
      const id = read(row);
      return id === null ? [] : linkTo(type, table.get(id));
    },
  };
}

function hasMany<Row, Target extends Identified>(type: string, table: Table<Target>, belongs: (target: Target, row: Row) => boolean): RelationshipDefinition<Row> {
  return { targets: [type], many: true, resolve: (row) => table.where((target) => belongs(target, row)).map((target) => ({ type, row: target })) };
}

function hasOne<Row, Target extends Identified>(type: string, table: Table<Target>, belongs: (target: Target, row: Row) => boolean): RelationshipDefinition<Row> {
  return { targets: [type], many: false, resolve: (row) => linkTo(type, table.find((target) => belongs(target, row))) };
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
