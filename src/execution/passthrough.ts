// A tool-shaped route for a method without documentation, so the Proxy API can still call it: only its path
// placeholders are known; every other argument is passed on as query (GET, DELETE) or body.
import type { Definition } from '../definitions/format.ts';
import { isReadOnly, methodKind, toolName } from '../tools/names.ts';
import type { Tool } from '../tools/types.ts';
import { placeholderNames } from '../util/templates.ts';

export function passthroughTool(definition: Definition, resourceName: string, methodName: string): Tool {
  const resource = definition.resources[resourceName]!;
  const method = resource.methods[methodName]!;
  const kind = methodKind(methodName);
  const readOnly = isReadOnly(methodName, method);
  const pagination = kind === 'list' && method.paginated !== false ? method.pagination ?? definition.pagination : undefined;
  return {
    name: method.tool_name ?? toolName({ integration: definition.name, resource: resourceName, singular: resource.singular, method: methodName, path: method.path }),
    title: `${definition.label}: ${methodName} ${resourceName}`,
    description: '',
    inputSchema: { type: 'object' },
    validationSchema: { type: 'object' },
    annotations: { readOnlyHint: readOnly, destructiveHint: !readOnly, idempotentHint: readOnly, openWorldHint: true },
    integration: definition.name,
    resource: resourceName,
    method: methodName,
    kind,
    readOnly,
    tags: [...resource.tags, ...method.tags],
    routes: placeholderNames(method.path).map((name) => ({ argument: name, in: 'path' as const, name })),
    paginated: pagination !== undefined,
    ...(pagination ? { pagination } : {}),
    response: method.response ?? definition.response,
    switchboardFilters: {},
    hints: {},
    definition: { resource, method },
  };
}
