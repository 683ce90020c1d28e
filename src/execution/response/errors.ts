// How upstream reports errors: where its message is, and which bodies of a 2xx answer are errors all the same
// (some APIs answer {success: false, errors: [...]} with HTTP 200).
import { z } from 'zod';
import { readPath } from '../paths.ts';

export const errorsFormat = z.strictObject({
  message_paths: z.array(z.string()).min(1).default(['message', 'error']).describe('Dot paths tried in order to find the upstream error message'),
  in_body: z.array(z.strictObject({
    path: z.string().describe('Dot path into a 2xx body'),
    equals: z.union([z.string(), z.number(), z.boolean(), z.null()]).describe('The value there that marks the body as an error'),
    status: z.int().min(400).max(599).default(422).describe('The status a Proxy API caller gets for it'),
  })).default([]).describe('Rules that make a 2xx answer an upstream error'),
});

export type ErrorsDefinition = z.output<typeof errorsFormat>;

/** The status of the first in-body rule the body matches, when one does. */
export function errorInBody(errors: ErrorsDefinition, body: unknown): number | undefined {
  for (const rule of errors.in_body) if (readPath(body, rule.path) === rule.equals) return rule.status;
  return undefined;
}

/** Upstream messages are passed on up to this length: a hostile upstream could send megabytes of "message". */
export const maxMessageLength = 2_000;

/** The upstream's own error message, from the first message path that holds text. */
export function upstreamMessage(errors: ErrorsDefinition, body: unknown): string | undefined {
  for (const path of errors.message_paths) {
    const value = readPath(body, path);
    if (typeof value === 'string' && value.trim() !== '') return value.length > maxMessageLength ? `${value.slice(0, maxMessageLength)}… (cut)` : value;
  }
  return undefined;
}
