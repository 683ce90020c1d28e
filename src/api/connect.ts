// Connecting accounts, for API callers and the dashboard (the pages people open are src/connect/routes.ts):
//   POST   /integrated-account/connect-link   {integration, name?, context?} → {url, expires_at}: a one-time link
//   POST   /connect/:integration/start        {name?, context?, account_id?} → {url}: the provider's page, for the
//                                             caller's browser (which gets the round trip's state cookie)
//   GET    /oauth-app                         the tenant's OAuth apps (never their secrets), and the redirect URI
//   GET    /oauth-app/:integration
//   PUT    /oauth-app/:integration            {client_id, client_secret, authorize_url?, token_url?}
//   DELETE /oauth-app/:integration
import { z } from 'zod';
import type { CookieSettings } from '../auth/http.ts';
import { rememberConnectState } from '../connect/routes.ts';
import type { ConnectService } from '../services/connect.ts';
import { NotFoundError } from '../services/errors.ts';
import type { OAuthAppService } from '../services/oauth-apps.ts';
import { ApiRoutes } from './operations.ts';

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

const tag = 'Connecting accounts';

export function connectRoutes(deps: { connect: ConnectService; apps: OAuthAppService; cookies: CookieSettings }): ApiRoutes {
  const { connect, apps } = deps;
  const withRedirect = <T extends object>(app: T) => ({ ...app, redirect_uri: connect.redirectUri });
  const integrationParam = { integration: 'The integration\'s name, as GET /integrations lists it.' };
  return new ApiRoutes()
    .add({
      method: 'post', path: '/integrated-account/connect-link', tag, summary: 'Create a one-time connect link',
      description: 'A link an end user opens, without a Switchboard login, to connect their own account into this tenant: '
        + 'the provider\'s consent page for authorization-code integrations, a small form for API keys.',
      body: linkBody, responses: { 201: '{url, expires_at}' },
    }, async (c, { body }) => c.json(await connect.createLink(c.var.tenantId, body), 201))
    .add({
      method: 'post', path: '/connect/:integration/start', tag, summary: 'Start connecting an authorization-code account from a browser',
      description: 'Answers the provider\'s authorize URL and sets the round trip\'s state cookie; account_id reconnects that account.',
      params: integrationParam, body: startBody, responses: { 200: '{url}' },
    }, async (c, { params, body }) => {
      const started = await connect.startFromDashboard(c.var.tenantId, { integration: params.integration, ...body });
      rememberConnectState(c, deps.cookies, started.state);
      c.header('Cache-Control', 'no-store');
      return c.json({ url: started.url });
    })
    .add({
      method: 'get', path: '/oauth-app', tag, summary: 'List the tenant\'s OAuth apps',
      description: 'Never their secrets; each with the redirect URI to register at the provider.', responses: { 200: '{result, next_cursor: null}' },
    }, async (c) => c.json({ result: (await apps.list(c.var.tenantId)).map(withRedirect), next_cursor: null }))
    .add({
      method: 'get', path: '/oauth-app/:integration', tag, summary: 'Get the tenant\'s OAuth app for an integration',
      params: integrationParam, responses: { 200: 'The app, without its secret, with its redirect URI' },
    }, async (c, { params }) => c.json(withRedirect(await apps.get(c.var.tenantId, params.integration))))
    .add({
      method: 'put', path: '/oauth-app/:integration', tag, summary: 'Register or replace the tenant\'s OAuth app for an integration',
      description: 'The client secret is stored encrypted and never answered.', params: integrationParam, body: appBody,
      responses: { 200: 'The app, without its secret, with its redirect URI' },
    }, async (c, { params, body }) => c.json(withRedirect(await apps.save(c.var.tenantId, params.integration, body))))
    .add({
      method: 'delete', path: '/oauth-app/:integration', tag, summary: 'Delete the tenant\'s OAuth app for an integration',
      params: integrationParam, responses: { 204: 'Deleted' },
    }, async (c, { params }) => {
      if (!await apps.delete(c.var.tenantId, params.integration)) throw new NotFoundError(`this tenant has no OAuth app for ${params.integration}`);
      return c.body(null, 204);
    });
}
