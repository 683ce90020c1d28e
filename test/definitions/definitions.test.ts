// The shipped integration definitions: they load, produce the tool names the product is known by, cover every
// endpoint of the API references, and give agents schemas every model accepts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { measureToolsLists, readBytesPerToolTarget } from '../../bench/tools-list-size.ts';
import { loadIntegration, type Integration } from '../../src/tools/catalog.ts';
import type { JsonSchema, Tool } from '../../src/tools/types.ts';

const root = new URL('../../integrations/', import.meta.url);
const load = (name: string) => loadIntegration(new URL(`${name}/definition.yaml`, root).pathname);
const integrations: Record<string, Integration> = { pinpoint: await load('pinpoint'), polymer: await load('polymer'), ashby: await load('ashby') };
const allTools = () => Object.values(integrations).flatMap((integration) => integration.tools);

/** Tool names used by the product documents (the seeds). */
const seedToolNames = {
  pinpoint: [
    'list_all_pinpoint_jobs', 'list_all_pinpoint_candidates', 'get_single_pinpoint_candidate_by_id',
    'list_all_pinpoint_applications', 'create_a_pinpoint_comment', 'update_a_pinpoint_candidate_by_id',
    'get_single_pinpoint_job_by_id', 'list_all_pinpoint_comments',
  ],
  polymer: [
    'list_all_polymer_candidates', 'list_all_polymer_job_applications', 'get_single_polymer_job_application_by_id',
    'list_all_polymer_job_application_reviews', 'create_a_polymer_job_application_comment',
    'list_all_polymer_job_hiring_stages', 'create_a_polymer_job_application_stage_move',
  ],
};

/** Every endpoint in the reference tables (shared/reference/*-api.md), as HTTP method and path; {…} matches any placeholder. */
const crud = (path: string, methods: string[]) => methods.flatMap((method): [string, string][] => {
  switch (method) {
    case 'list': return [['GET', `/${path}`]];
    case 'create': return [['POST', `/${path}`]];
    case 'get': return [['GET', `/${path}/{}`]];
    case 'update': return [['PUT', `/${path}/{}`]];
    case 'delete': return [['DELETE', `/${path}/{}`]];
    default: throw new Error(method);
  }
});
const full = ['list', 'create', 'get', 'update', 'delete'];
const referenceEndpoints: Record<string, [string, string][]> = {
  pinpoint: [
    ...crud('applications', ['list', 'create', 'get', 'update']),
    ...crud('comments', ['list', 'create', 'get']),
    ...crud('jobs', full),
    ...crud('candidates', ['list', 'get', 'update']),
    ...crud('custom_fields', full),
    ...crud('custom_attributes', full),
    ...crud('departments', full),
    ...crud('divisions', full),
    ...crud('locations', full),
    ...crud('requisitions', full),
    ...crud('users', ['list', 'create', 'get', 'delete']),
    ...crud('interviews', ['list', 'get']),
    ...crud('hiring_workflows', ['list', 'get']),
    ...crud('onboarding_applications', ['list', 'get']),
    ...crud('requisition_templates', ['list', 'get']),
    ...crud('structure_links', full),
    ...crud('structure_custom_group_ones', full),
    ...crud('equality_monitoring_categories', ['list', 'get']),
  ],
  polymer: [
    ['GET', '/organization'],
    ['GET', '/organization_users/active'],
    ['GET', '/organization_users/deactivated'],
    ['GET', '/organization_users/{}'],
    ['GET', '/jobs'],
    ['GET', '/jobs/{}'],
    ['GET', '/jobs/{}/hiring_stages'],
    ['GET', '/candidates'],
    ['GET', '/candidates/{}'],
    ['GET', '/job_applications'],
    ['GET', '/job_applications/{}'],
    ['POST', '/job_applications/apply'],
    ['POST', '/job_applications/import'],
    ['POST', '/job_applications/{}/archive'],
    ['POST', '/job_applications/{}/move_stage'],
    ['GET', '/job_applications/{}/hiring_stage_events'],
    ['GET', '/job_applications/{}/messages'],
    ['GET', '/job_applications/{}/comments'],
    ['POST', '/job_applications/{}/comments'],
    ['PUT', '/job_applications/{}/comments/{}'],
    ['DELETE', '/job_applications/{}/comments/{}'],
    ['GET', '/job_applications/{}/reviews'],
    ['POST', '/job_applications/{}/reviews'],
    ['PUT', '/job_applications/{}/reviews/{}'],
    ['DELETE', '/job_applications/{}/reviews/{}'],
  ],
};

