// Grouping and searching tools on the page. Which tools a filter selects is always asked of the API; these only
// count and search what it returned. Pure (no DOM) so it is unit-tested in Node.
export interface ToolLike {
  name: string;
  title?: string | undefined;
  description: string;
  method: string;
  kind: string;
  tags: string[];
}

export const methodFilters = [
  { id: 'read', label: 'read', kinds: ['list', 'get'], description: 'list and get' },
  { id: 'write', label: 'write', kinds: ['create', 'update', 'delete'], description: 'create, update and delete' },
  { id: 'custom', label: 'custom', kinds: ['custom'], description: 'other actions' },
] as const;

export function methodGroups(tools: readonly ToolLike[]): { id: string; label: string; count: number }[] {
  return methodFilters.map((group) => ({
    id: group.id,
    label: group.label,
    count: tools.filter((tool) => (group.kinds as readonly string[]).includes(tool.kind)).length,
  }));
}

export function tagCounts(tools: readonly ToolLike[]): { tag: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const tool of tools) for (const tag of new Set(tool.tags)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts].map(([tag, count]) => ({ tag, count })).sort((a, b) => a.tag.localeCompare(b.tag));
}

const standardOrder = ['list', 'get', 'create', 'update', 'delete'];

/** The distinct method names of the tools (list, get, …, then custom ones), for filters by exact method. */
export function exactMethods(tools: readonly ToolLike[]): { method: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const tool of tools) counts.set(tool.method, (counts.get(tool.method) ?? 0) + 1);
  const rank = (method: string) => (standardOrder.includes(method) ? standardOrder.indexOf(method) : standardOrder.length);
  return [...counts].map(([method, count]) => ({ method, count })).sort((a, b) => rank(a.method) - rank(b.method) || a.method.localeCompare(b.method));
}

/** Every word must appear in the name, title, description, method or tags. */
export function toolMatchesSearch(tool: ToolLike, search: string): boolean {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const haystack = [tool.name, tool.name.replace(/_/g, ' '), tool.title ?? '', tool.description, tool.method, tool.kind, ...tool.tags].join(' ').toLowerCase();
  return words.every((word) => haystack.includes(word));
}

/** "read, write · tags: jobs, candidates" — or "all tools". */
export function describeFilter(config: { methods?: string[] | undefined; tags?: string[] | undefined }): string {
  const parts: string[] = [];
  if (config.methods?.length) parts.push(config.methods.join(', '));
  if (config.tags?.length) parts.push(`tags: ${config.tags.join(', ')}`);
  return parts.join(' · ') || 'all tools';
}
