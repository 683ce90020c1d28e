import type { Identified } from '../shared/table.ts';
import type { UnknownFilters } from '../shared/types.ts';
import { badRequest } from './errors.ts';
import type { IncludeTree, ListQuery, ReadQuery } from './query.ts';
import type { AnyResource, Linked, ResourceRegistry } from './resources/index.ts';

interface Linkage {
  type: string;
  id: string;
}

type RelationshipObject = { meta: { included: false } } | { data: Linkage | Linkage[] | null };

export interface ResourceObject {
  id: string;
  type: string;
  attributes: Record<string, unknown>;
  relationships?: Record<string, RelationshipObject>;
}

export interface JsonApiDocument {
  data: ResourceObject | ResourceObject[];
  included?: ResourceObject[];
  meta: Record<string, unknown>;
}

const NOT_INCLUDED: RelationshipObject = { meta: { included: false } };

/**
 * Builds a JSON:API document: requested relationships carry linkage and their records go to
 * `included` (each once); the others print as {"meta":{"included":false}}.
 */
export function renderDocument(
  registry: ResourceRegistry,
  definition: AnyResource,
  primary: Identified | Identified[],
  query: ReadQuery,
  meta: Record<string, unknown> = {},
): JsonApiDocument {
  checkInclude(registry, [definition], query.include, '');
  checkExtraFields(registry, query);
  const rows = Array.isArray(primary) ? primary : [primary];
  const primaryKeys = new Set(rows.map((row) => `${definition.type}:${row.id}`));
  const included = new Map<string, ResourceObject>();

  const render = (resource: AnyResource, row: Identified, include: IncludeTree): ResourceObject => {
    const object: ResourceObject = { id: String(row.id), type: resource.type, attributes: selectAttributes(resource, row, query) };
    const relationships: Record<string, RelationshipObject> = {};
    for (const [name, relationship] of Object.entries(resource.relationships)) {
      const nested = include.get(name);
      if (!nested) {
        relationships[name] = NOT_INCLUDED;
        continue;
      }
      const links = relationship.resolve(row);
      relationships[name] = { data: relationship.many ? links.map(linkage) : links[0] ? linkage(links[0]) : null };
      for (const link of links) addIncluded(link, nested);
    }
    if (Object.keys(relationships).length > 0) object.relationships = relationships;
    return object;
  };

  const addIncluded = (link: Linked, include: IncludeTree) => {
    const key = `${link.type}:${link.row.id}`;
    const resource = registry.get(link.type);
    if (primaryKeys.has(key) || !resource) return;
    const rendered = render(resource, link.row, include);
    const existing = included.get(key);
    if (!existing) included.set(key, rendered);
    else mergeLinkage(existing, rendered);
  };

  const data = rows.map((row) => render(definition, row, query.include));
  return {
    data: Array.isArray(primary) ? data : (data[0] as ResourceObject),
    ...(query.include.size > 0 ? { included: [...included.values()] } : {}),
    meta,
  };
}

/** Filters, sorts and pages a list request; `total` counts the rows before paging. */
export function selectRows(definition: AnyResource, query: ListQuery, unknownFilters: UnknownFilters): { rows: Identified[]; total: number } {
  let rows = definition.table.all();
  const filterParams = new Map(query.filters);
  for (const [name, values] of Object.entries(definition.defaultFilters)) {
    if (!filterParams.has(name)) filterParams.set(name, new Map([['eq', values]]));
  }
  for (const [name, operators] of filterParams) {
    const filter = definition.filters[name];
    if (!filter) {
      if (unknownFilters === 'ignore') continue;
      const known = Object.keys(definition.filters).join(', ');
      throw badRequest(`Unknown filter: filter[${name}] is not supported on ${definition.type} (supported: ${known})`);
    }
    for (const [operator, values] of operators) {
      const matches = filter.build(operator, values, operator === 'eq' ? `filter[${name}]` : `filter[${name}][${operator}]`);
      rows = rows.filter(matches);
    }
  }
  rows = sortRows(definition, rows, query);
  const { number, size } = query.page;
  return { rows: rows.slice((number - 1) * size, number * size), total: rows.length };
}

function sortRows(definition: AnyResource, rows: Identified[], query: ListQuery): Identified[] {
  if (query.sort.length === 0) return rows;
  const sample = rows[0] ? definition.attributes(rows[0]) : undefined;
  for (const { attribute } of query.sort) {
    if (attribute !== 'id' && sample && !(attribute in sample)) throw badRequest(`Invalid sort: ${definition.type} has no attribute "${attribute}"`);
  }
  const keyed = rows.map((row) => {
    const attributes: Record<string, unknown> = { ...definition.attributes(row), id: row.id };
    return { row, attributes };
  });
  keyed.sort((a, b) => {
    for (const { attribute, descending } of query.sort) {
      const order = compareValues(a.attributes[attribute], b.attributes[attribute]);
      if (order !== 0) return descending ? -order : order;
    }
    return a.row.id - b.row.id;
  });
  return keyed.map((entry) => entry.row);
}

/** Numbers numerically, everything else as text; nulls last. */
function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

function selectAttributes(resource: AnyResource, row: Identified, query: ReadQuery): Record<string, unknown> {
  const attributes = resource.attributes(row);
  const wanted = query.fields.get(resource.type);
  const selected = wanted ? Object.fromEntries(Object.entries(attributes).filter(([name]) => wanted.has(name))) : attributes;
  for (const name of query.extraFields.get(resource.type) ?? []) {
    const read = resource.extraAttributes[name];
    if (read) selected[name] = read(row);
  }
  return selected;
}

function checkInclude(registry: ResourceRegistry, resources: AnyResource[], include: IncludeTree, prefix: string): void {
  for (const [name, nested] of include) {
    const path = `${prefix}${name}`;
    const relationships = resources.flatMap((resource) => resource.relationships[name] ?? []);
    if (relationships.length === 0) {
      const types = resources.map((resource) => resource.type).join(' or ');
      throw badRequest(`Invalid include "${path}": ${types} has no relationship named "${name}"`);
    }
    const targets = relationships.flatMap((relationship) => relationship.targets.flatMap((type) => registry.get(type) ?? []));
    checkInclude(registry, targets, nested, `${path}.`);
  }
}

function checkExtraFields(registry: ResourceRegistry, query: ReadQuery): void {
  for (const [type, names] of query.extraFields) {
    const resource = registry.get(type);
    for (const name of names) {
      if (!resource?.extraAttributes[name]) throw badRequest(`Invalid extra field: extra_fields[${type}] has no field "${name}"`);
    }
  }
}

function linkage(link: Linked): Linkage {
  return { type: link.type, id: String(link.row.id) };
}

/** A record reached by two include paths keeps the linkage of both. */
function mergeLinkage(target: ResourceObject, source: ResourceObject): void {
  for (const [name, relationship] of Object.entries(source.relationships ?? {})) {
    if ('data' in relationship && target.relationships) target.relationships[name] = relationship;
  }
}
