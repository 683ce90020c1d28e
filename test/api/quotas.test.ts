// Issue 11, point 8: quotas and retention. Accounts per tenant and MCP servers per account are capped (defaults
// 1,000 and 100) with a clear 409, also when requests race for the last places; request-log entries older than
// SWITCHBOARD_LOG_RETENTION_DAYS (default 30) are deleted by the sweeper, under its lease.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLogger } from '../../src/logger.ts';
import { startExpirySweeper } from '../../src/services/expiry-sweeper.ts';
import type { McpLogEntry } from '../../src/store/types.ts';
import { json, startTestServer } from './harness.ts';

const account = (name: string) => ({ integration: 'acme', name, context: { subdomain: 'acme' }, credentials: { api_key: 'k' } });

test('SWITCHBOARD_MAX_ACCOUNTS_PER_TENANT: past it a clear 409, also for racing requests; deleting one frees a place; other tenants are not affected', async (t) => {
  const server = await startTestServer(t, { env: { SWITCHBOARD_MAX_ACCOUNTS_PER_TENANT: '3' } });
  const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => server.api('/integrated-account', { method: 'POST', body: account(`a${i}`) })));
  assert.deepEqual(answers.map((answer) => answer.status).sort(), [201, 201, 201, 409, 409, 409, 409, 409]);
  const refused = await json(answers.find((answer) => answer.status === 409)!);
  assert.equal(refused.error.message, 'This tenant already has 3 integrated accounts, the most allowed; delete one it no longer needs first.');
  const listed = (await json(await server.api('/integrated-account'))).result;
  assert.equal(listed.length, 3);

  const other = await server.otherTenant();
  const theirs = await server.api('/integrated-account', { method: 'POST', body: account('theirs'), headers: { authorization: `Bearer ${other.token}` } });
  assert.equal(theirs.status, 201, 'the quota is per tenant');

  assert.equal((await server.api(`/integrated-account/${listed[0].id}`, { method: 'DELETE' })).status, 204);
  assert.equal((await server.api('/integrated-account', { method: 'POST', body: account('again') })).status, 201);
});

test('SWITCHBOARD_MAX_MCP_SERVERS_PER_ACCOUNT: past it a clear 409; the limit is per account', async (t) => {
  const server = await startTestServer(t, { env: { SWITCHBOARD_MAX_MCP_SERVERS_PER_ACCOUNT: '2' } });
  const [first, second] = await Promise.all(['one', 'two'].map(async (name) => (await json(await server.api('/integrated-account', { method: 'POST', body: account(name) }))).id as string));
  const create = (accountId: string) => server.api(`/integrated-account/${accountId}/mcp`, { method: 'POST', body: { name: 'agent' } });
  const answers = await Promise.all(Array.from({ length: 5 }, () => create(first!)));
  assert.deepEqual(answers.map((answer) => answer.status).sort(), [201, 201, 409, 409, 409]);
  assert.match((await json(answers.find((answer) => answer.status === 409)!)).error.message, /already has 2 MCP servers, the most allowed/);
  assert.equal((await create(second!)).status, 201);
});

test('the default is 100 MCP servers per account (1,000 accounts per tenant: see the config test)', async (t) => {
  const server = await startTestServer(t);
  const accountId = (await json(await server.api('/integrated-account', { method: 'POST', body: account('one') }))).id;
  for (let i = 0; i < 100; i++) {
    const created = await server.api(`/integrated-account/${accountId}/mcp`, { method: 'POST', body: { name: `agent ${i}` } });
    assert.equal(created.status, 201);
  }
  const refused = await server.api(`/integrated-account/${accountId}/mcp`, { method: 'POST', body: { name: 'one too many' } });
  assert.equal(refused.status, 409);
  assert.match((await json(refused)).error.message, /already has 100 MCP servers/);
});

const logEntry = (tenantId: string, daysAgo: number, now: number): McpLogEntry => ({
  tenant_id: tenantId, mcp_server_id: 's', integrated_account_id: 'a', time: new Date(now - daysAgo * 86_400_000).toISOString(),
  rpc_method: 'ping', tool_name: null, upstream_status: null, is_error: false, latency_ms: 0, client_name: `${daysAgo} days ago`, client_version: null,
});

test('request-log retention: the sweeper deletes entries older than SWITCHBOARD_LOG_RETENTION_DAYS; 0 keeps them', async (t) => {
  const now = Date.parse('2031-06-01T12:00:00Z');
  const server = await startTestServer(t, { env: { SWITCHBOARD_LOG_RETENTION_DAYS: '7' }, overrides: { now: () => now, sweepIntervalMs: 3_600_000 } });
  const { store } = server.running;
  await store.appendLogs([1, 6.9, 7.1, 30, 400].map((days) => logEntry(server.tenant.id, days, now)));
  await server.running.expirySweeper.sweep();
  const kept = (await json(await server.api('/log?log_type=mcp'))).result.map((entry: { client_name: string }) => entry.client_name);
  assert.deepEqual(kept, ['1 days ago', '6.9 days ago']);
  assert.match(await (await fetch(`${server.running.url}/metrics`)).text(), /switchboard_mcp_log_entries_deleted_total 3/);

  const forever = await startTestServer(t, { env: { SWITCHBOARD_LOG_RETENTION_DAYS: '0' }, overrides: { now: () => now, sweepIntervalMs: 3_600_000 } });
  await forever.running.store.appendLogs([logEntry(forever.tenant.id, 4000, now)]);
  await forever.running.expirySweeper.sweep();
  assert.equal((await json(await forever.api('/log?log_type=mcp'))).result.length, 1);
});

test('retention runs under the sweeper lease: a node without it deletes nothing', async (t) => {
  const now = Date.parse('2031-06-01T12:00:00Z');
  const server = await startTestServer(t, { overrides: { now: () => now, sweepIntervalMs: 3_600_000 } });
  const { store } = server.running;
  await store.appendLogs([logEntry(server.tenant.id, 31, now)]);
  let held = true;
  const sweeper = startExpirySweeper({ store, logger: createLogger({ level: 'silent' }), now: () => now, logRetentionDays: 30, intervalMs: 3_600_000, lease: { acquire: async () => !held } });
  t.after(() => sweeper.stop());
  await sweeper.sweep();
  assert.equal((await json(await server.api('/log?log_type=mcp'))).result.length, 1, 'another node holds the lease');
  held = false;
  await sweeper.sweep();
  assert.equal((await json(await server.api('/log?log_type=mcp'))).result.length, 0);
});
