// /integrated-account/:id/mcp/:mcp_id/grants: the OAuth clients connected to an MCP server (client, user, when, last
// used), and revoking one. Revoked tokens are refused at once on every node. A member may revoke only their own.
import type { GrantView } from '../store/auth-types.ts';
import { ApiError } from './errors.ts';
import { ApiRoutes } from './operations.ts';
import type { ApiDependencies } from './types.ts';

const tag = 'MCP servers';
const params = { id: 'The integrated account id.', mcp_id: 'The MCP server id.' };

export function mcpGrantRoutes(deps: ApiDependencies): ApiRoutes {
  const { identity, services } = deps;
  return new ApiRoutes()
    .add({
      method: 'get', path: '/integrated-account/:id/mcp/:mcp_id/grants', tag, params,
      summary: 'The OAuth clients connected to an MCP server', description: 'Client, user, when, last used.',
      responses: { 200: 'Every connected client: {result, next_cursor: null}' },
    }, async (c, { params }) => {
      const server = await services.mcpServers.get(c.var.tenantId, params.id, params.mcp_id);
      const grants = await identity.grants.list(c.var.tenantId, server.id);
      return c.json({ result: grants.map(describeGrant), next_cursor: null });
    })
    .add({
      method: 'delete', path: '/integrated-account/:id/mcp/:mcp_id/grants/:grant_id', tag,
      params: { ...params, grant_id: 'The connected client\'s grant id.' }, summary: 'Disconnect an OAuth client',
      description: 'Its tokens are refused at once on every node. A member may disconnect only the clients they connected.',
      responses: { 204: 'Disconnected' },
    }, async (c, { params }) => {
      const server = await services.mcpServers.get(c.var.tenantId, params.id, params.mcp_id);
      const grantId = params.grant_id;
      const grant = (await identity.grants.list(c.var.tenantId, server.id)).find((candidate) => candidate.id === grantId);
      if (!grant) throw new ApiError(404, `Connected client ${grantId} not found on MCP server ${server.id}.`);
      if (c.var.role !== 'admin' && grant.user_id !== c.var.userId) throw new ApiError(403, 'Only admins of this team may disconnect clients that another member connected.');
      await identity.grants.revoke(c.var.tenantId, grant.id);
      return c.body(null, 204);
    });
}

export function describeGrant(grant: GrantView) {
  return {
    id: grant.id,
    mcp_server_id: grant.mcp_server_id,
    client_id: grant.client_id,
    client_name: grant.client_name,
    user_id: grant.user_id,
    user_email: grant.user_email,
    scope: grant.scope,
    created_at: grant.created_at,
    last_used_at: grant.last_used_at,
  };
}
