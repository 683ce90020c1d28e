// The token lifecycle of accounts whose integration authenticates with OAuth (src/execution/auth/oauth2-*.ts):
// access tokens cached per account on this node, renewed shortly before they expire (and once when upstream
// refuses one with a 401), one renewal at a time per account across the whole cluster (ClusterLock: however many
// nodes and calls meet an expired token, the token endpoint sees one request). Tokens are sealed at rest; a rotated
// refresh token is stored before anything uses the new access token. When the provider refuses the grant
// (invalid_grant), or refuses a fresh token, the account is marked needs_reauth and its calls fail at once.
import { LockTimeout, type ClusterLock } from '../cluster/types.ts';
import { TokenEndpointError } from '../execution/auth/oauth.ts';
import { ReauthRequired, TokenRenewalBusy, type OAuthAppCredentials, type TokenGrantContext, type TokenRequest, type TokenSet, type TokenSource } from '../execution/auth/tokens.ts';
import { RequestBuildError, type UpstreamRequest } from '../execution/request.ts';
import type { AccountConnection } from '../execution/types.ts';
import { UpstreamError, type UpstreamResponse } from '../execution/upstream.ts';
import type { SecretBox } from '../security/secrets.ts';
import type { Store } from '../store/types.ts';
import { appEndpoint, tenantApp } from './oauth-apps.ts';
import { TtlCache } from './ttl-cache.ts';

/**
 * A token is renewed when less than this is left of its life, so no call goes out with one about to expire; a token
 * that lives less than twice as long is renewed halfway through its life instead.
 */
export const renewBeforeExpiryMs = 60_000;
/**
 * How long a token request may take (10 s): a hung token endpoint holds its account's renewal (on PostgreSQL, a lock
 * connection too) no longer, and the calls waiting for it fail with a clear error.
 */
const tokenRequestTimeoutMs = 10_000;
/**
 * A failed renewal is the outcome of the account's calls for this long (per node): the calls that queued behind it,
 * and those right after, share it rather than each asking the token endpoint again.
 */
const failedRenewalMs = 5_000;
/** An account's token endpoint override (a sandbox); allowed like a base_url override. */
export const tokenUrlOverride = 'oauth_token_url';

export interface UpstreamTokensOptions {
  store: Store;
  secrets: SecretBox;
  lock: ClusterLock;
  send: (request: UpstreamRequest, signal?: AbortSignal) => Promise<UpstreamResponse>;
  /** How long a token request may take; tokenRequestTimeoutMs by default. */
  tokenRequestTimeoutMs?: number | undefined;
  /** The OAuth app of a tenant's integration (authorization-code accounts); the tenant's own from the store by default. */
  apps?: ((tenantId: string, integration: string) => Promise<OAuthAppCredentials | undefined>) | undefined;
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
  /** When it is due for renewal (epoch milliseconds); never when the provider did not say when it expires. */
  renewAt: number | undefined;
  binding: string | undefined;
}

/** What is sealed in the store: the provider's token set and what it is bound to. */
type StoredTokens = TokenSet & { binding?: string | undefined };

export class UpstreamTokens implements TokenSource {
  private readonly options: UpstreamTokensOptions;
  private readonly now: () => number;
  /** Per account id; a token lives here no longer than it is valid, and never more than a few thousand accounts. */
  private readonly cache: TtlCache<Cached>;
  /** Per account id: the error of a renewal that failed in the last failedRenewalMs, and what it started from. */
  private readonly failures: TtlCache<{ error: unknown; binding: string | undefined; basis: string | undefined }>;

  constructor(options: UpstreamTokensOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.cache = new TtlCache<Cached>({
      ttlMs: (cached) => (cached.renewAt === undefined ? 60 * 60_000 : Math.max(0, cached.renewAt - this.now())),
      maxEntries: 10_000,
      now: this.now,
    });
    this.failures = new TtlCache({ ttlMs: () => failedRenewalMs, maxEntries: 10_000, now: this.now });
  }

  async accessToken(request: TokenRequest): Promise<string> {
    if (request.account.unsaved) return (await request.grant(this.grantContext(request.account, undefined))).access_token;
    const cached = this.cache.get(request.account.id)?.value;
    if (cached && cached.token !== request.refused && cached.binding === request.binding) return cached.token;
    try {
      return await this.options.lock.run(`upstream-token:${request.account.id}`, () => this.renew(request));
    } catch (error) {
      if (error instanceof LockTimeout) throw new TokenRenewalBusy(`another renewal of its access token is still running (${error.message})`);
      throw error;
    }
  }

  /** Under the cluster lock: another node may have renewed the token already, so the store decides first. */
  private async renew(request: TokenRequest): Promise<string> {
    const { account } = request;
    const loaded = await this.load(account.id);
    // Tokens obtained with other credentials are not this account's any more (a refresh token has no binding).
    const stored = loaded && (request.binding === undefined || loaded.binding === request.binding) ? loaded : undefined;
    // Queued behind (or just after) a renewal from the same tokens and credentials that failed: its outcome is this
    // call's too. A reconnect since (new tokens, new credentials) tries again.
    const failure = this.failures.get(account.id)?.value;
    if (failure && failure.binding === request.binding && failure.basis === basisOf(stored)) throw failure.error;
    if (stored && stored.access_token !== request.refused && this.fresh(stored)) return this.remember(account.id, stored);
    let next: StoredTokens;
    try {
      next = { ...await request.grant(this.grantContext(account, stored)), binding: request.binding };
    } catch (error) {
      try {
        return await this.failed(account, stored, error);
      } catch (outcome) {
        // What the token endpoint said (or failed to say); not a setting of ours, which may be fixed at once.
        if (outcome instanceof TokenEndpointError || outcome instanceof UpstreamError || outcome instanceof ReauthRequired) {
          this.failures.set(account.id, { error: outcome, binding: request.binding, basis: basisOf(stored) });
        }
        throw outcome;
      }
    }
    this.options.onTokenRequest?.(account.integration, 'obtained');
    await this.options.store.saveUpstreamTokens(account.id, {
      tokens_encrypted: this.options.secrets.encrypt(next),
      expires_at: next.expires_at === undefined ? null : new Date(next.expires_at).toISOString(),
    });
    return this.remember(account.id, next);
  }

