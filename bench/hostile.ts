// `npm run bench:hostile`, and a phase of `npm run bench`: families of hostile input, each sent to a Switchboard in
// its own process, with the longest its event loop was blocked while the family ran (perf_hooks
// monitorEventLoopDelay in that process). Issue 11's target is at most 50 ms per family: no request may stall the
// others. The hostile upstream (JSON:API relation webs) runs in this process.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnChild, type Child, type Message } from './lib/proc.ts';
import { writeIntegrations } from './lib/definitions.ts';

export interface HostileRow {
  family: string;
  requests: number;
  /** How the server answered: HTTP status → count, plus "tool error" for isError results. */
  answers: Record<string, number>;
  maxLoopDelayMs: number;
  p99LoopDelayMs: number;
  seconds: number;
}

export const loopDelayTargetMs = 50;

const hostileDefinition = {
  format_version: 2,
  name: 'hostile',
  label: 'Hostile',
  description: 'An upstream whose JSON:API answers are built to be expensive, for the hostile-input benchmark.',
  base_url: 'https://hostile.invalid/api',
  credentials: { api_key: { label: 'API key' } },
  auth: { kind: 'bearer', token: '{api_key}' },
  response: { kind: 'jsonapi' },
  pagination: { kind: 'page_number', page_param: 'page', size_param: 'size', default_size: 100, max_size: 1000 },
  resources: {
    teams: {
      methods: {
        list: { http_method: 'GET', path: '/teams', docs: { description: 'Teams, each related to every person, each person to every other.' } },
        get: { http_method: 'GET', path: '/teams/{id}', docs: { description: 'One team.', query_schema: { type: 'object', properties: { note: { type: 'string', description: 'Anything.' } } } } },
      },
    },
    hubs: {
      methods: {
        list: { http_method: 'GET', path: '/hubs', paginated: false, docs: { description: '5,000 records related to one person with 100,000 relations.' } },
      },
    },
    crowds: {
      methods: {
        list: { http_method: 'GET', path: '/crowds', docs: { description: 'A page that ignores its size: 90,000 records in 10.2 MB.' } },
      },
    },
    people: {
      methods: {
        list: { http_method: 'GET', path: '/people', docs: { description: 'An ordinary list: 20 people, each with a manager included.' } },
      },
    },
  },
};

/** n teams related to n people, each person related to all n. */
function relationWeb(n: number): string {
  const people = Array.from({ length: n }, (_, i) => ({ type: 'people', id: String(i) }));
  return JSON.stringify({
    data: Array.from({ length: n }, (_, i) => ({ type: 'teams', id: String(i), attributes: { name: `team ${i}` }, relationships: { members: { data: people } } })),
    included: people.map((person) => ({ ...person, attributes: { name: `person ${person.id}` }, relationships: { friends: { data: people } } })),
  });
}

function hubDocument(): string {
  const friends = Array.from({ length: 100_000 }, (_, i) => ({ type: 'people', id: String(i) }));
  return JSON.stringify({
    data: Array.from({ length: 5_000 }, (_, i) => ({ type: 'teams', id: String(i), attributes: {}, relationships: { lead: { data: { type: 'people', id: 'hub' } } } })),
    included: [{ type: 'people', id: 'hub', attributes: { name: 'hub' }, relationships: { friends: { data: friends } } }],
  });
}

/** A page of 90,000 small records, just under the 10 MiB response limit: an upstream that ignores the page size. */
function crowdDocument(): string {
  return JSON.stringify({ data: Array.from({ length: 90_000 }, (_, i) => ({ type: 'people', id: String(i), attributes: { name: `person ${i}`, email: `p${i}@example.com`, tags: ['a', 'b'] } })) });
}

/** What a live server sees all day: a small page with related records included, and single records. */
function ordinaryDocuments(): { list: string; one: string } {
  const person = (i: number) => ({ type: 'people', id: String(i), attributes: { name: `person ${i}`, email: `p${i}@example.com` }, relationships: { manager: { data: { type: 'people', id: String(1000 + (i % 3)) } } } });
  return {
    list: JSON.stringify({ data: Array.from({ length: 20 }, (_, i) => person(i)), included: [0, 1, 2].map((i) => ({ type: 'people', id: String(1000 + i), attributes: { name: `manager ${i}` } })) }),
    one: JSON.stringify({ data: { type: 'teams', id: '1', attributes: { name: 'team 1' } } }),
  };
}

