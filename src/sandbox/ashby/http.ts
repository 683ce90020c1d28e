// Ashby's conventions (developers.ashbyhq.com: authentication, responses, pagination): HTTP Basic with the key as
// user name, `Accept: application/json; version=1`, every endpoint a POST with a JSON body, business errors inside
// HTTP 200 answers, and cursor paging in the body.
import { randomUUID } from 'node:crypto';
import type { ApiSpec, Reply } from '../shared/api.ts';
import { plainIssueMessage, requireFields, type FieldSpecs } from '../shared/fields.ts';
import { HttpProblem } from '../shared/http.ts';
import { decodeCursor, encodeCursor, pageSize, windowOf } from '../shared/pagination.ts';

/** An error Ashby answers with HTTP 200: `{success: false, errorInfo: {code, message, requestId}}`. */
export function failure(code: string, message: string): HttpProblem {
  return new HttpProblem(200, message, {}, { code });
}

/** The older form, still answered by some endpoints (job.info's unknown job): `{success: false, errors: [code]}`. */
export function legacyFailure(code: string, message: string): HttpProblem {
  return new HttpProblem(200, message, {}, { code, legacy: true });
}

export const invalidInput = (message: string) => failure('invalid_input', message);

/** Codes of the errors Ashby answers with an HTTP status; only missing_endpoint_permission is documented. */
const CODE_BY_STATUS: Record<number, string> = {
  400: 'invalid_input', 401: 'missing_api_key', 403: 'forbidden', 404: 'not_found', 405: 'method_not_allowed',
  406: 'unsupported_api_version', 415: 'unsupported_media_type', 429: 'rate_limit_exceeded', 500: 'internal_error',
};

export const ashbyConventions: Omit<ApiSpec, 'routes'> = {
  auth: {
    scheme: { kind: 'basic_username' },
    missing: () => new HttpProblem(401, 'No API key: send it as the user name of HTTP Basic authentication, with an empty password.'),
    malformed: () => new HttpProblem(401, 'Authorization must be HTTP Basic with the API key as the user name.'),
    unknown: () => new HttpProblem(403, 'The API key is not valid.', {}, { code: 'invalid_api_key' }),
    disabled: () => new HttpProblem(403, 'The API key has been deactivated.', {}, { code: 'api_key_deactivated' }),
  },
  renderError(problem) {
    const code = String(problem.details.code ?? CODE_BY_STATUS[problem.status] ?? 'error');
    const body = problem.details.legacy
      ? { success: false, errors: [code] }
      : { success: false, errorInfo: { code, message: problem.message, requestId: randomUUID() } };
    return { status: problem.status, body };
  },
  accepts: acceptsVersion1,
  problems: {
    notFound: (_method, path) => new HttpProblem(404, `There is no endpoint ${path.replace(/^.*\//, '')}.`),
    methodNotAllowed: (method) => new HttpProblem(405, `Endpoints are called with POST, not ${method}.`, { Allow: 'POST' }),
    notAcceptable: (accept) => new HttpProblem(406, `This API answers application/json; version=1, not ${accept}.`),
  },
};

/** `Accept` may be absent or name JSON (any range that covers it); a version, when given, must be 1. */
function acceptsVersion1(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  return accept.split(',').some((range) => {
    const [type = '', ...parameters] = range.split(';').map((part) => part.trim().toLowerCase());
    if (type === '*/*' || type === 'application/*') return true;
    const version = parameters.find((parameter) => parameter.startsWith('version='))?.slice('version='.length);
    return type === 'application/json' && (version === undefined || version === '1');
  });
}

/** Success: `{success: true, results}` plus whatever a list adds. */
export function success(results: unknown, extra: Record<string, unknown> = {}): Reply {
  return { body: { success: true, results, ...extra } };
}

/** The checked body fields; the first problem is an invalid_input error naming the field. */
export function input(body: Readonly<Record<string, unknown>>, specs: FieldSpecs): Record<string, unknown> {
  return requireFields(body, specs, 'create', (issue) => invalidInput(plainIssueMessage(issue)));
}

export const MAX_PAGE_SIZE = 100;

/**
 * One page of a cursor-paginated list: `limit` (default and maximum 100; larger values are capped silently) and
 * `cursor` from the previous page's `nextCursor`, while `moreDataAvailable`. The last page carries a `syncToken`:
 * sent later instead of a cursor, it lists only the rows changed since (`changedAt`).
 */
export function cursorPage<Row>(scope: string, body: Readonly<Record<string, unknown>>, rows: Row[], serialize: (row: Row) => unknown, changedAt: (row: Row) => string): Reply {
  const size = pageSize(body.limit, { fallback: MAX_PAGE_SIZE, max: MAX_PAGE_SIZE, overMax: 'cap' });
  if (size === undefined) throw invalidInput(`limit must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
  let listed = rows;
  if (body.syncToken !== undefined) {
    const since = decodeCursor(`${scope}/sync`, body.syncToken);
    if (since === undefined) throw failure('sync_token_expired', 'The syncToken is not valid or has expired; sync again without it.');
    listed = rows.filter((row) => Date.parse(changedAt(row)) >= since);
  }
  const start = body.cursor === undefined ? 0 : decodeCursor(scope, body.cursor);
  if (start === undefined) throw invalidInput('cursor is not a cursor of this list; pass the nextCursor of the previous page');
  const window = windowOf(listed, start, size);
  const results = window.items.map(serialize);
  return window.next === undefined
    ? success(results, { moreDataAvailable: false, syncToken: encodeCursor(`${scope}/sync`, Date.now()) })
    : success(results, { moreDataAvailable: true, nextCursor: encodeCursor(scope, window.next) });
}
