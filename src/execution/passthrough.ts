// A tool-shaped route for a method without documentation, so the Proxy API can still call it: only its path
// placeholders are known; every other argument is passed on as query (GET, DELETE) or body.
import type { Definition } from '../definitions/format.ts';
import { pathPlaceholders } from '../tools/generate.ts';
import { methodKind, toolName } from '../tools/names.ts';
import type { Tool } from '../tools/types.ts';

export function passthroughTool(definition: Definition, resourceName: string, methodName: string): Tool {
  const resource = definition.resources[resourceName]!;
  const method = resource.methods[methodName]!;
  const kind = methodKind(methodName);
  const readOnly = method.http_method === 'GET';
  return {
    name: method.tool_name ?? toolName({ integration: definition.name, resource: resourceName, singular: resource.singular, method: methodName, path: method.path }),
    title: `${definition.label}: ${methodName} ${resourceName}`,
    description: '',
    inputSchema: { type: 'object' },
    annotations: { readOnlyHint: readOnly, destructiveHint: !readOnly, idempotentHint: readOnly, openWorldHint: true },
    integration: definition.name,
    resource: resourceName,
    method: methodName,
    kind,
    tags: [...resource.tags, ...method.tags],
    routes: pathPlaceholders(method.path).map((name) => ({ argument: name, in: 'path' as const, name })),
    paginated: kind === 'list' && definition.pagination !== undefined && method.paginated !== false,
    definition: { resource, method },
  };
}
