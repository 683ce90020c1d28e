// `npm run bench:tools`, and a phase of `npm run bench`: what tools/list costs an agent's context, per shipped
// integration, for a server with every tool and for a read-only one: the bytes of what a model reads (names,
// descriptions, input schemas), the bytes of the whole list as served (with titles, annotations and output schemas,
// and without output schemas: config.output_schemas false), and o200k_base tokens of each. Issue 13's target: at
// most 800 bytes per tool on average of what a model reads, for Pinpoint with every tool.
import { fileURLToPath } from 'node:url';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { toolSetFor } from '../src/mcp/tools-list.ts';
import type { McpServerConfig } from '../src/store/types.ts';
import { Catalog } from '../src/tools/catalog.ts';

export interface ToolsListRow {
  integration: string;
  server: 'all tools' | 'read-only';
  tools: number;
  /** Names, descriptions and input schemas: what a model reads to pick and call a tool. */
  readBytes: number;
  readTokens: number;
  /** tools/list as served, output schemas included. */
  listedBytes: number;
  listedTokens: number;
  /** tools/list as served with config.output_schemas false. */
  leanBytes: number;
  leanTokens: number;
}

export const readBytesPerToolTarget = 800;

const integrationsDir = fileURLToPath(new URL('../integrations/', import.meta.url));

export async function measureToolsLists(): Promise<ToolsListRow[]> {
  const catalog = await Catalog.load(integrationsDir);
  const rows: ToolsListRow[] = [];
  for (const integration of catalog.list()) {
    for (const [server, config] of [['all tools', {}], ['read-only', { methods: ['read'] }]] as [ToolsListRow['server'], McpServerConfig][]) {
      const set = toolSetFor(integration, config);
      const lean = toolSetFor(integration, { ...config, output_schemas: false });
      const read = JSON.stringify(set.listed.map(({ name, description, inputSchema }) => ({ name, description, inputSchema })));
      rows.push({
        integration: integration.definition.name,
        server,
        tools: set.tools.length,
        readBytes: Buffer.byteLength(read),
        readTokens: countTokens(read),
        listedBytes: Buffer.byteLength(set.listedJson),
        listedTokens: countTokens(set.listedJson),
        leanBytes: Buffer.byteLength(lean.listedJson),
        leanTokens: countTokens(lean.listedJson),
      });
    }
  }
  return rows;
}

export function renderToolsLists(rows: ToolsListRow[]): string {
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  return [
    `| integration | server | tools | read by the model (names, descriptions, input schemas) | per tool | tools/list as served | without output schemas |`,
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.integration} | ${row.server} | ${row.tools} | ${kib(row.readBytes)}, ${row.readTokens} tokens | ` +
      `${Math.round(row.readBytes / row.tools)} B, ${Math.round(row.readTokens / row.tools)} tokens | ${kib(row.listedBytes)}, ${row.listedTokens} tokens | ` +
      `${kib(row.leanBytes)}, ${row.leanTokens} tokens |`),
    '',
    `Tokens are o200k_base (gpt-tokenizer). Target: at most ${readBytesPerToolTarget} bytes per tool on average of what a model reads, for Pinpoint with every tool.`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(renderToolsLists(await measureToolsLists()));
