import { checkFields } from '../../shared/fields.ts';
import type { FieldCheck, FieldSpecs } from '../../shared/fields.ts';
import { raise } from '../../shared/http.ts';
import type { Identified, Table } from '../../shared/table.ts';
import { badRequest, fieldIssueProblem, invalid, recordInUse, recordNotFound } from '../errors.ts';
import { relatedId } from '../request-document.ts';
import type { WriteDocument } from '../request-document.ts';
import { pinpointTime } from '../state.ts';

export interface RecordWriter {
  create?(document: WriteDocument): Identified;
  /** Returns the updated row and the relationships that were sideposted (to be included in the answer). */
  update?(id: number, document: WriteDocument): { row: Identified; sideposted: string[] };
  destroy?(id: number): void;
}

interface Timestamped extends Identified {
  created_at: string;
  updated_at: string;
}

type Saved<Row> = Omit<Row, 'id' | 'created_at' | 'updated_at'>;

interface RecordWriterConfig<Row extends Timestamped> {
  type: string;
  table: Table<Row>;
  fields: FieldSpecs;
  /** Values of the fields a create leaves out (computed per create). */
  defaults(): Saved<Row>;
  /** `*_id` fields that must name an existing record. */
  references?: Record<string, Table<Identified>>;
  /** To-one relationships accepted instead of their `*_id` field: name → JSON:API type (field is `${name}_id`). */
  relationships?: Record<string, string>;
  /** Fields that can only be set when the record is created. */
  createOnly?: readonly string[];
  /** Fields that are accepted but not stored (instructions such as send_invitation). */
  writeOnly?: readonly string[];
  /** Further changes implied by the ones sent (e.g. a structure link sets the department). */
  derive?(changes: Partial<Saved<Row>>): Partial<Saved<Row>>;
  /** Cross-field rules on the record about to be saved; throw to reject. */
  check?(record: Saved<Row>, existing: Row | undefined): void;
  /** A record in use cannot be deleted (422, or inUseStatus). */
  inUse?(row: Row): boolean;
  inUseStatus?: 409 | 422;
  afterCreate?(row: Row): void;
  afterDelete?(row: Row): void;
}

/** Create/update/delete for records whose writes are plain attribute sets. */
export function recordWriter<Row extends Timestamped>(config: RecordWriterConfig<Row>): Required<RecordWriter> {
  const { type, table } = config;

  const readValues = (document: WriteDocument, mode: 'create' | 'update'): Partial<Saved<Row>> => {
    const input = { ...document.attributes };
    for (const name of Object.keys(document.relationships)) {
      const relatedType = config.relationships?.[name];
      if (!relatedType) throw badRequest(`relationship "${name}" cannot be written on ${type}`);
      input[`${name}_id`] = relatedId(document, name, [relatedType]);
    }
    const check: FieldCheck = checkFields(input, config.fields, mode);
    if (check.unknown.length > 0) throw badRequest(`${check.unknown.join(', ')} is not a writable attribute of ${type}`);
    if (check.issue) throw fieldIssueProblem(check.issue);
    for (const [field, referenced] of Object.entries(config.references ?? {})) {
      const id = check.values[field];
      if (typeof id === 'number' && !referenced.get(id)) throw invalid(`${field} ${id} does not exist`);
    }
    for (const field of config.writeOnly ?? []) delete check.values[field];
    const changes = check.values as Partial<Saved<Row>>;
    return { ...changes, ...config.derive?.(changes) };
  };

  const existing = (id: number): Row => table.get(id) ?? raise(recordNotFound());

  return {
    create(document) {
      const record = { ...config.defaults(), ...readValues(document, 'create') };
      config.check?.(record, undefined);
      const now = pinpointTime(new Date());
      const row = table.insert({ ...record, created_at: now, updated_at: now } as Omit<Row, 'id'>);
      config.afterCreate?.(row);
      return row;
    },
    update(id, document) {
      const row = existing(id);
      const locked = (config.createOnly ?? []).find((field) => field in document.attributes);
      if (locked) throw invalid(`${locked} cannot be changed`);
      const changes = readValues(document, 'update');
      config.check?.({ ...row, ...changes }, row);
      table.update(row, { ...changes, updated_at: pinpointTime(new Date()) } as Partial<Omit<Row, 'id'>>);
      return { row, sideposted: [] };
    },
    destroy(id) {
      const row = existing(id);
      if (config.inUse?.(row)) throw recordInUse(config.inUseStatus);
      table.delete(id);
      config.afterDelete?.(row);
    },
  };
}
