import type { Context } from 'hono';
import { HttpProblem, isPlainObject, mediaTypeOf, readJsonBody } from '../shared/http.ts';
import { JSON_API_MEDIA_TYPE, badRequest, invalid } from './errors.ts';

/** `{type, id}` or, when sideposting, `{type, "temp-id", method}`. */
export interface Identifier {
  type: string;
  id: string | null;
  tempId: string | null;
  method: string | null;
}

type Relationships = Record<string, Identifier | Identifier[] | null>;

/** A sideposted record from the top-level `included` array. */
export interface IncludedRecord {
  type: string;
  id: string | null;
  tempId: string | null;
  attributes: Record<string, unknown>;
  relationships: Relationships;
}

export interface WriteDocument {
  attributes: Record<string, unknown>;
  relationships: Relationships;
  included: IncludedRecord[];
}

const ACCEPTED_MEDIA_TYPES = [JSON_API_MEDIA_TYPE, 'application/json'];

/**
 * Reads a JSON:API write body. `types` are the accepted data.type values; `urlId` is set for PUT,
 * where data.id must be present and match the URL.
 */
export async function readWriteDocument(c: Context, types: readonly string[], urlId?: string): Promise<WriteDocument> {
  if (!ACCEPTED_MEDIA_TYPES.includes(mediaTypeOf(c.req.header('content-type')))) {
    throw new HttpProblem(415, `Content-Type must be ${JSON_API_MEDIA_TYPE}`);
  }
  const body = await readJsonBody(c);
  const data = isPlainObject(body) ? body.data : undefined;
  if (!isPlainObject(data)) {
    throw badRequest('Request body must be a JSON:API document: {"data": {"type": ..., "attributes": {...}}}');
  }
  if (typeof data.type !== 'string' || !types.includes(data.type)) throw badRequest(`data.type must be "${types[0]}"`);
  if (urlId !== undefined) {
    const id = identifierValue(data.id);
    if (id === null) throw badRequest('data.id is required for updates and must match the id in the URL');
    if (id !== urlId) throw badRequest(`data.id "${id}" does not match the id in the URL ("${urlId}")`);
  }
  return {
    attributes: objectAt(data.attributes, 'data.attributes'),
    relationships: readRelationships(data.relationships, 'data.relationships'),
    included: readIncluded(isPlainObject(body) ? body.included : undefined),
  };
}

/** The numeric id of a to-one relationship, null when it was not sent; wrong type or shape is a 422. */
export function relatedId(source: { relationships: Relationships }, name: string, types: readonly string[]): number | null {
  const related = source.relationships[name];
  if (related === undefined || related === null) return null;
  if (Array.isArray(related)) throw invalid(`${name} must be a single {"type", "id"} object`);
  if (!types.includes(related.type)) throw invalid(`${name} must have type ${types.join(' or ')}`);
  const id = related.id !== null && /^\d+$/.test(related.id) ? Number(related.id) : Number.NaN;
  if (Number.isNaN(id)) throw invalid(`${name} needs a numeric id`);
  return id;
}

function readRelationships(value: unknown, where: string): Relationships {
  return Object.fromEntries(
    Object.entries(objectAt(value, where)).map(([name, relationship]) => {
      if (!isPlainObject(relationship) || !('data' in relationship)) throw badRequest(`${where}.${name} must be an object with "data"`);
      const { data } = relationship;
      if (data === null) return [name, null];
      return [name, Array.isArray(data) ? data.map((item) => readIdentifier(name, item)) : readIdentifier(name, data)];
    }),
  );
}

function readIdentifier(name: string, value: unknown): Identifier {
  if (!isPlainObject(value) || typeof value.type !== 'string') throw badRequest(`relationships.${name}.data needs a "type"`);
  return {
    type: value.type,
    id: identifierValue(value.id),
    tempId: identifierValue(value['temp-id']),
    method: typeof value.method === 'string' ? value.method : null,
  };
}

function readIncluded(value: unknown): IncludedRecord[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw badRequest('included must be an array');
  return value.map((item) => {
    if (!isPlainObject(item) || typeof item.type !== 'string') throw badRequest('every included record needs a "type"');
    return {
      type: item.type,
      id: identifierValue(item.id),
      tempId: identifierValue(item['temp-id']),
      attributes: objectAt(item.attributes, 'included[].attributes'),
      relationships: readRelationships(item.relationships, 'included[].relationships'),
    };
  });
}

function objectAt(value: unknown, where: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) throw badRequest(`${where} must be an object`);
  return value;
}

function identifierValue(value: unknown): string | null {
  if (typeof value === 'string' && value !== '') return value;
  return typeof value === 'number' ? String(value) : null;
}
