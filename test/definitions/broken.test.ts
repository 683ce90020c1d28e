// A broken definition must fail to load with a DefinitionError naming the file, the path inside it and the line.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DefinitionError } from '../../src/definitions/load.ts';
import { loadIntegration } from '../../src/tools/catalog.ts';

const source = (name: string) => readFileSync(new URL(`../../integrations/${name}/definition.yaml`, import.meta.url), 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'switchboard-definitions-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

let copies = 0;
/** Writes a copy of an integration with `find` replaced by `replace`; returns the file and the line `replace` starts on. */
function brokenCopy(name: string, find: string | RegExp, replace: string): { file: string; line: number } {
  const text = source(name);
  const index = typeof find === 'string' ? text.indexOf(find) : text.search(find);
  assert.ok(index >= 0, `${String(find)} not found in ${name}`);
  const broken = text.replace(find, replace);
  const directory = join(scratch, String(++copies), name);
  mkdirSync(directory, { recursive: true });
  const file = join(directory, 'definition.yaml');
  writeFileSync(file, broken);
  return { file, line: broken.slice(0, index).split('\n').length };
}

async function loadError(file: string): Promise<DefinitionError> {
  try {
    await loadIntegration(file);
  } catch (error) {
    assert.ok(error instanceof DefinitionError, `expected a DefinitionError, got ${String(error)}`);
    return error;
  }
  assert.fail(`${file} loaded although it is broken`);
}

async function assertFails(name: string, find: string | RegExp, replace: string, path: string, message: RegExp) {
  const { file, line } = brokenCopy(name, find, replace);
  const error = await loadError(file);
  assert.equal(error.file, file);
  assert.ok(error.message.startsWith(`${file}:`), error.message);
  const problem = error.problems.find((text) => text.startsWith(`${path} (line `));
  assert.ok(problem, `no problem at ${path} in:\n${error.message}`);
  assert.match(problem, new RegExp(`^${path.replace(/[.[\]]/g, '\\$&')} \\(line ${line}\\): `));
  assert.match(problem, message);
}

test('an unknown http_method names the method, its path and line', async () => {
  await assertFails('pinpoint', /http_method: GET\n {8}path: \/jobs\n/, 'http_method: FETCH\n        path: /jobs\n',
    'resources.jobs.methods.list.http_method', /GET/);
});

test('a base_url placeholder that context does not declare', async () => {
  await assertFails('pinpoint', 'base_url: https://{subdomain}.pinpointhq.com/api/v1', 'base_url: https://{tenant}.pinpointhq.com/api/v1',
    'base_url', /\{tenant\} is not declared under context/);
});

test('an array schema without items', async () => {
  await assertFails('polymer', 'email: {type: string, description: Exact email address of the candidate.}',
    'email: {type: array, description: Email addresses.}',
    'resources.candidates.methods.list.docs.query_schema.properties.email', /needs "items"/);
});

test('$ref in a schema', async () => {
  await assertFails('polymer', 'email: {type: string, description: Exact email address of the candidate.}',
    "email: {$ref: '#/definitions/email', description: Exact email.}",
    'resources.candidates.methods.list.docs.query_schema.properties.email', /\$ref is not allowed/);
});

test('an unquoted comma inside {…} that cuts a description short', async () => {
  await assertFails('polymer', 'email: {type: string, description: Exact email address of the candidate.}',
    'email: {type: string, description: Exact email, case-insensitive.}',
    'resources.candidates.methods.list.docs.query_schema.properties.email', /"case-insensitive\." has no value/);
});

test('an x-jsonapi type_argument that names no enum property', async () => {
  await assertFails('pinpoint', 'x-jsonapi: {relationship: commentable, type_argument: commentable_type}',
    'x-jsonapi: {relationship: commentable, type_argument: commentable_kind}',
    'resources.comments.methods.create.docs.body_schema.properties.commentable_id.x-jsonapi', /commentable_kind/);
});

test('a misspelt x-jsonapi key', async () => {
  await assertFails('pinpoint', 'x-jsonapi: {relationship: job, type: jobs}', 'x-jsonapi: {relation: job, type: jobs}',
    'resources.applications.methods.create.docs.body_schema.properties.job_id.x-jsonapi', /must be \{relationship, type\}/);
});

test('a list method of an integration without pagination', async () => {
  const { file } = brokenCopy('polymer', /pagination:\n(?: {2}.*\n)+/, '');
  const error = await loadError(file);
  assert.match(error.message, /resources\.active_organization_users\.methods\.list \(line \d+\): a list method needs pagination \(the definition's or its own\), or paginated: false/);
});

test('YAML syntax errors carry the line', async () => {
  const { file, line } = brokenCopy('polymer', 'label: Polymer\n', 'label: [Polymer\n');
  const error = await loadError(file);
  assert.match(error.message, new RegExp(`line (${line}|${line + 1}):`));
});
