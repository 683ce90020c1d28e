// Where tools are generated: every documented method of a definition becomes one tool with a flat input schema.
//
// The flat input rule (documented in docs/integrations.md):
//  1. Path placeholders, then query parameters, then body properties claim argument names, in that order.
//  2. An upstream name becomes an argument name by replacing every run of characters outside [A-Za-z0-9_.-]
//     with "_" (filter[created_at][gt] → filter_created_at_gt).
//  3. A name already claimed (or reserved: limit and next_cursor on list tools) is prefixed with its location:
//     query_<name> or body_<name>.
//  4. A body whose schema is an array is passed whole as the argument "body".
//  5. Pagination parameters belong to the engine; list tools take limit and next_cursor instead.
//  6. Header parameters come after the body's, and take the prefix header_ on a clash.
import type { Definition, MethodDefinition, PaginationDefinition, ResourceDefinition } from '../definitions/format.ts';
import { DefinitionProblem, type PathSegment } from '../definitions/load.ts';
import { managedParameters } from '../execution/pagination/index.ts';
import { placeholderNames } from '../util/templates.ts';
import { fieldNames } from './fields.ts';
import { argumentName, humanize, isReadOnly, maxToolNameLength, methodKind, singularize, toolName } from './names.ts';
import { cleanSchema, relaxForOutput, schemaProperties, schemaRequired } from './schema.ts';
import { timestampUnits, type ArgumentHints, type ArgumentRoute, type JsonSchema, type MethodKind, type Timestamp, type Tool, type ToolAnnotations } from './types.ts';

export function generateTools(definition: Definition): Tool[] {
  const tools: Tool[] = [];
  const claimed = new Map<string, string>();
  for (const [resourceName, resource] of Object.entries(definition.resources)) {
    for (const [methodName, method] of Object.entries(resource.methods)) {
      if (!method.docs) continue;
      const at: PathSegment[] = ['resources', resourceName, 'methods', methodName];
      const tool = buildTool(definition, resourceName, resource, methodName, method, at);
      const earlier = claimed.get(tool.name);
      if (earlier) throw new DefinitionProblem(at, `tool name ${tool.name} is already used by ${earlier}; set tool_name`);
      claimed.set(tool.name, at.join('.'));
      tools.push(tool);
    }
  }
  for (const tool of tools) {
    for (const [argument, hint] of Object.entries(tool.hints)) {
      if (hint.valuesFrom !== undefined && !claimed.has(hint.valuesFrom)) {
        throw new DefinitionProblem(['resources', tool.resource, 'methods', tool.method], `x-values-from of ${argument} names ${hint.valuesFrom}, which is not a tool of ${definition.name}`);
      }
    }
  }
  return tools;
}

