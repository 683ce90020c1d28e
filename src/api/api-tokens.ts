// /api-token: the calling tenant's API tokens. List them (name, created, last used, expiry; never the secret or its
// hash; `current` marks the token of this request), create one (the secret is answered once, in `token`), revoke
// one (refused at once on every node).
import { Hono } from 'hono';
import { z } from 'zod';
import type { ApiDependencies, ApiEnv } from './types.ts';
import { pageQuery, parseJsonBody, parseQuery } from './validation.ts';

const createBody = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  expires_at: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with a time zone, e.g. 2030-01-31T18:00:00Z' }).nullable().optional(),
});

export function apiTokenRoutes(deps: ApiDependencies): Hono<ApiEnv> {
  const { apiTokens } = deps.services;
  return new Hono<ApiEnv>()
    .get('/api-token', async (c) => {
      const page = await apiTokens.list(c.var.tenantId, parseQuery(c, z.strictObject(pageQuery)));
      return c.json({ result: page.result.map((token) => ({ ...token, current: token.id === c.var.apiTokenId })), next_cursor: page.next_cursor });
    })
    .post('/api-token', async (c) => {
      const created = await apiTokens.create(c.var.tenantId, await parseJsonBody(c, createBody));
      c.header('Cache-Control', 'no-store'); // the answer carries the secret
      return c.json(created, 201);
    })
    .delete('/api-token/:id', async (c) => {
      await apiTokens.revoke(c.var.tenantId, c.req.param('id'));
      return c.body(null, 204);
    });
}
