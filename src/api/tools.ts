// GET /integrated-account/:id/tools?methods=&tags=: the tools an MCP server of this account would expose with
// these filters (the same filter MCP servers apply), to try a configuration before creating the server.
import { Hono } from 'hono';
import { z } from 'zod';
import { filterTools } from '../tools/filter.ts';
import type { Tool } from '../tools/types.ts';
import { requireAccount, requireIntegration } from './account-lookup.ts';
import type { ApiDependencies, ApiEnv } from './types.ts';
import { commaList, parseQuery } from './validation.ts';

const toolsQuery = z.strictObject({ methods: commaList.optional(), tags: commaList.optional() });

export function toolRoutes(deps: ApiDependencies): Hono<ApiEnv> {
  return new Hono<ApiEnv>().get('/integrated-account/:id/tools', async (c) => {
    const filter = parseQuery(c, toolsQuery);
    const account = await requireAccount(deps.store, c.var.tenantId, c.req.param('id'));
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
