import { startSandbox } from '../shared/server.ts';
import type { RunningSandbox, SandboxOptions } from '../shared/types.ts';
import { workableConventions } from './http.ts';
import { workableRoutes } from './routes.ts';
import { createWorkableState } from './seed.ts';
import type { WorkableState } from './state.ts';

/** https://{subdomain}.workable.com/spi/v3 → http://127.0.0.1:<port>/spi/v3 */
export const WORKABLE_API_PREFIX = '/spi/v3';
export const DEFAULT_WORKABLE_TOKEN = 'sandbox-workable-token';

export type WorkableSandbox = RunningSandbox<WorkableState>;

/** Starts a local stand-in for Workable's SPI v3 (one account, reached with an account access token). */
export function startWorkableSandbox(options: SandboxOptions = {}): Promise<WorkableSandbox> {
  return startSandbox<WorkableState>({
    apiPrefix: WORKABLE_API_PREFIX,
    defaultApiKey: DEFAULT_WORKABLE_TOKEN,
    createState: createWorkableState,
    logBodies: true,
    // workable.readme.io/reference/rate-limits: 10 requests per 10 seconds with an account token (50 with OAuth).
    rateLimit: { limit: 10, windowSeconds: 10 },
    api: ({ state }) => ({ ...workableConventions, routes: workableRoutes(state) }),
  }, options);
}
