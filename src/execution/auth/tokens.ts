// What the engine asks of the token lifecycle (src/services/upstream-tokens.ts): a current access token for an
// account, obtained or refreshed as the account's auth kind says, one at a time per account across the cluster.
import type { UpstreamRequest } from '../request.ts';
import type { AccountConnection } from '../types.ts';
import type { UpstreamResponse } from '../upstream.ts';

export interface TokenSet {
  access_token: string;
  refresh_token?: string | undefined;
  /** Epoch milliseconds; unknown when the provider did not say (the token is then used until a 401). */
  expires_at?: number | undefined;
  /** When the token endpoint answered, in epoch milliseconds: with expires_at, how long the token lives. */
  obtained_at?: number | undefined;
}

/** The tenant's OAuth app at the provider, for authorization-code accounts. */
export interface OAuthAppCredentials {
  client_id: string;
  client_secret: string;
  authorize_url: string | null;
  token_url: string | null;
}

export interface TokenGrantContext {
  send: (request: UpstreamRequest) => Promise<UpstreamResponse>;
  /** The token source's clock, in epoch milliseconds, for expires_in. */
  now: number;
  /** The account's stored token set, when it has one (a refresh uses its refresh token). */
  current: TokenSet | undefined;
  /** The tenant's OAuth app for the integration (authorization-code accounts only). */
  app: () => Promise<OAuthAppCredentials>;
  /**
   * The token endpoint to use. With the OAuth app whose secret goes there: the app's allowed override, else the
   * definition's (never the account's choice). Without (the account's own client): the definition's, or the
   * account's allowed override (a sandbox).
   */
  tokenUrl: (definitionUrl: string, app?: OAuthAppCredentials) => Promise<URL>;
}

export interface TokenRequest {
  account: AccountConnection;
  integration: string;
  /** Obtains a new token set: a client-credentials grant, or a refresh of the current one. */
  grant: (context: TokenGrantContext) => Promise<TokenSet>;
  /** The access token upstream just refused with a 401: replace it, and if the new one is refused too, give up. */
  refused?: string | undefined;
  /**
   * What the tokens are bound to (client credentials: a digest of the client and the token parameters): tokens
   * obtained under another binding, before the account's credentials changed, are never used.
   */
  binding?: string | undefined;
}

export interface TokenSource {
  accessToken(request: TokenRequest): Promise<string>;
  /** Upstream refused a token just renewed for a 401: the grant is gone. Marks the account and throws ReauthRequired. */
  refusedAgain(account: AccountConnection): Promise<never>;
}

/** The account's authorization is gone (invalid_grant, or a fresh token refused): it must be reconnected. */
export class ReauthRequired extends Error {}

/** The account's token is being renewed elsewhere for longer than a call waits (a slow token endpoint): retry shortly. */
export class TokenRenewalBusy extends Error {}
