// Issue 12: a definition is only as good as it is true. Every integration ships a facts file written from the
// vendor's own description of its API (integrations/<name>/api-facts.yaml), and everything its definition can send
// upstream or expects back is either in those facts or marked in the definition as an assumption, with its reason:
// each path and method (`assumption` on the method), each query parameter, page parameter, body attribute,
// relationship and sidepost, each enum value and body type, each field a response schema expects of a documented
// record (`x-assumption` on the property), each status code a tool description promises, the base URL, the auth
// (`assumptions.auth`), the media types (`assumptions.media_type`), the headers every request carries
// (`assumptions.headers` naming each), the largest page size (`assumptions.page_size`), the rate-limit headers and
// the error body (`assumptions` at the top). Switchboard-side filters are exempt: they never reach upstream.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';
import type { Definition, MethodDefinition } from '../../src/definitions/format.ts';
import { authKind, authModes } from '../../src/execution/auth/index.ts';
import type { AuthParts } from '../../src/execution/auth/kind.ts';
import { managedParameters } from '../../src/execution/pagination/index.ts';
import { requestContentType } from '../../src/execution/request.ts';
import type { AccountConnection } from '../../src/execution/types.ts';
import { compileIntegration, loadIntegration } from '../../src/tools/catalog.ts';
import type { JsonSchema } from '../../src/tools/types.ts';

interface FactValue {
  type?: string;
  values?: unknown[];
  types?: string[];
  maximum?: number;
  /** The keys of an object (or of the objects of a list). */
  properties?: Record<string, FactValue>;
}
interface FactAuth {
  /** Which of the definition's auth modes it describes, where the vendor has several. */
  mode?: string;
  in: 'header' | 'query';
  name: string;
  /** What precedes the credential: Basic, Bearer, `Token token=<api key>`. */
  scheme?: string;
}
interface Operation {
  source?: string | string[];
  query?: Record<string, FactValue>;
  headers?: Record<string, FactValue>;
  body?: { properties?: Record<string, FactValue>; attributes?: Record<string, FactValue>; relationships?: Record<string, FactValue> };
  responses?: number[];
  /** false: the operation takes no page parameters (it answers everything at once). */
  paginated?: boolean;
}
interface FactRecord {
  attributes?: string[] | Record<string, string>;
  relationships?: string[];
  extra_fields?: string[];
}
export interface Facts {
  sources: Record<string, unknown>;
  base_url?: { value: string };
  auth?: FactAuth | FactAuth[];
  media_type?: { request?: string; response?: string };
  request_headers?: Record<string, FactValue>;
  pagination?: { parameters?: Record<string, FactValue> };
  rate_limit?: { headers?: string[] };
  errors?: { body_paths?: string[] };
  operations: Record<string, Operation>;
  records?: Record<string, FactRecord>;
}

const root = new URL('../../integrations/', import.meta.url);
const shipped = readdirSync(root, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);

/** `/jobs/{job_id}/stages` and `/jobs/{id}/stages` are the same operation. */
const operationKey = (method: string, path: string) => `${method} ${path.replace(/\{[^}]+\}/g, '{}')}`;

/** JSON Schema types a fact's type accepts (query values travel as text, so any scalar fits a scalar there). */
const bodyTypes: Record<string, string[]> = {
  string: ['string'], date: ['string'], 'date-time': ['string'], integer: ['integer'], number: ['number', 'integer'],
  boolean: ['boolean'], list: ['array'], object: ['object'], uuid: ['string'],
};

const assumed = (schema: JsonSchema | undefined) => typeof schema?.['x-assumption'] === 'string' && schema['x-assumption'].length > 0;
const propertiesOf = (schema: unknown) => ((schema as JsonSchema | undefined)?.properties ?? {}) as Record<string, JsonSchema>;

/** Enum values a schema (or its items) allows, and its default. */
function valuesOf(schema: JsonSchema): unknown[] {
  const items = (schema.items ?? {}) as JsonSchema;
  return [...((schema.enum ?? items.enum ?? []) as unknown[]), ...[schema.default ?? []].flat()];
}

