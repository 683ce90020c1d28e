// /integrated-account/:id/mcp: create an account's MCP servers (the URL and its token are answered once, at creation),
// list, read, change and delete them. The checks against the account's tools live in services/mcp-servers.ts.
import { Hono } from 'hono';
import { z } from 'zod';
import { methodGroups } from '../services/mcp-servers.ts';
import type { ApiDependencies, ApiEnv } from './types.ts';
import { pageQuery, parseJsonBody, parseQuery } from './validation.ts';

const name = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const names = (what: string) => z.array(z.string().trim().min(1, 'must not be empty'), `must be a list of ${what}`).max(100, 'must have at most 100 entries');
const dateTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with a time zone, e.g. 2030-01-31T18:00:00Z' });

const config = {
  methods: names(`method groups (${methodGroups.join(', ')}) or method names`),
  tags: names('tags'),
  auth: z.enum(['url', 'api_token', 'oauth'], 'must be "url" (the URL alone), "api_token" (the URL plus an API token) or "oauth" (the URL plus a signed-in member)'),
  require_api_token_auth: z.boolean('must be true or false'),
  tool_exposure: z.enum(['all', 'discovery'], 'must be "all" or "discovery"'),
  output_schemas: z.boolean('must be true or false'),
};

const createBody = z.strictObject({
  name,
  config: z.strictObject(config).partial().optional(),
  expires_at: dateTime.nullable().optional(),
});

const patchConfig = z.strictObject({
  methods: config.methods.nullable(),
  tags: config.tags.nullable(),
  auth: config.auth.nullable(),
  require_api_token_auth: config.require_api_token_auth.nullable(),
  tool_exposure: config.tool_exposure.nullable(),
  output_schemas: config.output_schemas.nullable(),
}).partial();

const patchBody = z.strictObject({
  name: name.optional(),
  config: patchConfig.optional(),
  expires_at: dateTime.nullable().optional(),
}).refine((patch) => Object.keys(patch).length > 0, {
  message: 'send at least one of name, config, expires_at',
  when: (payload) => payload.issues.length === 0,
});

export function mcpServerRoutes(deps: ApiDependencies): Hono<ApiEnv> {
  const { mcpServers } = deps.services;
  return new Hono<ApiEnv>()
    .post('/integrated-account/:id/mcp', async (c) => {
      const body = await parseJsonBody(c, createBody);
      const created = await mcpServers.create(c.var.tenantId, c.req.param('id'), body, { publicUrl: deps.publicUrl, createdBy: c.var.actor });
      c.header('Cache-Control', 'no-store'); // the answer carries the URL token
      return c.json(created, 201);
    })
    .get('/integrated-account/:id/mcp', async (c) => {
      return c.json(await mcpServers.list(c.var.tenantId, c.req.param('id'), parseQuery(c, z.strictObject(pageQuery))));
    })
    .get('/integrated-account/:id/mcp/:mcp_id', async (c) => {
      return c.json(await mcpServers.get(c.var.tenantId, c.req.param('id'), c.req.param('mcp_id')));
    })
    .patch('/integrated-account/:id/mcp/:mcp_id', async (c) => {
      const patch = await parseJsonBody(c, patchBody);
      return c.json(await mcpServers.update(c.var.tenantId, c.req.param('id'), c.req.param('mcp_id'), patch));
    })
    .delete('/integrated-account/:id/mcp/:mcp_id', async (c) => {
      await mcpServers.delete(c.var.tenantId, c.req.param('id'), c.req.param('mcp_id'));
      return c.body(null, 204);
    });
}
