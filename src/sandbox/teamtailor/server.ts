import { startSandbox } from '../shared/server.ts';
import type { RunningSandbox, SandboxOptions, UnknownFilters } from '../shared/types.ts';
import { teamtailorConventions, versioned } from './http.ts';
import { teamtailorRoutes } from './routes.ts';
import { createTeamtailorState } from './seed.ts';
import type { TeamtailorState } from './state.ts';

/** https://api.teamtailor.com/v1 (or api.na.teamtailor.com) → http://127.0.0.1:<port>/v1 */
export const TEAMTAILOR_API_PREFIX = '/v1';
export const DEFAULT_TEAMTAILOR_API_KEY = 'sandbox-teamtailor-key';

export interface TeamtailorSandboxOptions extends SandboxOptions {
  /** A filter[...] the list does not have; Teamtailor does not document what it does ('reject': 400 "Filter not allowed"). */
  unknownFilters?: UnknownFilters;
}

export type TeamtailorSandbox = RunningSandbox<TeamtailorState>;

/** Starts a local stand-in for Teamtailor's JSON:API (a company's Admin read/write key). */
export function startTeamtailorSandbox(options: TeamtailorSandboxOptions = {}): Promise<TeamtailorSandbox> {
  return startSandbox<TeamtailorState>({
    apiPrefix: TEAMTAILOR_API_PREFIX,
    defaultApiKey: DEFAULT_TEAMTAILOR_API_KEY,
    createState: createTeamtailorState,
    api: ({ state }) => ({ ...teamtailorConventions, routes: versioned(teamtailorRoutes(state, options.unknownFilters ?? 'ignore')) }),
  }, options);
}
