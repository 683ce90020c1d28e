// Discovery exposure (config.tool_exposure = "discovery"): tools/list shows three small tools instead of every tool,
// so a large integration costs the agent's context a few hundred tokens:
//   search_tools(query, limit?)        ranks the server's tools by name, title, tags and description
//   get_tool_schema(tool_names[1..5])  full schemas, with did-you-mean suggestions for unknown names
//   call_tool(tool_name, arguments)    runs one, through the same engine, filter and result shaping
// Only tools that pass the server's filter exist here: a filtered-out tool is unknown, and never suggested.
import type { Tool as McpTool } from '@modelcontextprotocol/sdk/types.js';
import type { Integration } from '../tools/catalog.ts';
import type { Tool } from '../tools/types.ts';
import { isObject } from './jsonrpc.ts';
import { describeTool } from './tool-descriptor.ts';
import { toolError, type ToolRun } from './tools-call.ts';
import { editDistance, maxComparableNameLength } from '../util/edit-distance.ts';

export const discoveryToolNames = { search: 'search_tools', schema: 'get_tool_schema', call: 'call_tool' } as const;

const maxSchemaNames = 5;
const defaultSearchLimit = 10;
const maxSearchLimit = 50;

/** With outputSchemas false (the server's config.output_schemas), the tools carry no output schema. */
export function discoveryTools(integration: Integration, tools: Tool[], outputSchemas = true): McpTool[] {
  const label = integration.definition.label;
  const how = `This server exposes ${tools.length} ${label} tools through three tools: search_tools finds them, ` +
    'get_tool_schema shows the arguments of the ones you pick, call_tool runs one.';
  const readOnly = tools.every((tool) => tool.annotations.readOnlyHint);
  const listed: McpTool[] = [
    {
      name: discoveryToolNames.search,
      title: `${label}: Search tools`,
      description: `Find ${label} tools by what they do (e.g. "list candidates", "move an application to another stage"). ` +
        `Returns tool names with a one-line description, best match first. ${how}`,
      inputSchema: {
        type: 'object',
        properties: {
          query: { type: 'string', minLength: 1, description: 'Words describing the task or the records involved.' },
          limit: { type: 'integer', minimum: 1, maximum: maxSearchLimit, default: defaultSearchLimit, description: `How many tools to return (1–${maxSearchLimit}, default ${defaultSearchLimit}).` },
        },
        required: ['query'],
        additionalProperties: false,
      },
      outputSchema: {
        type: 'object',
        properties: {
          tools: {
            type: 'array',
            items: { type: 'object', properties: { name: { type: 'string' }, description: { type: 'string' } }, required: ['name', 'description'] },
          },
        },
        required: ['tools'],
      },
      annotations: { title: 'Search tools', readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    {
      name: discoveryToolNames.schema,
      title: `${label}: Get tool schemas`,
      description: `The full definition of 1 to ${maxSchemaNames} ${label} tools found with search_tools: description, input schema ` +
        '(the arguments call_tool takes), output schema and hints. Unknown names come back with did-you-mean suggestions.',
      inputSchema: {
        type: 'object',
        properties: {
          tool_names: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: maxSchemaNames, description: 'Exact tool names from search_tools.' },
        },
        required: ['tool_names'],
        additionalProperties: false,
      },
      outputSchema: {
        type: 'object',
        properties: {
          tools: { type: 'array', items: { type: 'object' } },
          unknown: {
            type: 'array',
            items: { type: 'object', properties: { name: { type: 'string' }, did_you_mean: { type: 'array', items: { type: 'string' } } }, required: ['name', 'did_you_mean'] },
          },
        },
        required: ['tools', 'unknown'],
      },
      annotations: { title: 'Get tool schemas', readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    {
      name: discoveryToolNames.call,
      title: `${label}: Call a tool`,
      description: `Runs one ${label} tool by name with its arguments (read them first with get_tool_schema). ` +
        'The result is exactly what that tool returns; list results carry next_cursor to pass back unchanged for the next page.',
      inputSchema: {
        type: 'object',
        properties: {
          tool_name: { type: 'string', minLength: 1, description: 'The exact tool name.' },
          arguments: { type: 'object', description: 'The tool\'s arguments as one object, as its input schema describes.', additionalProperties: true },
        },
        required: ['tool_name'],
        additionalProperties: false,
      },
      annotations: {
        title: 'Call a tool',
        readOnlyHint: readOnly,
        destructiveHint: tools.some((tool) => tool.annotations.destructiveHint),
        idempotentHint: tools.every((tool) => tool.annotations.idempotentHint),
        openWorldHint: true,
      },
    },
  ];
  return outputSchemas ? listed : listed.map(({ outputSchema: _outputSchema, ...tool }) => tool);
}

/** Longest search query: a description of a task, not a document. */
const maxQueryLength = 1_000;

export function searchTools(tools: Tool[], args: Record<string, unknown>, domainSynonyms: Record<string, string[]>): ToolRun {
  const query = args.query;
  if (typeof query !== 'string' || query.trim() === '') return toolError('Invalid arguments for search_tools:\n- query: must be a non-empty string describing the task.');
  if (query.length > maxQueryLength) return toolError(`Invalid arguments for search_tools:\n- query: must be at most ${maxQueryLength} characters; describe the task in a few words.`);
  const limit = args.limit ?? defaultSearchLimit;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > maxSearchLimit) {
    return toolError(`Invalid arguments for search_tools:\n- limit: must be a whole number from 1 to ${maxSearchLimit}.`);
  }
  const found = rankTools(tools, query, domainSynonyms).slice(0, limit).map((tool) => ({ name: tool.name, description: oneLine(tool.description) }));
  const text = found.length > 0
    ? `${found.map((tool) => `${tool.name}: ${tool.description}`).join('\n')}\n\nNext: get_tool_schema with the names you need, then call_tool.`
    : `No tool matches "${query}". Try other words, e.g. the kind of record (candidates, jobs, applications) or the action (list, get, create, update, delete).`;
  return { result: { content: [{ type: 'text', text }], structuredContent: { tools: found } }, isError: false, upstreamStatus: null };
}

export function getToolSchemas(byName: ReadonlyMap<string, Tool>, args: Record<string, unknown>, outputSchemas = true): ToolRun {
  const names = args.tool_names;
  if (!Array.isArray(names) || names.length < 1 || names.length > maxSchemaNames || !names.every((name) => typeof name === 'string')) {
    return toolError(`Invalid arguments for get_tool_schema:\n- tool_names: must be a list of 1 to ${maxSchemaNames} tool names (strings) from search_tools.`);
  }
  const tools: McpTool[] = [];
  const unknown: { name: string; did_you_mean: string[] }[] = [];
  for (const name of new Set(names as string[])) {
    const tool = byName.get(name);
    if (tool) tools.push(describeTool(tool, { outputSchema: outputSchemas }));
    else unknown.push({ name: shownName(name), did_you_mean: suggestNames(name, [...byName.keys()]) });
  }
  const structured = { tools, unknown };
  const unknownText = unknown.map((entry) => `Unknown tool: ${shownName(entry.name)}.${entry.did_you_mean.length ? ` Did you mean: ${entry.did_you_mean.join(', ')}?` : ' Use search_tools to find the right name.'}`);
  if (tools.length === 0) return { result: { content: [{ type: 'text', text: unknownText.join('\n') }], isError: true }, isError: true, upstreamStatus: null };
  const content: { type: 'text'; text: string }[] = [{ type: 'text', text: JSON.stringify(tools) }];
  if (unknownText.length) content.push({ type: 'text', text: unknownText.join('\n') });
  return { result: { content, structuredContent: structured }, isError: false, upstreamStatus: null };
}

/** The message for a call_tool naming a tool this server does not have. */
export function unknownToolText(name: string, byName: ReadonlyMap<string, Tool>): string {
  const suggestions = suggestNames(name, [...byName.keys()]);
  return `Unknown tool: ${shownName(name)}.${suggestions.length ? ` Did you mean: ${suggestions.join(', ')}?` : ''} Use search_tools to find tool names.`;
}

// --- ranking ----------------------------------------------------------------------------------------------------

/** Words for actions, in any domain; an integration's definition adds its own (search_synonyms: applicant → candidate). */
const verbSynonyms: Record<string, string[]> = {
  find: ['list', 'get'], search: ['list'], show: ['list', 'get'], fetch: ['list', 'get'], read: ['list', 'get'], all: ['list'],
  add: ['create'], new: ['create'], make: ['create'], post: ['create'], write: ['create', 'update'],
  edit: ['update'], change: ['update'], modify: ['update'], set: ['update'], patch: ['update'],
  remove: ['delete'], destroy: ['delete'], del: ['delete'],
};

function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

function words(text: string): string[] {
  return text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).map(stem);
}

interface Indexed {
  tool: Tool;
  name: Set<string>;
  tags: Set<string>;
  title: Set<string>;
  description: Set<string>;
}

const indexCache = new WeakMap<Tool[], Indexed[]>();

function indexed(tools: Tool[]): Indexed[] {
  let index = indexCache.get(tools);
  if (!index) {
    index = tools.map((tool) => ({
      tool,
      name: new Set(words(tool.name)),
      tags: new Set(tool.tags.flatMap(words)),
      title: new Set(words(tool.title)),
      description: new Set(words(tool.description)),
    }));
    indexCache.set(tools, index);
  }
  return index;
}

/** Tools scored by how many query words (or their synonyms) appear in name > tags/title > description. */
export function rankTools(tools: Tool[], query: string, domainSynonyms: Record<string, string[]> = {}): Tool[] {
  const queryWords = [...new Set(words(query))];
  const synonymsOf = (word: string) => [...verbSynonyms[word] ?? [], ...domainSynonyms[word] ?? []].map(stem);
  const scored: { tool: Tool; score: number; order: number }[] = [];
  indexed(tools).forEach((entry, order) => {
    let score = 0;
    let matched = 0;
    for (const word of queryWords) {
      const best = Math.max(...[word, ...synonymsOf(word)].map((candidate, index) => {
        const weight = index === 0 ? 1 : 0.5;
        if (entry.name.has(candidate)) return 3 * weight;
        if (entry.tags.has(candidate) || entry.title.has(candidate)) return 2 * weight;
        if (entry.description.has(candidate)) return 1 * weight;
        if (candidate.length >= 3 && [...entry.name].some((part) => part.startsWith(candidate))) return 1 * weight;
        return 0;
      }));
      if (best > 0) matched++;
      score += best;
    }
    if (score > 0) scored.push({ tool: entry.tool, score: score + (matched === queryWords.length ? 2 : 0), order });
  });
  return scored.sort((a, b) => b.score - a.score || a.order - b.order).map((entry) => entry.tool);
}

/**
 * The first sentence of a tool's description, plus any sentence that warns in capitals ("CONFIDENTIAL jobs are left
 * out unless…"): a summary that dropped the warning would mislead the agent that picks from it.
 */
function oneLine(description: string): string {
  const paragraph = description.split('\n\n')[0]!.replace(/\s+/g, ' ').trim();
  const sentences = paragraph.match(/.+?[.!?](?=\s|$)|.+$/g) ?? [paragraph];
  const line = [sentences[0]!, ...sentences.slice(1).filter((sentence) => /\b[A-Z]{6,}\b/.test(sentence))].map((sentence) => sentence.trim()).join(' ');
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

/** A name as messages show it: an over-long one is cut (it is unknown anyway). */
export function shownName(name: string): string {
  return name.length > 80 ? `${name.slice(0, 80)}…` : name;
}

// --- did you mean -----------------------------------------------------------------------------------------------

/** Up to three known names close to `name` by edit distance or shared words. */
export function suggestNames(name: string, known: string[]): string[] {
  if (name.length > maxComparableNameLength) return [];
  const wanted = name.toLowerCase();
  // Words most names share (the integration's name, "by", "id") say nothing about which tool was meant.
  const frequency = new Map<string, number>();
  for (const candidate of known) for (const word of new Set(words(candidate))) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  const telling = (word: string) => !genericWords.has(word) && (frequency.get(word) ?? 0) <= Math.max(1, known.length / 2);
  const wantedWords = new Set(words(wanted).filter(telling));
  const verb = wanted.split('_')[0];
  const candidates: { name: string; distance: number; shared: number; sameVerb: number }[] = [];
  for (const candidate of known) {
    const distance = editDistance(wanted, candidate.toLowerCase());
    const shared = words(candidate).filter((word) => wantedWords.has(word)).length;
    const close = distance <= Math.max(2, Math.floor(Math.max(wanted.length, candidate.length) * 0.35));
    const sameVerb = candidate.toLowerCase().split('_')[0] === verb ? 1 : 0;
    if (close || shared > 0) candidates.push({ name: candidate, distance, shared, sameVerb });
  }
  return candidates
    .sort((a, b) => b.shared - a.shared || b.sameVerb - a.sameVerb || a.distance - b.distance)
    .slice(0, 3).map((candidate) => candidate.name);
}

const genericWords = new Set(['a', 'all', 'single', 'by', 'id', 'list', 'get', 'create', 'update', 'delete']);

export function argumentsObject(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return {};
  return isObject(value) ? value : undefined;
}
