// The fields argument of read tools: the names an agent may pick are the record's properties in the method's
// response_schema, and one level into embedded records ("job.title" of an application).
import { isObject } from '../util/objects.ts';
import type { JsonSchema } from './types.ts';

export function fieldNames(responseSchema: JsonSchema | undefined): string[] {
  const names: string[] = [];
  for (const [name, schema] of Object.entries(properties(responseSchema))) {
    names.push(name);
    const embedded = isObject(schema.items) ? (schema.items as JsonSchema) : schema;
    for (const inner of Object.keys(properties(embedded))) names.push(`${name}.${inner}`);
  }
  return names;
}

function properties(schema: JsonSchema | undefined): Record<string, JsonSchema> {
  return isObject(schema?.properties) ? (schema.properties as Record<string, JsonSchema>) : {};
}
