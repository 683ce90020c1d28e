// Request parsing with zod: every bad, missing or unknown field is reported by its path, all at once.
import type { Context } from 'hono';
import { z } from 'zod';
import { maxArgumentDepth, maxEntries } from '../execution/validate.ts';
import { ValidationError, type FieldProblem } from '../services/errors.ts';
import { isBlank, parseJsonMessage } from '../util/json-message.ts';
import { ApiError } from './errors.ts';

export async function parseJsonBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  const body = await readJsonBody(c);
  return parse(schema, body === undefined ? {} : body);
}

/** Entries of all objects and lists in one request body. */
const maxBodyEntries = 10_000;

const byteOrderMark = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * The request body's JSON, or undefined when it is empty or blank; a leading byte-order mark (some Windows tools send
 * one) is skipped. It is refused before it is parsed when parsing it would hold the event loop for everyone: too
 * deep, or too many entries in one object or list or in all.
 */
export async function readJsonBody(c: Context): Promise<unknown> {
  let bytes = Buffer.from(await c.req.arrayBuffer());
  if (bytes.subarray(0, 3).equals(byteOrderMark)) bytes = bytes.subarray(3);
  if (isBlank(bytes)) return undefined;
  const parsed = await parseJsonMessage(bytes, { depth: maxArgumentDepth, entries: maxEntries, totalEntries: maxBodyEntries }, c.req.raw.signal);
  if (parsed.ok) return parsed.value;
  if (parsed.problem === 'too_deep') throw new ApiError(400, `The request body nests deeper than ${maxArgumentDepth} levels.`);
  if (parsed.problem === 'too_wide') throw new ApiError(400, `The request body has an object or list of more than ${maxEntries} entries, or more than ${maxBodyEntries} in all.`);
  if (parsed.problem === 'abandoned') throw new ApiError(400, 'The client closed the request before its body was read.');
  throw new ApiError(400, 'The request body is not valid JSON.');
}

/** Query parameters, a comma list of values per name joined into one string. */
export function parseQuery<T extends z.ZodType>(c: Context, schema: T): z.output<T> {
  const query = Object.fromEntries(Object.entries(c.req.queries()).map(([name, values]) => [name, values.join(',')]));
  return parse(schema, query);
}

export function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input, { error: (issue) => (issue.input === undefined ? 'is required' : undefined) });
  if (result.success) return result.data;
  throw new ValidationError(result.error.issues.flatMap(describeIssue));
}

function describeIssue(issue: z.core.$ZodIssue): FieldProblem[] {
  const at = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ field: at ? `${at}.${key}` : key, message: 'is not a known field' }));
  }
  return [{ field: at || '(body)', message: issue.message }];
}

/** "a, b,c" → ["a", "b", "c"]; for filters given as comma lists. */
export const commaList = z.string().transform((text) => text.split(',').map((item) => item.trim()).filter(Boolean));

export const pageQuery = {
  limit: z.coerce.number<string>().int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').optional(),
  cursor: z.string().optional(),
};
