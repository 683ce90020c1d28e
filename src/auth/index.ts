// Everything about people and what they allow, built once per server: users and sessions for the dashboard and
// admin API, optional single sign-on, and the OAuth authorization server of the MCP servers.
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { GuessLimiter } from '../security/guess-limiter.ts';
import type { Services } from '../services/index.ts';
import type { Store } from '../store/types.ts';
import type { Catalog } from '../tools/catalog.ts';
import { AuthorizationRequests } from '../oauth/authorize.ts';
import { ClientRegistry } from '../oauth/clients.ts';
import { GrantService } from '../oauth/grants.ts';
import { createGuardedFetcher, type FetchPolicy } from '../oauth/guarded-fetch.ts';
import { TokenEndpoint } from '../oauth/token-endpoint.ts';
import { cookieSettings, type CookieSettings } from './http.ts';
import { OidcSignIn } from './oidc.ts';
import { SessionService } from './sessions.ts';
import { SignInGate } from './sign-in-gate.ts';
import { UserService } from './users.ts';

export interface IdentityOptions {
  /** How Client ID Metadata Documents are fetched (tests allow loopback). */
  clientMetadataFetch?: Partial<FetchPolicy> | undefined;
  now?: (() => number) | undefined;
}

export interface Identity {
  /** The issuer of the authorization server: the public URL. */
  issuer: string;
  cookies: CookieSettings;
  users: UserService;
  sessions: SessionService;
  /** Failed sign-ins per client address and per email. */
  signIns: GuessLimiter;
  /** Admits password checks: within the failure limit, and a few at a time. */
  signInGate: SignInGate;
  /** Dynamic client registrations per client address. */
  registrations: GuessLimiter;
  oidc: OidcSignIn | undefined;
  clients: ClientRegistry;
  authorizations: AuthorizationRequests;
  tokens: TokenEndpoint;
  grants: GrantService;
  close(): Promise<void>;
}

export function createIdentity(input: { config: Config; publicUrl: string; store: Store; catalog: Catalog; services: Services; logger: Logger } & IdentityOptions): Identity {
  const { config, publicUrl, store, catalog, services, logger, now } = input;
  const fetcher = createGuardedFetcher({ allowLoopback: false, timeoutMs: 5_000, maxBytes: 64 * 1024, ...input.clientMetadataFetch });
  const clients = new ClientRegistry({ store, fetcher, logger });
  const grants = new GrantService({
    store, access: services.access, accessTokenTtlSeconds: config.oauthAccessTokenTtlSeconds, refreshTokenTtlSeconds: config.oauthRefreshTokenTtlSeconds, now,
  });
  const authorizations = new AuthorizationRequests({ store, clients, access: services.access, catalog, issuer: publicUrl, now });
  const hops = config.trustedProxyHops;
  const signIns = new GuessLimiter({ limit: config.signInLimit, windowMs: 15 * 60_000, trustedProxyHops: hops, now });
  return {
    issuer: publicUrl,
    cookies: cookieSettings(publicUrl),
    users: new UserService(store),
    sessions: new SessionService({ store, ttlSeconds: config.sessionTtlSeconds, now }),
    signIns,
    signInGate: new SignInGate({ limiter: signIns, concurrency: config.signInConcurrency }),
    registrations: new GuessLimiter({ limit: 30, windowMs: 60 * 60_000, trustedProxyHops: hops, now }),
    oidc: config.oidc && new OidcSignIn({ config: config.oidc, redirectUri: `${publicUrl}/auth/oidc/callback`, store, secrets: services.secrets, logger }),
    clients,
    authorizations,
    tokens: new TokenEndpoint({ store, clients, grants, authorizations, now }),
    grants,
    close: () => fetcher.close(),
  };
}
