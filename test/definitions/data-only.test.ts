// Issue 14 point 4: integrations that came as data (a definition, a facts file and a sandbox) add no engine code.
// No file under src/ outside src/sandbox/ names one of them, in code or in comments: the engine, the tools, the MCP
// layer, the API and the CLI know integrations only through their definitions (the demo lists sandboxes through
// src/sandbox's registry).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const dataOnly = ['ashby', 'lever', 'workable', 'teamtailor', 'greenhouse'];
const root = fileURLToPath(new URL('../../', import.meta.url));
const src = join(root, 'src');

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** Where a file names a data-only integration (as a word, any case: ashby, Ashby's, ASHBY_…). */
export function mentions(text: string, names: readonly string[] = dataOnly): string[] {
  const pattern = new RegExp(`(?<![a-z])(${names.join('|')})(?![a-z])`, 'gi');
  return text.split('\n').flatMap((line, index) => [...line.matchAll(pattern)].map((match) => `line ${index + 1}: ${match[0]}`));
}

test('no file under src/ outside src/sandbox/ names an integration that came as data', () => {
  const files = filesUnder(src).filter((file) => !relative(src, file).startsWith('sandbox'));
  assert.ok(files.length > 50, `${files.length} files read`);
  const found = files.flatMap((file) => mentions(readFileSync(file, 'utf8')).map((where) => `${relative(root, file)} ${where}`));
  assert.deepEqual(found, []);
});

test('the check sees a name in code, in comments and in constants, and not inside other words', () => {
  assert.deepEqual(mentions("const kind = 'ashby';\n// Lever's next → offset\nSWITCHBOARD_DEMO_WORKABLE_PORT"), ['line 1: ashby', "line 2: Lever", 'line 3: WORKABLE']);
  assert.deepEqual(mentions('leverage the cleverness of a Greenhousekeeper'), []);
});

test('the shipped data-only integrations are in the sandbox registry, so the demo runs them without naming them', async () => {
  const { sandboxes } = await import('../../src/sandbox/index.ts');
  const shipped = readdirSync(join(root, 'integrations'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  for (const name of shipped.filter((integration) => dataOnly.includes(integration))) {
    assert.ok(sandboxes.some((entry) => entry.integration === name), `${name} has a sandbox in the registry`);
  }
  assert.deepEqual(sandboxes.map((entry) => entry.integration).sort(), [...shipped].sort(), 'every shipped integration has a sandbox, and only those');
});

test('Ashby, Greenhouse, Workable and Teamtailor ship as data: a definition, a facts file and a sandbox of their own, nothing else', async () => {
  const { sandboxes } = await import('../../src/sandbox/index.ts');
  const { Catalog } = await import('../../src/tools/catalog.ts');
  const catalog = await Catalog.load(join(root, 'integrations'));
  for (const name of ['ashby', 'greenhouse', 'workable', 'teamtailor']) {
    assert.ok(catalog.get(name), `${name} loads from integrations/${name}/definition.yaml`);
    assert.ok(existsSync(join(root, 'integrations', name, 'api-facts.yaml')), `${name} has the facts its definition is checked against`);
    assert.ok(existsSync(join(src, 'sandbox', name)), `${name} has a sandbox folder`);
    assert.ok(sandboxes.some((entry) => entry.integration === name), `${name} is in the sandbox registry`);
  }
});
