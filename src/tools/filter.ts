// Which tools an MCP server exposes: methods AND tags. A tool filtered out is neither listed nor callable.
import type { Tool } from './types.ts';

export interface ToolFilter {
  /** read = every read-only tool (list, get, declared reads), write = create + update + delete, custom = any other method, else an exact method name. */
  methods?: string[] | undefined;
  /** A tool passes when it has at least one of these tags. */
  tags?: string[] | undefined;
}

export function matchesMethod(tool: Tool, method: string): boolean {
  switch (method) {
    case 'read': return tool.readOnly;
    case 'write': return tool.kind === 'create' || tool.kind === 'update' || tool.kind === 'delete';
    case 'custom': return tool.kind === 'custom';
    default: return tool.method === method;
  }
}

export function matchesFilter(tool: Tool, filter: ToolFilter): boolean {
  const methodsOk = !filter.methods?.length || filter.methods.some((method) => matchesMethod(tool, method));
  const tagsOk = !filter.tags?.length || filter.tags.some((tag) => tool.tags.includes(tag));
  return methodsOk && tagsOk;
}

export function filterTools(tools: readonly Tool[], filter: ToolFilter): Tool[] {
  return tools.filter((tool) => matchesFilter(tool, filter));
}
