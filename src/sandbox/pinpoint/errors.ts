import type { Context } from 'hono';
import { describeExpected } from '../shared/fields.ts';
import type { FieldIssue } from '../shared/fields.ts';
import { HttpProblem } from '../shared/http.ts';

export const JSON_API_MEDIA_TYPE = 'application/vnd.api+json';

const TITLES: Record<number, { title: string; code: string }> = {
  400: { title: 'Bad Request', code: 'bad_request' },
  401: { title: 'Unauthorized', code: 'unauthorized' },
  403: { title: 'Forbidden', code: 'forbidden' },
  404: { title: 'Not Found', code: 'not_found' },
  405: { title: 'Method Not Allowed', code: 'method_not_allowed' },
  409: { title: 'Conflict', code: 'conflict' },
  415: { title: 'Unsupported Media Type', code: 'unsupported_media_type' },
  422: { title: 'Validation Error', code: 'unprocessable_entity' },
  429: { title: 'Too Many Requests', code: 'too_many_requests' },
  500: { title: 'Internal Server Error', code: 'internal_server_error' },
};

/** Renders any thrown error as a Pinpoint `{"errors":[{title, code, status, detail}]}` document. */
export function renderError(c: Context, error: unknown): Response {
  const problem = error instanceof HttpProblem ? error : new HttpProblem(500, 'Something went wrong');
  if (!(error instanceof HttpProblem)) console.error('pinpoint sandbox error', error);
  const { title, code } = TITLES[problem.status] ?? { title: 'Error', code: 'error' };
  const body = { errors: [{ title, code, status: String(problem.status), detail: problem.message }] };
  return c.body(JSON.stringify(body), problem.status, { ...problem.headers, 'Content-Type': JSON_API_MEDIA_TYPE });
}

export const badRequest = (detail: string) => new HttpProblem(400, detail);
export const recordNotFound = () => new HttpProblem(404, 'Record not found');
export const invalid = (detail: string) => new HttpProblem(422, detail);
/** In-use deletes: Pinpoint documents 422 for every delete, and 409 "Record is in use" for structure links as well. */
export const recordInUse = (status: 409 | 422 = 422) => new HttpProblem(status, 'Record is in use');

/** Rails-style wording: "email can't be blank", "status is not included in the list (...)". */
export function fieldIssueProblem(issue: FieldIssue): HttpProblem {
  switch (issue.problem) {
    case 'blank':
      return invalid(`${issue.field} can't be blank`);
    case 'type':
      return invalid(`${issue.field} must be ${describeExpected(issue.expected)}`);
    case 'inclusion':
      return invalid(`${issue.field} is not included in the list (${issue.allowed.join(', ')})`);
  }
}