/** Everything one definition sends or expects that its facts file does not back and no assumption marks. */
export async function fidelityProblems(definition: Definition, facts: Facts): Promise<string[]> {
  const problems: string[] = [...await authProblems(definition, facts), ...mediaTypeProblems(definition, facts), ...headerProblems(definition, facts)];
  const operations = new Map(Object.entries(facts.operations).map(([key, operation]) => {
    const [method = '', path = ''] = key.split(' ');
    return [operationKey(method, path), operation];
  }));
  for (const [key, operation] of Object.entries(facts.operations)) {
    for (const source of [operation.source ?? []].flat()) if (!(source in facts.sources)) problems.push(`facts: ${key} names an unknown source "${source}"`);
  }
  if (facts.base_url && definition.base_url !== facts.base_url.value && !definition.assumptions.base_url) {
    problems.push(`base_url ${definition.base_url} is not the documented ${facts.base_url.value}`);
  }
  if (!facts.errors && !definition.assumptions.error_body) problems.push('errors: no error body is documented and assumptions.error_body explains none');
  const rateLimitHeaders = [definition.rate_limit.limit_header, definition.rate_limit.remaining_header, definition.rate_limit.reset_header].filter((header) => header !== undefined);
  for (const header of rateLimitHeaders) {
    if (!(facts.rate_limit?.headers ?? []).includes(header) && !definition.assumptions.rate_limit_headers) problems.push(`rate_limit reads ${header}, which is not documented (assumptions.rate_limit_headers explains none)`);
  }

  for (const [resourceName, resource] of Object.entries(definition.resources)) {
    for (const [methodName, method] of Object.entries(resource.methods)) {
      const key = operationKey(method.http_method, method.path);
      const at = `${resourceName}.${methodName} (${method.http_method} ${method.path})`;
      const operation = operations.get(key);
      if (!operation) {
        if (!method.assumption) problems.push(`${at}: not in the facts, and the method gives no assumption`);
        continue;
      }
      problems.push(...queryProblems(definition, method, methodName === 'list', operation, facts, at));
      problems.push(...bodyProblems(definition, method, operation, at));
      for (const [header, schema] of Object.entries(propertiesOf(method.docs?.header_schema))) {
        if (!operation.headers?.[header] && !facts.request_headers?.[header] && !assumed(schema)) problems.push(`${at}: header ${header} is not documented`);
      }
      problems.push(...responseProblems(method, facts.records?.[resource.jsonapi_type ?? resourceName], at));
      for (const status of method.docs?.description.match(/\b[45]\d\d\b/g) ?? []) {
        if (operation.responses && !operation.responses.includes(Number(status))) problems.push(`${at}: its description promises ${status}, which the operation does not document`);
      }
    }
  }
  return problems;
}

/** A stand-in for every credential, so that what an auth kind puts around it shows. */
const credential = 'CREDENTIAL';

/** Where and how the definition's auth sends the credential, by applying its kind to stand-in credentials. */
async function authProblems(definition: Definition, facts: Facts): Promise<string[]> {
  if (!facts.auth || definition.assumptions.auth) return [];
  const documented = [facts.auth].flat();
  const problems: string[] = [];
  for (const [mode, auth] of authModes(definition.auth)) {
    const fact = documented.find((candidate) => candidate.mode === mode) ?? (documented.length === 1 && !documented[0]!.mode ? documented[0] : undefined);
    if (!fact) {
      problems.push(`auth mode ${mode} is not documented (assumptions.auth explains none)`);
      continue;
    }
    const sent = describeAuth(await authKind(auth).apply(auth, {
      fill: (template) => template.replace(/\{[^}]+\}/g, credential),
      account: { context: {}, credentials: {} } as unknown as AccountConnection,
      integration: definition.name,
      tokens: { accessToken: async () => credential, refusedAgain: () => Promise.reject(new Error('no upstream in this check')) },
    }));
    const expected = { in: fact.in, name: fact.name.toLowerCase(), scheme: (fact.scheme ?? '').replace(/<[^>]*>/g, '').trim() };
    if (sent.in !== expected.in || sent.name !== expected.name || sent.scheme !== expected.scheme) {
      problems.push(`auth (${mode}) sends ${sent.in} ${sent.name} "${sent.scheme}", documented as ${expected.in} ${expected.name} "${expected.scheme}"`);
    }
  }
  return problems;
}

function describeAuth(parts: AuthParts): { in: string; name: string; scheme: string } {
  const [where, entries] = Object.keys(parts.headers ?? {}).length > 0 ? ['header', parts.headers!] : ['query', parts.query ?? {}];
  const [name = '', value = ''] = Object.entries(entries)[0] ?? [];
  // Encoded credentials (Basic) hide the stand-in: their scheme is the first word.
  const scheme = value.includes(credential) ? value.slice(0, value.indexOf(credential)).trim() : value.split(' ')[0]!;
  return { in: where, name: name.toLowerCase(), scheme };
}

