// Makes the demo tenant and its accounts exist, whatever state the data directory is in: reruns reuse them and
// only refresh what changed (a sandbox on another port changes base_url).
import { randomBytes } from 'node:crypto';
import { UserService } from '../auth/users.ts';
import type { AccountService } from '../services/accounts.ts';
import { issueApiToken, registerApiToken } from '../services/tenants.ts';
import { allPages } from '../store/pagination.ts';
import type { IntegratedAccount, Store, Tenant } from '../store/types.ts';

export const demoTenantName = 'Demo';

export interface DemoAccountSpec {
  integration: string;
  name: string;
  context: Record<string, string>;
  credentials: Record<string, string>;
}

export interface DemoSetup {
  tenant: Tenant;
  /** The clear API token, and whether it was generated now (else it came from SWITCHBOARD_API_TOKEN). */
  token: string;
  tokenGenerated: boolean;
  accounts: IntegratedAccount[];
  /** The demo user (an admin of the demo tenant) and its clear password, generated unless one was given. */
  user: { email: string; password: string; passwordGenerated: boolean };
}

export const defaultDemoUserEmail = 'demo@switchboard.example';

export async function ensureDemo(options: {
  store: Store;
  accounts: AccountService;
  apiToken: string | undefined;
  specs: DemoAccountSpec[];
  /** SWITCHBOARD_DEMO_USER_EMAIL and SWITCHBOARD_DEMO_USER_PASSWORD. */
  user?: { email?: string | undefined; password?: string | undefined };
}): Promise<DemoSetup> {
  const { store, accounts } = options;
  const tenant = (await allPages((page) => store.listTenants(page))).find((candidate) => candidate.name === demoTenantName)
    ?? await store.createTenant(demoTenantName);
  const issued = options.apiToken
    ? await registerApiToken(store, tenant.id, 'demo (SWITCHBOARD_API_TOKEN)', options.apiToken)
    : await issueApiToken(store, tenant.id, 'demo');

  const existing = await allPages((page) => store.listAccounts(tenant.id, page));
  const ensured: IntegratedAccount[] = [];
  for (const spec of options.specs) {
    const found = existing.find((account) => account.integration === spec.integration && account.name === spec.name);
    if (!found) ensured.push(await accounts.create(tenant.id, spec));
    else if (!sameEntries(found.context, spec.context)) {
      ensured.push(await accounts.update(tenant.id, found.id, { context: spec.context, credentials: spec.credentials }));
    } else ensured.push(found);
  }
  const email = options.user?.email || defaultDemoUserEmail;
  const password = options.user?.password || randomBytes(12).toString('base64url');
  await new UserService(store).ensureMember({ email, password, tenantId: tenant.id, role: 'admin', name: 'Demo user' });
  return {
    tenant, token: issued.token, tokenGenerated: !options.apiToken, accounts: ensured,
    user: { email: email.toLowerCase(), password, passwordGenerated: !options.user?.password },
  };
}

function sameEntries(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
