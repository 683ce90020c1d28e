// The CI version of `npm run bench:load` (bench/fault-load.ts): 20 seconds of 32 concurrent tool calls through MCP
// and the Proxy API, with upstream 429s, 5xx, resets, stalls, bad bodies and redirects mixed in. Every answer must be
// the one its upstream behaviour calls for, and the server's live heap must stay flat.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeReport, memoryIsFlat, runFaultLoad } from '../../bench/fault-load.ts';

test('a sustained mix of calls with upstream 429s and faults: no unexpected answer, flat memory', { timeout: 120_000 }, async (t) => {
  const report = await runFaultLoad({ seconds: 20, concurrency: 32, sampleEveryMs: 2000 });
  t.diagnostic(describeReport(report).replace(/\n/g, ' | '));
  assert.ok(report.calls > 1000, `enough calls ran (${report.calls})`);
  for (const name of ['mcp ratelimited', 'proxy ratelimited', 'mcp reset', 'mcp stall', 'mcp huge']) assert.ok((report.mix[name] ?? 0) > 0, `${name} was part of the mix`);
  assert.deepEqual(report.unexpectedExamples, []);
  assert.equal(report.unexpected, 0);
  assert.ok(memoryIsFlat(report), `live heap grew ${(report.heapGrowthBytes / 2 ** 20).toFixed(1)} MiB, trend ${(report.heapSlopeBytesPerMinute / 2 ** 20).toFixed(1)} MiB/min`);
});
