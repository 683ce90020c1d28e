// Every admin API route (but health checks) needs "Authorization: Bearer <API token>"; the token decides the tenant.
import type { MiddlewareHandler } from 'hono';
import type { Access } from '../services/access.ts';
import { errorResponse } from './errors.ts';
import type { ApiEnv } from './types.ts';

export function requireApiToken(access: Access): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (!header) return unauthorized(c, 'Missing API token: send the header "Authorization: Bearer <API token>".');
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    if (!bearer) return unauthorized(c, 'Malformed Authorization header: expected "Bearer <API token>".');
    const apiToken = await access.authenticate(bearer);
    if (!apiToken) return unauthorized(c, 'Invalid API token: it is unknown or was revoked.');
    c.set('tenantId', apiToken.tenant_id);
    c.set('apiTokenId', apiToken.id);
    await next();
  };
}

function unauthorized(c: Parameters<MiddlewareHandler<ApiEnv>>[0], message: string): Response {
  c.header('WWW-Authenticate', 'Bearer');
  return errorResponse(c, 401, message);
}
