// Field selection applied by Switchboard: each record keeps its id and the chosen fields; "job.title" keeps the
// embedded job's id and title. Upstreams with sparse fieldsets are also asked for less (fields_parameter).

export function selectFields(record: unknown, fields: readonly string[]): unknown {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return record;
  const source = record as Record<string, unknown>;
  const picked: Record<string, unknown> = {};
  if ('id' in source) picked.id = source.id;
  const nested = new Map<string, string[]>();
  for (const field of fields) {
    const dot = field.indexOf('.');
    if (dot === -1) {
      if (field in source) picked[field] = source[field];
    } else {
      nested.set(field.slice(0, dot), [...nested.get(field.slice(0, dot)) ?? [], field.slice(dot + 1)]);
    }
  }
  for (const [name, inner] of nested) {
    if (!(name in source) || fields.includes(name)) continue;
    const value = source[name];
    picked[name] = Array.isArray(value) ? value.map((item) => selectFields(item, inner)) : selectFields(value, inner);
  }
  return picked;
}

/** What a sparse-fieldset parameter asks for: the top-level fields, and the relationships whose fields were picked. */
export function upstreamFieldset(fields: readonly string[]): string {
  return [...new Set(fields.map((field) => field.split('.')[0]!))].filter((field) => field !== 'id').join(',');
}
