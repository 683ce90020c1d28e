// Teamtailor's conventions (docs.teamtailor.com): `Authorization: Token token=<key>`, a dated X-Api-Version header
// echoed on answers, JSON:API bodies as application/vnd.api+json, JSON:API error objects, X-Rate-Limit-* headers whose
// reset is the seconds left in the window.
import type { ApiSpec, Handler, RouteTable } from '../shared/api.ts';
import { HttpProblem } from '../shared/http.ts';

export const JSON_API = 'application/vnd.api+json';

/** A JSON:API error object's parts: its title, and where in the request the problem is. */
function problem(status: 400 | 404 | 409 | 422, title: string, detail: string, source?: { pointer: string } | { parameter: string }): HttpProblem {
  return new HttpProblem(status, detail, {}, { title, ...(source ? { source } : {}) });
}

export const badRequest = (title: string, detail: string, parameter: string) => problem(400, title, detail, { parameter });
export const notFound = (type: string, id: string) => problem(404, 'Record not found', `The record identified by ${id} could not be found in ${type}.`);
export const conflict = (detail: string, pointer: string) => problem(409, 'Conflict', detail, { pointer });
export const invalid = (detail: string, pointer: string) => problem(422, detail.replace(/^[^ ]+ - /, ''), detail, { pointer });

export const teamtailorConventions: Omit<ApiSpec, 'routes'> = {
  auth: {
    scheme: { kind: 'token' },
    missing: () => new HttpProblem(401, 'Missing API key: send Authorization: Token token=<api key>', {}, { title: 'Unauthorized' }),
    malformed: () => new HttpProblem(401, 'The Authorization header must read Token token=<api key>', {}, { title: 'Unauthorized' }),
    unknown: () => new HttpProblem(401, 'Invalid API key', {}, { title: 'Unauthorized' }),
  },
  renderError: (error) => ({
    status: error.status,
    body: { errors: [{ status: String(error.status), title: error.details.title ?? titleOf(error.status), detail: error.message, ...(error.details.source ? { source: error.details.source } : {}) }] },
  }),
  bodyTypes: [JSON_API],
  responseType: JSON_API,
  rateLimitHeaders: { family: 'X-Rate-Limit', reset: 'seconds' },
  problems: {
    // Teamtailor documents the X-Rate-Limit-* headers and nothing else for a 429.
    rateLimited: (headers) => new HttpProblem(429, 'Rate limit exceeded, retry after the reset', Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'Retry-After')), { title: 'Too Many Requests' }),
    notAnObject: () => badRequest('Invalid request', 'The request body must be a JSON:API document', 'body'),
  },
};

function titleOf(status: number): string {
  return ({ 400: 'Bad Request', 404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable', 415: 'Unsupported Media Type', 500: 'Internal Server Error' } as Record<number, string>)[status] ?? 'Error';
}

/** Every route needs a dated X-Api-Version (YYYYMMDD); answers name the version they were made with. */
export function versioned(routes: RouteTable): RouteTable {
  const check = (handler: Handler): Handler => async (request) => {
    const version = request.header('x-api-version')?.trim();
    if (!version || !/^\d{8}$/.test(version)) throw new HttpProblem(406, 'Send a dated API version in the X-Api-Version header, e.g. X-Api-Version: 20240404', {}, { title: 'Not Acceptable' });
    const reply = await handler(request);
    return { ...reply, headers: { ...reply.headers, 'X-Api-Version': version } };
  };
  return Object.fromEntries(Object.entries(routes).map(([route, handler]) => [route, check(handler)]));
}
