// Turns a tool's JSON Schema into rows a person can read: parameter, type, required, description, allowed values.
// Pure (no DOM) so it is unit-tested in Node.
type Schema = Record<string, unknown>;

export interface SchemaRow {
  /** Dotted path for nested properties, e.g. "address.city"; array items get "[]". */
  path: string;
  name: string;
  depth: number;
  type: string;
  required: boolean;
  description?: string;
  values?: string[];
  defaultValue?: string;
  constraints: string[];
}

const maxDepth = 4;

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A short type label: "string", "integer | null", "array of string", "object". */
export function typeLabel(schema: Schema): string {
  if (typeof schema.$ref === 'string') return schema.$ref.split('/').pop() ?? 'object';
  const variants = (schema.anyOf ?? schema.oneOf) as unknown;
  if (Array.isArray(variants)) {
    const labels = [...new Set(variants.filter(isSchema).map(typeLabel))];
    if (labels.length) return labels.join(' | ');
  }
  const type = schema.type;
  const types = Array.isArray(type) ? type.map(String) : typeof type === 'string' ? [type] : [];
  if (!types.length) {
    if (isSchema(schema.properties)) types.push('object');
    else if (isSchema(schema.items)) types.push('array');
    else if (Array.isArray(schema.enum)) types.push(typeof schema.enum[0] === 'number' ? 'number' : 'string');
    else if ('const' in schema) types.push(typeof schema.const);
    else return 'any';
  }
  return types.map((one) => {
    if (one === 'array') {
      const items = isSchema(schema.items) ? typeLabel(schema.items) : 'any';
      return `array of ${items}`;
    }
    if (typeof schema.format === 'string' && one === 'string') return `string (${schema.format})`;
    return one;
  }).join(' | ');
}

function allowedValues(schema: Schema): string[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum.map(show);
  if ('const' in schema) return [show(schema.const)];
  if (isSchema(schema.items)) return allowedValues(schema.items);
  const variants = (schema.anyOf ?? schema.oneOf) as unknown;
  if (Array.isArray(variants)) {
    const values = variants.filter(isSchema).flatMap((variant) => allowedValues(variant) ?? []);
    return values.length ? values : undefined;
  }
  return undefined;
}

function constraints(schema: Schema): string[] {
  const out: string[] = [];
  const add = (key: string, label: string) => {
    if (schema[key] !== undefined) out.push(`${label} ${show(schema[key])}`);
  };
  add('minimum', 'min');
  add('exclusiveMinimum', 'more than');
  add('maximum', 'max');
  add('exclusiveMaximum', 'less than');
  add('minLength', 'min length');
  add('maxLength', 'max length');
  add('minItems', 'min items');
  add('maxItems', 'max items');
  add('pattern', 'pattern');
  if (schema.uniqueItems === true) out.push('unique items');
  return out;
}

export function schemaRows(schema: Schema | undefined): SchemaRow[] {
  const rows: SchemaRow[] = [];
  if (isSchema(schema)) walk(schema, '', 0, rows);
  return rows;
}

function walk(schema: Schema, prefix: string, depth: number, rows: SchemaRow[]): void {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  for (const [name, raw] of Object.entries(properties)) {
    if (!isSchema(raw)) continue;
    const path = prefix ? `${prefix}.${name}` : name;
    const description = typeof raw.description === 'string' ? raw.description : typeof raw.title === 'string' ? raw.title : undefined;
    const values = allowedValues(raw);
    rows.push({
      path,
      name,
      depth,
      type: typeLabel(raw),
      required: required.has(name),
      ...(description ? { description } : {}),
      ...(values?.length ? { values } : {}),
      ...(raw.default !== undefined ? { defaultValue: show(raw.default) } : {}),
      constraints: constraints(raw),
    });
    if (depth + 1 >= maxDepth) continue;
    if (isSchema(raw.properties)) walk(raw, path, depth + 1, rows);
    else if (isSchema(raw.items) && isSchema(raw.items.properties)) walk(raw.items, `${path}[]`, depth + 1, rows);
  }
}