/** Visits every schema object inside a schema, with its JSON path. */
function walkSchemas(schema: unknown, path: string, visit: (schema: JsonSchema, path: string) => void): void {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return;
  const node = schema as JsonSchema;
  visit(node, path);
  for (const [name, child] of Object.entries((node.properties ?? {}) as Record<string, unknown>)) walkSchemas(child, `${path}.properties.${name}`, visit);
  if (node.items) walkSchemas(node.items, `${path}.items`, visit);
  if (typeof node.additionalProperties === 'object') walkSchemas(node.additionalProperties, `${path}.additionalProperties`, visit);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (Array.isArray(node[key])) (node[key] as unknown[]).forEach((child, index) => walkSchemas(child, `${path}.${key}.${index}`, visit));
  }
}

test('the shipped definitions load through loadIntegration', () => {
  assert.deepEqual(Object.keys(integrations), ['pinpoint', 'polymer', 'ashby']);
  for (const integration of Object.values(integrations)) assert.ok(integration.tools.length > 0);
});

test('every tool name the seeds use exists', () => {
  for (const [name, expected] of Object.entries(seedToolNames)) {
    const names = integrations[name]!.tools.map((tool) => tool.name);
    for (const toolName of expected) assert.ok(names.includes(toolName), `${toolName} is missing from ${name}`);
  }
});

test('tool names are at most 64 characters of [A-Za-z0-9_.-] and unique', () => {
  const names = allTools().map((tool) => tool.name);
  assert.equal(new Set(names).size, names.length);
  for (const name of names) {
    assert.ok(name.length <= 64, `${name} is longer than 64 characters`);
    assert.match(name, /^[A-Za-z0-9_.-]+$/);
  }
});

test('every endpoint of the API references is a documented tool', () => {
  for (const [name, endpoints] of Object.entries(referenceEndpoints)) {
    const present = new Set(integrations[name]!.tools.map((tool) => {
      const { http_method, path } = tool.definition.method;
      return `${http_method} ${path.replace(/\{[^}]+\}/g, '{}')}`;
    }));
    for (const [method, path] of endpoints) assert.ok(present.has(`${method} ${path}`), `${name}: ${method} ${path} has no tool`);
    assert.equal(present.size, integrations[name]!.tools.length, `${name}: two tools share an endpoint`);
  }
});

test('input schemas are flat objects without $ref, x-* keys or arrays lacking items', () => {
  for (const tool of allTools()) {
    assert.equal(tool.inputSchema.type, 'object', tool.name);
    assert.equal(tool.validationSchema.additionalProperties, false, `${tool.name}: other arguments are refused`);
    for (const [label, schema] of [['input', tool.inputSchema], ['output', tool.outputSchema]] as const) {
      const text = JSON.stringify(schema ?? {});
      assert.ok(!text.includes('"$ref"'), `${tool.name} ${label} schema has $ref`);
      walkSchemas(schema, `${tool.name}.${label}`, (node, path) => {
        for (const key of Object.keys(node)) assert.ok(!key.startsWith('x-'), `${path} leaks ${key}`);
        if ([node.type].flat().includes('array')) assert.ok(typeof node.items === 'object', `${path} is an array without items`);
      });
    }
  }
});

/** The description a definition wrote for an argument, if any. */
function writtenDescription(tool: Tool, argument: string): unknown {
  const route = tool.routes.find((candidate) => candidate.argument === argument);
  const docs = tool.definition.method.docs!;
  const schema = { path: docs.path_schema, query: docs.query_schema, body: docs.body_schema, header: docs.header_schema }[route?.in as string] as JsonSchema | undefined;
  return ((schema?.properties ?? {}) as Record<string, JsonSchema>)[route!.name]?.description;
}

const words = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

test('every argument is described, but where its name says it all', () => {
  for (const tool of allTools()) {
    walkSchemas(tool.inputSchema, tool.name, (node, path) => {
      for (const [name, property] of Object.entries((node.properties ?? {}) as Record<string, JsonSchema>)) {
        if (typeof property.description === 'string' && property.description.trim().length > 0) continue;
        assert.ok(node === tool.inputSchema, `${path}.${name} has no description`);
        // next_cursor: the server's instructions say how paging works. A path placeholder the definition leaves
        // undescribed: the tool's name says whose id it is. A written description equal to the name is left out.
        const route = tool.routes.find((candidate) => candidate.argument === name);
        const written = route && writtenDescription(tool, name);
        const saysItAll = name === 'next_cursor'
          || (route?.in === 'path' && written === undefined)
          || (typeof written === 'string' && words(written) === words(name));
        assert.ok(saysItAll, `${path}.${name} has no description`);
      }
    });
  }
});

test('tool examples are valid arguments of their tool', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  (addFormatsModule as unknown as (ajv: Ajv2020) => void)(ajv);
  for (const tool of allTools()) {
    const examples = tool.definition.method.docs?.examples ?? [];
    if (examples.length === 0) continue;
    const validate = ajv.compile(tool.validationSchema);
    for (const example of examples) {
      assert.ok(validate(structuredClone(example.arguments)), `${tool.name} example "${example.description}": ${ajv.errorsText(validate.errors)}`);
    }
  }
});