function buildTool(
  definition: Definition, resourceName: string, resource: ResourceDefinition,
  methodName: string, method: MethodDefinition, at: PathSegment[],
): Tool {
  const docs = method.docs!;
  const kind = methodKind(methodName);
  const name = method.tool_name ?? toolName({ integration: definition.name, resource: resourceName, singular: resource.singular, method: methodName, path: method.path });
  if (name.length > maxToolNameLength) {
    throw new DefinitionProblem(at, `tool name ${name} has ${name.length} characters, more than ${maxToolNameLength}; set tool_name`);
  }
  const pagination = kind === 'list' && method.paginated !== false ? method.pagination ?? definition.pagination : undefined;
  if (kind === 'list' && method.paginated !== false && !pagination) {
    throw new DefinitionProblem(at, 'a list method needs pagination (the definition\'s or its own), or paginated: false');
  }
  const paginated = pagination !== undefined;
  const managed = pagination ? managedParameters(pagination) : [];
  const refuseManaged = (part: 'query_schema' | 'body_schema', parameter: string) => {
    if (managed.includes(parameter)) {
      throw new DefinitionProblem([...at, 'docs', part, 'properties', parameter], 'pagination parameters are managed by the engine; remove this one (list tools take limit and next_cursor)');
    }
  };
  const fields = (kind === 'list' || kind === 'get') && docs.response_schema ? fieldNames(docs.response_schema) : [];
  const input = new InputBuilder(at, [...(paginated ? ['limit', 'next_cursor'] : []), ...(fields.length > 0 ? ['fields'] : [])]);
  const pathSchema = docs.path_schema ? cleanSchema(docs.path_schema, [...at, 'docs', 'path_schema']) : undefined;
  const singular = resource.singular ?? singularize(resourceName);
  for (const placeholder of placeholderNames(method.path)) {
    const described = schemaProperties(pathSchema).find(([key]) => key === placeholder)?.[1];
    // The tool's name (…_by_id) and title say whose id an undescribed placeholder is.
    input.add('path', placeholder, described ?? { type: 'string' }, true);
  }
  if (docs.query_schema) {
    const query = cleanSchema(docs.query_schema, [...at, 'docs', 'query_schema']);
    const required = schemaRequired(query);
    for (const [parameter, schema] of schemaProperties(query)) {
      refuseManaged('query_schema', parameter);
      if (parameter === method.fields_parameter) {
        throw new DefinitionProblem([...at, 'docs', 'query_schema', 'properties', parameter], 'this is the fields_parameter, filled from the fields argument; remove it here');
      }
      const assumed = kind === 'list' && typeof propertyOf(docs.query_schema, parameter)?.['x-assumption'] === 'string';
      input.add('query', parameter, assumed ? withSentence(schema, assumptionWarning) : schema, required.includes(parameter), hintsOf(docs.query_schema, parameter));
    }
  }
  let bodySchema: JsonSchema | undefined;
  if (docs.body_schema) {
    bodySchema = docs.body_schema;
    const body = cleanSchema(bodySchema, [...at, 'docs', 'body_schema']);
    if (body.type === 'array') input.add('whole_body', 'body', body, true);
    else {
      const required = schemaRequired(body);
      for (const [property, schema] of schemaProperties(body)) {
        refuseManaged('body_schema', property);
        input.add('body', property, schema, required.includes(property), hintsOf(bodySchema, property));
      }
    }
  }
  if (docs.header_schema) {
    const headers = cleanSchema(docs.header_schema, [...at, 'docs', 'header_schema']);
    const required = schemaRequired(headers);
    for (const [header, schema] of schemaProperties(headers)) input.add('header', header, schema, required.includes(header), hintsOf(docs.header_schema, header));
  }
  const filters = method.switchboard_filters;
  for (const [argument, filter] of Object.entries(filters)) {
    input.add('switchboard', argument, { type: 'string', minLength: 1, maxLength: maxFilterLength, description: filter.description }, false);
  }
  if (fields.length > 0) {
    // Models read the names as a list of words (a third of the bytes of a JSON enum); validation holds them to the
    // enum, so an unknown name is refused with the valid ones. What fields does is said once, in the instructions.
    input.add('switchboard', 'fields', { type: 'array', items: { type: 'string' }, description: describeFieldNames(fields) }, false);
    input.constrain('fields', { type: 'array', items: { type: 'string', enum: fields }, minItems: 1, uniqueItems: true });
  }
  if (pagination) addPaginationArguments(input, pagination);
  const readOnly = isReadOnly(methodName, method);
  const unlessArgument = method.empty_notice?.unless_argument;
  if (unlessArgument !== undefined && !input.routes.some((route) => route.argument === unlessArgument)) {
    throw new DefinitionProblem([...at, 'empty_notice', 'unless_argument'], `"${unlessArgument}" is not an argument of ${name}`);
  }

  return {
    name,
    title: `${definition.label}: ${title(kind, methodName, resourceName, singular)}`,
    description: describe(docs.description, docs.examples, switchboardFilterNote(Object.keys(filters), method.switchboard_filter_scan.max_records)),
    inputSchema: input.schema(),
    validationSchema: input.validationSchema(),
    ...(docs.response_schema && kind !== 'delete' ? { outputSchema: outputSchema(docs.response_schema, kind === 'list', pagination, Object.keys(filters).length > 0, [...at, 'docs', 'response_schema']) } : {}),
    annotations: annotations(kind, readOnly, method.http_method),
    integration: definition.name,
    resource: resourceName,
    method: methodName,
    kind,
    readOnly,
    tags: [...new Set([...resource.tags, ...method.tags])],
    routes: input.routes,
    ...(bodySchema ? { bodySchema } : {}),
    paginated,
    ...(pagination ? { pagination } : {}),
    switchboardFilters: filters,
    hints: input.hints,
    response: method.response ?? definition.response,
    definition: { resource, method },
  };
}

