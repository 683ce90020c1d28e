// Finds an integrated account of the calling tenant. Another tenant's account is "not found", never "forbidden",
// so ids cannot be probed across tenants.
import { NotFoundError } from '../services/errors.ts';
import type { IntegratedAccount, Store } from '../store/types.ts';
import type { Catalog, Integration } from '../tools/catalog.ts';
import { ApiError } from './errors.ts';

export async function requireAccount(store: Store, tenantId: string, id: string): Promise<IntegratedAccount> {
  const account = await store.getAccount(tenantId, id);
  if (!account) throw new NotFoundError(`integrated account ${id} not found`);
  return account;
}

/** The account's integration; 409 when its definition was removed from the integrations directory. */
export function requireIntegration(catalog: Catalog, account: IntegratedAccount): Integration {
  const integration = catalog.get(account.integration);
  if (!integration) throw new ApiError(409, `The integration "${account.integration}" of this account is not installed on this server.`);
  return integration;
}
