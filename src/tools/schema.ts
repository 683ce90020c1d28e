// Turns the JSON Schemas written in a definition into what models accept: self-contained, strict, no vendor keys.
import { DefinitionProblem, type PathSegment } from '../definitions/load.ts';
import { isObject } from '../util/objects.ts';
import type { JsonSchema } from './types.ts';


/**
 * A deep copy without x-* keys. Refuses $ref (some clients cannot resolve it) and arrays without items
 * (several models reject them), naming the place in the definition.
 */
export function cleanSchema(schema: unknown, path: PathSegment[]): JsonSchema {
  if (!isObject(schema)) throw new DefinitionProblem(path, 'expected a JSON Schema object');
  const copy: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-')) continue;
    if (key === '$ref') throw new DefinitionProblem(path, '$ref is not allowed: write the schema inline so every client can read it');
    if (value === null) {
      // Almost always YAML: inside a flow mapping {…} a comma ends the value, so the rest becomes a key without one.
      throw new DefinitionProblem(path, `"${key}" has no value; inside {…} a comma ends a value, so quote text that contains commas`);
    }
    copy[key] = cleanChild(key, value, [...path, key]);
  }
  const types = [copy.type].flat();
  if (types.includes('array') && !isObject(copy.items)) {
    throw new DefinitionProblem(path, 'an array schema needs "items" (several models reject arrays without them)');
  }
  return copy;
}

function cleanChild(key: string, value: unknown, path: PathSegment[]): unknown {
  if (key === 'properties' || key === '$defs' || key === 'patternProperties') {
    if (!isObject(value)) throw new DefinitionProblem(path, `"${key}" must be an object`);
    return Object.fromEntries(Object.entries(value).map(([name, child]) => [name, cleanSchema(child, [...path, name])]));
  }
  if (key === 'items' || key === 'additionalProperties' || key === 'not') {
    return isObject(value) ? cleanSchema(value, path) : value;
  }
  if (key === 'anyOf' || key === 'oneOf' || key === 'allOf') {
    if (!Array.isArray(value)) throw new DefinitionProblem(path, `"${key}" must be a list of schemas`);
    return value.map((child, index) => cleanSchema(child, [...path, index]));
  }
  return value;
}

/**
 * Output schemas describe what upstream sends, which the gateway does not control: keep the descriptions but drop
 * "required" and strictness, and allow null everywhere, so a result never fails a client's output validation.
 */
export function relaxForOutput(schema: JsonSchema): JsonSchema {
  const relaxed: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'required' || key === 'additionalProperties' || key === 'enum' || key === 'format' || key === 'pattern') continue;
    if (key === 'type') relaxed.type = nullable(value);
    else if (key === 'properties' && isObject(value)) {
      relaxed.properties = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, relaxForOutput(child as JsonSchema)]));
    } else if (key === 'items' && isObject(value)) relaxed.items = relaxForOutput(value);
    else relaxed[key] = value;
  }
  return relaxed;
}

function nullable(type: unknown): unknown {
  const types = [type].flat().filter((t): t is string => typeof t === 'string');
  return types.includes('null') ? types : [...types, 'null'];
}

export function schemaProperties(schema: JsonSchema | undefined): [string, JsonSchema][] {
  return isObject(schema?.properties) ? Object.entries(schema.properties as Record<string, JsonSchema>) : [];
}

export function schemaRequired(schema: JsonSchema | undefined): string[] {
  return Array.isArray(schema?.required) ? (schema.required as string[]) : [];
}
