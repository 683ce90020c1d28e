// The JSON-RPC methods an MCP client may call, across the revisions served. Only these names are recorded in the
// request log and used as metric labels; any other is recorded as "unknown", so clients cannot mint stored values.

export const mcpMethods: ReadonlySet<string> = new Set([
  'initialize', 'ping', 'server/discover',
  'tools/list', 'tools/call',
  'resources/list', 'resources/templates/list', 'resources/read', 'resources/subscribe', 'resources/unsubscribe',
  'prompts/list', 'prompts/get', 'completion/complete', 'logging/setLevel',
  'tasks/get', 'tasks/list', 'tasks/result', 'tasks/cancel',
]);

export const unknownMethod = 'unknown';

/** The method as the log and metrics record it. */
export function recordedMethod(method: string): string {
  return mcpMethods.has(method) ? method : unknownMethod;
}
