// /integrated-account/:id/mcp: create an account's MCP servers (the URL and its token are answered once, at creation),
// list, read, change and delete them. The checks against the account's tools live in services/mcp-servers.ts.
import { z } from 'zod';
import { methodGroups } from '../services/mcp-servers.ts';
import { ApiRoutes } from './operations.ts';
import type { ApiDependencies } from './types.ts';
import { pageQuery } from './validation.ts';

const name = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const names = (what: string) => z.array(z.string().trim().min(1, 'must not be empty'), `must be a list of ${what}`).max(100, 'must have at most 100 entries');
const dateTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with a time zone, e.g. 2030-01-31T18:00:00Z' });

const config = {
  methods: names(`method groups (${methodGroups.join(', ')}) or method names`).describe(`The tools to expose, by method group (${methodGroups.join(', ')}) or method name; all when absent.`),
  tags: names('tags').describe('Only tools with one of these tags.'),
  auth: z.enum(['url', 'api_token', 'oauth'], 'must be "url" (the URL alone), "api_token" (the URL plus an API token) or "oauth" (the URL plus a signed-in member)')
    .describe('Who may call: url (the URL alone, the default), api_token (the URL plus an API token) or oauth (the URL plus a signed-in member).'),
  require_api_token_auth: z.boolean('must be true or false').describe('Older spelling of auth: "api_token".'),
  tool_exposure: z.enum(['all', 'discovery'], 'must be "all" or "discovery"').describe('all: every tool in tools/list; discovery: search_tools, get_tool_schema and call_tool.'),
  output_schemas: z.boolean('must be true or false').describe('false leaves output schemas out of tools/list (and structuredContent out of successful results; errors keep theirs).'),
};

const createBody = z.strictObject({
  name,
  config: z.strictObject(config).partial().optional(),
  expires_at: dateTime.nullable().optional().describe('When the server stops answering, at least 60 seconds from now; null or absent: never.'),
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

const tag = 'MCP servers';
const accountParams = { id: 'The integrated account id.' };
const params = { ...accountParams, mcp_id: 'The MCP server id.' };

export function mcpServerRoutes(deps: ApiDependencies): ApiRoutes {
  const { mcpServers } = deps.services;
  return new ApiRoutes()
    .add({
      method: 'post', path: '/integrated-account/:id/mcp', tag, params: accountParams, summary: 'Create an MCP server of an account',
      description: 'config filters its tools (methods, tags) and sets how clients sign in (auth).',
      body: createBody, responses: { 201: 'The server; its URL, which carries its token, is answered this once' },
    }, async (c, { params, body }) => {
      const created = await mcpServers.create(c.var.tenantId, params.id, body, { publicUrl: deps.publicUrl, createdBy: c.var.actor });
      c.header('Cache-Control', 'no-store'); // the answer carries the URL token
      return c.json(created, 201);
    })
    .add({
      method: 'get', path: '/integrated-account/:id/mcp', tag, params: accountParams, summary: 'List an account\'s MCP servers',
      query: z.strictObject(pageQuery), responses: { 200: 'A page of servers: {result, next_cursor}' },
    }, async (c, { params, query }) => c.json(await mcpServers.list(c.var.tenantId, params.id, query)))
    .add({
      method: 'get', path: '/integrated-account/:id/mcp/:mcp_id', tag, params, summary: 'Read an MCP server', responses: { 200: 'The server' },
    }, async (c, { params }) => c.json(await mcpServers.get(c.var.tenantId, params.id, params.mcp_id)))
    .add({
      method: 'patch', path: '/integrated-account/:id/mcp/:mcp_id', tag, params, summary: 'Change an MCP server',
      description: 'Send at least one of name, config, expires_at. config keys are merged into the current config; null removes a key. expires_at null clears the expiry.', body: patchBody, responses: { 200: 'The changed server' },
    }, async (c, { params, body }) => c.json(await mcpServers.update(c.var.tenantId, params.id, params.mcp_id, body)))
    .add({
      method: 'delete', path: '/integrated-account/:id/mcp/:mcp_id', tag, params, summary: 'Delete an MCP server', responses: { 204: 'Deleted' },
    }, async (c, { params }) => {
      await mcpServers.delete(c.var.tenantId, params.id, params.mcp_id);
      return c.body(null, 204);
    });
}
