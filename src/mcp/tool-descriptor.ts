// The MCP view of a generated tool: what an agent sees, nothing of the upstream route.
import type { Tool as McpTool } from '@modelcontextprotocol/sdk/types.js';
import type { Tool } from '../tools/types.ts';

export function describeTool(tool: Tool, options: { outputSchema: boolean } = { outputSchema: true }): McpTool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: tool.inputSchema as McpTool['inputSchema'],
    ...(tool.outputSchema && options.outputSchema ? { outputSchema: tool.outputSchema as NonNullable<McpTool['outputSchema']> } : {}),
    annotations: { ...tool.annotations },
  };
}
