// Pinpoint and Polymer moved from definition format v1 to v2 without agents noticing: every tool keeps its name and
// its arguments (names, types, enums, required), and its annotations. fixtures/tools-format-v1.json is tools/list as
// format v1 generated it. Every deliberate difference since is declared below, with its reason; an undeclared
// difference fails, and so does a declared one that did not happen.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { loadIntegration } from '../../src/tools/catalog.ts';
import type { JsonSchema } from '../../src/tools/types.ts';
import { describeTool } from '../../src/mcp/tool-descriptor.ts';

interface ListedTool {
  name: string;
  inputSchema: JsonSchema;
  annotations: Record<string, unknown>;
}

const before = JSON.parse(readFileSync(new URL('fixtures/tools-format-v1.json', import.meta.url), 'utf8')) as Record<string, ListedTool[]>;

/**
 * "<tool> <what>" → why. <what> is "added", "removed", "argument <name> added|removed|changed" or "annotations".
 * A "*" tool matches any tool (and must match at least one).
 */
const everywhere: Record<string, string> = {
  '* argument fields added': 'issue 13: every list and get tool selects fields (an enum of the record\'s fields and embedded records\' fields)',
};
const deliberate: Record<string, Record<string, string>> = {
  pinpoint: { ...everywhere },
  polymer: { ...everywhere },
};

/** What an agent relies on in one argument: its type, enum, item type and enum, and whether it is required. */
function argumentShape(schema: JsonSchema, required: boolean): string {
  const items = (schema.items ?? {}) as JsonSchema;
  return JSON.stringify({ type: schema.type, enum: schema.enum, items: items.type, itemsEnum: items.enum, required });
}

function differences(old: ListedTool[], current: ListedTool[]): string[] {
  const found: string[] = [];
  const now = new Map(current.map((tool) => [tool.name, tool]));
  for (const tool of old) {
    const next = now.get(tool.name);
    if (!next) {
      found.push(`${tool.name} removed`);
      continue;
    }
    now.delete(tool.name);
    const oldProperties = (tool.inputSchema.properties ?? {}) as Record<string, JsonSchema>;
    const newProperties = (next.inputSchema.properties ?? {}) as Record<string, JsonSchema>;
    const oldRequired = (tool.inputSchema.required ?? []) as string[];
    const newRequired = (next.inputSchema.required ?? []) as string[];
    for (const name of new Set([...Object.keys(oldProperties), ...Object.keys(newProperties)])) {
      const was = oldProperties[name];
      const is = newProperties[name];
      if (!is) found.push(`${tool.name} argument ${name} removed`);
      else if (!was) found.push(`${tool.name} argument ${name} added`);
      else if (argumentShape(was, oldRequired.includes(name)) !== argumentShape(is, newRequired.includes(name))) found.push(`${tool.name} argument ${name} changed`);
    }
    if (JSON.stringify(tool.annotations) !== JSON.stringify(next.annotations)) found.push(`${tool.name} annotations`);
  }
  for (const name of now.keys()) found.push(`${name} added`);
  return found.sort();
}

for (const integration of ['pinpoint', 'polymer']) {
  test(`${integration}: tools/list under format v2 differs from format v1 only where declared`, async () => {
    const loaded = await loadIntegration(new URL(`../../integrations/${integration}/definition.yaml`, import.meta.url).pathname);
    const current = loaded.tools.map((tool) => describeTool(tool) as unknown as ListedTool);
    const declared = Object.keys(deliberate[integration]!);
    const wildcards = declared.filter((key) => key.startsWith('* ')).map((key) => key.slice(2));
    const found = differences(before[integration]!, current);
    for (const rule of wildcards) assert.ok(found.some((difference) => difference.endsWith(` ${rule}`)), `the declared change "* ${rule}" happened`);
    const specific = found.filter((difference) => !wildcards.some((rule) => difference.endsWith(` ${rule}`)));
    assert.deepEqual(specific, declared.filter((key) => !key.startsWith('* ')).sort());
  });
}
