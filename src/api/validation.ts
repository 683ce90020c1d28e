// Request parsing with zod: every bad, missing or unknown field is reported by its path, all at once.
import type { Context } from 'hono';
import { z } from 'zod';
import { ValidationError, type FieldProblem } from '../services/errors.ts';
import { ApiError } from './errors.ts';

export async function parseJsonBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  const text = await c.req.text();
  let body: unknown = {};
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      throw new ApiError(400, 'The request body is not valid JSON.');
    }
  }
  return parse(schema, body);
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