/** The media type each response kind reads. */
const responseMediaTypes: Record<string, string> = { json: 'application/json', jsonapi: 'application/vnd.api+json' };
const baseType = (mediaType: string) => mediaType.split(';')[0]!.trim();

function mediaTypeProblems(definition: Definition, facts: Facts): string[] {
  if (!facts.media_type || definition.assumptions.media_type) return [];
  const problems: string[] = [];
  const { request, response } = facts.media_type;
  const sent = requestContentType(definition);
  if (request && sent !== baseType(request)) problems.push(`request bodies are sent as ${sent}, documented as ${request}`);
  const kinds = new Set([definition.response.kind, ...Object.values(definition.resources).flatMap((resource) => Object.values(resource.methods).map((method) => method.response?.kind ?? definition.response.kind))]);
  for (const kind of kinds) {
    if (response && responseMediaTypes[kind] !== baseType(response)) problems.push(`response kind ${kind} reads ${responseMediaTypes[kind] ?? 'an unknown media type'}, documented as ${response}`);
  }
  return problems;
}

/** Headers on every request: Accept and Content-Type are the documented media types, the others documented headers. */
function headerProblems(definition: Definition, facts: Facts): string[] {
  const problems: string[] = [];
  const documented = new Set(Object.keys(facts.request_headers ?? {}).map((name) => name.toLowerCase()));
  for (const [name, value] of Object.entries(definition.headers)) {
    const mediaType = { accept: facts.media_type?.response, 'content-type': facts.media_type?.request }[name.toLowerCase()];
    if (mediaType !== undefined) {
      if (value !== mediaType && !definition.assumptions.media_type) problems.push(`header ${name}: ${value} is not the documented ${mediaType}`);
    } else if (!documented.has(name.toLowerCase()) && !definition.assumptions.headers?.includes(name)) {
      problems.push(`header ${name} is not documented (assumptions.headers does not name it)`);
    }
  }
  return problems;
}

function queryProblems(definition: Definition, method: MethodDefinition, list: boolean, operation: Operation, facts: Facts, at: string): string[] {
  const problems: string[] = [];
  const documented = (name: string) => operation.query?.[name] ?? facts.pagination?.parameters?.[name];
  const sent = new Map<string, JsonSchema | undefined>(Object.entries(propertiesOf(method.docs?.query_schema)));
  for (const name of Object.keys(method.query)) sent.set(name, undefined);
  const pagination = method.pagination ?? definition.pagination;
  if (list && method.paginated !== false && pagination) {
    if (operation.paginated === false) problems.push(`${at}: pages, but the operation takes no page parameters`);
    const where = pagination.parameters_in === 'query' ? operation.query : operation.body?.properties;
    for (const name of managedParameters(pagination)) {
      if (!where?.[name] && !facts.pagination?.parameters?.[name]) problems.push(`${at}: page parameter ${name} is not documented`);
    }
    const maximum = where?.[pagination.size_param]?.maximum ?? facts.pagination?.parameters?.[pagination.size_param]?.maximum;
    if (maximum === undefined ? !definition.assumptions.page_size : pagination.max_size > maximum) {
      problems.push(`${at}: pages of up to ${pagination.max_size}, ${maximum === undefined ? `but no maximum of ${pagination.size_param} is documented (assumptions.page_size explains none)` : `above the documented maximum ${maximum} of ${pagination.size_param}`}`);
    }
    for (const name of Object.keys(pagination.total?.query ?? {})) sent.set(name, undefined);
  }
  if (method.fields_parameter) sent.set(method.fields_parameter, undefined);
  for (const [name, schema] of sent) {
    const fact = documented(name);
    if (!fact) {
      if (!assumed(schema)) problems.push(`${at}: query parameter ${name} is not documented`);
      continue;
    }
    if (schema && fact.values && !assumed(schema)) {
      const unknown = valuesOf(schema).filter((value) => !fact.values!.includes(value));
      if (unknown.length > 0) problems.push(`${at}: query parameter ${name} allows undocumented values ${unknown.join(', ')}`);
    }
  }
  return problems;
}

