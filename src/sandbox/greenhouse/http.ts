// Harvest v3's conventions (harvestdocs.greenhouse.io: authentication, pagination, list endpoints; the v1/v2 docs for
// errors and rate limits): bearer access tokens from the token endpoint, bare JSON arrays paged by a cursor in the
// Link header that must then be the only query parameter, filters by ids, parent ids and times (`gte|<time>`), 422
// `{message, errors: [{message, field}]}` for what fails validation, X-RateLimit-* headers.
import type { ApiSpec, Reply, SandboxRequest } from '../shared/api.ts';
import { checkFields, describeExpected, type FieldIssue, type FieldSpecs } from '../shared/fields.ts';
import { HttpProblem } from '../shared/http.ts';
import { linkHeader, pageSize, windowOf } from '../shared/pagination.ts';

export const DEFAULT_PER_PAGE = 100;
export const MAX_PER_PAGE = 500;

/** 422 `{"message": "Validation error", "errors": [{"message", "field"}]}` */
export function invalid(field: string, message: string): HttpProblem {
  return new HttpProblem(422, 'Validation error', {}, { errors: [{ message, field }] });
}

/** The JSON body checked against `specs`: a field it does not know, or the first problem, is a 422 naming the field. */
export async function readBody(request: SandboxRequest, specs: FieldSpecs): Promise<Record<string, unknown>> {
  const { values, unknown, issue } = checkFields(await request.object(), specs, 'create');
  if (unknown.length > 0) throw invalid(unknown[0]!, 'Unknown field');
  if (issue) throw invalid(issue.field, issueMessage(issue));
  return values;
}

function issueMessage(issue: FieldIssue): string {
  switch (issue.problem) {
    case 'blank':
      return 'Is required';
    case 'type':
      return `Must be ${describeExpected(issue.expected)}`;
    case 'inclusion':
      return `Must be one of: ${issue.allowed.join(', ')}`;
  }
}

export function notFound(what: string, id: unknown): HttpProblem {
  return new HttpProblem(404, `${what} ${String(id)} not found`);
}

export const greenhouseConventions: Omit<ApiSpec, 'routes'> = {
  auth: {
    scheme: { kind: 'bearer' },
    missing: () => new HttpProblem(401, 'Missing access token: send Authorization: Bearer <access_token> from the token endpoint'),
    malformed: () => new HttpProblem(401, 'Authorization must be a Bearer access token'),
    unknown: () => new HttpProblem(401, 'Invalid or expired access token'),
  },
  renderError: (problem) => ({
    status: problem.status,
    body: problem.details.errors ? { message: problem.message, errors: problem.details.errors } : { message: problem.message },
  }),
  // Answers carry the limit and what is left of it; a 429 carries when the window resets and how long to wait instead.
  rateLimitHeaders: { family: 'X-RateLimit', reset: 'epoch_seconds', onSuccess: ['Limit', 'Remaining'] },
  problems: {
    notFound: () => new HttpProblem(404, 'Resource not found'),
    rateLimited: (headers) => new HttpProblem(429, 'Too many requests: rate limit exceeded', {
      'X-RateLimit-Reset': headers['X-RateLimit-Reset']!, 'Retry-After': headers['Retry-After']!,
    }),
  },
};

/** A query filter: the raw value in, a row test out; a value it cannot read is a 422 naming the parameter. */
export type Filter<Row> = (raw: string, name: string) => (row: Row) => boolean;

/** `ids=1,2,3` against an id of the row. */
export const idsFilter = <Row>(value: (row: Row) => number | null): Filter<Row> => (raw, name) => {
  const ids = raw.split(',').map((part) => part.trim());
  if (ids.length > MAX_PER_PAGE || ids.some((id) => !/^\d{1,15}$/.test(id))) throw invalid(name, 'Must be a comma-separated list of ids');
  const wanted = new Set(ids.map(Number));
  return (row) => wanted.has(value(row) ?? -1);
};

const OPERATORS: Record<string, (a: number, b: number) => boolean> = { gte: (a, b) => a >= b, gt: (a, b) => a > b, lte: (a, b) => a <= b, lt: (a, b) => a < b };

/** `created_at=gte|2026-01-01T00:00:00Z` or a range `gte|<time>|lte|<time>` against a time of the row. */
export const timeFilter = <Row>(value: (row: Row) => string | null): Filter<Row> => (raw, name) => {
  const parts = raw.split('|');
  const tests: ((time: number) => boolean)[] = [];
  for (let index = 0; index < parts.length; index += 2) {
    const compare = OPERATORS[parts[index]!];
    const bound = Date.parse(parts[index + 1] ?? '');
    if (!compare || Number.isNaN(bound) || parts.length > 4) {
      throw invalid(name, 'Must be an operator and an ISO 8601 time, e.g. gte|2026-01-01T00:00:00Z, or two of them: gte|<time>|lte|<time>');
    }
    tests.push((time) => compare(time, bound));
  }
  return (row) => {
    const time = value(row);
    return time !== null && tests.every((test) => test(Date.parse(time)));
  };
};

