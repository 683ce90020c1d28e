// Ratios, targets and the Markdown table of a bench run (bench/RESULTS.md).
import type { LoadResult } from '../load.ts';
import type { BenchResults, ContenderResult } from '../run.ts';
import { loopDelayTargetMs, renderHostile } from '../hostile.ts';
import { readBytesPerToolTarget, renderToolsLists } from '../tools-list-size.ts';

export interface Ratios {
  contender: string;
  /** tools/call per second at 32 connections, switchboard over the other. */
  overSdk32: number;
  overFloor32: number;
  overDirect32: number;
  overSdk1: number;
  overFloor1: number;
  /** p50 at 1 connection minus direct's, in ms. */
  addedP50Ms: number;
}

export interface TargetCheck {
  target: string;
  contender: string;
  value: string;
  goal: string;
  met: boolean | null;
}

export const goals = {
  overSdk: 6,
  overFloor: 0.6,
  addedP50Ms: 0.5,
  toolsList1000P50Ms: 5,
  /** Lookup p50 at the largest store size over p50 at one server. */
  lookupGrowth: 1.25,
  rssBand: 0.1,
  soakCalls: 1_000_000,
};

type Round = NonNullable<ContenderResult['rounds']>[number];

/**
 * Rounds are interleaved, so a burst of load from elsewhere on the machine hits every contender of that round:
 * each ratio is taken within a round, and the median over rounds is kept.
 */
function within(a: ContenderResult, b: ContenderResult, pick: (round: Round) => number): number {
  const count = Math.min(a.rounds?.length ?? 0, b.rounds?.length ?? 0);
  const values = Array.from({ length: count }, (_, i) => pick(a.rounds![i]!) / pick(b.rounds![i]!)).sort((x, y) => x - y);
  return values[Math.floor((values.length - 1) / 2)]!;
}

/**
 * What direct and floor themselves reach against the SDK at 32 connections on this machine: no gateway can beat
 * direct, and none doing more than the floor can beat the floor, so these bound the "× sdk" target.
 */
export function sdkCeilings(results: BenchResults): { contender: string; overSdk32: number }[] {
  const sdk = results.contenders.find((contender) => contender.kind === 'sdk' && contender.available && contender.c32);
  if (!sdk) return [];
  return results.contenders.filter((contender) => (contender.kind === 'direct' || contender.kind === 'floor') && contender.available && contender.c32)
    .map((contender) => ({ contender: contender.name, overSdk32: within(contender, sdk, (round) => round.c32.perSecond) }));
}

