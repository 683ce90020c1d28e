import type { PinpointState } from '../state.ts';
import { companyResources } from './company.ts';
import { API_TYPE_BY_MODEL, linkTo } from './kit.ts';
import type { AnyResource, ResourceContext, ResourceRegistry } from './kit.ts';
import { peopleResources } from './people.ts';
import { pipelineResources } from './pipeline.ts';
import { requisitionResources } from './requisitions.ts';

export { API_TYPE_BY_MODEL, MODEL_BY_API_TYPE } from './kit.ts';
export type { AnyResource, Linked, PolymorphicModel, RelationshipDefinition, ResourceDefinition, ResourceRegistry } from './kit.ts';

/** Every JSON:API type the sandbox can print, by type; endpoints exist for only some of them. */
export function createResources(state: PinpointState): ResourceRegistry {
  const registry = new Map<string, AnyResource>();
  const context: ResourceContext = {
    state,
    polymorphic: (model, id) => {
      const type = API_TYPE_BY_MODEL[model];
      return linkTo(type, registry.get(type)?.table.get(id));
    },
  };
  const groups = [peopleResources, pipelineResources, companyResources, requisitionResources];
  for (const definition of groups.flatMap((group) => group(context))) registry.set(definition.type, definition);
  return registry;
}
