// One error shape for the whole admin API: { "error": { "message": "...", "details"?: [{ field, message }] } }.
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from '../logger.ts';
import { NotFoundError, QuotaError, ValidationError, type FieldProblem } from '../services/errors.ts';
import { InvalidCursorError } from '../store/pagination.ts';
import { logUnexpected } from '../util/error-id.ts';

export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly details: FieldProblem[] | undefined;
  constructor(status: ContentfulStatusCode, message: string, details?: FieldProblem[]) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.details = details;
  }
}

export function errorResponse(c: Context, status: ContentfulStatusCode, message: string, details?: FieldProblem[]): Response {
  return c.json({ error: { message, ...(details?.length ? { details } : {}) } }, status);
}

export function handleErrors(logger: Logger): ErrorHandler {
  return (error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error.status, error.message, error.details);
    if (error instanceof ValidationError) return errorResponse(c, 400, error.summary ?? 'The request has invalid fields.', error.details);
    if (error instanceof NotFoundError) return errorResponse(c, 404, capitalize(error.message));
    if (error instanceof QuotaError) return errorResponse(c, 409, error.message);
    if (error instanceof InvalidCursorError) return errorResponse(c, 400, capitalize(error.message), [{ field: 'cursor', message: error.message }]);
    if (error instanceof HTTPException) return errorResponse(c, error.status as ContentfulStatusCode, error.message || 'Request failed.');
    if (clientWentAway(error, c)) {
      // Nobody is left to answer, and a client can do this at will: not an error of this server.
      logger.debug({ method: c.req.method, route: c.req.routePath }, 'the client closed the connection before its request was read');
      return errorResponse(c, 400, 'The request was aborted by the client.');
    }
    const errorId = logUnexpected(logger, error, 'admin API request failed', { method: c.req.method, route: c.req.routePath });
    return c.json({ error: { message: `Internal error (error id ${errorId}); the server log has the details.`, error_id: errorId } }, 500);
  };
}

/** Reading the body failed because the client closed the connection (node:http's "aborted", ECONNRESET). */
function clientWentAway(error: Error, c: Context): boolean {
  return c.req.raw.signal.aborted || ((error as NodeJS.ErrnoException).code === 'ECONNRESET' && error.message === 'aborted');
}

export const notFound: NotFoundHandler = (c) => errorResponse(c, 404, `No route for ${c.req.method} ${c.req.path}.`);

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
