// Issue 11, point 4, at the writer: room is reserved before a request runs and no queued entry is ever dropped; a
// failing store keeps the entries and retries (logged); only entries the database refuses as such are given up.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { createLogger } from '../../src/logger.ts';
import { McpLogWriter } from '../../src/services/mcp-log-writer.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import type { McpLogEntry, Store } from '../../src/store/types.ts';
import { captureLogs } from '../api/harness.ts';
import { tempDir } from '../store/temp-dir.ts';

async function openStore(t: TestContext): Promise<{ store: SqliteStore; tenantId: string }> {
  const store = SqliteStore.open(tempDir(t));
  t.after(() => store.close());
  await store.migrate();
  return { store, tenantId: (await store.createTenant('Acme')).id };
}

const entry = (tenantId: string, n: number, overrides: Partial<McpLogEntry> = {}): McpLogEntry => ({
  tenant_id: tenantId, mcp_server_id: 'srv', integrated_account_id: 'acct', time: new Date(Date.UTC(2030, 0, 1, 0, 0, n)).toISOString(),
  rpc_method: 'tools/call', tool_name: `tool_${n}`, upstream_status: 200, is_error: false, latency_ms: 1, client_name: null, client_version: null,
  ...overrides,
});

async function allLogs(store: Store, tenantId: string): Promise<McpLogEntry[]> {
  const entries: McpLogEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.queryLogs(tenantId, { limit: 100, cursor });
    entries.push(...page.result);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return entries;
}

function writer(t: TestContext, store: Store, capacity: number) {
  const { destination, logs } = captureLogs();
  const logWriter = new McpLogWriter({ store, logger: createLogger({ level: 'info', destination }), capacity, flushIntervalMs: 10 });
  t.after(() => logWriter.close());
  return { logWriter, logs };
}

test('room is reserved up to the capacity; reserved entries are all written, none dropped', async (t) => {
  const { store, tenantId } = await openStore(t);
  const { logWriter } = writer(t, store, 100);
  assert.equal(logWriter.reserve(60), true);
  assert.equal(logWriter.reserve(41), false, 'past the capacity: refused');
  assert.equal(logWriter.reserve(40), true);
  assert.equal(logWriter.reserve(1), false);
  for (let n = 0; n < 100; n++) logWriter.log(entry(tenantId, n));
  assert.equal(logWriter.reserve(1), false, 'queued entries hold their room until written');
  await logWriter.flush();
  assert.equal((await allLogs(store, tenantId)).length, 100);
  assert.equal(logWriter.reserve(100), true, 'written entries free their room');
});

test('a failing store loses nothing: entries stay queued, each failure is logged, the next attempt writes them', async (t) => {
  const { store, tenantId } = await openStore(t);
  const append = store.appendLogs.bind(store);
  let failuresLeft = 3;
  store.appendLogs = async (entries) => {
    if (failuresLeft-- > 0) throw new Error('database is locked');
    return append(entries);
  };
  const { logWriter, logs } = writer(t, store, 100);
  assert.ok(logWriter.reserve(10));
  for (let n = 0; n < 10; n++) logWriter.log(entry(tenantId, n));
  for (let attempt = 0; attempt < 3; attempt++) {
    await logWriter.flush();
    assert.equal(logWriter.pending, 10, `after failure ${attempt + 1}, the entries are still queued`);
  }
  assert.ok(logWriter.retryAfterSeconds() >= 1);
  await logWriter.flush();
  assert.equal(logWriter.pending, 0);
  assert.deepEqual((await allLogs(store, tenantId)).map((row) => row.tool_name).sort(), Array.from({ length: 10 }, (_, n) => `tool_${n}`).sort());
  const failures = logs.text().split('\n').filter((line) => line.includes('writing MCP request log entries failed'));
  assert.equal(failures.length, 3, 'every failure was logged');
  assert.match(logs.text(), /MCP request log writes succeed again/);
});

test('entries the database refuses (their tenant is gone) are given up one by one, logged; the rest of the batch is written', async (t) => {
  const { store, tenantId } = await openStore(t);
  const { logWriter, logs } = writer(t, store, 100);
  assert.ok(logWriter.reserve(5));
  for (let n = 0; n < 5; n++) logWriter.log(entry(n === 2 ? 'deleted-tenant' : tenantId, n));
  await logWriter.flush();
  assert.equal(logWriter.pending, 0);
  assert.deepEqual((await allLogs(store, tenantId)).map((row) => row.tool_name).sort(), ['tool_0', 'tool_1', 'tool_3', 'tool_4']);
  assert.match(logs.text(), /"refused":1.*the database refused MCP request log entries/);
});

test('closing while the store is down says how many entries were lost, instead of losing them silently', async (t) => {
  const { store, tenantId } = await openStore(t);
  store.appendLogs = async () => {
    throw new Error('disk I/O error');
  };
  const { destination, logs } = captureLogs();
  const logWriter = new McpLogWriter({ store, logger: createLogger({ level: 'info', destination }), capacity: 10, flushIntervalMs: 5 });
  assert.ok(logWriter.reserve(2));
  logWriter.log(entry(tenantId, 1));
  logWriter.log(entry(tenantId, 2));
  await logWriter.close();
  assert.match(logs.text(), /"lost":2.*could not be written before shutdown/);
});

test('stored text is bounded and well-formed whatever the client sent', async (t) => {
  const { store, tenantId } = await openStore(t);
  const { logWriter } = writer(t, store, 10);
  assert.ok(logWriter.reserve(1));
  logWriter.log(entry(tenantId, 1, { tool_name: `x${'y'.repeat(900_000)}`, rpc_method: 'z'.repeat(500), client_name: '\ud800bad\u0000name', client_version: 'v'.repeat(300) }));
  await logWriter.flush();
  const [row] = await allLogs(store, tenantId);
  assert.equal(row!.tool_name!.length, 128);
  assert.equal(row!.rpc_method.length, 64);
  assert.equal(row!.client_name, '\uFFFDbad\uFFFDname');
  assert.equal(row!.client_version!.length, 100);
});

test('a full batch is written at once, not at the next tick of the timer, so a busy node never waits a tick for room', async (t) => {
  const { store, tenantId } = await openStore(t);
  const logWriter = new McpLogWriter({ store, logger: createLogger({ level: 'error' }), capacity: 5_000, flushIntervalMs: 3_600_000 });
  t.after(() => logWriter.close());
  let writes = 0;
  const append = store.appendLogs.bind(store);
  store.appendLogs = async (entries) => {
    writes++;
    return append(entries);
  };
  assert.ok(logWriter.reserve(2_500));
  for (let n = 0; n < 1_999; n++) logWriter.log(entry(tenantId, n));
  assert.equal(writes, 0, 'less than a batch waits for the timer');
  logWriter.log(entry(tenantId, 1_999));
  assert.equal(writes, 1, 'a full batch is written at once');
  await logWriter.flush();
  assert.equal(logWriter.pending, 0);
  assert.ok(logWriter.reserve(4_500), 'its room is free again without the timer');
});
