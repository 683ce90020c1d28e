// The integration definition format (version 2): one YAML file per integration under integrations/<name>/.
// This zod schema is the single source of truth: it validates files at load time, gives the TypeScript types, and
// is exported as integrations/definition.schema.json for editor autocompletion. Auth, pagination and response kinds
// are modules under src/execution/{auth,pagination,response}; their schemas are joined in here.
import { z } from 'zod';
import { authFormat } from '../execution/auth/index.ts';
import { paginationFormat } from '../execution/pagination/index.ts';
import { errorsFormat } from '../execution/response/errors.ts';
import { responseFormat } from '../execution/response/index.ts';

export const formatVersion = 2;

const identifier = z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower snake_case (a-z, 0-9, _), starting with a letter');

/** A JSON Schema object as written in a definition; tool generation checks its shape further. */
const jsonSchema = z.record(z.string(), z.unknown()).describe('A JSON Schema (draft 2020-12) object');

const contextField = z.strictObject({
  label: z.string(),
  description: z.string().optional(),
  required: z.boolean().default(true),
  pattern: z.string().optional().describe('Regular expression the whole value must match; guards the base URL and headers against injection'),
  example: z.string().optional(),
});

const credentialField = z.strictObject({
  label: z.string(),
  description: z.string().optional(),
  modes: z.array(z.string()).min(1).optional().describe('With auth kind modes: the modes that need this credential (all when omitted)'),
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
  path_schema: jsonSchema.optional().describe('Descriptions of path placeholders; each placeholder is a required string otherwise'),
  query_schema: jsonSchema.optional(),
  header_schema: jsonSchema.optional().describe('Request headers an agent sets per call'),
  body_schema: jsonSchema.optional(),
  response_schema: jsonSchema.optional().describe('Schema of one record as the tool returns it'),
  examples: z.array(example).optional(),
});

export const standardMethods = ['list', 'get', 'create', 'update', 'delete'] as const;

const switchboardFilter = z.strictObject({
  description: z.string().min(1),
  match: z.enum(['contains', 'equals', 'equals_ignore_case']).describe('contains: every word of the value is found, ignoring case, in one of the fields; equals: one field is exactly the value; equals_ignore_case: the same, ignoring case'),
  fields: z.array(z.string().min(1)).min(1).describe('Dot paths into the returned record to match'),
});

const method = z.strictObject({
  http_method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  path: z.string().regex(/^\//, 'must start with /'),
  read_only: z.boolean().optional().describe('Whether the method only reads. list and get read and create, update and delete write unless this says otherwise; custom methods must say'),
  tags: z.array(z.string()).default([]),
  tool_name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/).optional().describe('Overrides the generated tool name'),
  paginated: z.boolean().optional().describe('list methods are paginated unless this is false'),
  pagination: paginationFormat.optional().describe("This method's paging, when it differs from the integration's"),
  response: responseFormat.optional().describe("This method's response, when it differs from the integration's"),
  switchboard_filters: z.record(identifier, switchboardFilter).default({}).describe('Filters the API lacks, applied by Switchboard: with one set, the engine pages the upstream list within a bound and keeps the matching records; never sent upstream'),
  switchboard_filter_scan: z.strictObject({
    max_records: z.int().positive().max(100_000).default(2_000).describe('Most upstream records one call reads'),
  }).default({ max_records: 2_000 }),
  fields_parameter: z.string().min(1).optional().describe("The upstream's sparse-fieldset parameter (e.g. fields[applications]): the fields argument is sent there as well as applied by Switchboard"),
  empty_notice: z.strictObject({
    text: z.string().min(1).describe('What an empty result may mean, e.g. records left out by default'),
    unless_argument: z.string().min(1).optional().describe('Not said when the agent set this argument'),
  }).optional().describe('Said with an empty list result, when records are left out by default'),
  query: z.record(z.string(), z.string()).default({}).describe('Query parameters on every call of this method; values are templates over the account credentials and context (e.g. perform_as: "{acting_user_id}")'),
  assumption: z.string().min(1).optional().describe("Why this path and verb are used although the vendor's API description does not document them"),
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
  format_version: z.literal(formatVersion, { error: `must be ${formatVersion}; docs/integrations.md describes the format` }),
  name: identifier,
  label: z.string(),
  description: z.string(),
  docs_url: z.url().optional(),
  base_url: z.string().describe('Base URL of the real API; {placeholders} come from the account context'),
  context: z.record(identifier, contextField).default({}).describe('Per-account settings that are not secret: URL variables (subdomain, region), acting user ids'),
  credentials: z.record(identifier, credentialField),
  auth: authFormat,
  headers: z.record(z.string(), z.string()).default({}).describe('Headers on every request; values are templates over the account credentials and context'),
  request: z.strictObject({
    format: z.enum(['json', 'form', 'jsonapi']).default('json').describe('How a body is encoded: JSON, an HTML form, or a JSON:API document'),
    content_type: z.string().optional().describe('Content-Type of bodies; by default application/json, application/x-www-form-urlencoded or application/vnd.api+json'),
    query_arrays: z.enum(['comma', 'repeat']).default('comma'),
  }).default({ format: 'json', query_arrays: 'comma' }),
  response: responseFormat.default({ kind: 'json' }),
  pagination: paginationFormat.optional(),
  rate_limit: rateLimit.default({ reset_format: 'seconds', retry_after_header: 'Retry-After' }),
  errors: errorsFormat.default({ message_paths: ['message', 'error'], in_body: [] }),
  resources: z.record(identifier, resource),
  search_synonyms: z.record(z.string().regex(/^[a-z0-9]+$/), z.array(z.string().regex(/^[a-z0-9]+$/)).min(1)).default({})
    .describe('Domain words agents use and the words in tool names they mean (applicant: [candidate, application]), for search_tools'),
  assumptions: z.record(z.string(), z.string().min(1)).default({}).describe("Integration-wide behaviour the vendor's description does not document (rate-limit headers, error bodies), each with its reason"),
});

export type Definition = z.output<typeof definitionFormat>;
export type ResourceDefinition = Definition['resources'][string];
export type MethodDefinition = ResourceDefinition['methods'][string];
export type MethodDocs = NonNullable<MethodDefinition['docs']>;
export type RateLimitDefinition = Definition['rate_limit'];
export type { PaginationDefinition } from '../execution/pagination/index.ts';
export type { ResponseDefinition } from '../execution/response/index.ts';

export function definitionJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(definitionFormat, { io: 'input', target: 'draft-2020-12' }),
    title: 'Switchboard integration definition',
  };
}
