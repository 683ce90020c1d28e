// The sandbox of the fixture integration Orbit (test/connect/fixtures/integrations/orbit), built on the sandbox kit:
// an API taking API keys or the bearer tokens its OAuth server issued, the consent page (Allow / Deny), and a token
// endpoint for the authorization-code and refresh-token grants (PKCE S256 required, an audience, rotating refresh
// tokens; the client authenticates in the form, as the definition's client_authentication: body says).
import type { KeySet } from '../../src/sandbox/shared/auth.ts';
import { HttpProblem } from '../../src/sandbox/shared/http.ts';
import { installApi } from '../../src/sandbox/shared/api.ts';
import { AuthorizationCodeGrant, installConsentPage } from '../../src/sandbox/shared/oauth-authorization-code.ts';
import { installTokenEndpoint, OAuthServer } from '../../src/sandbox/shared/oauth.ts';
import { pageSize, windowOf } from '../../src/sandbox/shared/pagination.ts';
import { startSandbox } from '../../src/sandbox/shared/server.ts';
import type { RunningSandbox, SandboxOptions } from '../../src/sandbox/shared/types.ts';

export const orbitIntegrationsDir = new URL('./fixtures/integrations/', import.meta.url).pathname;
export const ORBIT_CLIENT_ID = 'orbit-app';
export const ORBIT_AUDIENCE = 'https://api.orbit.example';

export interface OrbitState {
  oauth: OAuthServer;
  grant: AuthorizationCodeGrant;
  candidates: { id: number; name: string }[];
}

export type OrbitSandbox = RunningSandbox<OrbitState> & {
  authorizeUrl: string;
  tokenUrl: string;
  clientSecret: string;
};

export async function startOrbitSandbox(options: SandboxOptions & { clientSecret: string }): Promise<OrbitSandbox> {
  const sandbox = await startSandbox<OrbitState>({
    apiPrefix: '/v1',
    defaultApiKey: 'orbit-key',
    createState: () => {
      const oauth = new OAuthServer({ clients: { [ORBIT_CLIENT_ID]: options.clientSecret }, lifetimeSeconds: options.accessTokenTtlSeconds });
      const grant = new AuthorizationCodeGrant({
        server: oauth, scopes: ['candidates:read', 'offline_access'], requiredParameters: { audience: ORBIT_AUDIENCE }, requirePkce: true, subject: 'orbit-user-1',
      });
      return { oauth, grant, candidates: Array.from({ length: 5 }, (_, index) => ({ id: index + 1, name: `Candidate ${index + 1}` })) };
    },
    install(app, runtime) {
      const { state } = runtime;
      installConsentPage(app, '/oauth/authorize', { grant: state.grant, providerName: 'Orbit' });
      installTokenEndpoint(app, '/oauth/token', {
        server: state.oauth,
        grants: state.grant.grants(),
        formClientCredentials: true,
        answer: (issued) => ({ access_token: issued.token, token_type: 'Bearer', expires_in: state.oauth.lifetimeSeconds, refresh_token: state.grant.refreshTokenFor(issued) }),
      });
      const keys: KeySet = { has: (key) => runtime.apiKeys.has(key) || state.oauth.has(key) };
      installApi(app, { ...runtime, apiKeys: keys }, '/v1', {
        auth: {
          scheme: { kind: 'bearer' },
          missing: () => new HttpProblem(401, 'Missing bearer token'),
          unknown: () => new HttpProblem(401, 'Invalid API key or access token'),
        },
        renderError: (problem) => ({ status: problem.status, body: { message: problem.message } }),
        routes: {
          'GET /candidates': (request) => {
            const size = pageSize(request.query('per_page'), { fallback: 20, max: 100, overMax: 'cap' }) ?? 20;
            const page = Number(request.query('page') ?? 1);
            return { body: windowOf(state.candidates, (page - 1) * size, size).items };
          },
          'GET /candidates/:id{[0-9]+}': (request) => {
            const candidate = state.candidates.find((row) => row.id === request.id());
            if (!candidate) throw new HttpProblem(404, `Candidate ${request.id()} not found`);
            return { body: candidate };
          },
        },
      });
    },
  }, options);
  return Object.assign(sandbox, {
    authorizeUrl: `${sandbox.origin}/oauth/authorize`,
    tokenUrl: `${sandbox.origin}/oauth/token`,
    clientSecret: options.clientSecret,
  });
}
