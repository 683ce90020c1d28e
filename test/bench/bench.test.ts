// CI smoke run of `npm run bench`: every phase runs with a few hundred calls per contender, to keep the benchmark
// working. No numbers are asserted (a shared CI machine says nothing about speed); only that the run completes and
// writes well-formed results.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const runScript = fileURLToPath(new URL('../../bench/run.ts', import.meta.url));

interface LoadResult { requests: number; perSecond: number; latency: { p50: number; p99: number } | null }

test('the bench completes in smoke mode and writes RESULTS.md and RESULTS.json', { timeout: 10 * 60_000 }, async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-test-'));
  try {
    const output: string[] = [];
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, [runScript], {
        env: { ...process.env, BENCH_SMOKE: '1', BENCH_OUT_DIR: outDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      child.once('error', reject);
      child.once('exit', resolve);
    });
    assert.equal(code, 0, `bench exited with ${code}:\n${output.join('')}`);

    const results = JSON.parse(readFileSync(join(outDir, 'RESULTS.json'), 'utf8')) as {
      smoke: boolean; date: string; machine: { cores: number; node: string };
      contenders: { name: string; kind: string; available: boolean; reason?: string; c1?: LoadResult; c32?: LoadResult }[];
      toolsList: { tools: number; result: LoadResult }[];
      lookup: { available: boolean; steps: { servers: number; p50: number }[] }[];
      storeSize: { servers: number; hot: LoadResult; cold: LoadResult }[];
      soak: { calls: number; baselineBytes: number; maxBytes: number }[];
      ratios: { contender: string; overSdk32: number; overFloor32: number; addedP50Ms: number }[];
      targets: { target: string; met: boolean | null }[];
      toolsListSizes: { integration: string; server: string; tools: number; readBytes: number; readTokens: number }[];
      hostile: { family: string; requests: number; maxLoopDelayMs: number; answers: Record<string, number> }[];
    };
    assert.equal(results.smoke, true);
    assert.ok(!Number.isNaN(Date.parse(results.date)));
    assert.ok(results.machine.cores >= 1 && results.machine.node.startsWith('v'));

    const kinds = results.contenders.map((contender) => contender.kind);
    for (const kind of ['direct', 'floor', 'sdk', 'switchboard']) assert.ok(kinds.includes(kind), `no ${kind} contender`);
    const names = results.contenders.map((contender) => contender.name);
    assert.ok(names.includes('switchboard (SQLite)'));
    assert.ok(names.some((name) => name.startsWith('switchboard (PostgreSQL')), 'the PostgreSQL contender is reported, measured or not available');
    for (const contender of results.contenders) {
      if (!contender.available) {
        assert.ok(contender.reason, `${contender.name} is unavailable without a reason`);
        continue;
      }
      for (const run of [contender.c1, contender.c32]) {
        assert.ok(run && run.requests > 0 && run.perSecond > 0 && run.latency && run.latency.p99 >= run.latency.p50, `${contender.name}: malformed load result`);
      }
    }
    assert.ok(results.ratios.length >= 1 && results.ratios.every((ratio) => Number.isFinite(ratio.overSdk32) && Number.isFinite(ratio.addedP50Ms)));
    assert.ok(results.toolsList.some((entry) => entry.tools === 1000));
    for (const integration of ['pinpoint', 'polymer']) {
      assert.ok(results.toolsListSizes.some((row) => row.integration === integration && row.tools > 0 && row.readBytes > 0 && row.readTokens > 0), `tools/list size of ${integration}`);
    }
    assert.ok(results.hostile.length >= 10 && results.hostile.every((row) => row.requests > 0 && Number.isFinite(row.maxLoopDelayMs)), 'a row per hostile family');
    assert.ok(results.hostile.every((row) => !Object.keys(row.answers).some((answer) => answer.startsWith('5') || answer.startsWith('failed'))), 'no hostile request got a 5xx or a dropped connection');
    assert.ok(results.lookup.some((entry) => entry.available && entry.steps.length >= 2));
    assert.ok(results.storeSize.length >= 1 && results.storeSize.every((entry) => entry.cold.requests > 0));
    assert.ok(results.soak.length >= 1 && results.soak.every((entry) => entry.calls > 0 && entry.maxBytes >= entry.baselineBytes));
    assert.ok(results.targets.length > 0);

    const markdown = readFileSync(join(outDir, 'RESULTS.md'), 'utf8');
    for (const heading of ['## Targets', '## tools/call', '## tools/list', '## Token lookup', '## Soak']) assert.ok(markdown.includes(heading), `RESULTS.md lacks ${heading}`);
    assert.ok(!existsSync(join(outDir, 'profile-switchboard.svg')), 'smoke mode does not profile');
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
});
