// Writes integrations/definition.schema.json from the zod format in src/definitions/format.ts, so editors can
// validate and complete definition files (each starts with `# yaml-language-server: $schema=../definition.schema.json`).
// Run after changing the format: node scripts/write-definition-schema.ts  (a test fails while the file is stale).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { definitionJsonSchema } from '../src/definitions/format.ts';

export const schemaFile = fileURLToPath(new URL('../integrations/definition.schema.json', import.meta.url));

export function renderDefinitionSchema(): string {
  return `${JSON.stringify(definitionJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(schemaFile, renderDefinitionSchema());
  console.log(`wrote ${schemaFile}`);
}
