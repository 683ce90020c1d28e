// The hot path of every MCP request and admin API call: token → cache, else hash → store, with a cache of at most one
// second so bursts rarely touch the database, while a revoked, changed or expired server stops working at once
// (the management API calls invalidate, and expiry is checked against the clock on every lookup). The cache is keyed
// by the token itself, so a hit costs no hashing; its entries hold decrypted credentials anyway, so the tokens beside
// them add no secret that this process's memory did not already hold. Nothing is stored but hashes.
// Nodes sharing a database add a bus: invalidate then reaches every node, so while the bus is live found entries
// may live longer (steady state: no database round trip per call), and a shared cache (Redis) before the store.
import { isEverything, type Invalidation, type InvalidationBus, type SharedServerCache } from '../cluster/types.ts';
import type { AccountConnection } from '../execution/types.ts';
import { hashToken } from '../security/tokens.ts';
import type { SecretBox } from '../security/secrets.ts';
import type { AccessTokenRecord } from '../store/auth-types.ts';
import type { ApiToken, McpServer, Store } from '../store/types.ts';
import { unsealAccount } from './accounts.ts';
import type { ApiTokenUsage } from './api-token-usage.ts';
import { TtlCache } from './ttl-cache.ts';

export interface AccessOptions {
  store: Store;
  secrets: SecretBox;
  /** At most 1000 ms; 0 disables caching. */
  cacheTtlMs?: number | undefined;
  now?: () => number;
  /** Carries invalidations to every node; while it is live, found entries live liveCacheTtlMs. */
  bus?: InvalidationBus | undefined;
  /** Asked before the store on a miss (Redis). */
  sharedCache?: SharedServerCache | undefined;
  /** Told whether each MCP token lookup was answered from this node's cache (metrics). */
  onLookup?: ((hit: boolean) => void) | undefined;
  /** Records each accepted API token's use (last_used_at, coalesced). */
  usage?: ApiTokenUsage | undefined;
}

/** Lifetime of a found entry while the bus is live: a safety net only, changes arrive through the bus. */
export const liveCacheTtlMs = 30_000;

/** An MCP server ready to serve: its config and its account with decrypted credentials (memory only). */
export interface ResolvedMcpServer {
  server: McpServer;
  account: AccountConnection;
}

/** Who an OAuth access token speaks for; the MCP endpoint checks mcp_server_id against the URL's server. */
export type AccessTokenGrant = AccessTokenRecord;

const maxCachedTokens = 10_000;

export class Access {
  private readonly store: Store;
  private readonly secrets: SecretBox;
  private readonly now: () => number;
  private readonly servers: TtlCache<ResolvedMcpServer | undefined>;
  private readonly apiTokens: TtlCache<ApiToken | undefined>;
  private readonly accessTokens: TtlCache<AccessTokenRecord | undefined>;
  /** When each grant's last_used_at was last written, so a busy grant costs one write a minute, not one per call. */
  private readonly grantTouches = new Map<string, number>();
  private readonly bus: InvalidationBus | undefined;
  private readonly sharedCache: SharedServerCache | undefined;
  private readonly onLookup: ((hit: boolean) => void) | undefined;
  private readonly usage: ApiTokenUsage | undefined;
  /** Bumped by invalidate, so a lookup that started before an invalidation does not cache what it read. */
  private generation = 0;
  private readonly changeListeners: ((change: Invalidation) => void)[] = [];

  constructor(options: AccessOptions) {
    this.store = options.store;
    this.secrets = options.secrets;
    this.now = options.now ?? Date.now;
    this.bus = options.bus;
    this.sharedCache = options.sharedCache;
    this.onLookup = options.onLookup;
    this.usage = options.usage;
    const shortTtlMs = Math.min(options.cacheTtlMs ?? 1000, 1000);
    // Misses keep the short lifetime: a token unknown now may be known soon, and no invalidation names it.
    const ttlMs = (value: unknown) => (value !== undefined && shortTtlMs > 0 && this.bus?.live ? liveCacheTtlMs : shortTtlMs);
    const cache = { ttlMs, maxEntries: maxCachedTokens, now: this.now };
    this.servers = new TtlCache<ResolvedMcpServer | undefined>(cache);
    this.apiTokens = new TtlCache<ApiToken | undefined>(cache);
    this.accessTokens = new TtlCache<AccessTokenRecord | undefined>(cache);
    this.bus?.subscribe({ change: (change) => this.forget(change), reset: () => this.forget({}) });
  }

