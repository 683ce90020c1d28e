// /api-token: the calling tenant's API tokens. List them (name, created, last used, expiry; never the secret or its
// hash; `current` marks the token of this request), create one (the secret is answered once, in `token`), revoke
// one (refused at once on every node).
import { z } from 'zod';
import { ApiRoutes } from './operations.ts';
import type { ApiDependencies } from './types.ts';
import { pageQuery } from './validation.ts';

const createBody = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  expires_at: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with a time zone, e.g. 2030-01-31T18:00:00Z' }).nullable().optional()
    .describe('When the token stops working; null or absent: never.'),
});

const tag = 'API tokens';

export function apiTokenRoutes(deps: ApiDependencies): ApiRoutes {
  const { apiTokens } = deps.services;
  return new ApiRoutes()
    .add({
      method: 'get', path: '/api-token', tag, summary: 'List the tenant\'s API tokens',
      description: 'Name, created, last used and expiry; never the secret. `current` marks the token of this request.',
      query: z.strictObject(pageQuery), responses: { 200: 'A page of tokens: {result, next_cursor}' },
    }, async (c, { params, query }) => {
      const page = await apiTokens.list(c.var.tenantId, query);
      return c.json({ result: page.result.map((token) => ({ ...token, current: token.id === c.var.apiTokenId })), next_cursor: page.next_cursor });
    })
    .add({
      method: 'post', path: '/api-token', tag, summary: 'Create an API token', body: createBody,
      responses: { 201: 'The token; its secret, in `token`, is answered this once' },
    }, async (c, { params, body }) => {
      const created = await apiTokens.create(c.var.tenantId, body);
      c.header('Cache-Control', 'no-store'); // the answer carries the secret
      return c.json(created, 201);
    })
    .add({
      method: 'delete', path: '/api-token/:id', tag, summary: 'Revoke an API token', description: 'Refused at once on every node.',
      params: { id: 'The API token id.' }, responses: { 204: 'Revoked' },
    }, async (c, { params }) => {
      await apiTokens.revoke(c.var.tenantId, params.id);
      return c.body(null, 204);
    });
}
