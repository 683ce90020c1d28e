import type { ApiSpec, SandboxRequest } from '../shared/api.ts';
import type { FieldSpecs } from '../shared/fields.ts';
import { plainIssueMessage, requireFields } from '../shared/fields.ts';
import { HttpProblem } from '../shared/http.ts';
import { pageSize, windowOf } from '../shared/pagination.ts';

export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 100;

/** Polymer's conventions: a Bearer key, `{"message": "..."}` error bodies, JSON bodies. */
export const polymerConventions: Omit<ApiSpec, 'routes'> = {
  auth: {
    scheme: { kind: 'bearer' },
    missing: () => new HttpProblem(401, 'Missing API key: send "Authorization: Bearer <api key>"'),
    malformed: () => new HttpProblem(401, 'Authorization header must use the Bearer scheme: "Bearer <api key>"'),
    unknown: () => new HttpProblem(401, 'Invalid API key'),
  },
  renderError: (problem) => ({ status: problem.status, body: { message: problem.message } }),
};

/** 404 `{"message": "Job application 7 not found"}` */
export function notFound(what: string, id: number | string): HttpProblem {
  return new HttpProblem(404, `${what} ${id} not found`);
}

export function unprocessable(message: string): HttpProblem {
  return new HttpProblem(422, message);
}

/** The checked JSON body (an empty body counts as {}); fields not in `specs` are ignored, a failed check is a 422. */
export async function readBody(request: SandboxRequest, specs: FieldSpecs, mode: 'create' | 'update' = 'create'): Promise<Record<string, unknown>> {
  return requireFields(await request.object(), specs, mode, (issue) => unprocessable(plainIssueMessage(issue)));
}

/** An optional integer query parameter; anything else is a 422 naming it. */
export function integerParam(request: SandboxRequest, name: string): number | undefined {
  const raw = request.query(name);
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw)) throw unprocessable(`${name} must be an integer`);
  return Number(raw);
}

export interface Page<Item> {
  items: Item[];
  meta: { count: number; is_first: boolean; is_last: boolean; page: number; per_page: number; total: number };
}

/** Slices `rows` by ?page (from 1) and ?per_page (1–100, default 50) into the list envelope. */
export function paginate<Row, Item>(request: SandboxRequest, rows: Row[], serialize: (row: Row) => Item): Page<Item> {
  const page = Number(request.query('page') ?? 1);
  const perPage = pageSize(request.query('per_page'), { fallback: DEFAULT_PER_PAGE, max: MAX_PER_PAGE, overMax: 'reject' });
  if (!Number.isInteger(page) || page < 1) throw unprocessable('page must be an integer greater than or equal to 1');
  if (perPage === undefined) throw unprocessable(`per_page must be an integer between 1 and ${MAX_PER_PAGE}`);
  const window = windowOf(rows, (page - 1) * perPage, perPage);
  const items = window.items.map(serialize);
  return {
    items,
    meta: { count: items.length, is_first: page === 1, is_last: window.next === undefined, page, per_page: perPage, total: window.total },
  };
}

