import { startSandbox } from '../shared/server.ts';
import type { RunningSandbox, SandboxOptions } from '../shared/types.ts';
import { endpointGuard, PERMISSIONS, type KeyAccess } from './access.ts';
import { ashbyConventions } from './http.ts';
import { applicationRoutes } from './routes/applications.ts';
import { candidateRoutes } from './routes/candidates.ts';
import { hiringRoutes } from './routes/hiring.ts';
import { createAshbyState } from './seed.ts';
import { createSerializers } from './serializers.ts';
import type { AshbyState } from './state.ts';

/** Ashby's endpoints sit at the root of the host: https://api.ashbyhq.com/candidate.list */
export const ASHBY_API_PREFIX = '';
export const DEFAULT_ASHBY_API_KEY = 'sandbox-ashby-key';

export interface AshbySandboxOptions extends SandboxOptions {
  /**
   * Keys with their own permissions or the confidential opt-in (accepted in addition to `apiKeys`). Other keys have
   * every permission and no confidential access.
   */
  keyAccess?: Record<string, KeyAccess>;
}

export type AshbySandbox = RunningSandbox<AshbyState>;

/** Starts a local stand-in for Ashby's public API (https://api.ashbyhq.com). */
export function startAshbySandbox(options: AshbySandboxOptions = {}): Promise<AshbySandbox> {
  const keyAccess = options.keyAccess ?? {};
  const access = (key: string): Required<KeyAccess> => ({ permissions: keyAccess[key]?.permissions ?? PERMISSIONS, confidential: keyAccess[key]?.confidential ?? false });
  return startSandbox<AshbyState>(
    {
      apiPrefix: ASHBY_API_PREFIX,
      defaultApiKey: DEFAULT_ASHBY_API_KEY,
      createState: createAshbyState,
      logBodies: true,
      api: ({ state }) => {
        const context = { state, serialize: createSerializers(state), endpoint: endpointGuard(state, access) };
        return { ...ashbyConventions, routes: { ...candidateRoutes(context), ...applicationRoutes(context), ...hiringRoutes(context) } };
      },
    },
    { ...options, apiKeys: [...(options.apiKeys ?? [DEFAULT_ASHBY_API_KEY]), ...Object.keys(keyAccess)] },
  );
}
