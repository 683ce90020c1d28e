// Every sandbox, for whatever runs them all (the demo, `node src/sandbox/main.ts`): what it stands in for, where it
// listens by default, and the account that reaches it. Adding a sandbox here puts it in the demo.
import { DEFAULT_ASHBY_API_KEY, startAshbySandbox } from './ashby/server.ts';
import { DEFAULT_GREENHOUSE_CLIENT_ID, GREENHOUSE_TOKEN_PATH, sandboxClientSecret, startGreenhouseSandbox } from './greenhouse/server.ts';
import { ACTING_USER_ID } from './greenhouse/state.ts';
import { DEFAULT_LEVER_API_KEY, DEFAULT_LEVER_CLIENT_ID, LEVER_AUTHORIZE_PATH, LEVER_TOKEN_PATH, leverClientSecret, startLeverSandbox } from './lever/server.ts';
import { DEFAULT_PINPOINT_API_KEY, startPinpointSandbox } from './pinpoint/server.ts';
import { DEFAULT_POLYMER_API_KEY, startPolymerSandbox } from './polymer/server.ts';
import type { RunningSandbox, SandboxOptions } from './shared/types.ts';
import { DEFAULT_TEAMTAILOR_API_KEY, startTeamtailorSandbox } from './teamtailor/server.ts';
import { DEFAULT_WORKABLE_TOKEN, startWorkableSandbox } from './workable/server.ts';

export interface SandboxEntry {
  /** The integration (integrations/<name>) the sandbox stands in for. */
  integration: string;
  label: string;
  defaultPort: number;
  /** The key it accepts when started without apiKeys (an OAuth sandbox: the id of the client it knows). */
  defaultApiKey: string;
  start(options: SandboxOptions): Promise<RunningSandbox<unknown>>;
  /** The account context that reaches the sandbox at `url` (base_url plus what the definition requires). */
  context(url: string): Record<string, string>;
  /** The account credentials for `key` (an OAuth sandbox: the client id and secret). */
  credentials(key: string): Record<string, string>;
  /** How a key travels, for people calling the sandbox by hand. */
  keyHint(key: string): string;
  /**
   * For a sandbox with an authorization-code server: the OAuth app a tenant registers for it, and the context of an
   * account connected through it (the demo prints a connect link made with both).
   */
  authorizationCode?: {
    app(url: string): { client_id: string; client_secret: string; authorize_url: string; token_url: string };
    context(url: string): Record<string, string>;
  };
}

/** Sandboxes reached by their URL alone, with the key as the api_key credential. */
const byBaseUrl = { context: (url: string) => ({ base_url: url }), credentials: (key: string) => ({ api_key: key }) };

export const sandboxes: readonly SandboxEntry[] = [
  {
    integration: 'pinpoint', label: 'Pinpoint', defaultPort: 4010, defaultApiKey: DEFAULT_PINPOINT_API_KEY, start: startPinpointSandbox,
    context: (url) => ({ subdomain: 'demo', base_url: url }),
    credentials: byBaseUrl.credentials,
    keyHint: (key) => `header X-API-KEY: ${key}`,
  },
  {
    integration: 'polymer', label: 'Polymer', defaultPort: 4020, defaultApiKey: DEFAULT_POLYMER_API_KEY, start: startPolymerSandbox,
    ...byBaseUrl, keyHint: (key) => `header Authorization: Bearer ${key}`,
  },
  {
    integration: 'ashby', label: 'Ashby', defaultPort: 4030, defaultApiKey: DEFAULT_ASHBY_API_KEY, start: startAshbySandbox,
    ...byBaseUrl, keyHint: (key) => `HTTP Basic, user name ${key}, empty password`,
  },
  {
    integration: 'lever', label: 'Lever', defaultPort: 4040, defaultApiKey: DEFAULT_LEVER_API_KEY, start: startLeverSandbox,
    // Accounts use the API-key mode (the default); OAuth accounts are connected through the sandbox's authorization page.
    ...byBaseUrl, keyHint: (key) => `HTTP Basic, user name ${key}, empty password (or an OAuth access token as Bearer, from ${LEVER_AUTHORIZE_PATH})`,
    authorizationCode: {
      app: (url) => ({
        client_id: DEFAULT_LEVER_CLIENT_ID, client_secret: leverClientSecret(DEFAULT_LEVER_CLIENT_ID),
        authorize_url: `${new URL(url).origin}${LEVER_AUTHORIZE_PATH}`, token_url: `${new URL(url).origin}${LEVER_TOKEN_PATH}`,
      }),
      context: (url) => ({ auth_mode: 'oauth', base_url: url }),
    },
  },
  {
    integration: 'greenhouse', label: 'Greenhouse', defaultPort: 4050, defaultApiKey: DEFAULT_GREENHOUSE_CLIENT_ID, start: startGreenhouseSandbox,
    // Tokens come from the sandbox's own token endpoint and act as its planted recruiter (the sub of the token request).
    context: (url) => ({ base_url: url, oauth_token_url: `${new URL(url).origin}${GREENHOUSE_TOKEN_PATH}`, user_id: String(ACTING_USER_ID) }),
    credentials: (key) => ({ client_id: key, client_secret: sandboxClientSecret(key) }),
    keyHint: (key) => `OAuth client credentials: POST ${GREENHOUSE_TOKEN_PATH} with HTTP Basic ${key}:${sandboxClientSecret(key)} and grant_type=client_credentials, then Bearer`,
  },
  {
    integration: 'teamtailor', label: 'Teamtailor', defaultPort: 4060, defaultApiKey: DEFAULT_TEAMTAILOR_API_KEY, start: startTeamtailorSandbox,
    context: (url) => ({ api_host: 'api.teamtailor.com', api_version: '20240404', base_url: url }),
    credentials: byBaseUrl.credentials,
    keyHint: (key) => `header Authorization: Token token=${key}, and X-Api-Version: 20240404`,
  },
  {
    integration: 'workable', label: 'Workable', defaultPort: 4070, defaultApiKey: DEFAULT_WORKABLE_TOKEN, start: startWorkableSandbox,
    context: (url) => ({ subdomain: 'larkspur-labs', base_url: url }),
    credentials: byBaseUrl.credentials,
    keyHint: (key) => `header Authorization: Bearer ${key}`,
  },
];

/** `SWITCHBOARD_DEMO_ASHBY_PORT`-style environment names: `<prefix><INTEGRATION><suffix>`. */
export function portVariable(entry: SandboxEntry, prefix: string, suffix: string): string {
  return `${prefix}${entry.integration.toUpperCase()}${suffix}`;
}
