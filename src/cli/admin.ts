// Administration without a running server: tenants, API tokens, accounts and the integration catalog, written
// straight to the store (safe next to a running server: SQLite WAL and a busy timeout; PostgreSQL with DATABASE_URL).
import { announceChange } from '../cluster/index.ts';
import type { Config } from '../config.ts';
import { createLogger } from '../logger.ts';
import { NotFoundError, ValidationError } from '../services/errors.ts';
import { createServices } from '../services/index.ts';
import { checkExpiry } from '../services/mcp-servers.ts';
import { createTenant, issueApiToken } from '../services/tenants.ts';
import { createStore } from '../store/create.ts';
import { allPages } from '../store/pagination.ts';
import type { ApiToken, Store } from '../store/types.ts';
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
  const options = parseOptions('token create', args, { tenant: { type: 'string' }, name: { type: 'string' }, 'expires-at': { type: 'string' } });
  const tenantId = requireOption('token create', 'tenant', options.tenant);
  const expiresAt = options['expires-at'] ?? null;
  if (expiresAt !== null) {
    const problems = checkExpiry(expiresAt, Date.now());
    if (problems.length > 0) throw new ValidationError(problems.map((problem) => ({ ...problem, field: '--expires-at' })));
  }
  const issued = await withStore(config, (store) => issueApiToken(store, tenantId, options.name ?? 'cli', { expiresAt }));
  const expiry = issued.api_token.expires_at ? `, expires ${issued.api_token.expires_at}` : '';
  io.out(`API token "${issued.api_token.name}" created for tenant ${tenantId} (token id ${issued.api_token.id}${expiry}).`);
  printToken(io, issued.token);
}

export async function tokenList(config: Config, io: CliIo, args: string[]): Promise<void> {
  const options = parseOptions('token list', args, { tenant: { type: 'string' } });
  const tenantId = requireOption('token list', 'tenant', options.tenant);
  const tokens = await withStore(config, async (store) => {
    await requireTenant(store, tenantId);
    return allPages((page) => store.listApiTokens(tenantId, page));
  });
  if (tokens.length === 0) {
    io.out(`Tenant ${tenantId} has no API tokens (create one with: switchboard token create --tenant ${tenantId}).`);
    return;
  }
  const rows = [['ID', 'NAME', 'CREATED', 'LAST USED', 'EXPIRES'], ...tokens.map(describeToken)];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) io.out(row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd());
}

export async function tokenRevoke(config: Config, io: CliIo, args: string[]): Promise<void> {
  const options = parseOptions('token revoke', args, { tenant: { type: 'string' }, id: { type: 'string' } });
  const tenantId = requireOption('token revoke', 'tenant', options.tenant);
  const id = requireOption('token revoke', 'id', options.id);
  const told = await withStore(config, async (store) => {
    await requireTenant(store, tenantId);
    if (!await store.deleteApiToken(tenantId, id)) throw new NotFoundError(`API token ${id} not found in tenant ${tenantId}`);
    try {
      await announceChange({ config, store, logger: createLogger({ level: 'silent' }) }, { apiTokenId: id });
      return true;
    } catch (error) {
      io.err(`warning: the running nodes could not be told (${(error as Error).message}); they refuse the token once their cache lets it go, within 30 seconds.`);
      return false;
    }
  });
  io.out(`API token ${id} revoked${told ? '; running servers refuse it from now on' : ''}.`);
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
  const { user, created, passwordChanged } = await withStore(config, (store) => new UserService(store).ensureMember({ email, password, tenantId, role, name: options.name ?? null }));
  io.out(`User ${user.email} ${created ? 'created' : 'updated'}: ${role} of tenant ${tenantId} (user id ${user.id}).`);
  if (passwordChanged) io.out('  Password changed: every session of this user is ended.');
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

async function requireTenant(store: Store, tenantId: string): Promise<void> {
  if (!await store.getTenant(tenantId)) throw new NotFoundError(`tenant ${tenantId} not found`);
}

function describeToken(token: ApiToken): string[] {
  const expired = token.expires_at !== null && Date.parse(token.expires_at) <= Date.now();
  return [token.id, token.name, token.created_at, token.last_used_at ?? 'never', token.expires_at ? `${token.expires_at}${expired ? ' (expired)' : ''}` : 'never'];
}

function printToken(io: CliIo, token: string): void {
  io.out(`  API token: ${token}`);
  io.out('  Store the token now: it is shown only once (Switchboard keeps only its hash).');
}