/** Fields a response schema expects that the vendor's record does not have (only where the facts describe the record). */
function responseProblems(method: MethodDefinition, record: FactRecord | undefined, at: string): string[] {
  if (!record) return [];
  const attributes = Array.isArray(record.attributes) ? record.attributes : Object.keys(record.attributes ?? {});
  const known = new Set(['id', ...attributes, ...(record.relationships ?? []), ...(record.extra_fields ?? [])]);
  return Object.entries(propertiesOf(method.docs?.response_schema))
    .filter(([name, schema]) => !known.has(name) && !assumed(schema))
    .map(([name]) => `${at}: the response's ${name} is not an attribute of the documented record`);
}

function bodyProblems(definition: Definition, method: MethodDefinition, operation: Operation, at: string): string[] {
  const problems: string[] = [];
  const schema = method.docs?.body_schema as JsonSchema | undefined;
  if (!schema) return problems;
  const properties = propertiesOf(schema);
  const jsonApi = definition.request.format === 'jsonapi';
  const typeArguments = new Map<string, string>();
  if (jsonApi) {
    for (const property of Object.values(properties)) {
      const hint = property['x-jsonapi'] as { relationship?: string; type_argument?: string } | undefined;
      if (hint?.type_argument && hint.relationship) typeArguments.set(hint.type_argument, hint.relationship);
    }
  }
  for (const [name, property] of Object.entries(properties)) {
    if (assumed(property)) continue;
    const hint = property['x-jsonapi'] as { relationship?: string; sidepost?: string; type?: string } | undefined;
    const relationshipName = hint?.relationship ?? hint?.sidepost;
    if (jsonApi && relationshipName) {
      const relationship = operation.body?.relationships?.[relationshipName];
      if (!relationship) problems.push(`${at}: body ${name} becomes relationship ${relationshipName}, which is not documented`);
      else if (hint?.type && !relationship.types?.includes(hint.type)) problems.push(`${at}: relationship ${relationshipName} is sent as type ${hint.type}, documented as ${relationship.types?.join(', ')}`);
      continue;
    }
    const polymorphic = typeArguments.get(name);
    if (polymorphic) {
      const types = operation.body?.relationships?.[polymorphic]?.types ?? [];
      const unknown = valuesOf(property).filter((value) => !types.includes(String(value)));
      if (unknown.length > 0) problems.push(`${at}: body ${name} allows relationship types ${unknown.join(', ')} that ${polymorphic} does not take`);
      continue;
    }
    const fact = (jsonApi ? operation.body?.attributes : operation.body?.properties)?.[name];
    if (!fact) {
      problems.push(`${at}: body ${jsonApi ? 'attribute' : 'property'} ${name} is not documented`);
      continue;
    }
    problems.push(...propertyProblems(name, property, fact, at));
  }
  return problems;
}

/** A documented body property: its type, its values, and each key inside it (or inside its list's objects). */
function propertyProblems(name: string, property: JsonSchema, fact: FactValue, at: string): string[] {
  const problems: string[] = [];
  const type = property.type as string | undefined;
  if (fact.type && type && bodyTypes[fact.type] && !bodyTypes[fact.type]!.includes(type)) problems.push(`${at}: body ${name} is sent as ${type}, documented as ${fact.type}`);
  if (fact.values) {
    const unknown = valuesOf(property).filter((value) => !fact.values!.includes(value));
    if (unknown.length > 0) problems.push(`${at}: body ${name} allows undocumented values ${unknown.join(', ')}`);
  }
  const items = property.items as JsonSchema | undefined;
  for (const [key, nested] of Object.entries(propertiesOf(property.properties ? property : items))) {
    if (assumed(nested)) continue;
    const nestedFact = fact.properties?.[key];
    if (!nestedFact) problems.push(`${at}: body ${name}.${key} is not documented`);
    else problems.push(...propertyProblems(`${name}.${key}`, nested, nestedFact, at));
  }
  return problems;
}

const factsOf = (name: string) => parse(readFileSync(new URL(`${name}/api-facts.yaml`, root), 'utf8')) as Facts;

test('every shipped integration has a facts file written from its vendor\'s description', () => {
  assert.ok(shipped.length >= 4, shipped.join(', '));
  for (const name of shipped) assert.ok(existsSync(new URL(`${name}/api-facts.yaml`, root)), `integrations/${name}/api-facts.yaml is missing`);
});

