// The authorization server's HTTP endpoints, outside the API-token middleware (they answer OAuth errors, never the
// admin API's 401):
//   GET  /.well-known/oauth-authorization-server        RFC 8414 metadata (also under the public URL's base path)
//   GET  /.well-known/oauth-protected-resource/mcp/<t>  RFC 9728 metadata of an MCP server that signs in with OAuth;
//                                                       404 JSON for every other server and path under /.well-known
//   POST /register                                      Dynamic Client Registration (RFC 7591)
//   POST /token                                         authorization_code and refresh_token grants
//   GET  /oauth/authorization?<authorize query>         what the consent page shows (signed-in user)
//   POST /oauth/authorization                           the user's decision on that same query → where to send the browser
// GET /authorize itself is the dashboard's consent page (src/api/dashboard.ts).
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { errorResponse } from '../api/errors.ts';
import { parseJsonBody } from '../api/validation.ts';
import { forgeryProblem, incomingOf, readSession } from '../auth/http.ts';
import type { Identity } from '../auth/index.ts';
import type { Access } from '../services/access.ts';
import { authModeOf } from '../mcp/auth-mode.ts';
import { maxQueryLength, parseAuthorizationQuery } from './authorize.ts';
import { OAuthError } from './errors.ts';
import { authorizationServerMetadata, protectedResourceMetadata } from './metadata.ts';
import { tokenOfMetadataPath } from './resource.ts';

const maxBodyBytes = 64 * 1024;
/** `query`: the exact query string of the authorization request the consent page showed (and GET checked). */
const decisionBody = z.strictObject({ query: z.string().max(maxQueryLength), decision: z.enum(['approve', 'deny']) });

/** Browser-based MCP clients call discovery, registration and the token endpoint across origins; no cookie is involved. */
const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'authorization, content-type, mcp-protocol-version', 'Access-Control-Allow-Methods': 'GET, POST, OPTIONS', 'Access-Control-Max-Age': '600' };

function oauthError(c: Context, error: OAuthError): Response {
  if (error.status === 401 && c.req.header('authorization')?.startsWith('Basic')) c.header('WWW-Authenticate', 'Basic realm="switchboard"');
  c.header('Cache-Control', 'no-store');
  return c.json(error.toJSON(), error.status);
}

export function oauthRoutes(identity: Identity, access: Access): Hono {
  const limit = bodyLimit({ maxSize: maxBodyBytes, onError: (c) => oauthError(c, new OAuthError(400, 'invalid_request', `the request body is larger than ${maxBodyBytes} bytes`)) });
  const metadataPaths = ['/.well-known/oauth-authorization-server', `/.well-known/oauth-authorization-server${new URL(identity.issuer).pathname.replace(/\/+$/, '')}`];

  const app = new Hono();
  for (const path of ['/.well-known/*', '/register', '/token']) {
    app.use(path, async (c, next) => {
      await next();
      for (const [name, value] of Object.entries(cors)) c.header(name, value);
    });
    app.options(path, (c) => c.body(null, 204));
  }

  app.get('/.well-known/*', async (c) => {
    const path = c.req.path;
    if (metadataPaths.includes(path)) return c.json(authorizationServerMetadata(identity.issuer));
    const token = tokenOfMetadataPath(path, identity.issuer);
    const resolved = token === undefined ? undefined : await access.resolveServer(token);
    if (token !== undefined && resolved && authModeOf(resolved.server.config) === 'oauth') {
      return c.json(protectedResourceMetadata(identity.issuer, token, resolved.server.name));
    }
    if (token !== undefined) {
      return errorResponse(c, 404, resolved
        ? 'Not found: this MCP server does not use OAuth sign-in. Call it with its URL alone, or with "Authorization: Bearer <API token>" when it requires an API token.'
        : 'Not found: this MCP server URL is unknown, was deleted or has expired.');
    }
    return errorResponse(c, 404, `Not found: ${path} is not served here. MCP servers that sign in with OAuth publish their metadata at /.well-known/oauth-protected-resource/mcp/<token>.`);
  });

  app.post('/register', limit, async (c) => {
    const incoming = incomingOf(c);
    const client = incoming ? identity.registrations.clientOf(incoming) : 'unknown';
    const wait = identity.registrations.retryAfter(client);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return oauthError(c, new OAuthError(429, 'too_many_requests', `too many client registrations from this address; try again in ${wait} s`));
    }
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return oauthError(c, new OAuthError(400, 'invalid_client_metadata', 'the body must be a JSON object of client metadata'));
    }
    try {
      const { client: registered, secret } = await identity.clients.register(body);
      identity.registrations.miss(client);
      c.header('Cache-Control', 'no-store');
      return c.json({
        client_id: registered.id,
        client_id_issued_at: Math.floor(Date.parse(registered.created_at) / 1000),
        ...(secret ? { client_secret: secret, client_secret_expires_at: 0 } : {}),
        ...registered.metadata,
      }, 201);
    } catch (error) {
      if (error instanceof OAuthError) return oauthError(c, error);
      throw error;
    }
  });

  app.post('/token', limit, async (c) => {
    if (!/^application\/x-www-form-urlencoded\b/i.test(c.req.header('content-type') ?? '')) {
      return oauthError(c, new OAuthError(400, 'invalid_request', 'send the token request as application/x-www-form-urlencoded'));
    }
    const form = new URLSearchParams(await c.req.text());
    for (const name of new Set(form.keys())) {
      if (form.getAll(name).length > 1) return oauthError(c, new OAuthError(400, 'invalid_request', `${name} is repeated`));
    }
    try {
      const tokens = await identity.tokens.exchange(form, c.req.header('authorization'));
      c.header('Cache-Control', 'no-store');
      c.header('Pragma', 'no-cache');
      return c.json(tokens);
    } catch (error) {
      if (error instanceof OAuthError) return oauthError(c, error);
      throw error;
    }
  });

  app.get('/oauth/authorization', async (c) => {
    c.header('Cache-Control', 'no-store');
    const found = await readSession(c, identity.cookies, identity.sessions);
    if (!found) return errorResponse(c, 401, 'Sign in to continue.');
    const params = parseAuthorizationQuery(new URL(c.req.url).search);
    if (params instanceof OAuthError) return c.json({ status: 'error', ...params.toJSON() });
    const checked = await identity.authorizations.check(params, found.session.user);
    if (!checked.ok) return c.json({ status: 'error', ...checked.error.toJSON(), ...(checked.redirect_to ? { redirect_to: checked.redirect_to } : {}) });
    return c.json({ status: 'consent', details: checked.details });
  });

  app.post('/oauth/authorization', limit, async (c) => {
    c.header('Cache-Control', 'no-store');
    const found = await readSession(c, identity.cookies, identity.sessions);
    if (!found) return errorResponse(c, 401, 'Sign in to continue.');
    const problem = forgeryProblem(c, identity.cookies, found.id);
    if (problem) return errorResponse(c, 403, problem);
    const body = await parseJsonBody(c, decisionBody);
    const params = parseAuthorizationQuery(body.query);
    if (params instanceof OAuthError) return c.json({ status: 'error', ...params.toJSON() });
    const decided = await identity.authorizations.decide(params, found.session.user, body.decision === 'approve');
    if (!decided.ok) return c.json({ status: 'error', ...decided.error.toJSON(), ...(decided.redirect_to ? { redirect_to: decided.redirect_to } : {}) });
    return c.json({ status: 'redirect', redirect_to: decided.redirect_to });
  });
  return app;
}
