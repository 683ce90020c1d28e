// /integrated-account: connect an account of an integration, list, read, change and remove it.
// Credentials go in and are never sent back.
import { Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError } from '../services/errors.ts';
import { requireAccount } from './account-lookup.ts';
import type { ApiDependencies, ApiEnv } from './types.ts';
import { pageQuery, parseJsonBody, parseQuery } from './validation.ts';

const name = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const stringMap = z.record(z.string(), z.string());

const createBody = z.strictObject({
  integration: z.string().min(1, 'must not be empty'),
  name: name.optional(),
  context: stringMap.optional(),
  credentials: stringMap,
});

const patchBody = z.strictObject({
  name: name.optional(),
  context: z.record(z.string(), z.string().nullable()).optional(),
  credentials: stringMap.optional(),
}).refine((patch) => Object.keys(patch).length > 0, {
  message: 'send at least one of name, context, credentials',
  // Only when the fields themselves are fine, so an unknown field is not also reported as "nothing sent".
  when: (payload) => payload.issues.length === 0,
});

export function accountRoutes(deps: ApiDependencies): Hono<ApiEnv> {
  const { store, services } = deps;
  return new Hono<ApiEnv>()
    .post('/integrated-account', async (c) => {
      const account = await services.accounts.create(c.var.tenantId, await parseJsonBody(c, createBody));
      return c.json(account, 201);
    })
    .get('/integrated-account', async (c) => {
      return c.json(await store.listAccounts(c.var.tenantId, parseQuery(c, z.strictObject(pageQuery))));
    })
    .get('/integrated-account/:id', async (c) => c.json(await requireAccount(store, c.var.tenantId, c.req.param('id'))))
    .patch('/integrated-account/:id', async (c) => {
      return c.json(await services.accounts.update(c.var.tenantId, c.req.param('id'), await parseJsonBody(c, patchBody)));
    })
    .delete('/integrated-account/:id', async (c) => {
      const id = c.req.param('id');
      if (!await services.accounts.delete(c.var.tenantId, id)) throw new NotFoundError(`integrated account ${id} not found`);
      return c.body(null, 204);
    });
}
