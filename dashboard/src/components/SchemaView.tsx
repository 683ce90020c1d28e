// A tool's input schema as a table: parameter, type, required, description, allowed values, plus the raw JSON.
import { schemaRows } from '../schema.ts';

export function SchemaView({ schema, toolName }: { schema: Record<string, unknown>; toolName: string }) {
  const rows = schemaRows(schema);
  const id = `schema-${toolName}`;
  return (
    <div class="stack-small">
      <h4 id={`${id}-title`}>Input</h4>
      {rows.length === 0 ? <p class="muted small">This tool takes no input.</p> : (
        <div class="table-wrap card">
          <table class="table schema-table" aria-labelledby={`${id}-title`}>
            <thead>
              <tr>
                <th scope="col">Parameter</th>
                <th scope="col">Type</th>
                <th scope="col">Description</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const parent = row.path.slice(0, row.path.length - row.name.length);
                return (
                  <tr key={row.path} class={`depth-${Math.min(row.depth, 3)}`}>
                    <th scope="row" class="param">
                      {parent && <span class="parent">{parent}</span>}
                      {row.name}
                      {row.required && <div class="req">required</div>}
                    </th>
                    <td class="type">{row.type}</td>
                    <td class="desc">
                      {row.description ?? <span class="muted">—</span>}
                      {row.values && (
                        <div class="values">
                          <span class="visually-hidden">Allowed values:</span>
                          {row.values.slice(0, 40).map((value) => <code key={value}>{value}</code>)}
                          {row.values.length > 40 && <span class="muted small">and {row.values.length - 40} more</span>}
                        </div>
                      )}
                      {row.defaultValue !== undefined && <div class="constraint">Default: <code>{row.defaultValue}</code></div>}
                      {row.constraints.length > 0 && <div class="constraint">{row.constraints.join(' · ')}</div>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <details class="raw-schema">
        <summary>JSON schema</summary>
        <pre class="code" tabIndex={0} aria-label={`JSON schema of ${toolName}`}>{JSON.stringify(schema, null, 2)}</pre>
      </details>
    </div>
  );
}
