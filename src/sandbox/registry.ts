// Every sandbox, for whatever runs them all (the demo, `node src/sandbox/main.ts`): what it stands in for, where it
// listens by default, and the account that reaches it. Adding a sandbox here puts it in the demo.
import { DEFAULT_ASHBY_API_KEY, startAshbySandbox } from './ashby/server.ts';
import { DEFAULT_PINPOINT_API_KEY, startPinpointSandbox } from './pinpoint/server.ts';
import { DEFAULT_POLYMER_API_KEY, startPolymerSandbox } from './polymer/server.ts';
import type { RunningSandbox, SandboxOptions } from './shared/types.ts';

export interface SandboxEntry {
  /** The integration (integrations/<name>) the sandbox stands in for. */
  integration: string;
  label: string;
  defaultPort: number;
  /** The key it accepts when started without apiKeys. */
  defaultApiKey: string;
  start(options: SandboxOptions): Promise<RunningSandbox<unknown>>;
  /** The account context that reaches the sandbox at `url` (base_url plus what the definition requires). */
  context(url: string): Record<string, string>;
  /** The account credentials for `key`. */
  credentials(key: string): Record<string, string>;
  /** How a key travels, for people calling the sandbox by hand. */
  keyHint(key: string): string;
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
];

/** `SWITCHBOARD_DEMO_ASHBY_PORT`-style environment names: `<prefix><INTEGRATION><suffix>`. */
export function portVariable(entry: SandboxEntry, prefix: string, suffix: string): string {
  return `${prefix}${entry.integration.toUpperCase()}${suffix}`;
}
