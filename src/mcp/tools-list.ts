// The tools one MCP server URL exposes, and tools/list serialized once per (integration version, filter, exposure).
// An integration object is replaced when its definition is reloaded, so a WeakMap keyed by it drops stale lists by
// itself. The list is a pure function of the URL's server config: the same on every node, in every order of requests.
import type { Tool as McpTool } from '@modelcontextprotocol/sdk/types.js';
import type { McpServerConfig } from '../store/types.ts';
import type { Integration } from '../tools/catalog.ts';
import { filterTools } from '../tools/filter.ts';
import type { Tool } from '../tools/types.ts';
import { discoveryTools } from './discovery.ts';
import { describeTool } from './tool-descriptor.ts';

export interface ToolSet {
  integration: Integration;
  exposure: 'all' | 'discovery';
  /** Whether tools carry their output schema (and results their structuredContent). */
  outputSchemas: boolean;
  /** The integration's tools that pass the server's filter, in definition order. */
  tools: Tool[];
  byName: ReadonlyMap<string, Tool>;
  /** What tools/list shows: the filtered tools, or the three discovery tools. */
  listed: McpTool[];
  listedByName: ReadonlyMap<string, McpTool>;
  /** JSON of `listed`, serialized once. */
  listedJson: string;
}

/** Per integration version: filter key → tool set. Bounded so odd filter combinations cannot grow it forever. */
const cache = new WeakMap<Integration, Map<string, ToolSet>>();
const maxSetsPerIntegration = 1_000;

export function toolSetFor(integration: Integration, config: McpServerConfig): ToolSet {
  const exposure = config.tool_exposure === 'discovery' ? 'discovery' : 'all';
  const outputSchemas = config.output_schemas !== false;
  const methods = normalize(config.methods);
  const tags = normalize(config.tags);
  const key = `${exposure}\u0000${outputSchemas}\u0000${methods.join('\u0001')}\u0000${tags.join('\u0001')}`;
  let sets = cache.get(integration);
  if (!sets) {
    sets = new Map();
    cache.set(integration, sets);
  }
  let set = sets.get(key);
  if (!set) {
    if (sets.size >= maxSetsPerIntegration) sets.clear();
    set = buildToolSet(integration, exposure, outputSchemas, methods, tags);
    sets.set(key, set);
  }
  return set;
}

function normalize(values: string[] | undefined): string[] {
  return [...new Set(values ?? [])].sort();
}

function buildToolSet(integration: Integration, exposure: ToolSet['exposure'], outputSchemas: boolean, methods: string[], tags: string[]): ToolSet {
  const tools = filterTools(integration.tools, { methods, tags });
  const described = (tool: Tool) => describeTool(tool, { outputSchema: outputSchemas });
  const listed = exposure === 'discovery' ? discoveryTools(integration, tools, outputSchemas) : tools.map(described);
  return {
    integration,
    exposure,
    outputSchemas,
    tools,
    byName: new Map(tools.map((tool) => [tool.name, tool])),
    listed,
    listedByName: new Map(listed.map((tool) => [tool.name, tool])),
    listedJson: JSON.stringify(listed),
  };
}
