// Lever's conventions (hire.lever.co/developer/documentation: Authentication, Rate Limits, Responses and Errors,
// Pagination, Lists): an API key as the Basic user name or an OAuth access token as Bearer; answers under `data`;
// lists `{data, hasNext, next}` paged by an opaque offset token (`next` sent back as `offset`), `limit` 1–100
// (default 100); errors `{code, message}`; no rate-limit headers at all (a 429 is just a 429).
import type { ApiSpec, Reply, SandboxRequest } from '../shared/api.ts';
import { checkFields, describeExpected, type FieldSpecs } from '../shared/fields.ts';
import { HttpProblem } from '../shared/http.ts';
import { pageSize } from '../shared/pagination.ts';
import type { UnknownFilters } from '../shared/types.ts';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 100;

/** The `code` of an error body, by status: UnauthorizedError and ResourceNotFound as Lever answers them; the others in the same restify style. */
const CODES: Record<number, string> = {
  400: 'BadRequestError', 401: 'UnauthorizedError', 403: 'ForbiddenError', 404: 'ResourceNotFound', 405: 'MethodNotAllowedError',
  406: 'NotAcceptableError', 415: 'UnsupportedMediaTypeError', 429: 'TooManyRequestsError', 500: 'InternalServerError',
};

export function badRequest(message: string): HttpProblem {
  return new HttpProblem(400, message);
}

/** Lever's own wording: "stages a80bbbe0-… was not found". */
export function notFound(collection: string, id: string): HttpProblem {
  return new HttpProblem(404, `${collection} ${id} was not found`);
}

export const leverConventions: Omit<ApiSpec, 'routes'> = {
  auth: {
    scheme: [{ kind: 'basic_username' }, { kind: 'bearer' }],
    missing: () => new HttpProblem(401, 'The request requires authentication.'),
    malformed: () => new HttpProblem(401, 'Send the API key as the Basic user name (empty password), or an OAuth access token as Bearer.'),
    unknown: () => new HttpProblem(401, 'The API key or access token is not valid.'),
  },
  renderError: (problem) => ({ status: problem.status, body: { code: CODES[problem.status] ?? 'InternalServerError', message: problem.message } }),
  problems: {
    notFound: (_method, path) => new HttpProblem(404, `${path} does not exist`),
    // Lever documents no Retry-After or limit headers: the client backs off exponentially.
    rateLimited: () => new HttpProblem(429, 'Rate limit exceeded: retry with exponential backoff.'),
    malformedJson: () => badRequest('The request body is not valid JSON.'),
    notAnObject: () => badRequest('The request body must be a JSON object.'),
  },
};

/** The JSON body checked against `specs`: an unknown field, or the first problem, is a 400 naming the field. */
export async function readBody(request: SandboxRequest, specs: FieldSpecs): Promise<Record<string, unknown>> {
  const { values, unknown, issue } = checkFields(await request.object(), specs, 'create');
  if (unknown.length > 0) throw badRequest(`Unknown field: ${unknown[0]}`);
  if (!issue) return values;
  if (issue.problem === 'blank') throw badRequest(`Missing required field: ${issue.field}`);
  throw badRequest(issue.problem === 'type' ? `${issue.field} must be ${describeExpected(issue.expected)}` : `${issue.field} must be one of ${issue.allowed.join(', ')}`);
}

/** A list filter: every value given for the parameter in, a row test out (several values: any of them). */
export type Filter<Row> = (values: string[], name: string) => (row: Row) => boolean;

export const anyOf = <Row>(value: (row: Row) => string | readonly string[] | null): Filter<Row> => (values) => (row) => {
  const own = value(row);
  return own !== null && (typeof own === 'string' ? values.includes(own) : own.some((item) => values.includes(item)));
};

/** A true/false parameter (the last one given counts). */
export function booleanParameter(values: string[], name: string): boolean {
  if (values.some((raw) => raw !== 'true' && raw !== 'false')) throw badRequest(`${name} must be true or false`);
  return values.at(-1) === 'true';
}

