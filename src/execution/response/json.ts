// Plain JSON: a list's records at records_path, a single record at record_path (the body itself when omitted).
import { z } from 'zod';
import { readPath } from '../paths.ts';
import type { ResponseKind } from './kind.ts';

const schema = z.strictObject({
  kind: z.literal('json'),
  records_path: z.string().optional().describe('Lists: dot path to the array of records (the body itself when omitted)'),
  record_path: z.string().optional().describe('Single records: dot path to the record (the body itself when omitted)'),
});

export const jsonResponse: ResponseKind<z.output<typeof schema>> = {
  schema,
  records: (response, body, _limits, window) => {
    const records = readPath(body, response.records_path);
    return Array.isArray(records) ? { value: records.slice(window.start, window.end), length: records.length } : { value: records };
  },
  record: (response, body) => ({ value: readPath(body, response.record_path) }),
  recordsPath: (response) => (response.records_path ? response.records_path.split('.') : []),
};
