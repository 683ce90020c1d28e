import { raise } from '../../shared/http.ts';
import { badRequest } from '../errors.ts';
import type { IncludedRecord, WriteDocument } from '../request-document.ts';

/** One record written along with its parent (Graphiti sideposting): a relationship entry plus its `included` record. */
export type Sidepost = { method: 'create'; record: IncludedRecord } | { method: 'update'; id: string; record: IncludedRecord };

/**
 * The records sideposted under `relationships[name]`: each entry must have `type` and method create (with a
 * temp-id) or update (with an id), and a record of the same identity in `included`. Shape errors are 400s.
 */
export function readSideposts(document: WriteDocument, name: string, type: string): Sidepost[] {
  const related = document.relationships[name];
  const entries = related === undefined || related === null ? [] : Array.isArray(related) ? related : [related];
  return entries.map((entry): Sidepost => {
    if (entry.type !== type) throw badRequest(`relationships.${name}.data entries must have type "${type}"`);
    const find = (matches: (record: IncludedRecord) => boolean, identity: string) =>
      document.included.find((record) => record.type === type && matches(record)) ?? raise(badRequest(`included has no ${type} record with ${identity}`));
    if (entry.method === 'create') {
      if (entry.tempId === null) throw badRequest('a sideposted create needs a "temp-id"');
      return { method: 'create', record: find((record) => record.tempId === entry.tempId, `temp-id "${entry.tempId}"`) };
    }
    if (entry.method === 'update' && entry.id !== null) {
      return { method: 'update', id: entry.id, record: find((record) => record.id === entry.id, `id "${entry.id}"`) };
    }
    throw badRequest(`sidepost method must be "create" (with a temp-id) or "update" (with an id), got ${entry.method === null ? 'none' : `"${entry.method}"`}`);
  });
}
