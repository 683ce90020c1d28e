// The integration definition format: one YAML file per integration under integrations/<name>/.
// This zod schema is the single source of truth: it validates files at load time, gives the TypeScript
// types, and is exported as integrations/definition.schema.json for editor autocompletion.
import { z } from 'zod';

const identifier = z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower snake_case (a-z, 0-9, _), starting with a letter');

/** A JSON Schema object as written in a definition; tool generation checks its shape further. */
const jsonSchema = z.record(z.string(), z.unknown()).describe('A JSON Schema (draft 2020-12) object');

const contextField = z.strictObject({
  label: z.string(),
  description: z.string().optional(),
  required: z.boolean().default(true),
  pattern: z.string().optional().describe('Regular expression the whole value must match; guards the base URL against injection'),
  example: z.string().optional(),
});

const credentialField = z.strictObject({
  label: z.string(),
  description: z.string().optional(),
});

const template = z.string().describe('Text with {field} placeholders taken from the account credentials');

const auth = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('header'), header: z.string(), value: template }),
  z.strictObject({ kind: z.literal('bearer'), token: template }),
  z.strictObject({ kind: z.literal('basic'), username: template, password: template.default('') }),
]);

const pageSize = {
  size_param: z.string().describe('Query parameter carrying the page size'),
  default_size: z.int().positive(),
  max_size: z.int().positive(),
};

const pagination = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('page_number'),
    page_param: z.string(),
    first_page: z.int().nonnegative().default(1),
    last_page_path: z.string().optional().describe('Dot path to a boolean that is true on the last page; without it a short page ends the list'),
    ...pageSize,
  }),
  z.strictObject({ kind: z.literal('offset'), offset_param: z.string(), ...pageSize }),
  z.strictObject({
    kind: z.literal('cursor'),
    cursor_param: z.string(),
    next_cursor_path: z.string().describe('Dot path to the next cursor in the response body; empty or missing ends the list'),
    ...pageSize,
  }),
  z.strictObject({ kind: z.literal('link_header'), ...pageSize }),
]);

const responseFormat = z.strictObject({
  format: z.enum(['json', 'jsonapi']).default('json'),
  records_path: z.string().optional().describe('json lists: dot path to the array of records (the body itself when omitted)'),
  record_path: z.string().optional().describe('json single records: dot path to the record (the body itself when omitted)'),
});

const rateLimit = z.strictObject({
  limit_header: z.string().optional(),
  remaining_header: z.string().optional(),
  reset_header: z.string().optional(),
  reset_format: z.enum(['seconds', 'epoch_seconds', 'epoch_milliseconds', 'http_date']).default('seconds'),
  retry_after_header: z.string().default('Retry-After'),
  window_seconds: z.int().positive().optional().describe('Length of the rate-limit window, when documented'),
  limit: z.int().positive().optional().describe('Requests allowed per window, when documented but not sent as a header'),
});

const example = z.strictObject({ description: z.string(), arguments: z.record(z.string(), z.unknown()) });

const docs = z.strictObject({
  description: z.string().min(1),
  query_schema: jsonSchema.optional(),
  body_schema: jsonSchema.optional(),
  path_schema: jsonSchema.optional().describe('Descriptions of path placeholders; each placeholder is a required string otherwise'),
  response_schema: jsonSchema.optional().describe('Schema of one record as the tool returns it'),
  examples: z.array(example).optional(),
});

export const standardMethods = ['list', 'get', 'create', 'update', 'delete'] as const;

const method = z.strictObject({
  http_method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  path: z.string().regex(/^\//, 'must start with /'),
  tags: z.array(z.string()).default([]),
  tool_name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/).optional().describe('Overrides the generated tool name'),
  paginated: z.boolean().optional().describe('list methods are paginated unless this is false'),
  response: responseFormat.optional(),
  docs: docs.optional().describe('Without documentation the method is reachable through the Proxy API but is not a tool'),
});

const resource = z.strictObject({
  singular: z.string().optional().describe('Singular name used in tool names; derived from the resource name when omitted'),
  description: z.string().optional(),
  tags: z.array(z.string()).default([]),
  jsonapi_type: z.string().optional().describe('JSON:API type of the records (the resource name when omitted)'),
  methods: z.record(identifier, method).refine((m) => Object.keys(m).length > 0, 'a resource needs at least one method'),
});

export const definitionFormat = z.strictObject({
  $schema: z.string().optional(),
  name: identifier,
  label: z.string(),
  description: z.string(),
  docs_url: z.url().optional(),
  base_url: z.string().describe('Base URL of the real API; {placeholders} come from the account context'),
  context: z.record(identifier, contextField).default({}),
  credentials: z.record(identifier, credentialField),
  auth,
  headers: z.record(z.string(), z.string()).default({}),
  request: z.strictObject({
    format: z.enum(['json', 'jsonapi']).default('json'),
    content_type: z.string().default('application/json'),
    query_arrays: z.enum(['comma', 'repeat']).default('comma'),
  }).default({ format: 'json', content_type: 'application/json', query_arrays: 'comma' }),
  response: responseFormat.default({ format: 'json' }),
  pagination: pagination.optional(),
  rate_limit: rateLimit.default({ reset_format: 'seconds', retry_after_header: 'Retry-After' }),
  errors: z.strictObject({
    message_paths: z.array(z.string()).min(1).describe('Dot paths tried in order to find the upstream error message'),
  }).default({ message_paths: ['message', 'error'] }),
  resources: z.record(identifier, resource),
});

export type Definition = z.output<typeof definitionFormat>;
export type ResourceDefinition = Definition['resources'][string];
export type MethodDefinition = ResourceDefinition['methods'][string];
export type MethodDocs = NonNullable<MethodDefinition['docs']>;
export type Pagination = NonNullable<Definition['pagination']>;
export type ResponseFormat = z.output<typeof responseFormat>;
export type RateLimitDefinition = Definition['rate_limit'];

export function definitionJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(definitionFormat, { io: 'input', target: 'draft-2020-12' }),
    title: 'Switchboard integration definition',
  };
}
