import { installApi } from '../shared/api.ts';
import { installTokenEndpoint, OAuthError, OAuthServer } from '../shared/oauth.ts';
import { startSandbox } from '../shared/server.ts';
import type { RunningSandbox, SandboxOptions } from '../shared/types.ts';
import { greenhouseConventions } from './http.ts';
import { jobRoutes } from './routes/jobs.ts';
import { peopleRoutes } from './routes/people.ts';
import { pipelineRoutes } from './routes/pipeline.ts';
import { createGreenhouseData } from './seed.ts';
import type { GreenhouseState } from './state.ts';

/** Harvest v3 (https://harvest.greenhouse.io/v3) and its token endpoint (https://auth.greenhouse.io/token), on one origin. */
export const GREENHOUSE_API_PREFIX = '/v3';
export const GREENHOUSE_TOKEN_PATH = '/token';
export const DEFAULT_GREENHOUSE_CLIENT_ID = 'sandbox-greenhouse-client';

/** The secret of a client named in `apiKeys` (explicit pairs go in `clients`). */
export function sandboxClientSecret(clientId: string): string {
  return `${clientId}-secret`;
}

export interface GreenhouseSandboxOptions extends SandboxOptions {
  /**
   * OAuth clients by id, with their secrets, accepted besides those of `apiKeys` (which are client ids whose secret
   * is sandboxClientSecret(id)). `disabledApiKeys` names clients that exist but are turned off.
   */
  clients?: Record<string, string>;
}

export type GreenhouseSandbox = RunningSandbox<GreenhouseState> & {
  /** The token endpoint: the account context's oauth_token_url. */
  tokenUrl: string;
};

/** Starts a local stand-in for Greenhouse Harvest v3 and its OAuth client-credentials token endpoint. */
export async function startGreenhouseSandbox(options: GreenhouseSandboxOptions = {}): Promise<GreenhouseSandbox> {
  const clientIds = [...options.apiKeys ?? [DEFAULT_GREENHOUSE_CLIENT_ID], ...options.disabledApiKeys ?? []];
  const clients = { ...Object.fromEntries(clientIds.map((id) => [id, sandboxClientSecret(id)])), ...options.clients };
  const sandbox = await startSandbox<GreenhouseState>(
    {
      apiPrefix: GREENHOUSE_API_PREFIX,
      defaultApiKey: DEFAULT_GREENHOUSE_CLIENT_ID,
      createState: (seed) => {
        const oauth = new OAuthServer({ clients, lifetimeSeconds: options.accessTokenTtlSeconds });
        for (const id of options.disabledApiKeys ?? []) oauth.disableClient(id);
        return { ...createGreenhouseData(seed), oauth };
      },
      install(app, runtime) {
        const { state } = runtime;
        installTokenEndpoint(app, GREENHOUSE_TOKEN_PATH, {
          server: state.oauth,
          grants: {
            // sub names the user the token acts as; without it, the credential's own service user.
            client_credentials: (form, clientId) => {
              const sub = form.get('sub');
              if (sub !== null && !state.users.find((user) => String(user.id) === sub && !user.deactivated)) {
                throw new OAuthError('invalid_request', `sub ${sub} is not the id of an active user of this organization`);
              }
              return state.oauth.issue(clientId, sub ?? String(state.planted.serviceUserId));
            },
          },
          answer: (issued) => ({ access_token: issued.token, token_type: 'Bearer', expires_at: new Date(issued.expiresAt).toISOString() }),
        });
        const context = {
          state,
          actingUser: (request: { key: string }) => state.users.get(Number(state.oauth.find(request.key)?.subject ?? state.planted.serviceUserId))!,
        };
        // The API accepts the access tokens the token endpoint issued, while they live.
        installApi(app, { ...runtime, apiKeys: state.oauth, disabledKeys: new Set() }, GREENHOUSE_API_PREFIX, {
          ...greenhouseConventions,
          routes: { ...peopleRoutes(context), ...pipelineRoutes(context), ...jobRoutes(context) },
        });
      },
    },
    options,
  );
  return Object.assign(sandbox, { tokenUrl: `${sandbox.origin}${GREENHOUSE_TOKEN_PATH}` });
}
