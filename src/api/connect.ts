// Connecting accounts, for API callers and the dashboard (the pages people open are src/connect/routes.ts):
//   POST   /integrated-account/connect-link   {integration, name?, context?} → {url, expires_at}: a one-time link
//   POST   /connect/:integration/start        {name?, context?, account_id?} → {url}: the provider's page, for the
//                                             caller's browser (which gets the round trip's state cookie)
//   GET    /oauth-app                         the tenant's OAuth apps (never their secrets), and the redirect URI
//   GET    /oauth-app/:integration
//   PUT    /oauth-app/:integration            {client_id, client_secret, authorize_url?, token_url?}
//   DELETE /oauth-app/:integration
import { Hono } from 'hono';
import { z } from 'zod';
import type { CookieSettings } from '../auth/http.ts';
import { rememberConnectState } from '../connect/routes.ts';
import type { ConnectService } from '../services/connect.ts';
import { NotFoundError } from '../services/errors.ts';
import type { OAuthAppService } from '../services/oauth-apps.ts';
import type { ApiEnv } from './types.ts';
import { parseJsonBody } from './validation.ts';

const name = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const context = z.record(z.string().max(100), z.string().max(2048)).refine((entries) => Object.keys(entries).length <= 32, 'at most 32 fields');
const secretText = z.string().min(1, 'must not be empty').max(4096, 'must be at most 4096 characters');

const linkBody = z.strictObject({ integration: z.string().min(1, 'must not be empty').max(100), name: name.optional(), context: context.optional() });
const startBody = z.strictObject({ name: name.optional(), context: context.optional(), account_id: z.string().min(1).max(100).optional() });
const appBody = z.strictObject({
  client_id: secretText,
  client_secret: secretText,
  authorize_url: z.string().max(2048).nullable().optional(),
  token_url: z.string().max(2048).nullable().optional(),
});

export function connectRoutes(deps: { connect: ConnectService; apps: OAuthAppService; cookies: CookieSettings }): Hono<ApiEnv> {
  const { connect, apps } = deps;
  const withRedirect = <T extends object>(app: T) => ({ ...app, redirect_uri: connect.redirectUri });
  return new Hono<ApiEnv>()
    .post('/integrated-account/connect-link', async (c) => c.json(await connect.createLink(c.var.tenantId, await parseJsonBody(c, linkBody)), 201))
    .post('/connect/:integration/start', async (c) => {
      const started = await connect.startFromDashboard(c.var.tenantId, { integration: c.req.param('integration'), ...await parseJsonBody(c, startBody) });
      rememberConnectState(c, deps.cookies, started.state);
      c.header('Cache-Control', 'no-store');
      return c.json({ url: started.url });
    })
    .get('/oauth-app', async (c) => c.json({ result: (await apps.list(c.var.tenantId)).map(withRedirect), next_cursor: null }))
    .get('/oauth-app/:integration', async (c) => c.json(withRedirect(await apps.get(c.var.tenantId, c.req.param('integration')))))
    .put('/oauth-app/:integration', async (c) => c.json(withRedirect(await apps.save(c.var.tenantId, c.req.param('integration'), await parseJsonBody(c, appBody)))))
    .delete('/oauth-app/:integration', async (c) => {
      const integration = c.req.param('integration');
      if (!await apps.delete(c.var.tenantId, integration)) throw new NotFoundError(`this tenant has no OAuth app for ${integration}`);
      return c.body(null, 204);
    });
}
