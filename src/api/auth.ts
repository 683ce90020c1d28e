// Every admin API route (but health checks) needs "Authorization: Bearer <API token>"; the token decides the tenant.
import type { MiddlewareHandler } from 'hono';
import type { IncomingMessage } from 'node:http';
import { tooManyGuessesMessage, type GuessLimiter } from '../security/guess-limiter.ts';
import type { Access } from '../services/access.ts';
import { errorResponse } from './errors.ts';
import type { ApiEnv } from './types.ts';

/** Unknown API tokens count as guesses of the sending client (see GuessLimiter); past the limit every request is 429. */
export function requireApiToken(access: Access, guesses?: GuessLimiter): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    const client = guesses && incoming ? guesses.clientOf(incoming) : undefined;
    const wait = client === undefined ? 0 : guesses!.retryAfter(client);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return errorResponse(c, 429, tooManyGuessesMessage(wait));
    }
    const header = c.req.header('authorization');
    if (!header) return unauthorized(c, 'Missing API token: send the header "Authorization: Bearer <API token>".');
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    if (!bearer) return unauthorized(c, 'Malformed Authorization header: expected "Bearer <API token>".');
    const apiToken = await access.authenticate(bearer);
    if (!apiToken) {
      if (client !== undefined) guesses!.miss(client);
      return unauthorized(c, 'Invalid API token: it is unknown, expired or was revoked.');
    }
    c.set('tenantId', apiToken.tenant_id);
    c.set('apiTokenId', apiToken.id);
    await next();
  };
}

function unauthorized(c: Parameters<MiddlewareHandler<ApiEnv>>[0], message: string): Response {
  c.header('WWW-Authenticate', 'Bearer');
  return errorResponse(c, 401, message);
}
