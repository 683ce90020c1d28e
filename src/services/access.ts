// The hot path of every MCP request and admin API call: token → hash → store, with a cache of at most one second
// so bursts rarely touch the database, while a revoked, changed or expired server stops working at once
// (the management API calls invalidate, and expiry is checked against the clock on every lookup).
import type { ResolvedMcpServer } from '../mcp/types.ts';
import { hashToken } from '../security/tokens.ts';
import type { SecretBox } from '../security/secrets.ts';
import type { ApiToken, Store } from '../store/types.ts';
import { connectAccount } from './accounts.ts';
import { TtlCache } from './ttl-cache.ts';

export interface AccessOptions {
  store: Store;
  secrets: SecretBox;
  /** At most 1000 ms; 0 disables caching. */
  cacheTtlMs?: number | undefined;
  now?: () => number;
}

export interface Invalidation {
  serverId?: string;
  accountId?: string;
  apiTokenId?: string;
}

const maxCachedTokens = 10_000;

export class Access {
  private readonly store: Store;
  private readonly secrets: SecretBox;
  private readonly now: () => number;
  private readonly servers: TtlCache<ResolvedMcpServer | undefined>;
  private readonly apiTokens: TtlCache<ApiToken | undefined>;
  /** Bumped by invalidate, so a lookup that started before an invalidation does not cache what it read. */
  private generation = 0;

  constructor(options: AccessOptions) {
    this.store = options.store;
    this.secrets = options.secrets;
    this.now = options.now ?? Date.now;
    const cache = { ttlMs: Math.min(options.cacheTtlMs ?? 1000, 1000), maxEntries: maxCachedTokens, now: this.now };
    this.servers = new TtlCache(cache);
    this.apiTokens = new TtlCache(cache);
  }

  /** The MCP server for a URL token, with decrypted credentials; undefined when unknown, deleted or expired. */
  async resolveServer(token: string): Promise<ResolvedMcpServer | undefined> {
    const tokenHash = hashToken(token);
    let cached = this.servers.get(tokenHash);
    if (!cached) {
      const generation = this.generation;
      cached = { value: await this.loadServer(tokenHash) };
      if (generation === this.generation) this.servers.set(tokenHash, cached.value);
    }
    const resolved = cached.value;
    if (resolved?.server.expires_at != null && Date.parse(resolved.server.expires_at) <= this.now()) return undefined;
    return resolved;
  }

  /** The API token a bearer value stands for, or undefined. */
  async authenticate(bearer: string): Promise<ApiToken | undefined> {
    const tokenHash = hashToken(bearer);
    const cached = this.apiTokens.get(tokenHash);
    if (cached) return cached.value;
    const generation = this.generation;
    const apiToken = await this.store.findApiTokenByHash(tokenHash);
    if (generation === this.generation) this.apiTokens.set(tokenHash, apiToken);
    return apiToken;
  }

  /** True when the bearer value is a live API token of this tenant (require_api_token_auth). */
  async verifyApiToken(bearer: string, tenantId: string): Promise<boolean> {
    return (await this.authenticate(bearer))?.tenant_id === tenantId;
  }

  /** Drops cached entries of a server, an account's servers or an API token; everything when no filter is given. */
  invalidate(filter: Invalidation = {}): void {
    const { serverId, accountId, apiTokenId } = filter;
    this.generation++;
    if (serverId === undefined && accountId === undefined && apiTokenId === undefined) {
      this.servers.clear();
      this.apiTokens.clear();
      return;
    }
    this.servers.deleteWhere((resolved) => resolved !== undefined && (resolved.server.id === serverId || resolved.account.id === accountId));
    if (apiTokenId !== undefined) this.apiTokens.deleteWhere((apiToken) => apiToken?.id === apiTokenId);
  }

  private async loadServer(tokenHash: string): Promise<ResolvedMcpServer | undefined> {
    const found = await this.store.findMcpServerByTokenHash(tokenHash);
    return found && { server: found.server, account: await connectAccount(this.store, this.secrets, found.account) };
  }
}
