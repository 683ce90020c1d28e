// The auth kinds a definition may use. A new kind is one file in this folder and one line in `kinds`.
import type { z } from 'zod';
import { kindUnion } from '../kinds.ts';
import { basicAuth } from './basic.ts';
import { bearerAuth } from './bearer.ts';
import { headerAuth } from './header.ts';
import type { AuthKind } from './kind.ts';
import { oauth2AuthorizationCodeAuth } from './oauth2-authorization-code.ts';
import { oauth2ClientCredentialsAuth } from './oauth2-client-credentials.ts';
import { queryAuth } from './query.ts';

const kinds = {
  header: headerAuth,
  query: queryAuth,
  bearer: bearerAuth,
  basic: basicAuth,
  oauth2_client_credentials: oauth2ClientCredentialsAuth,
  oauth2_authorization_code: oauth2AuthorizationCodeAuth,
};

export const authFormat = kindUnion(kinds);
export type AuthDefinition = z.output<typeof authFormat>;

export function authKind(auth: AuthDefinition): AuthKind<AuthDefinition> {
  return kinds[auth.kind] as AuthKind<AuthDefinition>;
}
