// OAuth authorization-code providers the browser tests connect through: a sandbox with a consent page ("Allow" /
// "Deny"), the OAuth app a tenant registers for it, the account context that reaches its API, and a tool to call.
// A test picks one with a single line; another sandbox (Lever's) is one more entry of this shape.
import { DEFAULT_LEVER_API_KEY, DEFAULT_LEVER_CLIENT_ID, leverClientSecret, startLeverSandbox } from '../../src/sandbox/index.ts';
import { ORBIT_CLIENT_ID, orbitIntegrationsDir, startOrbitSandbox } from './orbit-sandbox.ts';

export interface ConsentProvider {
  integration: string;
  label: string;
  /** The integrations directory that holds its definition. */
  integrationsDir: string;
  /** Origins the server must allow (API, authorization page, token endpoint). */
  origins: string[];
  app: { client_id: string; client_secret: string; authorize_url: string; token_url: string };
  /** The account context of a connect link or dashboard connection (its API's address, the OAuth mode). */
  context: Record<string, string>;
  /** Its API-key mode, connected through a link's key form: the context that selects it, a key its API accepts. */
  keyMode: { context: Record<string, string>; apiKey: string };
  /** A read tool and its arguments; `expect` is found in its answer. */
  tool: { name: string; arguments: Record<string, unknown>; expect: RegExp };
  /** The user revokes the access at the provider: the next refresh is invalid_grant, the current tokens stop working. */
  revoke(): void;
  close(): Promise<void>;
}

export async function orbitProvider(): Promise<ConsentProvider> {
  const orbit = await startOrbitSandbox({ clientSecret: 'orbit-e2e-secret-7c41', rateLimit: null });
  return {
    integration: 'orbit',
    label: 'Orbit',
    integrationsDir: orbitIntegrationsDir,
    origins: [orbit.origin],
    app: { client_id: ORBIT_CLIENT_ID, client_secret: orbit.clientSecret, authorize_url: orbit.authorizeUrl, token_url: orbit.tokenUrl },
    context: { base_url: orbit.url, auth_mode: 'oauth' },
    keyMode: { context: { base_url: orbit.url }, apiKey: 'orbit-key' },
    tool: { name: 'get_single_orbit_candidate_by_id', arguments: { id: '3' }, expect: /Candidate 3/ },
    revoke: () => {
      orbit.state.grant.revokeAll();
      orbit.state.oauth.expireAll();
    },
    close: () => orbit.close(),
  };
}

export async function leverProvider(): Promise<ConsentProvider> {
  const lever = await startLeverSandbox({ rateLimit: null });
  return {
    integration: 'lever',
    label: 'Lever',
    integrationsDir: new URL('../../integrations/', import.meta.url).pathname,
    origins: [lever.origin],
    app: { client_id: DEFAULT_LEVER_CLIENT_ID, client_secret: leverClientSecret(DEFAULT_LEVER_CLIENT_ID), authorize_url: lever.authorizeUrl, token_url: lever.tokenUrl },
    context: { base_url: lever.url, auth_mode: 'oauth' },
    keyMode: { context: { base_url: lever.url }, apiKey: DEFAULT_LEVER_API_KEY },
    tool: { name: 'list_all_lever_stages', arguments: {}, expect: /Recruiter screen/ },
    revoke: () => {
      lever.state.authorization.revokeAll();
      lever.state.oauth.expireAll();
    },
    close: () => lever.close(),
  };
}