export const booleanFilter = <Row>(value: (row: Row) => boolean): Filter<Row> => (raw, name) => {
  if (raw !== 'true' && raw !== 'false') throw invalid(name, 'Must be true or false');
  return (row) => value(row) === (raw === 'true');
};

export const enumFilter = <Row>(allowed: readonly string[], value: (row: Row) => string): Filter<Row> => (raw, name) => {
  if (!allowed.includes(raw)) throw invalid(name, `Must be one of: ${allowed.join(', ')}`);
  return (row) => value(row) === raw;
};

export const textFilter = <Row>(matches: (row: Row, value: string) => boolean): Filter<Row> => (raw) => (row) => matches(row, raw);

/** The filters every list takes (list endpoints guide): ids, created_at and updated_at. */
export function standardFilters<Row extends { id: number; created_at: string; updated_at: string }>(): Record<string, Filter<Row>> {
  return { ids: idsFilter((row) => row.id), created_at: timeFilter((row) => row.created_at), updated_at: timeFilter((row) => row.updated_at) };
}

export interface ListSpec<Row> {
  /** The path segment under /v3, e.g. candidates. */
  resource: string;
  rows: () => Row[];
  filters: Readonly<Record<string, Filter<Row>>>;
}

/** Cursors hold the list, its original query and the next position; they are opaque to clients (base64url). */
interface CursorState {
  list: string;
  query: string;
  start: number;
}

const maxCursorLength = 2048;

function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

function decodeCursor(list: string, cursor: string): CursorState {
  let state: Partial<CursorState> | undefined;
  try {
    state = cursor.length <= maxCursorLength && /^[A-Za-z0-9_-]+$/.test(cursor) ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) : undefined;
  } catch {
    state = undefined;
  }
  if (state?.list !== list || typeof state.query !== 'string' || !Number.isSafeInteger(state.start) || state.start! < 0) {
    throw invalid('cursor', 'Invalid cursor: use the URL of the rel="next" link of the previous page as it is');
  }
  return state as CursorState;
}

/**
 * One page of a list: the first request names filters, per_page and fields; the rel="next" link carries them in its
 * cursor, which must then be the only query parameter. Unknown parameters are refused.
 */
export function listPage<Row extends { id: number }>(request: SandboxRequest, spec: ListSpec<Row>): Reply {
  const cursor = request.url.searchParams.get('cursor');
  let query = request.url.searchParams;
  let start = 0;
  if (cursor !== null) {
    const others = [...new Set(query.keys())].filter((name) => name !== 'cursor');
    if (others.length > 0) throw invalid(others[0]!, 'When cursor is given it must be the only query parameter: filters and per_page belong on the first request');
    const state = decodeCursor(spec.resource, cursor);
    query = new URLSearchParams(state.query);
    start = state.start;
  }
  const known = new Set([...Object.keys(spec.filters), 'per_page', 'fields']);
  const unknown = [...query.keys()].find((name) => !known.has(name));
  if (unknown !== undefined) throw invalid(unknown, 'Unknown query parameter');
  const size = pageSize(query.get('per_page') ?? undefined, { fallback: DEFAULT_PER_PAGE, max: MAX_PER_PAGE, overMax: 'reject' });
  if (size === undefined) throw invalid('per_page', `Must be an integer from 1 to ${MAX_PER_PAGE}`);
  const tests = Object.entries(spec.filters).flatMap(([name, filter]) => {
    const raw = query.get(name);
    return raw === null ? [] : [filter(raw, name)];
  });
  const rows = spec.rows().filter((row) => tests.every((test) => test(row)));
  const window = windowOf(rows, start, size);
  const fields = query.get('fields')?.split(',').map((field) => field.trim()).filter(Boolean);
  const body = window.items.map((row) => (fields ? pick(row, fields) : { ...row }));
  const next = window.next === undefined ? undefined
    : `${request.url.origin}${request.url.pathname}?cursor=${encodeCursor({ list: spec.resource, query: query.toString(), start: window.next })}`;
  const link = linkHeader({ next });
  return { body, ...(link ? { headers: { Link: link } } : {}) };
}

/** `fields=first_name,title`: those attributes and the id; an attribute the record does not have is refused. */
function pick<Row extends { id: number }>(row: Row, fields: string[]): Record<string, unknown> {
  const unknown = fields.find((field) => !(field in row));
  if (unknown !== undefined) throw invalid('fields', `Unknown field: ${unknown}`);
  return Object.fromEntries([['id', row.id], ...fields.map((field) => [field, row[field as keyof Row]])]);
}
