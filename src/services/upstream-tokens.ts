// The token lifecycle of accounts whose integration authenticates with OAuth (src/execution/auth/oauth2-*.ts):
// access tokens cached per account on this node, renewed shortly before they expire (and once when upstream
// refuses one with a 401), one renewal at a time per account across the whole cluster (ClusterLock: however many
// nodes and calls meet an expired token, the token endpoint sees one request). Tokens are sealed at rest; a rotated
// refresh token is stored before anything uses the new access token. When the provider refuses the grant
// (invalid_grant), or refuses a fresh token, the account is marked needs_reauth and its calls fail at once.
import type { ClusterLock } from '../cluster/types.ts';
import { TokenEndpointError } from '../execution/auth/oauth.ts';
import { ReauthRequired, type OAuthAppCredentials, type TokenRequest, type TokenSet, type TokenSource } from '../execution/auth/tokens.ts';
import { RequestBuildError, type UpstreamRequest } from '../execution/request.ts';
import type { AccountConnection } from '../execution/types.ts';
import type { UpstreamResponse } from '../execution/upstream.ts';
import type { SecretBox } from '../security/secrets.ts';
import type { Store } from '../store/types.ts';
import { TtlCache } from './ttl-cache.ts';

/** A token is renewed when less than this is left of its life, so no call goes out with one about to expire. */
export const renewBeforeExpiryMs = 60_000;
/** An account's token endpoint override (a sandbox); allowed like a base_url override. */
export const tokenUrlOverride = 'oauth_token_url';

export interface UpstreamTokensOptions {
  store: Store;
  secrets: SecretBox;
  lock: ClusterLock;
  send: (request: UpstreamRequest) => Promise<UpstreamResponse>;
  /** Origins token endpoint overrides may point at (SWITCHBOARD_UPSTREAM_ALLOWLIST); undefined checks nothing. */
  overrideOrigins?: readonly string[] | undefined;
  now?: () => number;
  /** The account can no longer be used until it is reconnected: its status is already stored; drop what is cached. */
  onReauth: (account: AccountConnection, reason: string) => void | Promise<void>;
  /** Told about every token endpoint request: obtained (a new or refreshed token), refused (the grant is gone) or failed. */
  onTokenRequest?: ((integration: string, outcome: 'obtained' | 'refused' | 'failed') => void) | undefined;
}

interface Cached {
  token: string;
  expiresAt: number | undefined;
}

export class UpstreamTokens implements TokenSource {
  private readonly options: UpstreamTokensOptions;
  private readonly now: () => number;
  /** Per account id; a token lives here no longer than it is valid, and never more than a few thousand accounts. */
  private readonly cache: TtlCache<Cached>;

  constructor(options: UpstreamTokensOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.cache = new TtlCache<Cached>({
      ttlMs: (cached) => (cached.expiresAt === undefined ? 60 * 60_000 : Math.max(0, cached.expiresAt - renewBeforeExpiryMs - this.now())),
      maxEntries: 10_000,
      now: this.now,
    });
  }

  async accessToken(request: TokenRequest): Promise<string> {
    const cached = this.cache.get(request.account.id)?.value;
    if (cached && cached.token !== request.refused) return cached.token;
    return this.options.lock.run(`upstream-token:${request.account.id}`, () => this.renew(request));
  }

  /** Under the cluster lock: another node may have renewed the token already, so the store decides first. */
  private async renew(request: TokenRequest): Promise<string> {
    const { account } = request;
    const stored = await this.load(account.id);
    if (stored && stored.access_token !== request.refused && this.fresh(stored.expires_at)) return this.remember(account.id, stored);
    let next: TokenSet;
    try {
      next = await request.grant({
        send: this.options.send,
        now: this.now(),
        current: stored,
        app: () => this.app(account),
        tokenUrl: async (definitionUrl, appOverride) => this.tokenUrl(account, definitionUrl, appOverride),
      });
    } catch (error) {
      if (error instanceof ReauthRequired || (error instanceof TokenEndpointError && error.code === 'invalid_grant')) {
        this.options.onTokenRequest?.(account.integration, 'refused');
        await this.reauth(account, error instanceof ReauthRequired ? error.message : 'the provider refused its grant (invalid_grant)');
      }
      if (error instanceof TokenEndpointError) this.options.onTokenRequest?.(account.integration, 'failed');
      throw error;
    }
    this.options.onTokenRequest?.(account.integration, 'obtained');
    await this.options.store.saveUpstreamTokens(account.id, {
      tokens_encrypted: this.options.secrets.encrypt(next),
      expires_at: next.expires_at === undefined ? null : new Date(next.expires_at).toISOString(),
    });
    return this.remember(account.id, next);
  }

  refusedAgain(account: AccountConnection): Promise<never> {
    return this.reauth(account, 'the provider refused a token it had just issued');
  }

  private fresh(expiresAt: number | undefined): boolean {
    return expiresAt === undefined || expiresAt - renewBeforeExpiryMs > this.now();
  }

  private remember(accountId: string, tokens: TokenSet): string {
    this.cache.set(accountId, { token: tokens.access_token, expiresAt: tokens.expires_at });
    return tokens.access_token;
  }

  private async load(accountId: string): Promise<TokenSet | undefined> {
    const row = await this.options.store.getUpstreamTokens(accountId);
    return row && this.options.secrets.decrypt<TokenSet>(row.tokens_encrypted);
  }

  private async reauth(account: AccountConnection, reason: string): Promise<never> {
    this.forget(account.id);
    await this.options.store.setAccountStatus(account.id, 'needs_reauth');
    await this.options.onReauth(account, reason);
    throw new ReauthRequired(reason);
  }

  /** Drops what this node holds of an account's tokens (it was reconnected or deleted). */
  forget(accountId: string): void {
    this.cache.delete(accountId);
  }

  private async app(account: AccountConnection): Promise<OAuthAppCredentials> {
    const app = account.tenantId === undefined ? undefined : await this.options.store.getOAuthApp(account.tenantId, account.integration);
    if (!app) throw new RequestBuildError(`its tenant has no OAuth app for ${account.integration}; an admin sets one with PUT /oauth-app/${account.integration}`);
    return { client_id: app.client_id, client_secret: this.options.secrets.decrypt<string>(app.client_secret_encrypted), authorize_url: app.authorize_url, token_url: app.token_url };
  }

  /** The definition's token endpoint, or an override (the account's, or its tenant's OAuth app's) the server allows. */
  private tokenUrl(account: AccountConnection, definitionUrl: string, appOverride: string | null | undefined): URL {
    const override = account.context[tokenUrlOverride] ?? appOverride ?? undefined;
    if (override === undefined) return new URL(definitionUrl);
    const url = new URL(override);
    const allowed = this.options.overrideOrigins;
    if (allowed && !allowed.includes(url.origin)) throw new RequestBuildError(`the token endpoint override (${url.origin}) is not an upstream origin this server allows`);
    return url;
  }
}
