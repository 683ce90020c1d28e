// API tokens of a tenant, managed through the API: list (never a secret or hash), create (the secret is returned
// once), revoke (dropped from every node's cache through the invalidation bus, so it is refused at once everywhere).
import { LimitReachedError } from '../store/errors.ts';
import type { ApiToken, Page, PageRequest, Store } from '../store/types.ts';
import type { Access } from './access.ts';
import { NotFoundError, QuotaError, ValidationError } from './errors.ts';
import { checkExpiry } from './mcp-servers.ts';
import { issueApiToken } from './tenants.ts';

/** What the API shows of a token: no tenant (implied by the caller), no secret, no hash. */
export type ApiTokenView = Omit<ApiToken, 'tenant_id'>;

export interface CreatedApiToken extends ApiTokenView {
  /** The clear token: returned once, never stored. */
  token: string;
}

export interface ApiTokenServiceOptions {
  store: Store;
  access: Access;
  /** Most tokens per tenant (SWITCHBOARD_MAX_API_TOKENS_PER_TENANT). */
  maxPerTenant: number;
  now?: (() => number) | undefined;
}

export class ApiTokenService {
  private readonly options: ApiTokenServiceOptions;
  private readonly now: () => number;

  constructor(options: ApiTokenServiceOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
  }

  async list(tenantId: string, page: PageRequest): Promise<Page<ApiTokenView>> {
    const { result, next_cursor } = await this.options.store.listApiTokens(tenantId, page);
    return { result: result.map(toView), next_cursor };
  }

  async create(tenantId: string, input: { name: string; expires_at?: string | null | undefined }): Promise<CreatedApiToken> {
    const expiresAt = input.expires_at ?? null;
    if (expiresAt !== null) {
      const problems = checkExpiry(expiresAt, this.now());
      if (problems.length > 0) throw new ValidationError(problems);
    }
    try {
      const issued = await issueApiToken(this.options.store, tenantId, input.name, { expiresAt, limit: { max: this.options.maxPerTenant } });
      return { ...toView(issued.api_token), token: issued.token };
    } catch (error) {
      if (!(error instanceof LimitReachedError)) throw error;
      throw new QuotaError(`This tenant already has ${error.max} API tokens, the most allowed; revoke one it no longer needs first.`);
    }
  }

  /** Deletes the token and waits until every node was told, so it is refused everywhere from the answer on. */
  async revoke(tenantId: string, id: string): Promise<void> {
    if (!await this.options.store.deleteApiToken(tenantId, id)) throw new NotFoundError(`API token ${id} not found`);
    await this.options.access.invalidate({ apiTokenId: id });
  }
}

export function toView({ tenant_id: _tenant, ...view }: ApiToken): ApiTokenView {
  return view;
}
