// OAuth 2.0 client credentials (ATSs whose API clients get tokens of their own): the account holds a client id and secret, the engine gets
// short-lived access tokens from the token endpoint (extra form fields, such as the acting user's "sub", come from
// the account's fields) and sends them as a bearer token.
import { z } from 'zod';
import { templateDescription, type AuthKind } from './kind.ts';
import { requestToken } from './oauth.ts';

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
    const token = await tokens.accessToken({
      account,
      integration,
      refused,
      grant: async ({ send, now, tokenUrl }) => requestToken(send, {
        url: await tokenUrl(auth.token_url),
        clientId: fill(auth.client_id),
        clientSecret: fill(auth.client_secret),
        clientAuthentication: auth.client_authentication,
        form: {
          grant_type: 'client_credentials',
          ...(auth.scopes.length > 0 ? { scope: auth.scopes.join(' ') } : {}),
          ...Object.fromEntries(Object.entries(auth.token_parameters).map(([name, template]) => [name, fill(template)])),
        },
      }, now),
    });
    return { headers: { authorization: `Bearer ${token}` } };
  },
};
