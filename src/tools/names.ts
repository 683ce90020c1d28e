// Tool names: list_all_<integration>_<resources>, get_single_<integration>_<resource>_by_id, create_a_…,
// update_a_…_by_id, delete_a_…_by_id, and <method>_a_<integration>_<resource>[_by_id] for custom methods.
// "_by_id" is added only when the path has an {id} placeholder, so a singleton such as Polymer's organization
// reads get_single_polymer_organization.
import { standardMethods, type MethodDefinition } from '../definitions/format.ts';
import type { MethodKind } from './types.ts';

export const maxToolNameLength = 64;

export function methodKind(method: string): MethodKind {
  return (standardMethods as readonly string[]).includes(method) ? (method as MethodKind) : 'custom';
}

/** Declared, or by the method's kind: list and get read; create, update and delete write (custom methods must declare). */
export function isReadOnly(methodName: string, method: Pick<MethodDefinition, 'read_only'>): boolean {
  if (method.read_only !== undefined) return method.read_only;
  const kind = methodKind(methodName);
  return kind === 'list' || kind === 'get';
}

export function singularize(plural: string): string {
  if (/ies$/.test(plural)) return plural.replace(/ies$/, 'y');
  if (/(ss|us|is)$/.test(plural)) return plural;
  if (/(s|x|z|ch|sh)es$/.test(plural)) return plural.replace(/es$/, '');
  return plural.replace(/s$/, '');
}

export function toolName(options: { integration: string; resource: string; singular?: string | undefined; method: string; path: string }): string {
  const { integration, resource, method } = options;
  const one = `${integration}_${options.singular ?? singularize(resource)}`;
  const byId = /\{id\}/.test(options.path) ? '_by_id' : '';
  switch (methodKind(method)) {
    case 'list': return `list_all_${integration}_${resource}`;
    case 'get': return `get_single_${one}${byId}`;
    case 'create': return `create_a_${one}`;
    case 'update': return `update_a_${one}${byId}`;
    case 'delete': return `delete_a_${one}${byId}`;
    case 'custom': return `${method}_a_${one}${byId}`;
  }
}

/** "job_applications" → "Job applications"; used for tool titles. */
export function humanize(name: string): string {
  const words = name.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Upstream parameter names such as filter[created_at][gt] become filter_created_at_gt: models accept only [A-Za-z0-9_.-]. */
export function argumentName(upstreamName: string): string {
  return upstreamName.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^_+|_+$/g, '');
}
