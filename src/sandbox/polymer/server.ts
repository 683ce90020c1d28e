import { startSandbox } from '../shared/server.ts';
import type { RunningSandbox, SandboxOptions } from '../shared/types.ts';
import { polymerConventions } from './http.ts';
import { directoryRoutes } from './routes/directory.ts';
import { jobApplicationRoutes } from './routes/job-applications.ts';
import { noteRoutes } from './routes/notes.ts';
import { createPolymerState } from './seed.ts';
import { createSerializers } from './serializers.ts';
import type { PolymerState } from './state.ts';

export const POLYMER_API_PREFIX = '/v1/hire';
export const DEFAULT_POLYMER_API_KEY = 'sandbox-polymer-key';

export interface PolymerSandboxOptions extends SandboxOptions {
  /**
   * Send X-RateLimit-Limit, -Remaining and -Reset (seconds) on every answer. Off by default: Polymer documents no
   * rate-limit headers, so the product is tested against the API as documented; turn it on to test header handling.
   */
  rateLimitHeaders?: boolean;
}

export type PolymerSandbox = RunningSandbox<PolymerState>;

/** Starts a local stand-in for Polymer's hiring API (https://api.polymer.co/v1/hire). */
export function startPolymerSandbox(options: PolymerSandboxOptions = {}): Promise<PolymerSandbox> {
  return startSandbox<PolymerState>(
    {
      apiPrefix: POLYMER_API_PREFIX,
      defaultApiKey: DEFAULT_POLYMER_API_KEY,
      createState: createPolymerState,
      api: ({ state }) => {
        const context = { state, serialize: createSerializers(state) };
        return {
          ...polymerConventions,
          rateLimitHeaders: options.rateLimitHeaders ? { family: 'X-RateLimit', reset: 'seconds' } : undefined,
          routes: { ...directoryRoutes(context), ...jobApplicationRoutes(context), ...noteRoutes(context) },
        };
      },
    },
    options,
  );
}
