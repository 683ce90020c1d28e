import type { Handler } from '../../shared/api.ts';
import type { EndpointHandler, Permission } from '../access.ts';
import type { Serializers } from '../serializers.ts';
import type { AshbyState } from '../state.ts';

/** What the route tables are built from; `endpoint` guards a handler with its permission and gives it the key's view. */
export interface RouteContext {
  state: AshbyState;
  serialize: Serializers;
  endpoint(permission: Permission, handler: EndpointHandler): Handler;
}