/** What a definition says about one argument beyond its JSON Schema (the x- keys, which agents never see). */
function hintsOf(rawSchema: JsonSchema | undefined, property: string): ArgumentHints {
  const raw = (rawSchema?.properties as Record<string, JsonSchema> | undefined)?.[property];
  const aliases = raw?.['x-aliases'];
  const valuesFrom = raw?.['x-values-from'];
  const timestamp = raw?.['x-timestamp'];
  return {
    ...(aliases && typeof aliases === 'object' ? { aliases: aliases as Record<string, string> } : {}),
    ...(typeof valuesFrom === 'string' ? { valuesFrom } : {}),
    ...(timestampUnits.includes(timestamp as Timestamp) ? { timestamp: timestamp as Timestamp } : {}),
  };
}

class InputBuilder {
  readonly routes: ArgumentRoute[] = [];
  readonly hints: Record<string, ArgumentHints> = {};
  private readonly properties: Record<string, JsonSchema> = {};
  private readonly constraints: Record<string, JsonSchema> = {};
  private readonly required: string[] = [];
  private readonly at: PathSegment[];
  private readonly reserved: string[];

  constructor(at: PathSegment[], reserved: string[]) {
    this.at = at;
    this.reserved = reserved;
  }

  add(location: ArgumentRoute['in'], upstreamName: string, schema: JsonSchema, required: boolean, hints: ArgumentHints = {}): void {
    let argument = argumentName(upstreamName);
    if (argument === '') throw new DefinitionProblem(this.at, `the ${location} parameter "${upstreamName}" has no usable characters for an argument name`);
    // Switchboard's own arguments keep their names; an upstream parameter that clashes gets its location as a prefix.
    if (location !== 'switchboard' && (argument in this.properties || this.reserved.includes(argument))) argument = `${location === 'whole_body' ? 'body' : location}_${argument}`;
    if (argument in this.properties) {
      throw new DefinitionProblem(this.at, `two parameters map to the argument name ${argument}; rename one upstream parameter`);
    }
    this.properties[argument] = hints.timestamp ? withSentence(schema, dateHint) : withoutEcho(argumentName(upstreamName), schema);
    this.routes.push({ argument, in: location, name: upstreamName });
    if (required) this.required.push(argument);
    if (Object.keys(hints).length > 0) this.hints[argument] = hints;
  }

  addEngineArgument(argument: string, schema: JsonSchema): void {
    this.properties[argument] = schema;
  }

  /** What validation holds an argument to, where the listed schema says it more compactly. */
  constrain(argument: string, schema: JsonSchema): void {
    this.constraints[argument] = schema;
  }

  schema(): JsonSchema {
    return { type: 'object', properties: this.properties, ...(this.required.length > 0 ? { required: this.required } : {}) };
  }

  /**
   * The listed schema plus what validation holds arguments to without spelling it out in tools/list: no other
   * arguments (a wrong name is refused with the closest right one), and the constrained arguments' exact schemas.
   */
  validationSchema(): JsonSchema {
    return { ...this.schema(), properties: { ...this.properties, ...this.constraints }, additionalProperties: false };
  }
}

/** A time since 1970 also takes a date or date-time (the engine converts it): models write dates more reliably. */
const dateHint = 'Or a date (2026-01-01) or date-time.';

/**
 * A list parameter the vendor does not document may be ignored upstream, and a list answered as if it were not
 * filtered would be read as filtered: the agent is told to check.
 */
const assumptionWarning = 'Not in the vendor\'s reference (an assumption): the API may ignore it, so check the results.';