  /** The MCP server for a URL token, with decrypted credentials; undefined when unknown, deleted or expired. */
  async resolveServer(token: string): Promise<ResolvedMcpServer | undefined> {
    let cached = this.servers.get(token);
    this.onLookup?.(cached !== undefined);
    if (!cached) {
      const generation = this.generation;
      cached = { value: await this.loadServer(hashToken(token)) };
      if (generation === this.generation) this.servers.set(token, cached.value);
    }
    const resolved = cached.value;
    if (resolved?.server.expires_at != null && Date.parse(resolved.server.expires_at) <= this.now()) return undefined;
    return resolved;
  }

  /** The API token a bearer value stands for; undefined when unknown, revoked or expired (checked against the clock). */
  async authenticate(bearer: string): Promise<ApiToken | undefined> {
    let cached = this.apiTokens.get(bearer);
    if (!cached) {
      const generation = this.generation;
      cached = { value: await this.store.findApiTokenByHash(hashToken(bearer)) };
      if (generation === this.generation) this.apiTokens.set(bearer, cached.value);
    }
    const apiToken = cached.value;
    if (!apiToken || (apiToken.expires_at !== null && Date.parse(apiToken.expires_at) <= this.now())) return undefined;
    this.usage?.record(apiToken.id);
    return apiToken;
  }

  /** True when the bearer value is a live API token of this tenant (require_api_token_auth). */
  async verifyApiToken(bearer: string, tenantId: string): Promise<boolean> {
    return (await this.authenticate(bearer))?.tenant_id === tenantId;
  }

  /** Calls `listener` after each change dropped from the cache, made here or (with a bus) on any other node. */
  onChange(listener: (change: Invalidation) => void): void {
    this.changeListeners.push(listener);
  }

  /**
   * The grant behind an OAuth access token, or undefined when it is unknown, expired or its grant was revoked.
   * Cached like URL tokens; a revocation reaches every node's cache through invalidate({ grantId }).
   */
  async resolveAccessToken(token: string): Promise<AccessTokenRecord | undefined> {
    let cached = this.accessTokens.get(token);
    if (!cached) {
      const generation = this.generation;
      cached = { value: await this.store.auth.findAccessToken(hashToken(token)) };
      if (generation === this.generation) this.accessTokens.set(token, cached.value);
    }
    const record = cached.value;
    if (!record || Date.parse(record.expires_at) <= this.now()) return undefined;
    this.touchGrant(record.grant_id);
    return record;
  }

  /** Records that a grant was used, at most once a minute per grant, off the request path. */
  private touchGrant(grantId: string): void {
    const time = this.now();
    const last = this.grantTouches.get(grantId);
    if (last !== undefined && time - last < 60_000) return;
    this.grantTouches.delete(grantId);
    this.grantTouches.set(grantId, time);
    if (this.grantTouches.size > maxCachedTokens) this.grantTouches.delete(this.grantTouches.keys().next().value!);
    this.store.auth.touchGrant(grantId, new Date(time).toISOString()).catch(() => undefined);
  }

  /**
   * Drops cached entries of a server, an account's servers or an API token (everything when no filter is given)
   * here at once and, with a bus, on every node; resolves once the other nodes were told. Call it after the change
   * is committed.
   */
  async invalidate(filter: Invalidation = {}): Promise<void> {
    this.forget(filter);
    if (!this.bus) return;
    await this.bus.publish(filter);
    // A lookup here between the first forget and the shared cache's purge may have cached the old entry again.
    this.forget(filter);
  }

  private forget(filter: Invalidation): void {
    const { serverId, accountId, apiTokenId, grantId } = filter;
    this.generation++;
    if (isEverything(filter)) {
      this.servers.clear();
      this.apiTokens.clear();
      this.accessTokens.clear();
    } else {
      this.servers.deleteWhere((resolved) => resolved !== undefined && (resolved.server.id === serverId || resolved.account.id === accountId));
      if (apiTokenId !== undefined) this.apiTokens.deleteWhere((apiToken) => apiToken?.id === apiTokenId);
      if (grantId !== undefined || serverId !== undefined) {
        this.accessTokens.deleteWhere((record) => record !== undefined && (record.grant_id === grantId || record.mcp_server_id === serverId));
      }
    }
    for (const listener of this.changeListeners) listener(filter);
  }

  private async loadServer(tokenHash: string): Promise<ResolvedMcpServer | undefined> {
    const record = this.sharedCache
      ? await this.sharedCache.lookup(tokenHash, () => this.store.findMcpServerByTokenHash(tokenHash))
      : await this.store.findMcpServerByTokenHash(tokenHash);
    return record && { server: record.server, account: unsealAccount(this.secrets, record.account, record.credentials_encrypted) };
  }
}
