// JSON:API request bodies, driven by the definition rather than code per integration: flat body properties become
// data.attributes, or relationships and sideposted records where the body schema says so with x-jsonapi.
// (Responses are flattened in response/jsonapi.ts.)
import type { JsonSchema } from '../tools/types.ts';

type Hint =
  | { relationship: string; type: string }
  | { relationship: string; type_argument: string }
  | { sidepost: string; type: string; relationships?: Record<string, { relationship: string; type: string }> };

type Identifier = { type: string; id: string };

const hintOf = (bodySchema: JsonSchema | undefined, property: string): Hint | undefined =>
  ((bodySchema?.properties as Record<string, JsonSchema> | undefined)?.[property]?.['x-jsonapi'] as Hint | undefined);

export function jsonApiRequestBody(type: string, id: string | undefined, body: Record<string, unknown>, bodySchema: JsonSchema | undefined): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  const relationships: Record<string, unknown> = {};
  const included: Record<string, unknown>[] = [];
  const consumed = new Set<string>();
  for (const property of Object.keys(body)) {
    const hint = hintOf(bodySchema, property);
    if (hint && 'type_argument' in hint) consumed.add(hint.type_argument);
  }
  for (const [property, value] of Object.entries(body)) {
    const hint = hintOf(bodySchema, property);
    if (!hint) {
      if (!consumed.has(property)) attributes[property] = value;
    } else if ('sidepost' in hint) {
      const items = (value as Record<string, unknown>[]).map((item, index) => sidepostItem(hint, item, `${hint.sidepost}-${index + 1}`));
      relationships[hint.sidepost] = { data: items.map((item) => item.reference) };
      included.push(...items.map((item) => item.record));
    } else {
      const relatedType = 'type' in hint ? hint.type : String(body[hint.type_argument]);
      relationships[hint.relationship] = { data: identifiers(relatedType, value) };
    }
  }
  const data: Record<string, unknown> = { type, ...(id !== undefined ? { id } : {}), attributes };
  if (Object.keys(relationships).length > 0) data.relationships = relationships;
  return included.length > 0 ? { data, included } : { data };
}

function identifiers(type: string, value: unknown): Identifier | Identifier[] | null {
  if (value === null) return null;
  return Array.isArray(value) ? value.map((id) => ({ type, id: String(id) })) : { type, id: String(value) };
}

function sidepostItem(hint: Extract<Hint, { sidepost: string }>, item: Record<string, unknown>, tempId: string) {
  const attributes: Record<string, unknown> = {};
  const relationships: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    if (key === 'id') continue;
    const related = hint.relationships?.[key];
    if (related) relationships[related.relationship] = { data: identifiers(related.type, value) };
    else attributes[key] = value;
  }
  const identity = item.id !== undefined ? { id: String(item.id) } : { 'temp-id': tempId };
  const method = item.id !== undefined ? 'update' : 'create';
  return {
    reference: { type: hint.type, ...identity, method },
    record: { type: hint.type, ...identity, attributes, ...(Object.keys(relationships).length > 0 ? { relationships } : {}) },
  };
}