export const flag = <Row>(value: (row: Row) => boolean): Filter<Row> => (values, name) => {
  const wanted = booleanParameter(values, name);
  return (row) => value(row) === wanted;
};

/** `created_at_start` / `created_at_end` and the like: epoch milliseconds, inclusive. */
export const timeBound = <Row>(value: (row: Row) => number | null, bound: 'start' | 'end'): Filter<Row> => (values, name) => {
  const raw = values.at(-1)!;
  if (!/^\d{1,15}$/.test(raw)) throw badRequest(`${name} must be a timestamp in milliseconds`);
  const limit = Number(raw);
  return (row) => {
    const time = value(row);
    return time !== null && (bound === 'start' ? time >= limit : time <= limit);
  };
};

/** `confidentiality`: non-confidential unless the request asks for confidential records or all. */
export const confidentiality = <Row extends { confidentiality: string }>(): Filter<Row> => (values, name) => {
  const wanted = values.at(-1)!;
  if (!['confidential', 'non-confidential', 'all'].includes(wanted)) throw badRequest(`${name} must be confidential, non-confidential or all`);
  return (row) => wanted === 'all' || row.confidentiality === wanted;
};

export interface ListSpec<Row> {
  rows: Row[];
  filters?: Readonly<Record<string, Filter<Row>>>;
  /** Filters applied when the request does not name them (postings and opportunities: non-confidential only). */
  defaults?: Readonly<Record<string, string>>;
  /** The list's order; offset tokens are positions in it (the time of the next row, then its id). */
  order(row: Row): number;
  serialize?(row: Row): unknown;
}

const TOKEN = /^0\.(\d{1,15})\.([0-9a-f-]{36})$/;

/**
 * One page: `limit` rows from the position of the `offset` token, `{data, hasNext, next}`. Tokens look like Lever's
 * (`0.<time>.<uuid>`) and point at the first row of the next page, so rows added meanwhile do not shift the pages.
 * A parameter the list does not know is left out, or with unknownFilters 'reject' a 400 naming it.
 */
export function listPage<Row extends { id: string }>(request: SandboxRequest, unknownFilters: UnknownFilters, spec: ListSpec<Row>): Reply {
  const query = request.url.searchParams;
  const known = new Set([...Object.keys(spec.filters ?? {}), 'limit', 'offset']);
  const unknown = [...query.keys()].find((name) => !known.has(name));
  if (unknown !== undefined && unknownFilters === 'reject') throw badRequest(`Unknown parameter: ${unknown}`);
  const limit = pageSize(query.get('limit') ?? undefined, { fallback: DEFAULT_LIMIT, max: MAX_LIMIT, overMax: 'reject' });
  if (limit === undefined) throw badRequest(`limit must be an integer between 1 and ${MAX_LIMIT}`);
  const tests = Object.entries(spec.filters ?? {}).flatMap(([name, filter]) => {
    const values = query.getAll(name).length > 0 ? query.getAll(name) : spec.defaults?.[name] === undefined ? [] : [spec.defaults[name]!];
    return values.length === 0 ? [] : [filter(values, name)];
  });
  const rows = spec.rows.filter((row) => tests.every((test) => test(row)))
    .sort((a, b) => spec.order(a) - spec.order(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const offset = query.get('offset');
  let start = 0;
  if (offset !== null) {
    const match = TOKEN.exec(offset);
    if (!match) throw badRequest('Invalid offset: pass the next token of the previous page as it is');
    const [time, id] = [Number(match[1]), match[2]!];
    start = rows.findIndex((row) => spec.order(row) > time || (spec.order(row) === time && row.id >= id));
    if (start === -1) start = rows.length;
  }
  const page = rows.slice(start, start + limit);
  const following = rows[start + limit];
  return {
    body: {
      data: page.map((row) => spec.serialize?.(row) ?? row),
      hasNext: following !== undefined,
      ...(following ? { next: `0.${spec.order(following)}.${following.id}` } : {}),
    },
  };
}

/** A single record: `{data: record}`. */
export function single(record: unknown): Reply {
  return { body: { data: record } };
}
