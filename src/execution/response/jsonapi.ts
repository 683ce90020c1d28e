// JSON:API documents become plain records: {id, ...attributes, <relationship>: <included record, flattened the same
// way> | {id, type}}. Relationships the request did not include (meta.included: false) are left out.
//
// An upstream decides how related its records are: 100 included records each related to all the others would
// inline 100^3 copies at depth 3, and one record with 100,000 relations inlined 5,000 times would write 500 million
// stubs. So inlining stops at a node budget and an output budget per response (an inlined record costs its
// attributes' bytes plus its relations' stubs); past it relations stay {id, type} and the result says so.
import { z } from 'zod';
import type { MappedList, MappingLimits, RecordWindow, ResponseKind } from './kind.ts';

const schema = z.strictObject({ kind: z.literal('jsonapi') });

type Identifier = { type: string; id: string };
type ResourceObject = { type: string; id?: string; attributes?: Record<string, unknown>; relationships?: Record<string, { data?: unknown; meta?: { included?: boolean } }> };

export interface InlineLimits {
  /** Related records inlined per response. */
  nodes: number;
  /** Approximate JSON bytes that inlining may add per response: inlined attributes and the stubs of their relations. */
  bytes: number;
}

export const defaultInlineLimits: InlineLimits = { nodes: 5_000, bytes: 4 * 1024 * 1024 };

/** The approximate JSON size of one {id, type} stub. */
const stubBytes = 32;

const maxDepth = 3;

/** A call with a result budget inlines at most a few times what it can return. */
const inlineLimitsFor = (limits: MappingLimits): InlineLimits => (limits.resultBudgetBytes === undefined
  ? defaultInlineLimits
  : { ...defaultInlineLimits, bytes: Math.min(defaultInlineLimits.bytes, 4 * limits.resultBudgetBytes) });

export const jsonApiResponse: ResponseKind<z.output<typeof schema>> = {
  schema,
  records: (_response, body, limits, window) => flattenDocument(body, inlineLimitsFor(limits), window),
  record: (_response, body, limits) => flattenDocument(body, inlineLimitsFor(limits)),
  recordsPath: () => ['data'],
};

function relationCount(record: ResourceObject): number {
  let count = 0;
  if (record.relationships === null || typeof record.relationships !== 'object') return 0;
  for (const relationship of Object.values(record.relationships)) {
    const data = relationship?.data;
    count += Array.isArray(data) ? data.length : data ? 1 : 0;
  }
  return count;
}

/** `window`: of a list, which records to flatten (the others are only counted). */
export function flattenDocument(document: unknown, limits: InlineLimits = defaultInlineLimits, window?: RecordWindow): MappedList {
  if (document === null || typeof document !== 'object') return { value: document };
  const { data, included } = document as { data?: unknown; included?: unknown };
  // What inlining a record costs is measured when it is first inlined: most included records may never be.
  const index = new Map<string, { record: ResourceObject; bytes?: number }>();
  if (Array.isArray(included)) {
    for (const record of included as ResourceObject[]) {
      if (record !== null && typeof record === 'object') index.set(`${record.type}:${record.id}`, { record });
    }
  }
  const inlineBytes = (related: { record: ResourceObject; bytes?: number }) =>
    (related.bytes ??= JSON.stringify(related.record.attributes ?? {}).length + stubBytes * relationCount(related.record));
  let nodes = 0;
  let bytes = 0;
  let capped = false;
  const flatten = (record: ResourceObject, depth: number, seen: readonly string[]): Record<string, unknown> => {
    const key = `${record.type}:${record.id}`;
    const flat: Record<string, unknown> = { id: record.id, ...record.attributes };
    const relationships = record.relationships;
    if (relationships === null || typeof relationships !== 'object') return flat;
    for (const [name, relationship] of Object.entries(relationships)) {
      if (relationship === null || typeof relationship !== 'object' || relationship.meta?.included === false || !('data' in relationship)) continue;
      const resolve = (identifier: Identifier): Record<string, unknown> => {
        const stub = { id: identifier?.id, type: identifier?.type };
        const relatedKey = `${identifier?.type}:${identifier?.id}`;
        const related = index.get(relatedKey);
        if (!related || depth >= maxDepth || relatedKey === key || seen.includes(relatedKey)) return stub;
        if (nodes >= limits.nodes || bytes + inlineBytes(related) > limits.bytes) {
          capped = true;
          return stub;
        }
        nodes++;
        bytes += inlineBytes(related);
        return flatten(related.record, depth + 1, [...seen, key]);
      };
      const related = relationship.data as Identifier | Identifier[] | null;
      flat[name] = related === null ? null : Array.isArray(related) ? related.map(resolve) : resolve(related);
    }
    return flat;
  };
  const value = Array.isArray(data)
    ? (window ? data.slice(window.start, window.end) : data).map((record: ResourceObject) => flatten(record, 1, []))
    : data && typeof data === 'object' ? flatten(data as ResourceObject, 1, []) : null;
  const length = Array.isArray(data) ? { length: data.length } : {};
  return capped
    ? { value, ...length, notice: `Related records past ${limits.nodes} per response were not embedded; they appear as {id, type}: fetch them by id.` }
    : { value, ...length };
}