/** The schema with a sentence added to its description. */
function withSentence(schema: JsonSchema, sentence: string): JsonSchema {
  return { ...schema, description: typeof schema.description === 'string' ? `${schema.description.trim().replace(/\.?$/, '.')} ${sentence}` : sentence };
}

function propertyOf(schema: JsonSchema, property: string): JsonSchema | undefined {
  return (schema.properties as Record<string, JsonSchema> | undefined)?.[property];
}

/** The names a fields argument takes, but id and embedded ids: records always keep their id. */
function describeFieldNames(fields: string[]): string {
  return fields.filter((field) => field !== 'id' && !field.endsWith('.id')).join(', ');
}

/** A description that only repeats the name ("First name." of first_name) tells a model nothing: it reads the name. */
function withoutEcho(name: string, schema: JsonSchema): JsonSchema {
  const words = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  if (typeof schema.description !== 'string' || words(schema.description) !== words(name)) return schema;
  const { description: _echo, ...rest } = schema;
  return rest;
}

function addPaginationArguments(input: InputBuilder, pagination: PaginationDefinition): void {
  // How paging works is said once, in the server's instructions, not in every list tool.
  input.addEngineArgument('limit', { type: 'integer', minimum: 1, maximum: pagination.max_size, description: `Default ${pagination.default_size}.` });
  input.addEngineArgument('next_cursor', { type: 'string', description: 'From the previous page, unchanged.' });
}


function title(kind: MethodKind, methodName: string, resourceName: string, singular: string): string {
  const one = humanize(singular).toLowerCase();
  switch (kind) {
    case 'list': return `List ${humanize(resourceName).toLowerCase()}`;
    case 'custom': return `${humanize(methodName)} ${one}`;
    default: return `${humanize(kind)} ${one}`;
  }
}

/** Longest value of a Switchboard-side filter argument. */
const maxFilterLength = 200;

function switchboardFilterNote(names: string[], maxRecords: number): string | undefined {
  if (names.length === 0) return undefined;
  const list = names.join(', ');
  return `${list} ${names.length > 1 ? 'are' : 'is'} applied by Switchboard, not the API: a call scans up to ${maxRecords} records and keeps the matches; ` +
    'scan_complete false means more may match: next_cursor scans on.';
}

function describe(description: string, examples: { description: string; arguments: Record<string, unknown> }[] | undefined, filterNote: string | undefined): string {
  const parts = [description.trim()];
  if (filterNote) parts.push(filterNote);
  const example = examples?.[0];
  if (example) parts.push(`Example (${example.description}): ${JSON.stringify(example.arguments)}`);
  return parts.join('\n\n');
}

function outputSchema(responseSchema: Record<string, unknown>, isList: boolean, pagination: PaginationDefinition | undefined, scans: boolean, at: PathSegment[]): JsonSchema {
  const paginated = pagination !== undefined;
  const record = relaxForOutput(cleanSchema(responseSchema, at));
  if (!isList) return { ...record, type: 'object' };
  return {
    type: 'object',
    properties: {
      ...(paginated ? { next_cursor: { type: 'string', description: 'More records exist: call again with this, unchanged, as next_cursor. Absent on the last page.' } } : {}),
      ...(paginated && pagination?.total ? { total_count: { type: 'integer', description: 'How many records the whole list has.' } } : {}),
      ...(scans ? {
        scanned_count: { type: 'integer', description: 'Records Switchboard read upstream to apply its filters.' },
        scan_complete: { type: 'boolean', description: 'True when the whole list was read: no other record matches.' },
      } : {}),
      notice: { type: 'string', description: 'Present when something was held back (the size budget, a scan bound) and how to get it.' },
      result_count: { type: 'integer' },
      result: { type: 'array', items: record },
    },
  };
}

function annotations(kind: MethodKind, readOnly: boolean, httpMethod: MethodDefinition['http_method']): ToolAnnotations {
  return {
    readOnlyHint: readOnly,
    destructiveHint: !readOnly && kind !== 'create',
    idempotentHint: readOnly || httpMethod === 'PUT' || httpMethod === 'DELETE',
    openWorldHint: true,
  };
}