for (const name of shipped.filter((integration) => existsSync(new URL(`${integration}/api-facts.yaml`, root)))) {
  test(`${name}: every path, parameter, value, type and status code is in the facts or marked as an assumption`, async () => {
    const { definition } = await loadIntegration(new URL(`${name}/definition.yaml`, root).pathname);
    assert.deepEqual(await fidelityProblems(definition, factsOf(name)), []);
  });
}

test('the check finds an invented path, filter, include, attribute, relationship type, record field and status, and accepts marked assumptions', async () => {
  const facts: Facts = {
    sources: { docs: {} },
    base_url: { value: 'https://people.example/api' },
    auth: { in: 'header', name: 'X-Key' },
    media_type: { request: 'application/vnd.api+json', response: 'application/vnd.api+json' },
    request_headers: { 'X-Api-Version': {} },
    pagination: { parameters: { 'page[number]': {}, 'page[size]': { maximum: 100 } } },
    rate_limit: { headers: [] },
    errors: { body_paths: ['message'] },
    operations: {
      'GET /people': { source: 'docs', query: { include: { type: 'list', values: ['notes'] } }, responses: [200] },
      'GET /teams': { source: 'docs', paginated: false, responses: [200] },
      'POST /notes': { source: 'docs', body: { attributes: { text: { type: 'string' }, origin: { type: 'object', properties: { app: { type: 'string' } } } }, relationships: { subject: { types: ['people'] } } }, responses: [201, 422] },
      'GET /people/{id}': { source: 'elsewhere', responses: [200] },
    },
    records: { people: { attributes: ['name'], relationships: ['notes'] } },
  };
  /** The test definition, with `extra` methods on people and `edit` applied to its text. */
  const definition = (extra: string, edit = (text: string) => text) => compileIntegration('integrations/people/definition.yaml', edit(`
format_version: 2
name: people
label: People
description: A test integration.
base_url: https://people.example/api
credentials: {api_key: {label: Key}}
auth: {kind: header, header: X-Key, value: '{api_key}'}
headers: {Accept: application/vnd.api+json, X-Api-Version: '2024'}
request: {format: jsonapi}
response: {kind: jsonapi}
pagination: {kind: page_number, page_param: 'page[number]', size_param: 'page[size]', default_size: 10, max_size: 100}
rate_limit: {limit_header: X-RateLimit-Limit}
resources:
  people:
    methods:
      list:
        http_method: GET
        path: /people
        docs:
          description: List people.
          query_schema:
            type: object
            properties:
              'filter[email]': {type: string, description: Invented.}
              'filter[team]': {type: string, description: Marked., x-assumption: a reason}
              include: {type: array, items: {type: string, enum: [notes, teams]}, description: Embeds.}
          response_schema: {type: object, properties: {id: {type: string}, name: {type: string}, notes: {type: array, items: {type: object}}, nickname: {type: string}}}
      get:
        http_method: GET
        path: /people/{id}
        docs: {description: Fails with 404 when missing.}
      ${extra}
  teams:
    methods:
      list: {http_method: GET, path: /teams, docs: {description: List teams.}}
  notes:
    methods:
      create:
        http_method: POST
        path: /notes
        docs:
          description: Add a note; 422 when blank.
          body_schema:
            type: object
            properties:
              text: {type: integer, description: Text.}
              origin: {type: object, description: Where from., properties: {app: {type: string, description: App.}, device: {type: string, description: Invented.}}}
              mood: {type: string, description: Invented.}
              subject_type: {type: string, enum: [people, teams], description: What.}
              subject_id: {type: string, description: Which., x-jsonapi: {relationship: subject, type_argument: subject_type}}
`)).definition;
  assert.deepEqual((await fidelityProblems(definition(''), facts)).sort(), [
    'facts: GET /people/{id} names an unknown source "elsewhere"',
    'notes.create (POST /notes): body attribute mood is not documented',
    'notes.create (POST /notes): body origin.device is not documented',
    'notes.create (POST /notes): body subject_type allows relationship types teams that subject does not take',
    'notes.create (POST /notes): body text is sent as integer, documented as string',
    'people.get (GET /people/{id}): its description promises 404, which the operation does not document',
    'people.list (GET /people): query parameter filter[email] is not documented',
    'people.list (GET /people): query parameter include allows undocumented values teams',
    "people.list (GET /people): the response's nickname is not an attribute of the documented record",
    'rate_limit reads X-RateLimit-Limit, which is not documented (assumptions.rate_limit_headers explains none)',
    'teams.list (GET /teams): pages, but the operation takes no page parameters',
  ]);
  const invented = definition('delete: {http_method: DELETE, path: "/people/{id}", docs: {description: Delete.}}');
  assert.ok((await fidelityProblems(invented, facts)).includes('people.delete (DELETE /people/{id}): not in the facts, and the method gives no assumption'));
  const marked = definition('delete: {http_method: DELETE, path: "/people/{id}", assumption: the web app does it, docs: {description: Delete.}}');
  assert.ok(!(await fidelityProblems(marked, facts)).some((problem) => problem.startsWith('people.delete')));
});

