// OAuth 2.0 authorization code (a partner's connection to an ATS): a user connects the account at the provider's authorization
// page (src/services connect flow, PKCE S256 where supported); the engine sends the access token as a bearer token
// and refreshes it with the refresh token, storing a rotated refresh token before anything else uses it. The client
// id and secret are the tenant's OAuth app for the integration.
import { z } from 'zod';
import type { AuthKind } from './kind.ts';
import { authorizationUrl, requestToken } from './oauth.ts';
import type { OAuthAppCredentials, TokenSet } from './tokens.ts';
import type { UpstreamRequest } from '../request.ts';
import type { UpstreamResponse } from '../upstream.ts';
import { ReauthRequired } from './tokens.ts';

const schema = z.strictObject({
  kind: z.literal('oauth2_authorization_code'),
  authorize_url: z.url().describe("The provider's authorization page"),
  token_url: z.url().describe('The token endpoint'),
  client_authentication: z.enum(['basic', 'body']).default('body'),
  scopes: z.array(z.string()).default([]),
  pkce: z.boolean().default(true).describe('Send a PKCE S256 challenge (when the provider supports it)'),
  authorize_parameters: z.record(z.string(), z.string()).default({}).describe('More parameters of the authorization request, e.g. audience'),
});

export type AuthorizationCodeAuth = z.output<typeof schema>;

export const oauth2AuthorizationCodeAuth: AuthKind<AuthorizationCodeAuth> = {
  schema,
  expires: true,
  templates: () => [],
  async apply(auth, { account, integration, tokens, refused }) {
    if (!tokens) throw new Error('this engine has no upstream token source, which OAuth integrations need');
    const token = await tokens.accessToken({
      account,
      integration,
      refused,
      grant: async ({ send, now, current, app, tokenUrl }) => {
        const credentials = await app();
        if (!current?.refresh_token) throw new ReauthRequired('the account has no refresh token: connect it again');
        return refreshTokens(send, auth, credentials, await tokenUrl(auth.token_url, credentials), current, now);
      },
    });
    return { headers: { authorization: `Bearer ${token}` } };
  },
};

async function refreshTokens(
  send: (request: UpstreamRequest) => Promise<UpstreamResponse>, auth: AuthorizationCodeAuth, app: OAuthAppCredentials, url: URL, current: TokenSet, now: number,
): Promise<TokenSet> {
  const refreshed = await requestToken(send, {
    url, clientId: app.client_id, clientSecret: app.client_secret, clientAuthentication: auth.client_authentication,
    form: { grant_type: 'refresh_token', refresh_token: current.refresh_token! },
  }, now);
  // A provider that does not rotate keeps the refresh token it had.
  return { ...refreshed, refresh_token: refreshed.refresh_token ?? current.refresh_token };
}

/**
 * Where the connect flow sends the user: the provider's page (`page`, the app's checked override, else the app's or
 * the definition's) with the client, scopes, state and PKCE challenge.
 */
export function authorizationRequest(
  auth: AuthorizationCodeAuth, app: OAuthAppCredentials,
  options: { redirectUri: string; state: string; challenge?: string | undefined; page?: URL | undefined },
): URL {
  return authorizationUrl(options.page ?? new URL(app.authorize_url ?? auth.authorize_url), {
    response_type: 'code',
    client_id: app.client_id,
    redirect_uri: options.redirectUri,
    state: options.state,
    scope: auth.scopes.length > 0 ? auth.scopes.join(' ') : undefined,
    ...(auth.pkce && options.challenge ? { code_challenge: options.challenge, code_challenge_method: 'S256' } : {}),
    ...auth.authorize_parameters,
  });
}

/** The connect flow's callback: the authorization code for the account's first tokens. */
export function exchangeCode(
  send: (request: UpstreamRequest) => Promise<UpstreamResponse>, auth: AuthorizationCodeAuth, app: OAuthAppCredentials, url: URL,
  options: { code: string; redirectUri: string; verifier?: string | undefined },
): Promise<TokenSet> {
  return requestToken(send, {
    url, clientId: app.client_id, clientSecret: app.client_secret, clientAuthentication: auth.client_authentication,
    form: { grant_type: 'authorization_code', code: options.code, redirect_uri: options.redirectUri, ...(auth.pkce && options.verifier ? { code_verifier: options.verifier } : {}) },
  });
}
