// Integrated accounts: validated against their definition, credentials encrypted before they reach the store and
// decrypted only to hand an AccountConnection to the engine.
import type { AccountConnection } from '../execution/types.ts';
import type { SecretBox } from '../security/secrets.ts';
import { LimitReachedError } from '../store/errors.ts';
import type { IntegratedAccount, Store } from '../store/types.ts';
import type { Catalog, Integration } from '../tools/catalog.ts';
import { checkContext, checkCredentials } from './account-fields.ts';
import { NotFoundError, QuotaError, ValidationError } from './errors.ts';

export interface NewAccount {
  integration: string;
  name?: string | undefined;
  context?: Record<string, string> | undefined;
  credentials: Record<string, string>;
}

export interface AccountPatch {
  name?: string | undefined;
  /** Merged into the current context; null removes a key. */
  context?: Record<string, string | null> | undefined;
  /** Replaces all credentials, and marks the account active again. */
  credentials?: Record<string, string> | undefined;
}

export interface AccountServiceOptions {
  store: Store;
  catalog: Catalog;
  secrets: SecretBox;
  /** Origins a base_url override may point at (SWITCHBOARD_UPSTREAM_ALLOWLIST); empty refuses every override. */
  upstreamAllowlist: readonly string[];
  /** Most accounts per tenant (SWITCHBOARD_MAX_ACCOUNTS_PER_TENANT); no limit when omitted. */
  maxPerTenant?: number | undefined;
  /** Called after an account changed or was deleted, so cached MCP servers of it are dropped. */
  onChange?: (accountId: string) => void | Promise<void>;
}

export class AccountService {
  private readonly options: AccountServiceOptions;

  constructor(options: AccountServiceOptions) {
    this.options = options;
  }

  async create(tenantId: string, input: NewAccount): Promise<IntegratedAccount> {
    const integration = this.integration(input.integration);
    const context = input.context ?? {};
    throwIfAny([...checkContext(integration.definition, context, this.options.upstreamAllowlist), ...checkCredentials(integration.definition, input.credentials, context)]);
    const { maxPerTenant } = this.options;
    try {
      return await this.options.store.createAccount({
        tenant_id: tenantId,
        integration: input.integration,
        name: input.name ?? integration.definition.label,
        context,
        credentials_encrypted: this.options.secrets.encrypt(input.credentials),
      }, maxPerTenant === undefined ? undefined : { max: maxPerTenant });
    } catch (error) {
      if (!(error instanceof LimitReachedError)) throw error;
      throw new QuotaError(`This tenant already has ${error.max} integrated accounts, the most allowed; delete one it no longer needs first.`);
    }
  }

  async update(tenantId: string, id: string, patch: AccountPatch): Promise<IntegratedAccount> {
    const account = await this.options.store.getAccount(tenantId, id);
    if (!account) throw new NotFoundError(`integrated account ${id} not found`);
    const context = patch.context && mergeContext(account.context, patch.context);
    if (context || patch.credentials) {
      const { definition } = this.integration(account.integration);
      throwIfAny([
        ...(context ? checkContext(definition, context, this.options.upstreamAllowlist) : []),
        ...(patch.credentials ? checkCredentials(definition, patch.credentials, context ?? account.context) : []),
      ]);
    }
    const updated = await this.options.store.updateAccount(tenantId, id, {
      name: patch.name,
      context,
      ...(patch.credentials ? { credentials_encrypted: this.options.secrets.encrypt(patch.credentials), status: 'active' as const } : {}),
    });
    if (!updated) throw new NotFoundError(`integrated account ${id} not found`);
    await this.options.onChange?.(id);
    return updated;
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    const deleted = await this.options.store.deleteAccount(tenantId, id);
    if (deleted) await this.options.onChange?.(id);
    return deleted;
  }

  /** The account with its credentials decrypted, for one call; never stored or logged. */
  connect(account: IntegratedAccount): Promise<AccountConnection> {
    return connectAccount(this.options.store, this.options.secrets, account);
  }

  private integration(name: string): Integration {
    return installedIntegration(this.options.catalog, name);
  }
}

/** The integration of that name, or a validation error on `integration` naming the installed ones. */
export function installedIntegration(catalog: Catalog, name: string): Integration {
  const integration = catalog.get(name);
  if (!integration) {
    const known = catalog.list().map((candidate) => candidate.definition.name);
    throw new ValidationError([{ field: 'integration', message: `"${name}" is not an installed integration (installed: ${known.join(', ') || 'none'})` }]);
  }
  return integration;
}

export async function connectAccount(store: Store, secrets: SecretBox, account: IntegratedAccount): Promise<AccountConnection> {
  const sealed = await store.getAccountCredentials(account.id);
  if (sealed === undefined) throw new NotFoundError(`integrated account ${account.id} not found`);
  return unsealAccount(secrets, account, sealed);
}

/** The account with its credentials decrypted from the stored blob. */
export function unsealAccount(secrets: SecretBox, account: IntegratedAccount, sealed: string): AccountConnection {
  return {
    id: account.id,
    integration: account.integration,
    context: account.context,
    credentials: secrets.decrypt<Record<string, string>>(sealed),
    tenantId: account.tenant_id,
    status: account.status,
  };
}

function mergeContext(current: Record<string, string>, patch: Record<string, string | null>): Record<string, string> {
  const merged = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

export function throwIfAny(problems: ValidationError['details']): void {
  if (problems.length > 0) throw new ValidationError(problems);
}