test('the important tools carry an example', () => {
  for (const name of [...seedToolNames.pinpoint, ...seedToolNames.polymer, 'update_a_pinpoint_application_by_id']) {
    const tool = allTools().find((candidate) => candidate.name === name)!;
    assert.ok((tool.definition.method.docs?.examples ?? []).length > 0, `${name} has no example`);
  }
});

test('confidential jobs and their applications are explained where an agent looks', () => {
  const pinpoint = integrations.pinpoint!.toolsByName;
  const cases: [string, string][] = [
    ['list_all_pinpoint_jobs', 'filter_visibility'],
    ['list_all_pinpoint_applications', 'filter_job_visibility'],
    ['list_all_pinpoint_interviews', 'filter_job_visibility'],
  ];
  for (const [toolName, argument] of cases) {
    const tool = pinpoint.get(toolName)!;
    assert.match(tool.description, /confidential/i, `${toolName} description`);
    assert.match(tool.description, new RegExp(argument), `${toolName} description names ${argument}`);
    const property = (tool.inputSchema.properties as Record<string, JsonSchema>)[argument]!;
    assert.match(String(property.description), /confidential/i, `${toolName}.${argument} description`);
    assert.deepEqual((property.items as JsonSchema).enum, ['confidential', 'external', 'internal']);
  }
});

test('stage moves name the tool that lists valid stage ids', () => {
  const polymerMove = integrations.polymer!.toolsByName.get('create_a_polymer_job_application_stage_move')!;
  assert.match(polymerMove.description, /list_all_polymer_job_hiring_stages/);
  assert.deepEqual(polymerMove.inputSchema.required, ['job_application_id', 'hiring_stage_id']);
  const pinpointMove = integrations.pinpoint!.toolsByName.get('update_a_pinpoint_application_by_id')!;
  assert.match(pinpointMove.description, /get_single_pinpoint_job_by_id/);
  assert.match(pinpointMove.description, /stages/);
});

test('applications embed their job and stage by default', () => {
  const tool = integrations.pinpoint!.toolsByName.get('list_all_pinpoint_applications')!;
  const include = (tool.inputSchema.properties as Record<string, JsonSchema>).include!;
  assert.deepEqual(include.default, ['job', 'stage']);
});

test('list tools page with limit and next_cursor only', () => {
  for (const tool of allTools().filter((candidate) => candidate.paginated)) {
    const properties = Object.keys(tool.inputSchema.properties as object);
    assert.ok(properties.includes('limit') && properties.includes('next_cursor'), tool.name);
    for (const managed of ['page_number', 'page_size', 'page', 'per_page']) assert.ok(!properties.includes(managed), `${tool.name} exposes ${managed}`);
  }
});

test('tools/list stays small: at most 800 bytes per tool on average of what a model reads, for Pinpoint with every tool', async (t) => {
  const rows = await measureToolsLists();
  for (const row of rows) t.diagnostic(`${row.integration}, ${row.server}: ${row.tools} tools, ${row.readBytes} bytes (${Math.round(row.readBytes / row.tools)} per tool), ${row.readTokens} tokens`);
  const pinpoint = rows.find((row) => row.integration === 'pinpoint' && row.server === 'all tools')!;
  assert.equal(pinpoint.tools, integrations.pinpoint!.tools.length);
  assert.ok(pinpoint.readBytes / pinpoint.tools <= readBytesPerToolTarget, `Pinpoint: ${Math.round(pinpoint.readBytes / pinpoint.tools)} bytes per tool`);
  for (const row of rows) assert.ok(row.readBytes < 60 * 1024, `${row.integration} tools/list is ${row.readBytes} bytes`);
});

test('a list parameter the vendor does not document tells the agent to check the results; documented ones do not', async () => {
  const greenhouse = await loadIntegration(new URL('../../integrations/greenhouse/definition.yaml', import.meta.url).pathname);
  const notes = greenhouse.toolsByName.get('list_all_greenhouse_notes')!;
  const candidateIds = (notes.inputSchema.properties as Record<string, JsonSchema>).candidate_ids!;
  assert.match(String(candidateIds.description), /Not in the vendor's reference \(an assumption\): the API may ignore it, so check the results\.$/);
  const jobs = integrations.pinpoint!.toolsByName.get('list_all_pinpoint_jobs')!;
  assert.doesNotMatch(String((jobs.inputSchema.properties as Record<string, JsonSchema>).filter_status!.description), /assumption/);
  const create = greenhouse.toolsByName.get('create_a_greenhouse_note')!;
  for (const schema of Object.values(create.inputSchema.properties as Record<string, JsonSchema>)) assert.doesNotMatch(String(schema.description ?? ''), /Not in the vendor's reference/);
});
