// Workable's conventions (workable.readme.io, its OpenAPI 3.8): a bearer access token, errors as {"error": "..."} and
// validation errors adding {"validation_errors": {field: [messages]}}, lists as {<records>: [...], paging: {next}}
// where next is the full URL of the following page (limit and since_id), and X-Rate-Limit-* headers on every answer.
import type { ApiSpec, Reply, SandboxRequest } from '../shared/api.ts';
import { HttpProblem } from '../shared/http.ts';
import { pageSize, urlWith } from '../shared/pagination.ts';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100;

/** 422 `{"error": "Validation failed: <field> <message>", "validation_errors": {"<field>": ["<message>"]}}` */
export function invalid(field: string, message: string): HttpProblem {
  return new HttpProblem(422, `Validation failed: ${field.replace(/_/g, ' ')} ${message}`, {}, { validation_errors: { [field]: [message] } });
}

export function notFound(): HttpProblem {
  return new HttpProblem(404, 'Not found');
}

export const workableConventions: Omit<ApiSpec, 'routes'> = {
  auth: {
    scheme: { kind: 'bearer' },
    missing: () => new HttpProblem(401, 'Not authorized'),
    unknown: () => new HttpProblem(401, 'Not authorized'),
  },
  renderError: (problem) => ({
    status: problem.status,
    body: problem.details.validation_errors ? { error: problem.message, validation_errors: problem.details.validation_errors } : { error: problem.message },
  }),
  rateLimitHeaders: { family: 'X-Rate-Limit', reset: 'epoch_seconds' },
  problems: {
    notFound: () => notFound(),
    // Every answer carries the X-Rate-Limit-* headers, a 429 too; Workable documents no Retry-After.
    rateLimited: (headers) => new HttpProblem(429, 'Rate limit exceeded', Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'Retry-After'))),
  },
};

/** A Workable id: the short hexadecimal strings since_id and max_id compare. */
const hexId = (request: SandboxRequest, name: string): number | undefined => {
  const raw = request.query(name);
  if (raw === undefined || raw === '') return undefined;
  if (!/^[0-9a-f]{1,12}$/i.test(raw)) throw invalid(name, 'is not a valid id');
  return parseInt(raw, 16);
};

/** created_after / updated_after: ISO 8601 (20150708T115616Z too) or Unix time, as the jobs page says. */
export function timestampParam(request: SandboxRequest, name: string): number | undefined {
  const raw = request.query(name);
  if (raw === undefined || raw === '') return undefined;
  if (/^\d{9,11}$/.test(raw)) return Number(raw) * 1000;
  const compact = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(raw);
  const time = compact ? Date.parse(`${compact[1]}-${compact[2]}-${compact[3]}T${compact[4]}:${compact[5]}:${compact[6]}Z`) : Date.parse(raw);
  if (Number.isNaN(time)) throw invalid(name, 'is not a valid timestamp');
  return time;
}

/**
 * One page of a list in id order: `limit` records (50 by default; more than 100 are capped) with an id of at least
 * since_id and at most max_id, and paging.next when more follow: this URL with since_id set to the next record's id.
 */
export function listPage<Row extends { id: string }>(request: SandboxRequest, key: string, rows: Row[], serialize: (row: Row) => unknown): Reply {
  const limit = pageSize(request.query('limit'), { fallback: DEFAULT_LIMIT, max: MAX_LIMIT, overMax: 'cap' });
  if (limit === undefined) throw invalid('limit', 'must be a positive integer');
  const since = hexId(request, 'since_id');
  const max = hexId(request, 'max_id');
  const inRange = rows.filter((row) => (since === undefined || parseInt(row.id, 16) >= since) && (max === undefined || parseInt(row.id, 16) <= max));
  const page = inRange.slice(0, limit);
  const following = inRange[limit];
  return {
    body: {
      [key]: page.map(serialize),
      ...(following ? { paging: { next: urlWith(request.url, { limit, since_id: following.id }) } } : {}),
    },
  };
}
