import type { Context } from 'hono';
import { checkFields, describeExpected } from '../shared/fields.ts';
import type { FieldIssue, FieldSpecs } from '../shared/fields.ts';
import { HttpProblem, isPlainObject, mediaTypeOf, readJsonBody } from '../shared/http.ts';

export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 100;

/** Polymer error bodies are `{"message": "..."}`. */
export function renderError(c: Context, error: unknown): Response {
  if (!(error instanceof HttpProblem)) console.error('polymer sandbox error', error);
  const problem = error instanceof HttpProblem ? error : new HttpProblem(500, 'Internal server error');
  return c.json({ message: problem.message }, problem.status, problem.headers);
}

/** 404 `{"message": "Job application 7 not found"}` */
export function notFound(what: string, id: number | string): HttpProblem {
  return new HttpProblem(404, `${what} ${id} not found`);
}

export function unprocessable(message: string): HttpProblem {
  return new HttpProblem(422, message);
}

function issueMessage(issue: FieldIssue): string {
  switch (issue.problem) {
    case 'blank':
      return `${issue.field} is required`;
    case 'type':
      return `${issue.field} must be ${describeExpected(issue.expected)}`;
    case 'inclusion':
      return `${issue.field} must be one of ${issue.allowed.join(', ')}`;
  }
}

/**
 * Reads and checks a JSON body (an empty body counts as {}); fields not in `specs` are ignored.
 * A body that is not JSON is a 415, malformed JSON a 400, a failed check a 422.
 */
export async function readBody(c: Context, specs: FieldSpecs, mode: 'create' | 'update' = 'create'): Promise<Record<string, unknown>> {
  const contentType = c.req.header('content-type');
  const body = contentType === undefined || mediaTypeOf(contentType) === 'application/json' ? await readJsonBody(c) : await rejectNonJson(c);
  if (body !== undefined && !isPlainObject(body)) throw new HttpProblem(400, 'Request body must be a JSON object');
  const { values, issue } = checkFields(body ?? {}, specs, mode);
  if (issue) throw unprocessable(issueMessage(issue));
  return values;
}

async function rejectNonJson(c: Context): Promise<undefined> {
  if ((await c.req.text()).trim() === '') return undefined;
  throw new HttpProblem(415, 'Content-Type must be application/json');
}

/** An optional integer query parameter; anything else is a 422 naming it. */
export function integerParam(c: Context, name: string): number | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw)) throw unprocessable(`${name} must be an integer`);
  return Number(raw);
}

export interface Page<Item> {
  items: Item[];
  meta: { count: number; is_first: boolean; is_last: boolean; page: number; per_page: number; total: number };
}

/** Slices `rows` by ?page (from 1) and ?per_page (1–100, default 50) into the list envelope. */
export function paginate<Row, Item>(c: Context, rows: Row[], serialize: (row: Row) => Item): Page<Item> {
  const page = Number(c.req.query('page') ?? 1);
  const perPage = Number(c.req.query('per_page') ?? DEFAULT_PER_PAGE);
  if (!Number.isInteger(page) || page < 1) throw unprocessable('page must be an integer greater than or equal to 1');
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) {
    throw unprocessable(`per_page must be an integer between 1 and ${MAX_PER_PAGE}`);
  }
  const items = rows.slice((page - 1) * perPage, page * perPage).map(serialize);
  return {
    items,
    meta: { count: items.length, is_first: page === 1, is_last: page * perPage >= rows.length, page, per_page: perPage, total: rows.length },
  };
}
