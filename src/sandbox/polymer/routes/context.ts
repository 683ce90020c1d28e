import type { Serializers } from '../serializers.ts';
import type { PolymerState } from '../state.ts';

/** What the route tables are built from. */
export interface RouteContext {
  state: PolymerState;
  serialize: Serializers;
}
