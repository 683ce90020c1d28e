import type { SandboxRequest } from '../../shared/api.ts';
import type { GreenhouseState, UserRow } from '../state.ts';

/** What the route tables are built from. */
export interface RouteContext {
  state: GreenhouseState;
  /** The user the request's access token acts as (its sub, or the credential's service user). */
  actingUser(request: SandboxRequest): UserRow;
}
