// Tenants and their admin API tokens. A clear token exists only in the value returned here; the store keeps its hash.
import { generateApiToken, hashToken } from '../security/tokens.ts';
import type { ApiToken, Limit, Store, Tenant } from '../store/types.ts';
import { NotFoundError } from './errors.ts';

export interface IssuedToken {
  api_token: ApiToken;
  /** The clear token: show it once, it cannot be recovered. */
  token: string;
}

export async function createTenant(store: Store, name: string): Promise<{ tenant: Tenant } & IssuedToken> {
  const tenant = await store.createTenant(name);
  return { tenant, ...await issueApiToken(store, tenant.id, 'default') };
}

/** A new API token of the tenant (operators: no quota; the API applies SWITCHBOARD_MAX_API_TOKENS_PER_TENANT). */
export async function issueApiToken(store: Store, tenantId: string, name: string, options: { expiresAt?: string | null; limit?: Limit } = {}): Promise<IssuedToken> {
  if (!await store.getTenant(tenantId)) throw new NotFoundError(`tenant ${tenantId} not found`);
  const token = generateApiToken();
  const apiToken = await store.createApiToken({ tenant_id: tenantId, name, token_hash: hashToken(token), expires_at: options.expiresAt ?? null }, options.limit);
  return { api_token: apiToken, token };
}

/** Stores the hash of a token chosen by the operator (e.g. SWITCHBOARD_API_TOKEN); reuses it when already there. */
export async function registerApiToken(store: Store, tenantId: string, name: string, token: string): Promise<IssuedToken> {
  if (!await store.getTenant(tenantId)) throw new NotFoundError(`tenant ${tenantId} not found`);
  const tokenHash = hashToken(token);
  const existing = await store.findApiTokenByHash(tokenHash);
  if (existing && existing.tenant_id !== tenantId) throw new Error('this API token already belongs to another tenant');
  return { api_token: existing ?? await store.createApiToken({ tenant_id: tenantId, name, token_hash: tokenHash }), token };
}
