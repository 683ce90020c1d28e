// GET /integrations: what can be connected, and which fields an account of each needs.
import { Hono } from 'hono';
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
    tool_count: tools.length,
    tags: [...new Set(tools.flatMap((tool) => tool.tags))].sort(),
  };
}
