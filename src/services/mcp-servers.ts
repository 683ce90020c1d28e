// MCP servers of an integrated account: the config is checked against the account's tools (the same filter the MCP
// endpoint applies), the URL token is generated here and handed out once, and only its hash reaches the store.
// Changes and deletions drop the server from the token cache, so they take effect at once on this node. An expired
// server is gone here as it is for its URL, whether or not the sweeper deleted its row yet: it is not listed, and
// reading, changing (no reviving it by clearing expires_at) or deleting it answers 404.
import { generateMcpToken, hashToken } from '../security/tokens.ts';
import { LimitReachedError } from '../store/errors.ts';
import type { IntegratedAccount, McpServer, McpServerConfig, Page, PageRequest, Store } from '../store/types.ts';
import type { Catalog, Integration } from '../tools/catalog.ts';
import { filterTools } from '../tools/filter.ts';
import type { Access } from './access.ts';
import { NotFoundError, QuotaError, ValidationError, type FieldProblem } from './errors.ts';

/** expires_at must lie at least this far ahead when it is set. */
export const minimumLifetimeMs = 60_000;

/** The method groups every integration understands, besides its exact method names. */
export const methodGroups = ['read', 'write', 'custom'] as const;

export interface NewMcpServer {
  name: string;
  config?: McpServerConfig | undefined;
  expires_at?: string | null | undefined;
}

/** Top-level config keys are merged into the current config; null removes a key. */
export type McpServerConfigPatch = { [K in keyof McpServerConfig]?: McpServerConfig[K] | null };

export interface McpServerPatch {
  name?: string | undefined;
  /** Without config, the tools are not checked again (the account's integration may have changed since). */
  config?: McpServerConfigPatch | undefined;
  /** null clears the expiry. */
  expires_at?: string | null | undefined;
}

/** What the API shows of a server: everything but the tenant (implied by the API token) and the token hash. */
export type McpServerView = Omit<McpServer, 'tenant_id'>;

export interface CreatedMcpServer extends McpServerView {
  /** The clear URL token: returned once, never stored. */
  token: string;
  /** `<public base URL>/mcp/<token>`. */
  url: string;
}

export interface McpServerServiceOptions {
  store: Store;
  catalog: Catalog;
  access: Access;
  now?: (() => number) | undefined;
  /** Most unexpired MCP servers per integrated account (SWITCHBOARD_MAX_MCP_SERVERS_PER_ACCOUNT); no limit when omitted. */
  maxPerAccount?: number | undefined;
}

