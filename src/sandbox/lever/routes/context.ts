import type { SandboxRequest } from '../../shared/api.ts';
import { raise } from '../../shared/http.ts';
import { notFound } from '../http.ts';
import type { UnknownFilters } from '../../shared/types.ts';
import type { LeverState } from '../state.ts';

/** What the route tables are built from. */
export interface RouteContext {
  state: LeverState;
  unknownFilters: UnknownFilters;
}

/**
 * Who a write is recorded as: the `perform_as` user (an active user of the account), else the user an OAuth access
 * token acts as, else nobody (an API key without perform_as: Lever leaves the user null).
 */
export function actingUserId({ state }: RouteContext, request: SandboxRequest): string | null {
  const performAs = request.query('perform_as');
  if (performAs !== undefined) {
    const user = state.users.get(performAs) ?? raise(notFound('users', performAs));
    if (user.deactivatedAt !== null) throw notFound('users', performAs);
    return user.id;
  }
  return state.oauth.find(request.key)?.subject ?? null;
}
