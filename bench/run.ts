// `npm run bench`: the gateway overhead benchmark of issue 6, in one go on this machine.
//
// Processes: this orchestrator (idle while load runs: it only samples RSS), the load generator (autocannon),
// the Polymer sandbox (the upstream every contender calls), and one process per contender:
//   direct       the sandbox endpoint itself (the physical limit)
//   floor        a minimal hand-written JSON-RPC-over-HTTP proxy on undici
//   sdk          the official MCP SDK, stateless pattern (new server + transport per request)
//   switchboard  the product through a real MCP URL, on SQLite and on PostgreSQL + Redis when that backend exists
// Every contender answers the same tools/call (get one Polymer job application by id) for the same upstream URL.
//
// Settings (environment): BENCH_SMOKE=1 tiny run for CI; BENCH_DURATION seconds per measured run (5);
// BENCH_ROUNDS interleaved rounds per contender, median kept (5); BENCH_SOAK_CALLS (1,000,000);
// BENCH_PROFILE=0 skips the profiling phase; BENCH_OUT_DIR where RESULTS.md/.json go (bench/, or a temp dir for smoke).
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem, type as osType } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { availability, createBenchDatabase, dropRedisKeys, sharedStoreEnv, type Availability, type Backend } from './lib/backends.ts';
import { generatedName, writeIntegrations } from './lib/definitions.ts';
import { analyzeProfile, type ProfileSummary } from './lib/profile.ts';
import { cpuSecondsOf, rssOf, spawnChild, type Child, type Message } from './lib/proc.ts';
import { ratios, renderMarkdown, targets } from './lib/report.ts';
import type { LoadJob, LoadResult } from './load.ts';
import type { LookupStep } from './lookup.ts';
import { runHostile, type HostileRow } from './hostile.ts';
import { measureToolsLists, type ToolsListRow } from './tools-list-size.ts';

const env = process.env;
const smoke = env.BENCH_SMOKE === '1';
const benchDir = fileURLToPath(new URL('.', import.meta.url));
const outDir = env.BENCH_OUT_DIR ?? (smoke ? join(tmpdir(), 'switchboard-bench-smoke') : benchDir);
const number = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback);
/** BENCH_CONTENDERS=direct,floor,sdk,sqlite,postgres picks some (for working on the bench); all by default. */
const picked = env.BENCH_CONTENDERS?.split(',').map((name) => name.trim());
const wanted = (name: string) => !picked || picked.includes(name);

const settings = {
  smoke,
  /** Per measured run: seconds (full) or responses (smoke). */
  seconds: number('BENCH_DURATION', 5),
  smokeAmount: 200,
  rounds: number('BENCH_ROUNDS', smoke ? 1 : 5),
  warmupSeconds: smoke ? 0 : 3,
  lookupSizes: smoke ? [1, 100] : [1, 1_000, 10_000, 100_000],
  lookups: smoke ? 200 : 20_000,
  storeServers: smoke ? 300 : 100_000,
  soakCalls: number('BENCH_SOAK_CALLS', smoke ? 2_000 : 1_000_000),
  soakWarmupCalls: smoke ? 500 : 50_000,
  /** Seconds of soak load before RSS counts: the heap regrows from the idle pause between warm-up and soak. */
  soakRampSeconds: smoke ? 0 : 5,
  rssSampleMs: smoke ? 100 : 1000,
  profile: !smoke && env.BENCH_PROFILE !== '0',
  profileSeconds: 10,
  toolCounts: [20, 1000],
  /**
   * Every call goes to one account over up to 32 connections; Switchboard's default cap of 8 upstream calls per account
   * would hold the other 24 in its queue and measure the cap, not the gateway (the floor and the SDK have none).
   * BENCH_ACCOUNT_CONCURRENCY=8 measures with the default.
   */
  accountConcurrency: number('BENCH_ACCOUNT_CONCURRENCY', 32),
};

const mcpHeaders = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  'mcp-protocol-version': '2025-11-25',
};
const mcpErrors = ['"isError":true', '"error":{'];

