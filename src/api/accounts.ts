// /integrated-account: connect an account of an integration, list, read, change and remove it.
// Credentials go in and are never sent back.
import { z } from 'zod';
import { NotFoundError } from '../services/errors.ts';
import { requireAccount } from './account-lookup.ts';
import { ApiRoutes } from './operations.ts';
import type { ApiDependencies } from './types.ts';
import { pageQuery } from './validation.ts';

const name = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const stringMap = z.record(z.string(), z.string());

const createBody = z.strictObject({
  integration: z.string().min(1, 'must not be empty').describe('An integration\'s name, from GET /integrations.'),
  name: name.optional(),
  context: stringMap.optional().describe('The integration\'s context fields (GET /integrations lists them), e.g. the subdomain.'),
  credentials: stringMap.describe('The integration\'s credential fields; stored encrypted and never answered.'),
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

const tag = 'Integrated accounts';
const params = { id: 'The integrated account id.' };

export function accountRoutes(deps: ApiDependencies): ApiRoutes {
  const { store, services } = deps;
  return new ApiRoutes()
    .add({
      method: 'post', path: '/integrated-account', tag, summary: 'Connect an account of an integration',
      description: 'The credentials are never answered, here or later.',
      body: createBody, responses: { 201: 'The account, without its credentials' },
    }, async (c, { params, body }) => c.json(await services.accounts.create(c.var.tenantId, body), 201))
    .add({
      method: 'get', path: '/integrated-account', tag, summary: 'List the accounts', query: z.strictObject(pageQuery),
      responses: { 200: 'A page of accounts: {result, next_cursor}' },
    }, async (c, { params, query }) => c.json(await store.listAccounts(c.var.tenantId, query)))
    .add({
      method: 'get', path: '/integrated-account/:id', tag, summary: 'Read an account', params, responses: { 200: 'The account' },
    }, async (c, { params }) => c.json(await requireAccount(store, c.var.tenantId, params.id)))
    .add({
      method: 'patch', path: '/integrated-account/:id', tag, summary: 'Change an account\'s name, context or credentials',
      description: 'A context value of null removes that field.', params, body: patchBody, responses: { 200: 'The changed account' },
    }, async (c, { params, body }) => c.json(await services.accounts.update(c.var.tenantId, params.id, body)))
    .add({
      method: 'delete', path: '/integrated-account/:id', tag, summary: 'Remove an account', params,
      responses: { 204: 'Removed' },
    }, async (c, { params }) => {
      const id = params.id;
      if (!await services.accounts.delete(c.var.tenantId, id)) throw new NotFoundError(`integrated account ${id} not found`);
      return c.body(null, 204);
    });
}