export function mcpServerUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/mcp/${token}`;
}

export class McpServerService {
  private readonly options: McpServerServiceOptions;
  private readonly now: () => number;

  constructor(options: McpServerServiceOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
  }

  async create(tenantId: string, accountId: string, input: NewMcpServer, meta: { publicUrl: string; createdBy: string | null }): Promise<CreatedMcpServer> {
    const account = await this.account(tenantId, accountId);
    const config = input.config ?? {};
    const expiresAt = input.expires_at ?? null;
    this.check(account, config, expiresAt);
    const token = generateMcpToken();
    const { maxPerAccount } = this.options;
    let server: McpServer;
    try {
      server = await this.options.store.createMcpServer({
        tenant_id: tenantId,
        integrated_account_id: account.id,
        name: input.name,
        config,
        expires_at: expiresAt,
        created_by: meta.createdBy,
        token_hash: hashToken(token),
      }, maxPerAccount === undefined ? undefined : { max: maxPerAccount, at: this.live() });
    } catch (error) {
      if (!(error instanceof LimitReachedError)) throw error;
      throw new QuotaError(`This integrated account already has ${error.max} MCP servers, the most allowed; delete one it no longer needs first.`);
    }
    return { ...toView(server), token, url: mcpServerUrl(meta.publicUrl, token) };
  }

  async list(tenantId: string, accountId: string, page: PageRequest): Promise<Page<McpServerView>> {
    await this.account(tenantId, accountId);
    const { result, next_cursor } = await this.options.store.listMcpServers(tenantId, accountId, page, this.live());
    return { result: result.map(toView), next_cursor };
  }

  async get(tenantId: string, accountId: string, id: string): Promise<McpServerView> {
    await this.account(tenantId, accountId);
    return toView(await this.server(tenantId, accountId, id));
  }

  async update(tenantId: string, accountId: string, id: string, patch: McpServerPatch): Promise<McpServerView> {
    const account = await this.account(tenantId, accountId);
    const current = await this.server(tenantId, accountId, id);
    const config = patch.config && mergeConfig(current.config, patch.config);
    this.check(account, config, patch.expires_at);
    const updated = await this.options.store.updateMcpServer(tenantId, accountId, id, { name: patch.name, config, expires_at: patch.expires_at }, this.live());
    await this.options.access.invalidate({ serverId: id });
    if (!updated) throw notFound(id);
    return toView(updated);
  }

  async delete(tenantId: string, accountId: string, id: string): Promise<void> {
    await this.account(tenantId, accountId);
    const deleted = await this.options.store.deleteMcpServer(tenantId, accountId, id, this.live());
    await this.options.access.invalidate({ serverId: id });
    if (!deleted) throw notFound(id);
  }

  /** Checks what is given: the config against the account's tools, expires_at against the clock. */
  private check(account: IntegratedAccount, config: McpServerConfig | undefined, expiresAt: string | null | undefined): void {
    const problems: FieldProblem[] = [];
    if (typeof expiresAt === 'string') problems.push(...checkExpiry(expiresAt, this.now()));
    if (config?.auth !== undefined && config.require_api_token_auth !== undefined && (config.auth === 'api_token') !== config.require_api_token_auth) {
      problems.push({ field: 'config.require_api_token_auth', message: `contradicts config.auth "${config.auth}"; send only auth (require_api_token_auth: true is the older spelling of auth: "api_token")` });
    }
    if (config) {
      const integration = this.options.catalog.get(account.integration);
      if (!integration) {
        problems.push({ field: 'config', message: `cannot be checked: the integration "${account.integration}" of this account is not installed on this server` });
      } else {
        const unknown = checkFilterNames(integration, config);
        problems.push(...unknown);
        if (unknown.length === 0 && filterTools(integration.tools, config).length === 0) {
          const problem = noToolMatches(integration, config);
          throw new ValidationError([...problems, problem], `No tool matches the filters: ${problem.message}.`);
        }
      }
    }
    if (problems.length > 0) throw new ValidationError(problems, problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '));
  }

  private async account(tenantId: string, id: string): Promise<IntegratedAccount> {
    const account = await this.options.store.getAccount(tenantId, id);
    if (!account) throw new NotFoundError(`integrated account ${id} not found`);
    return account;
  }

  private async server(tenantId: string, accountId: string, id: string): Promise<McpServer> {
    const server = await this.options.store.getMcpServer(tenantId, accountId, id, this.live());
    if (!server) throw notFound(id);
    return server;
  }

  /** Now, as the time servers must not have expired by to exist for the API. */
  private live(): Date {
    return new Date(this.now());
  }
}

export function toView(server: McpServer): McpServerView {
  const { tenant_id: _tenant, ...view } = server;
  return view;
}

export function mergeConfig(current: McpServerConfig, patch: McpServerConfigPatch): McpServerConfig {
  const merged: Record<string, unknown> = { ...current };
  // auth replaces its older spelling, unless both are sent.
  if (patch.auth !== undefined && patch.require_api_token_auth === undefined) delete merged.require_api_token_auth;
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else if (value !== undefined) merged[key] = value;
  }
  return merged as McpServerConfig;
}

export function checkExpiry(expiresAt: string, now: number): FieldProblem[] {
  const time = Date.parse(expiresAt);
  if (Number.isNaN(time)) return [{ field: 'expires_at', message: `"${expiresAt}" is not a date-time; use ISO 8601, e.g. 2030-01-31T18:00:00Z` }];
  if (time - now < minimumLifetimeMs) {
    return [{
      field: 'expires_at',
      message: `must be at least ${minimumLifetimeMs / 1000} seconds in the future (got ${new Date(time).toISOString()}, server time ${new Date(now).toISOString()}); send null for no expiry`,
    }];
  }
  return [];
}

/** Method and tag names that no tool of the integration knows, each list of unknowns named with what is known. */
export function checkFilterNames(integration: Integration, config: McpServerConfig): FieldProblem[] {
  const knownMethods = [...methodGroups, ...new Set(integration.tools.map((tool) => tool.method))];
  const knownTags = [...new Set(integration.tools.flatMap((tool) => tool.tags))].sort();
  return [
    ...unknownNames('config.methods', 'method', config.methods, knownMethods),
    ...unknownNames('config.tags', 'tag', config.tags, knownTags),
  ];
}

function unknownNames(field: string, noun: string, given: string[] | undefined, known: string[]): FieldProblem[] {
  const unknown = [...new Set(given ?? [])].filter((name) => !known.includes(name));
  if (unknown.length === 0) return [];
  const names = unknown.map((name) => `"${name}"`).join(', ');
  return [{ field, message: `unknown ${noun}${unknown.length > 1 ? 's' : ''} ${names}; known ${noun}s: ${known.join(', ')}` }];
}

function noToolMatches(integration: Integration, config: McpServerConfig): FieldProblem {
  const parts = [
    config.methods?.length ? `methods ${config.methods.join(', ')}` : undefined,
    config.tags?.length ? `tags ${config.tags.join(', ')}` : undefined,
  ].filter(Boolean);
  return {
    field: 'config',
    message: `no ${integration.definition.label} tool matches ${parts.join(' and ') || 'the filters'} (methods and tags must both match); `
      + 'an MCP server needs at least one tool, and GET /integrated-account/{id}/tools?methods=…&tags=… shows what a filter matches',
  };
}

const notFound = (id: string) => new NotFoundError(`MCP server ${id} not found`);
