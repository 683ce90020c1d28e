// Unexpected failures (bugs) get a short random id: the log line carries it with the details, the caller gets only
// the id, so a report from a user leads straight to the line without the answer revealing anything.
import { randomBytes } from 'node:crypto';
import type { Logger } from '../logger.ts';

/** Logs the failure under a new error id and returns the id, for the caller's answer. */
export function logUnexpected(logger: Logger | undefined, error: unknown, message: string, fields: Record<string, unknown> = {}): string {
  const errorId = randomBytes(6).toString('hex');
  if (logger) logger.error({ ...fields, err: error, error_id: errorId }, message);
  else console.error(`${message} (error id ${errorId}):`, error);
  return errorId;
}