async function startHostileUpstream(): Promise<{ url: string; server: Server }> {
  const web = relationWeb(100);
  const hub = hubDocument();
  const crowd = crowdDocument();
  const ordinary = ordinaryDocuments();
  const server = createServer((req, res) => {
    const path = req.url?.split('?')[0] ?? '';
    const body = path === '/api/hubs' ? hub : path === '/api/crowds' ? crowd : path === '/api/teams' ? web : path === '/api/people' ? ordinary.list : ordinary.one;
    res.writeHead(200, { 'content-type': 'application/vnd.api+json' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`, server };
}

interface Family {
  name: string;
  /** Builds the requests: each a POST body to an MCP URL (or a full URL and init for other routes). */
  requests(urls: { mcp: string; discovery: string; base: string; apiToken: string }): { url: string; init: RequestInit }[];
  concurrency?: number;
}

const mcpHeaders = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-11-25' };
const rpc = (url: string, body: unknown, headers: Record<string, string> = mcpHeaders) => ({ url, init: { method: 'POST', headers, body: JSON.stringify(body) } });
const callTool = (url: string, name: string, args: unknown, id = 1) => rpc(url, { jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } });
const times = <T>(n: number, make: (i: number) => T) => Array.from({ length: n }, (_, i) => make(i));
const huge = (unit: string, bytes: number) => unit.repeat(Math.ceil(bytes / unit.length));

/** A tools/call body whose `note` argument nests `levels` arrays deep, written as text (JSON.stringify would recurse). */
function deeplyNestedCall(url: string, levels: number) {
  const body = `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_single_hostile_team_by_id","arguments":{"id":"1","note":${'['.repeat(levels)}"x"${']'.repeat(levels)}}}}`;
  return { url, init: { method: 'POST', headers: mcpHeaders, body } };
}

export const families: Family[] = [
  { name: 'did-you-mean: an argument name of 900 KB', requests: ({ mcp }) => times(20, () => callTool(mcp, 'get_single_hostile_team_by_id', { id: '1', [huge('notes', 900_000)]: 1 })) },
  { name: 'did-you-mean: a tool name of 900 KB (tools/call)', requests: ({ mcp }) => times(20, () => callTool(mcp, huge('list_all_hostile_teams', 900_000), {})) },
  { name: 'did-you-mean: a tool name of 900 KB (discovery call_tool)', requests: ({ discovery }) => times(20, () => callTool(discovery, 'call_tool', { tool_name: huge('list_all_hostile_teams', 900_000), arguments: {} })) },
  {
    name: 'did-you-mean: 40,000 short unknown argument names (830 KB)',
    requests: ({ mcp }) => times(10, () => callTool(mcp, 'list_all_hostile_teams', Object.fromEntries(times(40_000, (i) => [`limi${i}`, 1])))),
  },
  {
    name: 'a list argument of 60,000 invalid values',
    requests: ({ mcp }) => times(10, () => callTool(mcp, 'get_single_hostile_team_by_id', { id: '1', note: times(60_000, (i) => `v${i}`) })),
  },
  { name: 'did-you-mean: five tool names of 180 KB (get_tool_schema)', requests: ({ discovery }) => times(20, () => callTool(discovery, 'get_tool_schema', { tool_names: times(5, (i) => huge(`get_single_hostile_team_by_i${i}`, 180_000)) })) },
  { name: 'JSON:API: 100 included records, each related to all 100', requests: ({ mcp }) => times(10, () => callTool(mcp, 'list_all_hostile_teams', { limit: 100 })) },
  { name: 'JSON:API: one record with 100,000 relations, related from 5,000 records', requests: ({ mcp }) => times(10, () => callTool(mcp, 'list_all_hostile_hubs', {})) },
  { name: 'a 10.2 MB page of 90,000 records where 100 were asked for', requests: ({ mcp }) => times(10, () => callTool(mcp, 'list_all_hostile_crowds', { limit: 100 })) },
  { name: 'arguments nested 100,000 levels deep', requests: ({ mcp }) => times(20, () => deeplyNestedCall(mcp, 100_000)) },
  {
    name: 'a JSON-RPC batch of 7,000 tool calls (2025-03-26)',
    requests: ({ mcp }) => times(2, () => rpc(mcp, times(7_000, (i) => ({ jsonrpc: '2.0', id: i, method: 'tools/call', params: { name: 'get_single_hostile_team_by_id', arguments: { id: String(i) } } })), { ...mcpHeaders, 'mcp-protocol-version': '2025-03-26' })),
    concurrency: 1,
  },
  { name: 'next_cursor values of 64 KB, forged', requests: ({ mcp }) => times(40, () => callTool(mcp, 'list_all_hostile_teams', { next_cursor: `${huge('A', 64_000)}.${huge('B', 22)}` })) },
  { name: 'invented method names of 900 KB', requests: ({ mcp }) => times(40, (i) => rpc(mcp, { jsonrpc: '2.0', id: i, method: huge(`m${i}`, 900_000), params: {} })) },
  { name: '400 concurrent calls to one account', requests: ({ mcp }) => times(400, (i) => callTool(mcp, 'get_single_hostile_team_by_id', { id: String(i) })), concurrency: 400 },
];

/** In a smoke run each family sends a few requests: enough to keep the phase working, not to measure it. */
async function runFamily(family: Family, server: Child, urls: Parameters<Family['requests']>[0], smoke: boolean): Promise<HostileRow> {
  const requests = smoke ? family.requests(urls).slice(0, 3) : family.requests(urls);
  await server.ask({ type: 'loopDelayReset' }, 'loopDelayReset');
  const answers: Record<string, number> = {};
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const { url, init } = requests[next++]!;
      let key: string;
      try {
        const response = await fetch(url, init);
        const text = await response.text();
        key = String(response.status);
        if (response.status === 200 && text.includes('"isError":true')) key = '200 tool error';
        else if (response.status === 200 && /^\[?\{"jsonrpc":"2.0"(,"id":[^,]*)?,"error"/.test(text)) key = '200 JSON-RPC error';
      } catch (error) {
        key = `failed: ${(error as Error).message}`;
      }
      answers[key] = (answers[key] ?? 0) + 1;
    }
  };
  await Promise.all(times(Math.min(family.concurrency ?? 4, requests.length), worker));
  const seconds = (performance.now() - started) / 1000;
  const delay = await server.ask<Message & { maxMs: number; p99Ms: number }>({ type: 'loopDelay' }, 'loopDelay');
  return { family: family.name, requests: requests.length, answers, maxLoopDelayMs: delay.maxMs, p99LoopDelayMs: delay.p99Ms, seconds };
}

/** `only`: run just the families whose name contains it (`npm run bench:hostile -- JSON:API`). */
export async function runHostile(options: { smoke?: boolean; only?: string; log?: (line: string) => void } = {}): Promise<HostileRow[]> {
  const { smoke = false, only = '', log = () => {} } = options;
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-hostile-'));
  const upstream = await startHostileUpstream();
  let server: Child | undefined;
  try {
    const integrationsDir = join(dir, 'integrations');
    writeIntegrations(integrationsDir, []);
    mkdirSync(join(integrationsDir, 'hostile'));
    writeFileSync(join(integrationsDir, 'hostile', 'definition.yaml'), JSON.stringify(hostileDefinition, null, 1));
    server = await spawnChild('switchboard', 'servers/switchboard.ts', {
      env: {
        BENCH_UPSTREAM_URL: upstream.url, BENCH_API_KEY: 'hostile', BENCH_DATA_DIR: join(dir, 'data'), BENCH_INTEGRATIONS_DIR: integrationsDir,
        BENCH_TOOL_COUNTS: '', BENCH_SERVE: 'hostile,hostile:discovery', BENCH_LOG_LEVEL: 'warn',
      },
      execArgv: process.env.BENCH_HOSTILE_EXEC_ARGV ? process.env.BENCH_HOSTILE_EXEC_ARGV.split(' ') : [],
      stdout: process.env.BENCH_HOSTILE_EXEC_ARGV ? 'inherit' : 'ignore',
    });
    const ready = server.ready as Message & { url: string; apiToken: string; generated: Record<string, { url: string }> };
    const urls = { mcp: ready.generated.hostile!.url, discovery: ready.generated['hostile:discovery']!.url, base: ready.url, apiToken: ready.apiToken };
    // A live server runs these code paths all day; warm them with ordinary traffic first, so the families measure
    // what hostile input costs, not the first compilation of the code.
    const warmUp = { name: 'warm-up', requests: () => [...times(300, () => callTool(urls.mcp, 'list_all_hostile_people', {})), ...times(300, (i) => callTool(urls.mcp, 'get_single_hostile_team_by_id', { id: String(i) }))] };
    await runFamily(warmUp, server, urls, smoke);
    const rows: HostileRow[] = [];
    for (const family of families.filter((candidate) => candidate.name.includes(only))) {
      const row = await runFamily(family, server, urls, smoke);
      log(`  ${row.family}: max event-loop delay ${row.maxLoopDelayMs.toFixed(1)} ms (p99 ${row.p99LoopDelayMs.toFixed(1)} ms), ${row.requests} requests in ${row.seconds.toFixed(1)} s: ${JSON.stringify(row.answers)}`);
      rows.push(row);
    }
    return rows;
  } finally {
    await server?.stop();
    upstream.server.closeAllConnections();
    upstream.server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function renderHostile(rows: HostileRow[]): string {
  const lines = [
    `| hostile family | requests | answers | longest event-loop delay | p99 | target ≤ ${loopDelayTargetMs} ms |`,
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.family} | ${row.requests} | ${Object.entries(row.answers).map(([answer, count]) => `${answer}: ${count}`).join(', ')} | ` +
      `${row.maxLoopDelayMs.toFixed(1)} ms | ${row.p99LoopDelayMs.toFixed(1)} ms | ${row.maxLoopDelayMs <= loopDelayTargetMs ? 'met' : '**not met**'} |`),
  ];
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = await runHostile({ only: process.argv[2], log: (line) => console.log(line) });
  console.log(`\n${renderHostile(rows)}`);
}
