import type { Identified, Table } from '../../shared/table.ts';
import { matchAny, timeRange } from '../filters.ts';
import type { FilterDefinition } from '../filters.ts';
import type { AttributableType, CommentableType, PinpointState } from '../state.ts';

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

/**
 * JSON:API type of each polymorphic model name, and back. Candidates print as `candidates`, their new type name, but
 * comments and custom attributes still point at them as `job_seekers`, as the API describes those relationships.
 */
export const API_TYPE_BY_MODEL: Record<PolymorphicModel, string> = {
  Application: 'applications',
  JobSeeker: 'candidates',
  Job: 'jobs',
  JobTemplate: 'job_templates',
  Offer: 'offers',
};
export const MODEL_BY_API_TYPE: Readonly<Record<string, PolymorphicModel>> = {
  applications: 'Application',
  job_seekers: 'JobSeeker',
  jobs: 'Job',
  job_templates: 'JobTemplate',
  offers: 'Offer',
};

/** What the groups of resource definitions are built from. */
export interface ResourceContext {
  state: PinpointState;
  /** The record behind a polymorphic relationship (commentable, custom_attributable). */
  polymorphic(model: PolymorphicModel, id: number): Linked[];
}

interface Timestamped extends Identified {
  created_at: string;
  updated_at: string;
}

type ResourceParts<Row extends Identified> = Partial<Omit<ResourceDefinition<Row>, 'type' | 'table'>>;

/**
 * A definition with the defaults every resource shares (all fields as attributes, no relationships,
 * id/created_at/updated_at filters), widened once here for the registry.
 */
export function resource<Row extends Timestamped>(type: string, table: Table<Row>, parts: ResourceParts<NoInfer<Row>> = {}): AnyResource {
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
export function plainAttributes(row: object, omit: readonly string[] = []): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (key === 'id' || omit.includes(key)) continue;
    attributes[key] = key.endsWith('_id') && typeof value === 'number' ? String(value) : value;
  }
  return attributes;
}

/** The name of the record `id` names in `table`, null when there is none. */
export function nameOf(table: Table<{ id: number; name: string }>, id: number | null): string | null {
  return id === null ? null : table.get(id)?.name ?? null;
}

export function linkTo(type: string, row: Identified | undefined): Linked[] {
  return row ? [{ type, row }] : [];
}

export function belongsTo<Row>(type: string, table: Table<Identified>, read: (row: Row) => number | null): RelationshipDefinition<Row> {
  return {
    targets: [type],
    many: false,
    resolve: (row) => {
      const id = read(row);
      return id === null ? [] : linkTo(type, table.get(id));
    },
  };
}

export function hasMany<Row, Target extends Identified>(type: string, table: Table<Target>, belongs: (target: Target, row: Row) => boolean): RelationshipDefinition<Row> {
  return { targets: [type], many: true, resolve: (row) => table.where((target) => belongs(target, row)).map((target) => ({ type, row: target })) };
}

export function hasOne<Row, Target extends Identified>(type: string, table: Table<Target>, belongs: (target: Target, row: Row) => boolean): RelationshipDefinition<Row> {
  return { targets: [type], many: false, resolve: (row) => linkTo(type, table.find((target) => belongs(target, row))) };
}

/** Rows of `table` whose `key` is the id of the row being read, e.g. the answers of an application. */
export function ownedBy<Target extends Identified>(type: string, table: Table<Target>, key: keyof Target): RelationshipDefinition<Identified> {
  return hasMany(type, table, (target, row: Identified) => target[key] === row.id);
}

/** A to-many relationship over a list of ids stored on the row. */
export function manyByIds<Row>(type: string, table: Table<Identified>, read: (row: Row) => readonly number[]): RelationshipDefinition<Row> {
  return { targets: [type], many: true, resolve: (row) => read(row).flatMap((id) => linkTo(type, table.get(id))) };
}

export const COMPANY_URL = 'https://sandbox.pinpointhq.com';
/** Lists leave confidential jobs (and what hangs off them) out unless the client asks for them. */
export const NOT_CONFIDENTIAL = ['external', 'internal'];

export function customAttributesOf(state: PinpointState, model: AttributableType): RelationshipDefinition<Identified> {
  return hasMany('custom_attributes', state.customAttributes, (attribute, row: Identified) =>
    attribute.custom_attributable_type === model && attribute.custom_attributable_id === row.id);
}

export function commentsOn(state: PinpointState, model: CommentableType): RelationshipDefinition<Identified> {
  return hasMany('comments', state.comments, (comment, row: Identified) => comment.commentable_type === model && comment.commentable_id === row.id);
}