export interface ContenderResult {
  name: string;
  kind: 'direct' | 'floor' | 'sdk' | 'switchboard';
  available: boolean;
  reason?: string;
  c1?: LoadResult;
  c32?: LoadResult;
  rounds?: { c1: LoadResult; c32: LoadResult; cpu32: CpuPerCall }[];
  /** CPU time per call of each process during the 32-connection run shown (median round). */
  cpu32?: CpuPerCall;
  rssIdleBytes?: number;
  rssAfterLoadBytes?: number;
  responseBytes?: number;
}

/** Microseconds of CPU (user + system) per call, per process; the machine has few cores, so these add up. */
export interface CpuPerCall { contender: number | null; sandbox: number; load: number }

export interface ToolsListResult { contender: string; tools: number; responseBytes: number; result: LoadResult }
export interface SoakResult {
  contender: string;
  calls: number;
  seconds: number;
  perSecond: number;
  errors: number;
  warmupCalls: number;
  baselineBytes: number;
  minBytes: number;
  maxBytes: number;
  lastBytes: number;
  samples: { atSeconds: number; rssBytes: number }[];
}
export interface StoreSizeResult { contender: string; servers: number; hot: LoadResult; cold: LoadResult; distinctTokens: number }

export interface BenchResults {
  version: 1;
  date: string;
  smoke: boolean;
  machine: { cpu: string; cores: number; memoryGiB: number; os: string; node: string };
  settings: typeof settings;
  call: { tool: string; upstreamPath: string; recordId: string };
  contenders: ContenderResult[];
  toolsList: ToolsListResult[];
  lookup: { backend: string; available: boolean; reason?: string; steps: LookupStep[] }[];
  storeSize: StoreSizeResult[];
  soak: SoakResult[];
  profile?: ProfileSummary & { svg: string; folded: string };
  /** What tools/list of each shipped integration costs an agent's context. */
  toolsListSizes: ToolsListRow[];
  /** The longest event-loop delay per family of hostile input. */
  hostile: HostileRow[];
  durationSeconds: number;
}

const started = performance.now();
const say = (text: string) => console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)}s] ${text}`);

interface Target {
  name: string;
  kind: ContenderResult['kind'];
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  child?: Child;
  backend?: Backend;
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'switchboard-bench-'));
  const integrationsDir = join(work, 'integrations');
  writeIntegrations(integrationsDir, settings.toolCounts);
  const children: Child[] = [];
  const start = async <Ready extends Message>(...args: Parameters<typeof spawnChild>) => {
    const child = await spawnChild<Ready>(...args);
    children.push(child);
    return child;
  };
  try {
    const results = await runAll(work, integrationsDir, start);
    mkdirSync(outDir, { recursive: true });
    if (results.profile) {
      writeFileSync(join(outDir, 'profile-switchboard.svg'), results.profile.svg);
      writeFileSync(join(outDir, 'profile-switchboard.folded'), results.profile.folded);
    }
    const { svg: _svg, folded: _folded, ...profileSummary } = results.profile ?? { svg: '', folded: '' };
    const json = { ...results, ratios: ratios(results), targets: targets(results), profile: results.profile ? profileSummary : undefined };
    writeFileSync(join(outDir, 'RESULTS.json'), JSON.stringify(json, null, 2) + '\n');
    writeFileSync(join(outDir, 'RESULTS.md'), renderMarkdown(results));
    say(`wrote ${join(outDir, 'RESULTS.md')} and RESULTS.json`);
  } finally {
    await Promise.allSettled(children.map((child) => child.stop()));
    for (const created of databases) await created.drop().catch((error: Error) => console.error(`could not drop a bench database: ${error.message}`));
    if (redisUsed) await dropRedisKeys().catch((error: Error) => console.error(`could not delete the bench's Redis keys: ${error.message}`));
    rmSync(work, { recursive: true, force: true });
  }
}

/** PostgreSQL databases created for this run, dropped at its end; and whether Redis keys were made. */
const databases: { drop(): Promise<void> }[] = [];
let redisUsed = false;
async function database(label: string): Promise<{ url: string }> {
  const created = await createBenchDatabase(label);
  databases.push(created);
  return created;
}

