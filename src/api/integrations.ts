// GET /integrations: what can be connected, how, and which fields an account of each needs.
import { Hono } from 'hono';
import { accountAuthMode, authModes } from '../execution/auth/index.ts';
import type { Integration } from '../tools/catalog.ts';
import type { ApiDependencies, ApiEnv } from './types.ts';

export function integrationRoutes(deps: ApiDependencies): Hono<ApiEnv> {
  return new Hono<ApiEnv>().get('/integrations', (c) => c.json({ result: deps.catalog.list().map(describeIntegration), next_cursor: null }));
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
