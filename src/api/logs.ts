// GET /log?log_type=mcp: the MCP request log of the calling tenant, newest first. Entries are metadata only (time,
// server, JSON-RPC method, tool, upstream status, latency, client name and version, and for OAuth calls the signed-in
// user and the OAuth client): arguments and results are never
// recorded, so they cannot be returned.
import { z } from 'zod';
import type { McpLogEntry } from '../store/types.ts';
import { ApiRoutes } from './operations.ts';
import type { ApiDependencies } from './types.ts';
import { pageQuery } from './validation.ts';

export const logTypes = ['mcp'] as const;

const dateTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with a time zone, e.g. 2030-01-31T18:00:00Z' });
/** A filter left empty (`tool_name=`) is no filter. */
const filter = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const logQuery = z.strictObject({
  log_type: z.enum(logTypes, `must be one of: ${logTypes.join(', ')}`),
  mcp_server_id: filter(z.string()),
  integrated_account_id: filter(z.string()),
  tool_name: filter(z.string()),
  rpc_method: filter(z.string()),
  client_name: filter(z.string()),
  client_version: filter(z.string()),
  user_id: filter(z.string()),
  oauth_client_id: filter(z.string()),
  since: filter(dateTime),
  until: filter(dateTime),
  ...pageQuery,
});

export function logRoutes(deps: ApiDependencies): ApiRoutes {
  return new ApiRoutes().add({
    method: 'get', path: '/log', tag: 'Request log', summary: 'The MCP request log, newest first',
    description: 'Metadata only (time, server, JSON-RPC method, tool, upstream status, latency, client, OAuth user and client): arguments and results are never recorded.',
    query: logQuery, responses: { 200: 'A page of entries: {result, next_cursor}' },
  }, async (c, { query: { log_type: _type, ...query } }) => {
    const page = await deps.store.queryLogs(c.var.tenantId, query);
    return c.json({ result: page.result.map(describeLogEntry), next_cursor: page.next_cursor });
  });
}

/** An entry without its tenant, which the API token already implies. */
export function describeLogEntry({ tenant_id: _tenant, ...entry }: McpLogEntry): Omit<McpLogEntry, 'tenant_id'> {
  return entry;
}