  /**
   * A grant failed. A refused one marks the account needs_reauth, unless the account was reconnected while the
   * request was out (its stored tokens are no longer the ones refused): then the new tokens are used.
   */
  private async failed(account: AccountConnection, used: StoredTokens | undefined, error: unknown): Promise<string> {
    if (error instanceof ReauthRequired || (error instanceof TokenEndpointError && error.code === 'invalid_grant')) {
      this.options.onTokenRequest?.(account.integration, 'refused');
      const now = await this.load(account.id);
      if (now && used && now.refresh_token !== used.refresh_token) return this.remember(account.id, now);
      await this.reauth(account, error instanceof ReauthRequired ? error.message : 'the provider refused its grant (invalid_grant)');
    }
    if (error instanceof TokenEndpointError || error instanceof UpstreamError) this.options.onTokenRequest?.(account.integration, 'failed');
    throw error;
  }

  private grantContext(account: AccountConnection, current: TokenSet | undefined): TokenGrantContext {
    return {
      send: (request) => this.sendTokenRequest(request),
      now: this.now(),
      current,
      app: () => this.app(account),
      tokenUrl: async (definitionUrl, app) => app
        ? appEndpoint(app.token_url, definitionUrl, this.options.overrideOrigins)
        : tokenEndpoint(account.context, definitionUrl, this.options.overrideOrigins),
    };
  }

  /** A token request, cut off after tokenRequestTimeoutMs: while it is out, the account's renewal lock is held. */
  private async sendTokenRequest(request: UpstreamRequest): Promise<UpstreamResponse> {
    const timeoutMs = this.options.tokenRequestTimeoutMs ?? tokenRequestTimeoutMs;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      return await this.options.send(request, controller.signal);
    } catch (error) {
      if (controller.signal.aborted) throw new UpstreamError('timeout', `the token endpoint ${request.url.host} did not answer within ${timeoutMs / 1000} s`);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  refusedAgain(account: AccountConnection): Promise<never> {
    const reason = 'the provider refused a token it had just issued';
    if (account.unsaved) throw new ReauthRequired(reason);
    return this.reauth(account, reason);
  }

  private fresh(tokens: TokenSet): boolean {
    const renewAt = renewalTime(tokens);
    return renewAt === undefined || renewAt > this.now();
  }

  private remember(accountId: string, tokens: StoredTokens): string {
    this.cache.set(accountId, { token: tokens.access_token, renewAt: renewalTime(tokens), binding: tokens.binding });
    return tokens.access_token;
  }

  private async load(accountId: string): Promise<StoredTokens | undefined> {
    const row = await this.options.store.getUpstreamTokens(accountId);
    return row && this.options.secrets.decrypt<StoredTokens>(row.tokens_encrypted);
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
    this.failures.delete(accountId);
  }

  private async app(account: AccountConnection): Promise<OAuthAppCredentials> {
    const { store, secrets } = this.options;
    const find = this.options.apps ?? ((tenantId, integration) => tenantApp(store, secrets, tenantId, integration));
    const app = account.tenantId === undefined ? undefined : await find(account.tenantId, account.integration);
    if (!app) throw new RequestBuildError(`its tenant has no OAuth app for ${account.integration}; an admin sets one with PUT /oauth-app/${account.integration}`);
    return app;
  }
}

/**
 * The token endpoint of an account's own client (client credentials): the definition's, or the account's override
 * the server allows: `allowed` lists the origins (SWITCHBOARD_UPSTREAM_ALLOWLIST); undefined checks nothing.
 */
function tokenEndpoint(context: Record<string, string>, definitionUrl: string, allowed: readonly string[] | undefined): URL {
  const override = context[tokenUrlOverride];
  if (override === undefined) return new URL(definitionUrl);
  const url = new URL(override);
  if (allowed && !allowed.includes(url.origin)) throw new RequestBuildError(`the token endpoint override (${url.origin}) is not an upstream origin this server allows`);
  return url;
}

/** What a renewal starts from: the refresh token (authorization code), else the token it replaces. */
function basisOf(tokens: TokenSet | undefined): string | undefined {
  return tokens?.refresh_token ?? tokens?.access_token;
}

/** When a token is due for renewal: a minute before it expires, or halfway through a shorter life. */
function renewalTime(tokens: TokenSet): number | undefined {
  if (tokens.expires_at === undefined) return undefined;
  const life = tokens.obtained_at === undefined ? Infinity : tokens.expires_at - tokens.obtained_at;
  return tokens.expires_at - Math.min(renewBeforeExpiryMs, life / 2);
}
