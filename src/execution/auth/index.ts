// The auth kinds a definition may use. A new kind is one file in this folder and one line in `kinds`.
// A definition names one kind, or several modes an account chooses from (`kind: modes`, e.g. an API key or OAuth):
// the account's context field auth_mode picks one, the default otherwise.
import { z } from 'zod';
import { kindUnion } from '../kinds.ts';
import type { AccountConnection } from '../types.ts';
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

const oneKind = kindUnion(kinds);
export type KindAuth = z.output<typeof oneKind>;

const modes = z.strictObject({
  kind: z.literal('modes'),
  default: z.string().describe('The mode of accounts that do not choose one'),
  modes: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), oneKind).refine((entries) => Object.keys(entries).length >= 2, 'list at least two modes'),
}).refine((auth) => Object.hasOwn(auth.modes, auth.default), { message: 'default must name one of the modes', path: ['default'] });

export const authFormat = z.union([oneKind, modes]);
export type AuthDefinition = z.output<typeof authFormat>;

/** The account context field that picks a mode of a `kind: modes` definition. */
export const authModeField = 'auth_mode';

export function authKind(auth: KindAuth): AuthKind<KindAuth> {
  return kinds[auth.kind] as AuthKind<KindAuth>;
}

/** Every way accounts of the definition may authenticate, by mode name ("default" when there is only one). */
export function authModes(auth: AuthDefinition): [string, KindAuth][] {
  return auth.kind === 'modes' ? Object.entries(auth.modes) : [['default', auth]];
}

/** The mode an account uses: its auth_mode, else the definition's default. */
export function accountAuthMode(auth: AuthDefinition, account: Pick<AccountConnection, 'context'>): string {
  return auth.kind === 'modes' ? account.context[authModeField] ?? auth.default : 'default';
}

/** The kind an account's requests use. */
export function accountAuth(auth: AuthDefinition, account: Pick<AccountConnection, 'context'>): KindAuth {
  if (auth.kind !== 'modes') return auth;
  const chosen = auth.modes[accountAuthMode(auth, account)];
  if (!chosen) throw new Error(`the account's ${authModeField} is not one of ${Object.keys(auth.modes).join(', ')}`);
  return chosen;
}
