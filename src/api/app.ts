// The admin API: health probes, the dashboard's static files, sign-in, the OAuth endpoints and the OpenAPI document in
// the open; everything else behind an API token or a signed-in session, and scoped to its tenant.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { accountRoutes } from './accounts.ts';
import { apiTokenRoutes } from './api-tokens.ts';
import { requireCaller } from '../auth/middleware.ts';
import { authRoutes } from '../auth/routes.ts';
import { oauthRoutes } from '../oauth/routes.ts';
import { dashboardRoutes } from './dashboard.ts';
import { errorResponse, handleErrors, notFound } from './errors.ts';
import { healthRoutes } from './health.ts';
import { integrationRoutes } from './integrations.ts';
import { logRoutes } from './logs.ts';
import { mcpGrantRoutes } from './mcp-grants.ts';
import { mcpServerRoutes } from './mcp-servers.ts';
import { openApiRoutes } from './openapi.ts';
import { proxyRoutes } from './proxy.ts';
import { toolRoutes } from './tools.ts';
import type { ApiDependencies, ApiEnv } from './types.ts';
import { switchboardVersion } from '../util/version.ts';

const maxBodyBytes = 1024 * 1024;

export function createApp(deps: ApiDependencies): Hono {
  const app = new Hono();
  app.onError(handleErrors(deps.logger));
  app.notFound(notFound);
  app.route('/', healthRoutes(deps));
  app.route('/', dashboardRoutes()); // the built dashboard: GET of its own paths only, before the API's auth
  app.route('/', authRoutes(deps.identity, deps.store)); // sign-in, sessions, single sign-on
  app.route('/', oauthRoutes(deps.identity, deps.services.access)); // the MCP servers' OAuth authorization server

  const modules = [integrationRoutes, accountRoutes, toolRoutes, mcpServerRoutes, mcpGrantRoutes, logRoutes, apiTokenRoutes, proxyRoutes].map((routes) => routes(deps));
  app.route('/', openApiRoutes(() => modules.flatMap((routes) => routes.operations), { version: switchboardVersion, serverUrl: deps.publicUrl }).app);

  const api = new Hono<ApiEnv>();
  api.use(bodyLimit({ maxSize: maxBodyBytes, onError: (c) => errorResponse(c, 413, `The request body is larger than ${maxBodyBytes} bytes.`) }));
  api.use(requireCaller(deps.identity, deps.services, deps.store));
  for (const routes of modules) api.route('/', routes.app);
  app.route('/', api);
  return app;
}