async function runAll(work: string, integrationsDir: string, start: <R extends Message>(...args: Parameters<typeof spawnChild>) => Promise<Child<R>>): Promise<BenchResults> {
  say(`${smoke ? 'smoke run' : 'full run'}: ${settings.rounds} round(s), ${smoke ? `${settings.smokeAmount} calls` : `${settings.seconds} s`} per measurement, soak ${settings.soakCalls} calls`);
  // First, on a quiet machine: later phases leave the databases busy (a million logged calls to vacuum and
  // checkpoint), and on two cores that shows up as event-loop delay that is not Switchboard's.
  say('hostile input: the longest event-loop delay per family');
  const hostile = await runHostile({ smoke, log: say });
  const load = await start('load generator', 'load.ts');
  const runLoad = async (job: LoadJob): Promise<LoadResult> => (await load.ask<{ type: 'result'; result: LoadResult }>({ type: 'run', job }, 'result')).result;

  const sandbox = await start<{ type: 'ready'; url: string; apiKey: string; recordId: string }>('sandbox', 'servers/sandbox.ts');
  const { url: upstream, apiKey, recordId } = sandbox.ready;
  const { loadIntegration } = await import('../src/tools/catalog.ts');
  const polymer = await loadIntegration(join(integrationsDir, 'polymer', 'definition.yaml'));
  const tool = polymer.tools.find((candidate) => candidate.resource === 'job_applications' && candidate.method === 'get');
  if (!tool) throw new Error('the Polymer definition has no job_applications get tool');
  const toolPath = tool.definition.method.path;
  const callBody = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: tool.name, arguments: { id: recordId } } });
  say(`sandbox at ${upstream}; the call: ${tool.name} {id: ${recordId}} → GET ${toolPath}`);

  const proxyEnv = { BENCH_UPSTREAM_URL: upstream, BENCH_API_KEY: apiKey, BENCH_TOOL_NAME: tool.name, BENCH_TOOL_PATH: toolPath };
  const targets: Target[] = [{
    name: 'direct', kind: 'direct', url: `${upstream}${toolPath.replace('{id}', encodeURIComponent(recordId))}`, method: 'GET',
    headers: { authorization: `Bearer ${apiKey}`, accept: 'application/json' },
  }];
  const contenders: ContenderResult[] = [];
  for (const [name, script] of [['floor', 'servers/floor.ts'], ['sdk', 'servers/sdk.ts']] as const) {
    if (!wanted(name)) continue;
    const child = await start<{ type: 'ready'; url: string }>(name, script, { env: proxyEnv });
    targets.push({ name, kind: name, url: child.ready.url, method: 'POST', headers: mcpHeaders, body: callBody, child });
  }

  interface SwitchboardReady extends Message {
    url: string;
    polymer: { url: string; token: string };
    generated: Record<string, { url: string; token: string }>;
  }
  const switchboards = new Map<string, Child<SwitchboardReady>>();
  const startSwitchboard = async (backend: Backend, execArgv: string[] = [], label: string = backend) => {
    const productEnv = {
      SWITCHBOARD_ACCOUNT_CONCURRENCY: String(settings.accountConcurrency),
      ...(backend === 'postgres' ? sharedStoreEnv((await database(label)).url, usesRedis) : {}),
    };
    const dataDir = join(work, `data-${label}`);
    mkdirSync(dataDir, { recursive: true });
    const logFd = openSync(join(work, `switchboard-${label}.log`), 'a');
    try {
      return await start<SwitchboardReady>(`switchboard (${label})`, 'servers/switchboard.ts', {
        env: {
          ...proxyEnv, BENCH_DATA_DIR: dataDir, BENCH_INTEGRATIONS_DIR: integrationsDir, BENCH_BACKEND: backend, BENCH_PRODUCT_ENV: JSON.stringify(productEnv),
          BENCH_TOOL_COUNTS: settings.toolCounts.join(','),
        },
        execArgv,
        stdout: logFd,
        timeoutMs: 120_000,
      });
    } finally {
      closeSync(logFd);
    }
  };
  const allBackends: { backend: Backend; name: string; availability: Availability }[] = [];
  let usesRedis = false;
  for (const backend of ['sqlite', 'postgres'] as const) {
    const found = await availability(backend);
    allBackends.push({ backend, name: found.name, availability: found });
    if (backend === 'postgres' && found.available && found.redis && wanted(backend)) usesRedis = true;
  }
  redisUsed = usesRedis;
  const backends = allBackends.filter((entry) => wanted(entry.backend));
  for (const { backend, name, availability: found } of backends) {
    if (!found.available) {
      say(`${name}: not available (${found.reason})`);
      contenders.push({ name, kind: 'switchboard', available: false, reason: found.reason! });
      continue;
    }
    const child = await startSwitchboard(backend);
    switchboards.set(name, child);
    targets.push({ name, kind: 'switchboard', url: child.ready.polymer.url, method: 'POST', headers: mcpHeaders, body: callBody, child, backend });
  }

  // Preflight: every contender must answer the call with the record (a wrong answer measured fast is no result).
  const measured = new Map<string, ContenderResult>();
  for (const target of targets) {
    const response = await fetch(target.url, { method: target.method, headers: target.headers, ...(target.body ? { body: target.body } : {}) });
    const text = await response.text();
    if (response.status !== 200 || !text.includes(recordId) || mcpErrors.some((error) => text.includes(error))) {
      throw new Error(`${target.name} answered the benchmark call wrongly (HTTP ${response.status}): ${text.slice(0, 500)}`);
    }
    const result: ContenderResult = { name: target.name, kind: target.kind, available: true, responseBytes: Buffer.byteLength(text), rounds: [] };
    if (target.child) result.rssIdleBytes = rssOf(target.child.pid)!;
    measured.set(target.name, result);
  }
  say(`preflight passed: ${targets.map((target) => target.name).join(', ')}`);

  const job = (target: Target, connections: number, extra: Partial<LoadJob> = {}): LoadJob => ({
    url: target.url, method: target.method, headers: target.headers, ...(target.body ? { body: target.body } : {}),
    connections, expect: recordId, ...(target.kind === 'direct' ? {} : { reject: mcpErrors }),
    ...(smoke ? { amount: settings.smokeAmount } : { duration: settings.seconds }),
    ...extra,
  });
  const checked = (name: string, result: LoadResult) => {
    const failed = result.errors + result.timeouts + result.non2xx + result.mismatches;
    if (failed > 0) throw new Error(`${name}: ${failed} failed responses (errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}, wrong body ${result.mismatches})`);
    return result;
  };

  if (settings.warmupSeconds > 0) {
    for (const target of targets) checked(`${target.name} warm-up`, await runLoad(job(target, 32, { duration: settings.warmupSeconds, latencies: false })));
    say('warmed up');
  }
  const cpuNow = (target: Target) => ({
    contender: target.child ? cpuSecondsOf(target.child.pid) ?? NaN : 0, sandbox: cpuSecondsOf(sandbox.pid) ?? NaN, load: cpuSecondsOf(load.pid) ?? NaN,
  });
  for (let round = 0; round < settings.rounds; round++) {
    for (const target of targets) {
      const c1 = checked(`${target.name} c1`, await runLoad(job(target, 1)));
      const before = cpuNow(target);
      const c32 = checked(`${target.name} c32`, await runLoad(job(target, 32)));
      const after = cpuNow(target);
      const perCall = (key: keyof typeof before) => Math.round(1e6 * (after[key] - before[key]) / c32.requests);
      const cpu32: CpuPerCall = { contender: target.child ? perCall('contender') : null, sandbox: perCall('sandbox'), load: perCall('load') };
      measured.get(target.name)!.rounds!.push({ c1, c32, cpu32 });
      say(`round ${round + 1}: ${target.name.padEnd(32)} c1 ${fmt(c1.perSecond, 0).padStart(7)}/s p50 ${fmt(c1.latency!.p50, 3)} ms | c32 ${fmt(c32.perSecond, 0).padStart(7)}/s p50 ${fmt(c32.latency!.p50, 3)} ms p99 ${fmt(c32.latency!.p99, 3)} ms | CPU µs/call ${cpu32.contender ?? '-'} + sandbox ${cpu32.sandbox} + load ${cpu32.load}`);
    }
  }
  for (const target of targets) {
    const result = measured.get(target.name)!;
    result.c1 = medianRun(result.rounds!.map((round) => round.c1));
    result.c32 = medianRun(result.rounds!.map((round) => round.c32));
    result.cpu32 = result.rounds!.find((round) => round.c32 === result.c32)!.cpu32;
    if (target.child) result.rssAfterLoadBytes = rssOf(target.child.pid)!;
  }
  contenders.unshift(...targets.map((target) => measured.get(target.name)!));

  // tools/list of the generated 20- and 1,000-tool definitions, one connection.
  const toolsList: ToolsListResult[] = [];
  const listBody = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });
  for (const [name, child] of switchboards) {
    for (const count of settings.toolCounts) {
      const url = child.ready.generated[String(count)]!.url;
      const response = await fetch(url, { method: 'POST', headers: mcpHeaders, body: listBody });
      const text = await response.text();
      const listed = (JSON.parse(text) as { result?: { tools?: unknown[] } }).result?.tools?.length;
      if (listed !== count) throw new Error(`${name}: tools/list of ${generatedName(count)} returned ${listed} tools, expected ${count}: ${text.slice(0, 300)}`);
      const target: Target = { name, kind: 'switchboard', url, method: 'POST', headers: mcpHeaders, body: listBody };
      const result = checked(`${name} tools/list ${count}`, await runLoad(job(target, 1, { expect: `${generatedName(count)}_get_0000`, ...(smoke ? { amount: 50 } : {}) })));
      toolsList.push({ contender: name, tools: count, responseBytes: Buffer.byteLength(text), result });
      say(`${name} tools/list ${count} tools: p50 ${fmt(result.latency!.p50, 3)} ms, p99 ${fmt(result.latency!.p99, 3)} ms, ${fmt(Buffer.byteLength(text) / 1024, 0)} KiB`);
    }
  }

  // The other contenders are done; free their CPU and memory for what follows.
  for (const target of targets) if (target.kind === 'floor' || target.kind === 'sdk') await target.child!.stop();

  // Token lookup as the store grows, in a process of its own with the cache off.
  const lookup: BenchResults['lookup'] = [];
  for (const { backend, name, availability: found } of backends) {
    if (!found.available) {
      lookup.push({ backend: name, available: false, reason: found.reason!, steps: [] });
      continue;
    }
    const child = await start('lookup', 'lookup.ts');
    const productEnv = backend === 'postgres' ? sharedStoreEnv((await database('lookup')).url, usesRedis) : {};
    const { steps } = await child.ask<{ type: 'measured'; steps: LookupStep[] }>({ type: 'measure', sizes: settings.lookupSizes, lookups: settings.lookups, productEnv }, 'measured', 60 * 60_000);
    await child.stop();
    lookup.push({ backend: name, available: true, steps });
    say(`${name} token lookup (cache off): ${steps.map((step) => `${step.servers}: ${fmt(step.p50, 1)} µs${step.storeP50 !== step.p50 ? ` (store ${fmt(step.storeP50, 1)} µs)` : ''}`).join(', ')}`);
  }

  // Soak: RSS of the switchboard process across many calls after warm-up.
  const soak: SoakResult[] = [];
  for (const [name, child] of switchboards) {
    const target = targets.find((candidate) => candidate.name === name)!;
    checked(`${name} soak warm-up`, await runLoad(job(target, 32, { amount: settings.soakWarmupCalls, latencies: false })));
    const samples: SoakResult['samples'] = [];
    const soakStarted = performance.now();
    const sample = () => { const rss = rssOf(child.pid); if (rss !== undefined) samples.push({ atSeconds: (performance.now() - soakStarted) / 1000, rssBytes: rss }); };
    const timer = setInterval(sample, settings.rssSampleMs);
    let result: LoadResult;
    try {
      result = checked(`${name} soak`, await runLoad(job(target, 32, { amount: settings.soakCalls, latencies: false })));
    } finally {
      clearInterval(timer);
    }
    sample();
    const steady = samples.filter((entry) => entry.atSeconds >= settings.soakRampSeconds);
    const values = (steady.length > 0 ? steady : samples).map((entry) => entry.rssBytes);
    const firstTenth = values.slice(0, Math.max(1, Math.ceil(values.length / 10)));
    const entry: SoakResult = {
      contender: name, calls: result.requests, seconds: result.seconds, perSecond: result.perSecond, errors: result.errors + result.non2xx + result.mismatches,
      warmupCalls: settings.soakWarmupCalls, baselineBytes: median(firstTenth), minBytes: Math.min(...values), maxBytes: Math.max(...values),
      lastBytes: values.at(-1)!, samples,
    };
    soak.push(entry);
    say(`${name} soak: ${result.requests} calls in ${fmt(result.seconds, 0)} s; RSS ${mib(entry.baselineBytes)} → min ${mib(entry.minBytes)} max ${mib(entry.maxBytes)} last ${mib(entry.lastBytes)} MiB`);
  }

  // The real server with 100,000 MCP servers in its store: the hot token, and tokens met for the first time.
  const storeSize: StoreSizeResult[] = [];
  for (const [name, child] of switchboards) {
    const { tokens, total } = await child.ask<{ type: 'filled'; tokens: string[]; total: number }>({ type: 'fill', total: settings.storeServers }, 'filled', 30 * 60_000);
    const target = targets.find((candidate) => candidate.name === name)!;
    const hot = checked(`${name} hot token`, await runLoad(job(target, 1)));
    const origin = new URL(target.url).origin;
    const cold = checked(`${name} cold tokens`, await runLoad(job(target, 1, { url: origin, paths: tokens.map((token) => `/mcp/${token}`) })));
    storeSize.push({ contender: name, servers: total, hot, cold, distinctTokens: tokens.length });
    say(`${name} with ${total} servers: hot token p50 ${fmt(hot.latency!.p50, 3)} ms; a new token per call p50 ${fmt(cold.latency!.p50, 3)} ms`);
  }

  // Profile: a fresh SQLite switchboard under --cpu-prof at 32 connections.
  let profile: BenchResults['profile'];
  if (settings.profile) {
    const profileDir = join(work, 'profile');
    const child = await startSwitchboard('sqlite', ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-name=switchboard.cpuprofile'], 'profiled');
    const target: Target = { name: 'profiled', kind: 'switchboard', url: child.ready.polymer.url, method: 'POST', headers: mcpHeaders, body: callBody };
    checked('profile warm-up', await runLoad(job(target, 32, { duration: 3, latencies: false })));
    // Only the samples of the measured window count (not start-up, provisioning or warm-up).
    const fromUs = Number(process.hrtime.bigint() / 1000n);
    checked('profile', await runLoad(job(target, 32, { duration: settings.profileSeconds, latencies: false })));
    const toUs = Number(process.hrtime.bigint() / 1000n);
    await child.stop();
    const analyzed = analyzeProfile(join(profileDir, 'switchboard.cpuprofile'), { top: 25, inclusiveOf: /src\/|undici|pino|hono|ajv/, window: { fromUs, toUs } });
    profile = { ...analyzed.summary, file: 'profile-switchboard.svg', svg: analyzed.svg, folded: analyzed.folded };
    say(`profiled: busiest self time ${analyzed.summary.top.slice(0, 3).map((entry) => `${entry.function} ${entry.selfPercent}%`).join(', ')}`);
  }

  say('tools/list sizes of the shipped integrations');
  const toolsListSizes = await measureToolsLists();

  const cpu = cpus();
  return {
    version: 1,
    date: new Date().toISOString(),
    smoke,
    machine: { cpu: cpu[0]?.model ?? 'unknown', cores: cpu.length, memoryGiB: Math.round(totalmem() / 2 ** 30), os: `${osType()} ${release()}`, node: process.version },
    settings,
    call: { tool: tool.name, upstreamPath: toolPath, recordId },
    contenders,
    toolsList,
    lookup,
    storeSize,
    soak,
    ...(profile ? { profile } : {}),
    toolsListSizes,
    hostile,
    durationSeconds: Math.round((performance.now() - started) / 1000),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** The round with the median throughput, so that a result's numbers come from one run. */
function medianRun(runs: LoadResult[]): LoadResult {
  const sorted = [...runs].sort((a, b) => a.perSecond - b.perSecond);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

const fmt = (value: number, digits: number) => value.toFixed(digits);
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

await main();
