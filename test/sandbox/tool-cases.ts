// Builds tool calls from what a definition documents: its examples, and arguments sampled from the input schema
// (every property at least once, every enum value once). Values the schema cannot give (ids of existing records,
// unique emails, values that depend on a sibling) come from fixtures.
import type { JsonSchema, Tool } from '../../src/tools/types.ts';

export type Args = Record<string, unknown>;

export interface ToolCase {
  label: string;
  arguments: Args;
  /** Examples may name ids this sandbox does not have, so only the shape of their request is checked. */
  source: 'example' | 'schema';
}

/** A fixture's answer for a property that must not be sent (e.g. the id of a sidepost that creates). */
export const OMIT = Symbol('omit');

export interface Fixtures {
  /**
   * A value for `path`, OMIT to leave it out, or undefined to keep the sampled one. `path` is the argument name,
   * or for properties of array items `argument[].property`; `within` is the object being built, every property
   * already sampled (and those before this one already fixed).
   */
  value(tool: Tool, path: string, within: Args): unknown;
  /** Properties that cannot be sent together: each case sends one of them, an array of objects one item per name. */
  exclusive: readonly (readonly string[])[];
  /** Fixtures are applied in ascending rank (then schema order), so a value can depend on one fixed before it. */
  rank(tool: Tool, path: string): number;
}

/** Arguments the engine owns on paginated lists. */
const ENGINE_ARGUMENTS = new Set(['limit', 'next_cursor']);

/**
 * The documented examples; one case with every argument; and variations of it: each further exclusive
 * alternative instead of the first, and each enum value of each argument. Cases are built one at a time as
 * they are iterated, so fixtures see what the calls before them changed.
 */
export function* toolCases(tool: Tool, fixtures: Fixtures): Generator<ToolCase> {
  // The schema calls are checked against: tools/list may name a property's values in prose only (fields).
  const properties = Object.entries((tool.validationSchema.properties ?? {}) as Record<string, JsonSchema>)
    .filter(([name]) => !ENGINE_ARGUMENTS.has(name));
  const names = properties.map(([name]) => name);
  const sampler = new Sampler(tool, fixtures);
  for (const example of tool.definition.method.docs?.examples ?? []) {
    yield { label: `example "${example.description}"`, arguments: example.arguments as Args, source: 'example' };
  }
  const schemaCase = (label: string, without: readonly string[], overrides: Args = {}): ToolCase => ({
    label,
    arguments: sampler.object('', Object.fromEntries(properties.filter(([name]) => !without.includes(name))), overrides),
    source: 'schema',
  });

  yield schemaCase('every argument', []);
  for (const group of fixtures.exclusive.map((members) => members.filter((name) => names.includes(name)))) {
    for (const chosen of group.slice(1)) yield schemaCase(`${chosen} instead of ${group[0]}`, group.filter((name) => name !== chosen));
  }
  for (const [name, schema] of properties) {
    const isList = schema.type === 'array';
    for (const value of enumValues(schema)) yield schemaCase(`${name}=${String(value)}`, [], { [name]: isList ? [value] : value });
  }
}

function enumValues(schema: JsonSchema): unknown[] {
  const items = schema.type === 'array' ? (schema.items as JsonSchema | undefined) : schema;
  return (items?.enum as unknown[] | undefined) ?? [];
}

class Sampler {
  readonly #tool: Tool;
  readonly #fixtures: Fixtures;

  constructor(tool: Tool, fixtures: Fixtures) {
    this.#tool = tool;
    this.#fixtures = fixtures;
  }

  /** Every property sampled (only one of each exclusive group), then overrides, then fixtures for the rest. */
  object(path: string, properties: Record<string, JsonSchema>, overrides: Args = {}): Args {
    const dropped = new Set(this.#fixtures.exclusive.flatMap((group) => group.filter((name) => name in properties).slice(1)));
    const values: Args = {};
    for (const [name, schema] of Object.entries(properties)) {
      if (!dropped.has(name) || name in overrides) values[name] = this.#value(childPath(path, name), schema);
    }
    Object.assign(values, overrides);
    const rank = (name: string) => this.#fixtures.rank(this.#tool, childPath(path, name));
    for (const name of Object.keys(values).sort((a, b) => rank(a) - rank(b))) {
      if (name in overrides) continue;
      const fixed = this.#fixtures.value(this.#tool, childPath(path, name), values);
      if (fixed === OMIT) delete values[name];
      else if (fixed !== undefined) values[name] = fixed;
    }
    return values;
  }

  #value(path: string, schema: JsonSchema): unknown {
    // A time since 1970 is sampled as models write it, a date-time, which the engine converts to its unit.
    if (this.#tool.hints[path]?.timestamp) return '2026-10-15T09:30:00Z';
    if (schema.type === 'array') return this.#list(path, (schema.items ?? {}) as JsonSchema);
    if (schema.type === 'object') return this.object(path, (schema.properties ?? {}) as Record<string, JsonSchema>);
    return scalar(path, schema);
  }

  /** Enums list every value; objects get one item per exclusive alternative they contain (else one item). */
  #list(path: string, items: JsonSchema): unknown[] {
    const itemPath = `${path}[]`;
    if (Array.isArray(items.enum)) return [...items.enum];
    if (items.type !== 'object') return [this.#value(itemPath, items)];
    const properties = (items.properties ?? {}) as Record<string, JsonSchema>;
    const group = this.#fixtures.exclusive.map((names) => names.filter((name) => name in properties)).find((names) => names.length > 1);
    if (!group) return [this.object(itemPath, properties)];
    return group.map((chosen) => {
      const others = new Set(group.filter((name) => name !== chosen));
      return this.object(itemPath, Object.fromEntries(Object.entries(properties).filter(([name]) => !others.has(name))));
    });
  }
}

function childPath(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

/** A plausible value of a scalar schema: its first enum value, a date for date formats, else by type. */
function scalar(path: string, schema: JsonSchema): unknown {
  if (Array.isArray(schema.enum)) return schema.enum[0];
  switch (schema.type) {
    case 'boolean':
      return true;
    case 'integer':
      return 3;
    case 'number':
      return 42.5;
    default:
      if (schema.format === 'date-time') return '2026-10-15T09:30:00Z';
      if (schema.format === 'date') return '2026-12-01';
      return `Sample ${path.replace(/\[\]/g, '').split('.').at(-1) ?? path}`;
  }
}

export type FixtureRule = (within: Args, tool: Tool) => unknown;

/**
 * Fixtures from rules keyed by path, or by `<tool name> <path>` for one tool only (that one wins). Rules apply in
 * the order they are written, so a rule can read what an earlier one fixed in `within`.
 */
export function fixtureRules(rules: Readonly<Record<string, FixtureRule>>, exclusive: Fixtures['exclusive'] = []): Fixtures {
  const order = Object.keys(rules);
  const keyOf = (tool: Tool, path: string) => (`${tool.name} ${path}` in rules ? `${tool.name} ${path}` : path);
  return {
    exclusive,
    value: (tool, path, within) => rules[keyOf(tool, path)]?.(within, tool),
    rank: (tool, path) => {
      const index = order.indexOf(keyOf(tool, path));
      return index === -1 ? order.length : index;
    },
  };
}