test('the check finds an invented header, another auth, other media types and pages above the documented size', async () => {
  const facts: Facts = {
    sources: { docs: {} },
    auth: { in: 'header', name: 'Authorization', scheme: 'Token token=<key>' },
    media_type: { request: 'application/json', response: 'application/json; version=1' },
    request_headers: { 'X-Api-Version': {} },
    pagination: { parameters: { page: {}, per_page: { maximum: 50 } } },
    errors: { body_paths: ['message'] },
    operations: { 'GET /people': { source: 'docs', responses: [200] } },
  };
  const definition = (top: string, edit = (text: string) => text) => compileIntegration('integrations/people/definition.yaml', edit(`
format_version: 2
name: people
label: People
description: A test integration.
base_url: https://people.example/api
credentials: {api_key: {label: Key}}
auth: {kind: header, header: Authorization, value: 'Token token={api_key}'}
headers: {Accept: application/json; version=1, X-Api-Version: '2024'}
request: {format: json}
response: {kind: json}
pagination: {kind: page_number, page_param: page, size_param: per_page, default_size: 10, max_size: 50}
${top}
resources:
  people:
    methods:
      list: {http_method: GET, path: /people, docs: {description: List people.}}
`)).definition;
  const problems = (top: string, edit?: (text: string) => string) => fidelityProblems(definition(top, edit), facts);
  assert.deepEqual(await problems(''), []);
  assert.deepEqual(await problems('', (text) => text.replace("X-Api-Version: '2024'", "X-Api-Version: '2024', X-Invented: 'yes'")),
    ['header X-Invented is not documented (assumptions.headers does not name it)']);
  assert.deepEqual(await problems('assumptions: {headers: X-Invented is sent by the vendor\'s own client}', (text) => text.replace("X-Api-Version: '2024'", "X-Api-Version: '2024', X-Invented: 'yes'")), []);
  assert.deepEqual(await problems('', (text) => text.replace('Accept: application/json; version=1', 'Accept: application/json')),
    ['header Accept: application/json is not the documented application/json; version=1']);
  assert.deepEqual(await problems('', (text) => text.replace("auth: {kind: header, header: Authorization, value: 'Token token={api_key}'}", "auth: {kind: bearer, token: '{api_key}'}")),
    ['auth (default) sends header authorization "Bearer", documented as header authorization "Token token="']);
  assert.deepEqual(await problems('', (text) => text.replace("auth: {kind: header, header: Authorization, value: 'Token token={api_key}'}", "auth: {kind: basic, username: '{api_key}'}")),
    ['auth (default) sends header authorization "Basic", documented as header authorization "Token token="']);
  assert.deepEqual(await problems('assumptions: {auth: the key also works as a user name}', (text) => text.replace("auth: {kind: header, header: Authorization, value: 'Token token={api_key}'}", "auth: {kind: basic, username: '{api_key}'}")), []);
  assert.deepEqual((await problems('', (text) => text.replace('request: {format: json}\nresponse: {kind: json}', 'request: {format: jsonapi}\nresponse: {kind: jsonapi}'))).sort(), [
    'request bodies are sent as application/vnd.api+json, documented as application/json',
    'response kind jsonapi reads application/vnd.api+json, documented as application/json; version=1',
  ]);
  assert.deepEqual(await problems('', (text) => text.replace('max_size: 50', 'max_size: 500')),
    ['people.list (GET /people): pages of up to 500, above the documented maximum 50 of per_page']);
  const undocumented = { ...facts, pagination: { parameters: { page: {}, per_page: {} } } };
  assert.deepEqual(await fidelityProblems(definition(''), undocumented),
    ['people.list (GET /people): pages of up to 50, but no maximum of per_page is documented (assumptions.page_size explains none)']);
  assert.deepEqual(await fidelityProblems(definition('assumptions: {page_size: the vendor\'s own client asks for 50}'), undocumented), []);
});
