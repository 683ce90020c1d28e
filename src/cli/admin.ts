// Administration without a running server: tenants, API tokens, accounts and the integration catalog, written
// straight to the store (safe next to a running server: SQLite WAL and a busy timeout; PostgreSQL with DATABASE_URL).
import type { Config } from '../config.ts';
import { NotFoundError } from '../services/errors.ts';
import { createServices } from '../services/index.ts';
import { createTenant, issueApiToken } from '../services/tenants.ts';
import { createStore } from '../store/create.ts';
import type { Store } from '../store/types.ts';
import { Catalog } from '../tools/catalog.ts';
import { UserService } from '../auth/users.ts';
import { UsageError, type CliIo } from './io.ts';
import { parseOptions, parsePairs, requireOption } from './options.ts';

export const credentialEnvPrefix = 'SWITCHBOARD_CREDENTIAL_';

async function withStore<T>(config: Config, work: (store: Store) => Promise<T>): Promise<T> {
  const store = createStore(config);
  try {
    await store.migrate();
    return await work(store);
  } finally {
    await store.close();
  }
}

export async function tenantCreate(config: Config, io: CliIo, args: string[]): Promise<void> {
  const options = parseOptions('tenant create', args, { name: { type: 'string' } });
  const name = requireOption('tenant create', 'name', options.name);
  const created = await withStore(config, (store) => createTenant(store, name));
  io.out(`Tenant "${created.tenant.name}" created.`);
  io.out(`  tenant id: ${created.tenant.id}`);
  printToken(io, created.token);
}

export async function tokenCreate(config: Config, io: CliIo, args: string[]): Promise<void> {
  const options = parseOptions('token create', args, { tenant: { type: 'string' }, name: { type: 'string' } });
  const tenantId = requireOption('token create', 'tenant', options.tenant);
  const issued = await withStore(config, (store) => issueApiToken(store, tenantId, options.name ?? 'cli'));
  io.out(`API token "${issued.api_token.name}" created for tenant ${tenantId} (token id ${issued.api_token.id}).`);
  printToken(io, issued.token);
}

export async function accountCreate(config: Config, io: CliIo, args: string[]): Promise<void> {
  const options = parseOptions('account create', args, {
    tenant: { type: 'string' },
    integration: { type: 'string' },
    name: { type: 'string' },
    context: { type: 'string', multiple: true },
    credential: { type: 'string', multiple: true },
  });
  const tenantId = requireOption('account create', 'tenant', options.tenant);
  const integration = requireOption('account create', 'integration', options.integration);
  const context = parsePairs('context', options.context);
  const credentialFlags = parsePairs('credential', options.credential);
  const catalog = await Catalog.load(config.integrationsDir);
  const credentialFields = Object.keys(catalog.get(integration)?.definition.credentials ?? {});
  const credentials = { ...credentialsFromEnv(io.env, credentialFields), ...credentialFlags };
  const account = await withStore(config, async (store) => {
    if (!await store.getTenant(tenantId)) throw new NotFoundError(`tenant ${tenantId} not found`);
    const { accounts } = createServices({ config, store, catalog });
    return accounts.create(tenantId, { integration, name: options.name, context, credentials });
  });
  io.out(`Integrated account "${account.name}" (${account.integration}) created.`);
  io.out(`  account id: ${account.id}`);
}

export const userPasswordVariable = 'SWITCHBOARD_USER_PASSWORD';

export async function userCreate(config: Config, io: CliIo, args: string[]): Promise<void> {
  const options = parseOptions('user create', args, {
    email: { type: 'string' }, tenant: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, 'sso-only': { type: 'boolean' },
  });
  const email = requireOption('user create', 'email', options.email);
  const tenantId = requireOption('user create', 'tenant', options.tenant);
  const role = options.role ?? 'member';
  if (role !== 'admin' && role !== 'member') throw new UsageError(`user create: --role must be admin or member, got "${role}"`);
  let password: string | undefined;
  if (!options['sso-only']) {
    password = io.env[userPasswordVariable];
    if (password === undefined || password === '') {
      if (!io.promptSecret) throw new UsageError(`user create: no terminal to ask for the password; set ${userPasswordVariable}, or pass --sso-only for a user who signs in through single sign-on only`);
      password = await io.promptSecret(`Password for ${email}: `);
      if (await io.promptSecret('Repeat it: ') !== password) throw new UsageError('user create: the passwords differ');
    }
  }
  const { user, created } = await withStore(config, (store) => new UserService(store).ensureMember({ email, password, tenantId, role, name: options.name ?? null }));
  io.out(`User ${user.email} ${created ? 'created' : 'updated'}: ${role} of tenant ${tenantId} (user id ${user.id}).`);
  if (!password) io.out('  No password: this user signs in through single sign-on.');
}

export async function integrationsList(config: Config, io: CliIo, args: string[]): Promise<void> {
  parseOptions('integrations list', args, {});
  const catalog = await Catalog.load(config.integrationsDir);
  for (const { definition, tools } of catalog.list()) {
    io.out(`${definition.name} — ${definition.label} (${tools.length} tools)`);
    const context = Object.entries(definition.context).map(([key, field]) => `${key}${field.required ? '' : ' (optional)'}`);
    io.out(`  context:     ${[...context, 'base_url (optional override)'].join(', ')}`);
    io.out(`  credentials: ${Object.keys(definition.credentials).map((key) => `${key} (or ${credentialEnvPrefix}${key.toUpperCase()})`).join(', ')}`);
  }
}

function credentialsFromEnv(env: CliIo['env'], fields: string[]): Record<string, string> {
  return Object.fromEntries(fields
    .map((field) => [field, env[`${credentialEnvPrefix}${field.toUpperCase()}`]] as const)
    .filter((entry): entry is readonly [string, string] => entry[1] !== undefined && entry[1] !== ''));
}

function printToken(io: CliIo, token: string): void {
  io.out(`  API token: ${token}`);
  io.out('  Store the token now: it is shown only once (Switchboard keeps only its hash).');
}
