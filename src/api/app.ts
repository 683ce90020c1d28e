// The admin API: health probes, the dashboard's static files, sign-in, the OAuth endpoints and the OpenAPI document in
// the open; everything else behind an API token or a signed-in session, and scoped to its tenant.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { accountRoutes } from './accounts.ts';
import { connectRoutes } from './connect.ts';
import { connectPageRoutes } from '../connect/routes.ts';
import { GuessLimiter } from '../security/guess-limiter.ts';
import { ConnectService } from '../services/connect.ts';
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
/** Failed connect attempts (unknown links, refused states and keys) per client address in ten minutes before 429. */
const connectFailureLimit = 20;

export function createApp(deps: ApiDependencies): Hono {
  const app = new Hono();
  app.onError(handleErrors(deps.logger));
  app.notFound(notFound);
  app.route('/', healthRoutes(deps));
  app.route('/', dashboardRoutes()); // the built dashboard: GET of its own paths only, before the API's auth
  app.route('/', authRoutes(deps.identity, deps.store)); // sign-in, sessions, single sign-on
  app.route('/', oauthRoutes(deps.identity, deps.services.access)); // the MCP servers' OAuth authorization server
  const connect = new ConnectService({
    store: deps.store, catalog: deps.catalog, secrets: deps.services.secrets, accounts: deps.services.accounts, apps: deps.services.oauthApps, engine: deps.engine,
    publicUrl: deps.publicUrl, linkTtlSeconds: deps.config.connectLinkTtlSeconds, upstreamAllowlist: deps.config.upstreamAllowlist,
    onReconnect: (accountId) => deps.services.access.invalidate({ accountId }),
  });
  const failures = new GuessLimiter({ limit: connectFailureLimit, windowMs: 10 * 60_000, trustedProxyHops: deps.config.trustedProxyHops });
  app.route('/', connectPageRoutes({ connect, cookies: deps.identity.cookies, failures, logger: deps.logger })); // connect links and the provider's callback

  // The connect routes go before accountRoutes: /integrated-account/connect-link before /integrated-account/:id.
  const modules = [
    integrationRoutes(deps), connectRoutes({ connect, apps: deps.services.oauthApps, cookies: deps.identity.cookies }),
    ...[accountRoutes, toolRoutes, mcpServerRoutes, mcpGrantRoutes, logRoutes, apiTokenRoutes, proxyRoutes].map((routes) => routes(deps)),
  ];
  app.route('/', openApiRoutes(() => modules.flatMap((routes) => routes.operations), { version: switchboardVersion, serverUrl: deps.publicUrl }).app);

  const api = new Hono<ApiEnv>();
  api.use(bodyLimit({ maxSize: maxBodyBytes, onError: (c) => errorResponse(c, 413, `The request body is larger than ${maxBodyBytes} bytes.`) }));
  api.use(requireCaller(deps.identity, deps.services, deps.store));
  for (const routes of modules) api.route('/', routes.app);
  app.route('/', api);
  return app;
}
