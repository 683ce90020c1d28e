// integrations/definition.schema.json is generated from the zod format; it must never drift from it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { renderDefinitionSchema, schemaFile } from '../../scripts/write-definition-schema.ts';

test('the committed definition.schema.json equals the generated one', () => {
  const committed = readFileSync(schemaFile, 'utf8');
  assert.equal(committed, renderDefinitionSchema(), 'stale: run node scripts/write-definition-schema.ts');
});

test('every definition points editors at the schema on its first line', () => {
  const names = readdirSync(new URL('../../integrations/', import.meta.url), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  assert.ok(names.length >= 3);
  for (const name of names) {
    const text = readFileSync(new URL(`../../integrations/${name}/definition.yaml`, import.meta.url), 'utf8');
    assert.equal(text.split('\n')[0], '# yaml-language-server: $schema=../definition.schema.json');
  }
});
