// OAuth 2.0 client credentials (a customer's own integration): the account holds a client id and secret, the engine
// gets short-lived access tokens from the token endpoint (extra form fields, such as the acting user's "sub", come
// from the account's fields) and sends them as a bearer token. The client is the account's own, so a token endpoint
// that refuses it (invalid_client) means the credentials were revoked or rotated: the account must be reconnected.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { templateDescription, type AuthKind } from './kind.ts';
import { requestToken, TokenEndpointError } from './oauth.ts';
import { ReauthRequired } from './tokens.ts';

const schema = z.strictObject({
  kind: z.literal('oauth2_client_credentials'),
  token_url: z.url().describe('The token endpoint'),
  client_id: z.string().describe(templateDescription),
  client_secret: z.string().describe(templateDescription),
  client_authentication: z.enum(['basic', 'body']).default('basic').describe('How the client credentials go to the token endpoint'),
  scopes: z.array(z.string()).default([]),
  token_parameters: z.record(z.string(), z.string()).default({}).describe('More form fields of the token request; values are templates over the account fields'),
});

export const oauth2ClientCredentialsAuth: AuthKind<z.output<typeof schema>> = {
  schema,
  expires: true,
  templates: (auth) => [auth.client_id, auth.client_secret, ...Object.values(auth.token_parameters)],
  async apply(auth, { fill, account, integration, tokens, refused }) {
    if (!tokens) throw new Error('this engine has no upstream token source, which OAuth integrations need');
    const clientId = fill(auth.client_id);
    const clientSecret = fill(auth.client_secret);
    const form = {
      grant_type: 'client_credentials',
      ...(auth.scopes.length > 0 ? { scope: auth.scopes.join(' ') } : {}),
      ...Object.fromEntries(Object.entries(auth.token_parameters).map(([name, template]) => [name, fill(template)])),
    };
    const token = await tokens.accessToken({
      account,
      integration,
      refused,
      // A token belongs to the client and form it was asked with: new credentials or another acting user get new tokens.
      binding: createHash('sha256').update(JSON.stringify([clientId, clientSecret, form])).digest('base64url'),
      grant: async ({ send, now, tokenUrl }) => {
        try {
          return await requestToken(send, { url: await tokenUrl(auth.token_url), clientId, clientSecret, clientAuthentication: auth.client_authentication, form }, now);
        } catch (error) {
          if (error instanceof TokenEndpointError && (error.code === 'invalid_client' || error.code === 'http_401')) {
            throw new ReauthRequired(`the provider refused its client credentials: ${error.message}`);
          }
          throw error;
        }
      },
    });
    return { headers: { authorization: `Bearer ${token}` } };
  },
};
