// GET /integrated-account/:id/tools?methods=&tags=: the tools an MCP server of this account would expose with
// these filters (the same filter MCP servers apply), to try a configuration before creating the server.
import { z } from 'zod';
import { filterTools } from '../tools/filter.ts';
import type { Tool } from '../tools/types.ts';
import { requireAccount, requireIntegration } from './account-lookup.ts';
import { ApiRoutes } from './operations.ts';
import type { ApiDependencies } from './types.ts';
import { commaList } from './validation.ts';

const toolsQuery = z.strictObject({ methods: commaList.optional(), tags: commaList.optional() });

export function toolRoutes(deps: ApiDependencies): ApiRoutes {
  return new ApiRoutes().add({
    method: 'get', path: '/integrated-account/:id/tools', tag: 'Integrated accounts', params: { id: 'The integrated account id.' },
    summary: 'The tools an MCP server of this account would expose with these filters',
    description: 'The same filter MCP servers apply, to try a configuration before creating the server.',
    query: toolsQuery, responses: { 200: 'Every matching tool: {result, next_cursor: null}' },
  }, async (c, { params, query: filter }) => {
    const account = await requireAccount(deps.store, c.var.tenantId, params.id);
    const tools = filterTools(requireIntegration(deps.catalog, account).tools, filter);
    return c.json({ result: tools.map(toolSummary), next_cursor: null });
  });
}

/** A tool as the admin API lists it: what an MCP client sees, plus the method and tags it was generated from. */
export function toolSummary(tool: Tool) {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    method: tool.method,
    kind: tool.kind,
    tags: tool.tags,
    annotations: tool.annotations,
    inputSchema: tool.inputSchema,
  };
}