export function ratios(results: BenchResults): Ratios[] {
  const find = (kind: ContenderResult['kind']) => results.contenders.find((contender) => contender.kind === kind && contender.available);
  const direct = find('direct');
  const floor = find('floor');
  const sdk = find('sdk');
  if (!direct?.c1 || !floor?.c32 || !sdk?.c32) return [];
  const p50 = (round: Round) => round.c1.latency!.p50;
  return results.contenders.filter((contender) => contender.kind === 'switchboard' && contender.available && contender.c32).map((contender) => ({
    contender: contender.name,
    overSdk32: within(contender, sdk, (round) => round.c32.perSecond),
    overFloor32: within(contender, floor, (round) => round.c32.perSecond),
    overDirect32: within(contender, direct, (round) => round.c32.perSecond),
    overSdk1: within(contender, sdk, (round) => round.c1.perSecond),
    overFloor1: within(contender, floor, (round) => round.c1.perSecond),
    addedP50Ms: medianOf(contender.rounds!.map((round, i) => p50(round) - p50(direct.rounds![i]!))),
  }));
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

export function targets(results: BenchResults): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const ratio of ratios(results)) {
    checks.push({ target: 'tools/call throughput vs sdk (32 conn)', contender: ratio.contender, value: `${ratio.overSdk32.toFixed(2)}×`, goal: `≥ ${goals.overSdk}×`, met: ratio.overSdk32 >= goals.overSdk });
    checks.push({ target: 'tools/call throughput vs floor (32 conn)', contender: ratio.contender, value: `${ratio.overFloor32.toFixed(2)}×`, goal: `≥ ${goals.overFloor}×`, met: ratio.overFloor32 >= goals.overFloor });
    checks.push({ target: 'added p50 over direct (1 conn)', contender: ratio.contender, value: `${ratio.addedP50Ms.toFixed(3)} ms`, goal: `≤ ${goals.addedP50Ms} ms`, met: ratio.addedP50Ms <= goals.addedP50Ms });
  }
  for (const ceiling of sdkCeilings(results)) {
    checks.push({
      target: 'tools/call throughput vs sdk (32 conn), the bound', contender: `${ceiling.contender} (for reference)`,
      value: `${ceiling.overSdk32.toFixed(2)}×`, goal: `≥ ${goals.overSdk}×`, met: ceiling.overSdk32 >= goals.overSdk,
    });
  }
  for (const list of results.toolsList.filter((entry) => entry.tools === 1000)) {
    const p50 = list.result.latency!.p50;
    checks.push({ target: 'tools/list, 1,000-tool definition, p50', contender: list.contender, value: `${p50.toFixed(3)} ms`, goal: `≤ ${goals.toolsList1000P50Ms} ms`, met: p50 <= goals.toolsList1000P50Ms });
  }
  for (const lookup of results.lookup.filter((entry) => entry.available && entry.steps.length > 1)) {
    const first = lookup.steps[0]!;
    const last = lookup.steps.at(-1)!;
    const growth = last.p50 / first.p50;
    checks.push({
      target: `token lookup flat, ${first.servers} → ${last.servers.toLocaleString('en')} servers`, contender: lookup.backend,
      value: `${first.p50.toFixed(1)} → ${last.p50.toFixed(1)} µs p50 (${growth.toFixed(2)}×)`, goal: `≤ ${goals.lookupGrowth}×`, met: growth <= goals.lookupGrowth,
    });
  }
  for (const soak of results.soak) {
    const up = soak.maxBytes / soak.baselineBytes - 1;
    const down = soak.minBytes / soak.baselineBytes - 1;
    const full = soak.calls >= goals.soakCalls;
    checks.push({
      target: `RSS flat across a ${soak.calls.toLocaleString('en')}-call soak`, contender: soak.contender,
      value: `${pct(down)} / ${pct(up)} around ${mib(soak.baselineBytes)} MiB`, goal: `± ${goals.rssBand * 100}%${full ? '' : ` (over ${goals.soakCalls.toLocaleString('en')} calls; this soak was shorter)`}`,
      met: Math.abs(up) <= goals.rssBand && Math.abs(down) <= goals.rssBand && full ? true : Math.abs(up) <= goals.rssBand && Math.abs(down) <= goals.rssBand ? null : false,
    });
  }
  for (const row of results.toolsListSizes.filter((entry) => entry.integration === 'pinpoint' && entry.server === 'all tools')) {
    const perTool = row.readBytes / row.tools;
    checks.push({ target: 'tools/list read by the model, bytes per tool', contender: `${row.integration}, every tool`, value: `${Math.round(perTool)} B`, goal: `≤ ${readBytesPerToolTarget} B`, met: perTool <= readBytesPerToolTarget });
  }
  for (const row of results.hostile) {
    checks.push({ target: `event-loop delay: ${row.family}`, contender: 'switchboard (sqlite)', value: `${row.maxLoopDelayMs.toFixed(1)} ms`, goal: `≤ ${loopDelayTargetMs} ms`, met: row.maxLoopDelayMs <= loopDelayTargetMs });
  }
  for (const contender of results.contenders.filter((entry) => !entry.available)) {
    checks.push({ target: 'all targets', contender: contender.name, value: 'not available', goal: '', met: null });
  }
  return checks;
}

