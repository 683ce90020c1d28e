import { invalid } from '../errors.ts';
import { relatedId } from '../request-document.ts';
import type { WriteDocument } from '../request-document.ts';
import { API_TYPE_BY_MODEL, MODEL_BY_API_TYPE } from '../resources/index.ts';
import type { PolymorphicModel, ResourceRegistry } from '../resources/index.ts';

/**
 * Reads a required polymorphic to-one relationship (commentable, custom_attributable): its type must
 * stand for one of `models` and the record must exist, else a 422.
 */
export function readPolymorphic<Model extends PolymorphicModel>(
  document: WriteDocument,
  name: string,
  models: readonly Model[],
  registry: ResourceRegistry,
): { model: Model; id: number } {
  const target = document.relationships[name];
  if (!target || Array.isArray(target)) throw invalid(`${name} can't be blank`);
  const types = Object.entries(MODEL_BY_API_TYPE).flatMap(([type, model]) => (models.includes(model as Model) ? [type] : []));
  const id = relatedId(document, name, types) ?? 0;
  const model = MODEL_BY_API_TYPE[target.type] as Model;
  if (!registry.get(API_TYPE_BY_MODEL[model])?.table.get(id)) throw invalid(`${name} ${target.type} ${id} does not exist`);
  return { model, id };
}
