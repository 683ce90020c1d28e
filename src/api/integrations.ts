// GET /integrations: what can be connected, how, and which fields an account of each needs.
import { accountAuthMode, authModes } from '../execution/auth/index.ts';
import type { Integration } from '../tools/catalog.ts';
import { ApiRoutes } from './operations.ts';
import type { ApiDependencies } from './types.ts';

export function integrationRoutes(deps: ApiDependencies): ApiRoutes {
  return new ApiRoutes().add({
    method: 'get', path: '/integrations', tag: 'Integrations', summary: 'List the integrations that can be connected',
    description: 'With the context and credential fields an account of each needs, and its auth modes.',
    responses: { 200: 'Every integration: {result, next_cursor: null}' },
  }, (c) => c.json({ result: deps.catalog.list().map(describeIntegration), next_cursor: null }));
}

export function describeIntegration({ definition, tools }: Integration) {
  return {
    name: definition.name,
    label: definition.label,
    description: definition.description,
    ...(definition.docs_url ? { docs_url: definition.docs_url } : {}),
    context: Object.entries(definition.context).map(([name, field]) => ({ name, ...field })),
    credentials: Object.entries(definition.credentials).map(([name, field]) => ({ name, ...field })),
    // How accounts authenticate: oauth2_authorization_code modes connect through the provider's page.
    auth_modes: authModes(definition.auth).map(([name, auth]) => ({ name, kind: auth.kind })),
    default_auth_mode: accountAuthMode(definition.auth, { context: {} }),
    tool_count: tools.length,
    tags: [...new Set(tools.flatMap((tool) => tool.tags))].sort(),
  };
}