const pct = (fraction: number) => `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)}%`;
const mib = (bytes: number | undefined) => (bytes === undefined ? '—' : (bytes / 2 ** 20).toFixed(1));
const ms = (value: number | undefined) => (value === undefined ? '—' : value.toFixed(3));
const perSecond = (result: LoadResult | undefined) => (result ? Math.round(result.perSecond).toLocaleString('en') : '—');
const mark = (met: boolean | null) => (met === null ? '—' : met ? 'met' : '**not met**');

export function renderMarkdown(results: BenchResults): string {
  const lines: string[] = [];
  const { machine, settings } = results;
  lines.push('# Switchboard gateway benchmark', '');
  lines.push(`Written by \`npm run bench\` (bench/run.ts)${results.smoke ? ' in **smoke mode** (tiny runs, numbers mean nothing)' : ''}. ` +
    'Absolute times drift from run to run; compare the ratios, which come from one run on one machine.', '');
  lines.push(`- Date: ${results.date}`);
  lines.push(`- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}`);
  lines.push(`- Call: \`tools/call ${results.call.tool} {id: "${results.call.recordId}"}\` → upstream \`GET ${results.call.upstreamPath}\` on the Polymer sandbox (own process, rate limit off)`);
  lines.push(`- Load: autocannon in its own process, ${settings.smoke ? `${settings.smokeAmount} calls` : `${settings.seconds} s`} per run, ` +
    `${settings.rounds} interleaved round(s) per contender (the median-throughput round is shown), after a ${settings.warmupSeconds} s warm-up at 32 connections`);
  lines.push(`- Switchboard: SWITCHBOARD_ACCOUNT_CONCURRENCY=${settings.accountConcurrency}, as many upstream calls in flight for the one bench account as there are connections (the default, 8, would measure its queue)`);
  lines.push(`- Whole run: ${results.durationSeconds} s`, '');

  lines.push('## Targets', '', '| target | contender | value | goal | |', '| --- | --- | --- | --- | --- |');
  for (const check of targets(results)) lines.push(`| ${check.target} | ${check.contender} | ${check.value} | ${check.goal} | ${mark(check.met)} |`);
  lines.push('');

  lines.push('## tools/call', '', 'Latencies in ms, per response, measured by the load generator. CPU per call (user + system, from /proc) of each process ' +
    'during the 32-connection run: on two cores these three add up to the ceiling. RSS of the contender\'s process (direct has none of its own).', '');
  lines.push('| contender | calls/s, 1 conn | p50 | p99 | calls/s, 32 conn | p50 | p99 | CPU µs/call: contender + sandbox + load generator | RSS idle MiB | RSS after load MiB | response bytes |');
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const contender of results.contenders) {
    if (!contender.available) {
      lines.push(`| ${contender.name} | not available: ${contender.reason} | | | | | | | | | |`);
      continue;
    }
    lines.push(`| ${contender.name} | ${perSecond(contender.c1)} | ${ms(contender.c1?.latency?.p50)} | ${ms(contender.c1?.latency?.p99)} | ` +
      `${perSecond(contender.c32)} | ${ms(contender.c32?.latency?.p50)} | ${ms(contender.c32?.latency?.p99)} | ` +
      `${contender.cpu32 ? `${contender.cpu32.contender ?? '—'} + ${contender.cpu32.sandbox} + ${contender.cpu32.load}` : '—'} | ` +
      `${mib(contender.rssIdleBytes)} | ${mib(contender.rssAfterLoadBytes)} | ${contender.responseBytes ?? '—'} |`);
  }
  lines.push('');
  const ratioRows = ratios(results);
  if (ratioRows.length > 0) {
    lines.push('### Ratios', '', 'Each ratio is taken within one round (all contenders of a round ran back to back) and the median over rounds is shown; ' +
      'so is the added p50.', '', '| contender | ÷ sdk, 32 conn | ÷ floor, 32 conn | ÷ direct, 32 conn | ÷ sdk, 1 conn | ÷ floor, 1 conn | added p50 over direct, 1 conn |');
    lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const ratio of ratioRows) {
      lines.push(`| ${ratio.contender} | ${ratio.overSdk32.toFixed(2)}× | ${ratio.overFloor32.toFixed(2)}× | ${ratio.overDirect32.toFixed(2)}× | ` +
        `${ratio.overSdk1.toFixed(2)}× | ${ratio.overFloor1.toFixed(2)}× | ${ratio.addedP50Ms.toFixed(3)} ms |`);
    }
    const direct = results.contenders.find((contender) => contender.kind === 'direct');
    for (const kind of ['floor', 'sdk'] as const) {
      const other = results.contenders.find((contender) => contender.kind === kind);
      if (direct?.c1?.latency && other?.c1?.latency) lines.push('', `(${kind} adds ${(other.c1.latency.p50 - direct.c1.latency.p50).toFixed(3)} ms p50 over direct at 1 connection.)`);
    }
    for (const ceiling of sdkCeilings(results)) {
      lines.push('', `(${ceiling.contender} ÷ sdk at 32 connections: ${ceiling.overSdk32.toFixed(2)}×, the median of the rounds. ` +
        (ceiling.contender === 'direct' ? 'No proxy of any kind can show more against the SDK on this machine.)' : 'No gateway doing more than the floor can show more against the SDK on this machine.)'));
    }
    lines.push('');
  }
  const withRounds = results.contenders.filter((contender) => (contender.rounds?.length ?? 0) > 1);
  if (withRounds.length > 0) {
    lines.push('Every round, calls/s at 32 connections: ' +
      withRounds.map((contender) => `${contender.name} ${contender.rounds!.map((round) => Math.round(round.c32.perSecond)).join(' / ')}`).join('; ') + '.', '');
  }

  lines.push('## tools/list', '', 'One connection; generated definitions whose tools each have a description and typed path and query parameters.', '');
  lines.push('| contender | tools | response KiB | calls/s | p50 ms | p99 ms |', '| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const list of results.toolsList) {
    lines.push(`| ${list.contender} | ${list.tools} | ${(list.responseBytes / 1024).toFixed(1)} | ${perSecond(list.result)} | ${ms(list.result.latency?.p50)} | ${ms(list.result.latency?.p99)} |`);
  }
  lines.push('');

  lines.push('## tools/list size of the shipped integrations', '', renderToolsLists(results.toolsListSizes), '');
  lines.push('## Hostile input', '', 'Each family of hostile requests sent to a Switchboard in its own process (after a warm-up of ordinary calls), with the longest ' +
    'event-loop delay of that process while the family ran (`perf_hooks.monitorEventLoopDelay`): while one request is being handled, every other waits this long at most.', '');
  lines.push(renderHostile(results.hostile), '');

  lines.push('## Token lookup', '', 'What the MCP endpoint does for a URL token this node has not cached: `Access.resolveServer` ' +
    '(SHA-256 of the token, server and account by hash, credentials decrypted) with the node cache off, for random tokens of the whole store, ' +
    'the store opened as the product opens it; with Redis configured the shared token cache answers first (as in the product) and the ' +
    'store-only path is timed too. Microseconds per lookup, in a process of its own; at each size three timed passes over the sample, ' +
    'the pass with the median p50 shown.', '');
  lines.push('| store | servers | lookups | p50 µs | p99 µs | mean µs | store-only p50 µs | store-only p99 µs |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const lookup of results.lookup) {
    if (!lookup.available) lines.push(`| ${lookup.backend} | not available: ${lookup.reason} | | | | | | |`);
    for (const step of lookup.steps) {
      lines.push(`| ${lookup.backend} | ${step.servers.toLocaleString('en')} | ${step.lookups.toLocaleString('en')} | ${step.p50.toFixed(1)} | ${step.p99.toFixed(1)} | ${step.mean.toFixed(1)} | ` +
        `${step.storeP50.toFixed(1)} | ${step.storeP99.toFixed(1)} |`);
    }
  }
  lines.push('');
  if (results.storeSize.length > 0) {
    lines.push('End to end, tools/call at 1 connection on the running server once its store holds this many MCP servers: ' +
      'the same token every call (cached), and a different token every call (each one met for the first time, so looked up in the store).', '');
    lines.push('| contender | servers in store | same token p50 ms | new token per call p50 ms | p99 ms |', '| --- | ---: | ---: | ---: | ---: |');
    for (const entry of results.storeSize) {
      lines.push(`| ${entry.contender} | ${entry.servers.toLocaleString('en')} | ${ms(entry.hot.latency?.p50)} | ${ms(entry.cold.latency?.p50)} | ${ms(entry.cold.latency?.p99)} |`);
    }
    lines.push('');
  }

  lines.push('## Soak', '');
  if (results.soak.length === 0) lines.push('No soak ran.', '');
  else {
    lines.push(`RSS of the switchboard process sampled every ${settings.rssSampleMs / 1000} s during the soak at 32 connections, after a warm-up; the samples of the first ` +
      `${settings.soakRampSeconds} s under load are left out (the heap regrows from the idle pause between warm-up and soak; they stay in RESULTS.json); ` +
      'baseline = median of the first tenth of the rest.', '');
    lines.push('| contender | warm-up calls | soak calls | seconds | calls/s | failed | baseline MiB | min MiB | max MiB | last MiB |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const soak of results.soak) {
      lines.push(`| ${soak.contender} | ${soak.warmupCalls.toLocaleString('en')} | ${soak.calls.toLocaleString('en')} | ${soak.seconds.toFixed(0)} | ${Math.round(soak.perSecond).toLocaleString('en')} | ${soak.errors} | ` +
        `${mib(soak.baselineBytes)} | ${mib(soak.minBytes)} | ${mib(soak.maxBytes)} | ${mib(soak.lastBytes)} |`);
    }
    lines.push('');
  }

  if (results.profile) {
    const profile = results.profile;
    lines.push('## Profile', '', `\`node --cpu-prof\` of a fresh switchboard (SQLite) during ${profile.seconds} s of tools/call at 32 connections; ` +
      `busy ${profile.busyPercent}% of the samples. Flame graph: [${profile.file}](${profile.file}) (folded stacks beside it). Shares below are of the busy samples.`, '');
    lines.push('Self time by area:', '', '| area | self % |', '| --- | ---: |');
    for (const area of profile.areas.slice(0, 12)) lines.push(`| ${area.area} | ${area.selfPercent} |`);
    lines.push('', 'Hottest functions (self time):', '', '| function | where | self % |', '| --- | --- | ---: |');
    for (const entry of profile.top.slice(0, 20)) lines.push(`| \`${entry.function}\` | ${entry.location || entry.area} | ${entry.selfPercent} |`);
    lines.push('', 'Inclusive time of Switchboard and library frames:', '', '| function | where | inclusive % |', '| --- | --- | ---: |');
    for (const entry of profile.inclusive.slice(0, 20)) lines.push(`| \`${entry.function}\` | ${entry.location} | ${entry.percent} |`);
    lines.push('');
  }
  return lines.join('\n');
}

/** CLI: node bench/lib/report.ts [bench/RESULTS.json] — recomputes ratios and targets and rewrites RESULTS.md beside it. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const { readFileSync, writeFileSync } = await import('node:fs');
  const { dirname, join } = await import('node:path');
  const file = process.argv[2] ?? new URL('../RESULTS.json', import.meta.url).pathname;
  const results = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
  writeFileSync(file, JSON.stringify({ ...results, ratios: ratios(results), targets: targets(results) }, null, 2) + '\n');
  writeFileSync(join(dirname(file), 'RESULTS.md'), renderMarkdown(results));
  console.log(`rewrote ${join(dirname(file), 'RESULTS.md')}`);
}
