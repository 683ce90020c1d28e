import { installApi } from '../shared/api.ts';
import type { KeySet } from '../shared/auth.ts';
import { AuthorizationCodeGrant, installConsentPage } from '../shared/oauth-authorization-code.ts';
import { installTokenEndpoint, OAuthServer } from '../shared/oauth.ts';
import { startSandbox } from '../shared/server.ts';
import type { RunningSandbox, SandboxOptions, UnknownFilters } from '../shared/types.ts';
import { leverConventions } from './http.ts';
import { accountRoutes } from './routes/account.ts';
import { noteRoutes } from './routes/notes.ts';
import { opportunityRoutes } from './routes/opportunities.ts';
import { createLeverData } from './seed.ts';
import type { LeverState } from './state.ts';

/** https://api.lever.co/v1, and Lever's authorization server (https://auth.lever.co/authorize, /oauth/token), on one origin. */
export const LEVER_API_PREFIX = '/v1';
export const LEVER_AUTHORIZE_PATH = '/authorize';
export const LEVER_TOKEN_PATH = '/oauth/token';
export const DEFAULT_LEVER_API_KEY = 'sandbox-lever-key';
export const DEFAULT_LEVER_CLIENT_ID = 'sandbox-lever-client';

/** The audience an authorization request must name: the API the tokens are for. */
export const LEVER_AUDIENCE = 'https://api.lever.co/v1/';

/** Every scope Lever's OAuth documentation lists. */
export const LEVER_SCOPES = [
  'offline_access', 'applications:read:admin', 'archive_reasons:read:admin', 'audit_events:read:admin', 'confidential:access:admin',
  'contact:read:admin', 'contact:write:admin', 'diversity_surveys:read:admin', 'eeo_responses:read:admin', 'eeo_responses_pii:read:admin',
  'feedback:read:admin', 'feedback:write:admin', 'feedback_templates:read:admin', 'feedback_templates:write:admin', 'files:read:admin',
  'files:write:admin', 'forms:read:admin', 'forms:write:admin', 'form_templates:read:admin', 'form_templates:write:admin', 'groups:read:admin',
  'groups:write:admin', 'interviews:read:admin', 'interviews:write:admin', 'notes:read:admin', 'notes:write:admin', 'offers:read:admin',
  'opportunities:read:admin', 'opportunities:write:admin', 'panels:read:admin', 'panels:write:admin', 'permissions:read:admin',
  'permissions:write:admin', 'postings:read:admin', 'postings:write:admin', 'referrals:read:admin', 'requisitions:read:admin',
  'requisitions:write:admin', 'requisition_fields:read:admin', 'requisition_fields:write:admin', 'resumes:read:admin', 'roles:read:admin',
  'roles:write:admin', 'sources:read:admin', 'stages:read:admin', 'tags:read:admin', 'tasks:read:admin', 'uploads:write:admin',
  'users:read:admin', 'users:write:admin', 'webhooks:read:admin', 'webhooks:write:admin',
];

/** The secret of an OAuth client of the sandbox (`clients` adds clients with secrets of their own). */
export function leverClientSecret(clientId: string): string {
  return `${clientId}-secret`;
}

export interface LeverSandboxOptions extends SandboxOptions {
  /** OAuth clients (partner applications) by id, with their secrets, besides DEFAULT_LEVER_CLIENT_ID. */
  clients?: Record<string, string>;
  /** A list query parameter Lever does not take; it does not document what it does ('reject': 400 "Unknown parameter"). */
  unknownFilters?: UnknownFilters;
}

export type LeverSandbox = RunningSandbox<LeverState> & {
  /** The authorization page (Lever's https://auth.lever.co/authorize). */
  authorizeUrl: string;
  /** The token endpoint (Lever's https://auth.lever.co/oauth/token). */
  tokenUrl: string;
};

/**
 * Starts a local stand-in for the Lever API, reached with API keys (Basic) or with access tokens from its OAuth
 * authorization server (authorization code, rotating refresh tokens).
 */
export async function startLeverSandbox(options: LeverSandboxOptions = {}): Promise<LeverSandbox> {
  const clients = { [DEFAULT_LEVER_CLIENT_ID]: leverClientSecret(DEFAULT_LEVER_CLIENT_ID), ...options.clients };
  const sandbox = await startSandbox<LeverState>(
    {
      apiPrefix: LEVER_API_PREFIX,
      defaultApiKey: DEFAULT_LEVER_API_KEY,
      // hire.lever.co/developer/documentation (Rate Limits): 10 requests a second per key; its bursts to 20 are not modelled.
      rateLimit: { limit: 10, windowSeconds: 1 },
      createState: (seed) => {
        const data = createLeverData(seed);
        const oauth = new OAuthServer({ clients, lifetimeSeconds: options.accessTokenTtlSeconds });
        // The user who allows at the consent page (no sign-in): the account's super admin.
        const authorization = new AuthorizationCodeGrant({ server: oauth, scopes: LEVER_SCOPES, requiredParameters: { audience: LEVER_AUDIENCE }, subject: data.planted.adminUserId });
        return { ...data, oauth, authorization };
      },
      install(app, runtime) {
        const { state } = runtime;
        installConsentPage(app, LEVER_AUTHORIZE_PATH, { grant: state.authorization, providerName: 'Lever' });
        installTokenEndpoint(app, LEVER_TOKEN_PATH, {
          server: state.oauth,
          grants: state.authorization.grants(),
          // Lever's token requests carry client_id and client_secret in the form.
          formClientCredentials: true,
          answer: (issued) => ({
            access_token: issued.token, refresh_token: state.authorization.refreshTokenFor(issued), token_type: 'Bearer',
            expires_in: Math.round((issued.expiresAt - issued.issuedAt) / 1000),
          }),
        });
        // API keys travel as the Basic user name, access tokens as Bearer; either is accepted while valid.
        const keys: KeySet = { has: (key) => runtime.apiKeys.has(key) || state.oauth.has(key) };
        const context = { state, unknownFilters: options.unknownFilters ?? 'ignore' };
        installApi(app, { ...runtime, apiKeys: keys }, LEVER_API_PREFIX, {
          ...leverConventions,
          routes: { ...opportunityRoutes(context), ...noteRoutes(context), ...accountRoutes(context) },
        });
      },
    },
    options,
  );
  return Object.assign(sandbox, { authorizeUrl: `${sandbox.origin}${LEVER_AUTHORIZE_PATH}`, tokenUrl: `${sandbox.origin}${LEVER_TOKEN_PATH}` });
}
