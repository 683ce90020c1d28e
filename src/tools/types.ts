// What tool generation produces: everything the MCP layer shows an agent, plus the route the engine follows.
import type { MethodDefinition, PaginationDefinition, ResourceDefinition, ResponseDefinition } from '../definitions/format.ts';

export type JsonSchema = Record<string, unknown>;

export type MethodKind = 'list' | 'get' | 'create' | 'update' | 'delete' | 'custom';

/** Where one flat argument goes in the upstream request. */
export interface ArgumentRoute {
  argument: string;
  /** "switchboard": applied by Switchboard itself (a Switchboard-side filter, the fields argument), never sent upstream as such. */
  in: 'path' | 'query' | 'body' | 'whole_body' | 'header' | 'switchboard';
  /** Name upstream: the path placeholder, the query parameter, the body property or the header. */
  name: string;
}

/** What a definition says about one argument beyond its schema. */
export interface ArgumentHints {
  /** Other spellings of enum values (another tool's name for the same thing) → the value upstream takes. */
  aliases?: Record<string, string>;
  /** The tool that lists this argument's valid values, named when upstream refuses one. */
  valuesFrom?: string;
  /** An integer time since 1970 in this unit: a date or date-time given instead is converted. */
  timestamp?: Timestamp;
}

export const timestampUnits = ['epoch_milliseconds', 'epoch_seconds'] as const;
export type Timestamp = (typeof timestampUnits)[number];

export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

export interface Tool {
  name: string;
  title: string;
  description: string;
  /** What tools/list shows. */
  inputSchema: JsonSchema;
  /** What arguments are validated against: inputSchema, closed to other arguments, with the fields enum. */
  validationSchema: JsonSchema;
  outputSchema?: JsonSchema;
  annotations: ToolAnnotations;
  integration: string;
  resource: string;
  method: string;
  kind: MethodKind;
  /** Declared by the definition (never inferred from the HTTP verb): POST reads exist. */
  readOnly: boolean;
  /** Resource tags plus method tags. */
  tags: string[];
  routes: ArgumentRoute[];
  /** The body schema as written, with its x-jsonapi hints, for request mapping. */
  bodySchema?: JsonSchema;
  paginated: boolean;
  /** The method's own paging or the integration's, when the tool pages. */
  pagination?: PaginationDefinition;
  response: ResponseDefinition;
  /** Filters the API lacks, applied by Switchboard (argument name → how records match). */
  switchboardFilters: MethodDefinition['switchboard_filters'];
  /** Per argument, from the definition's x-aliases and x-values-from. */
  hints: Record<string, ArgumentHints>;
  definition: { resource: ResourceDefinition; method: MethodDefinition };
}
