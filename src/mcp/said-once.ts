// tools/list is read as a whole: an argument described in the same words by several tools (the include of a list
// tool and of its get tool, a created_at filter, the field names of a resource) is described by the first of them
// only, and the later ones show its name and type. Each tool's own schema keeps every description (get_tool_schema,
// the admin API, validation).
import type { Tool as McpTool } from '@modelcontextprotocol/sdk/types.js';

type Properties = Record<string, Record<string, unknown>>;

export function describeSharedArgumentsOnce(tools: McpTool[]): McpTool[] {
  const said = new Set<string>();
  return tools.map((tool) => {
    const properties = (tool.inputSchema.properties ?? {}) as Properties;
    const compact: Properties = {};
    for (const [name, schema] of Object.entries(properties)) {
      const { description, ...rest } = schema;
      const key = `${name}\u0000${String(description)}`;
      compact[name] = typeof description === 'string' && said.has(key) ? rest : schema;
      if (typeof description === 'string') said.add(key);
    }
    return { ...tool, inputSchema: { ...tool.inputSchema, properties: compact } };
  });
}
