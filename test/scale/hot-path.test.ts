// Steady state on the scale-out backends: once a token is cached, MCP tool calls make no store call at all, even
// long after the one-second cache of a single node would have lapsed, because changes arrive through the bus.
// Counted on the store itself (every method call) and in /metrics.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { DEFAULT_PINPOINT_API_KEY, startPinpointSandbox } from '../../src/sandbox/index.ts';
import { PostgresStore } from '../../src/store/postgres.ts';
import type { Store } from '../../src/store/types.ts';
import { json, shippedIntegrations, startTestServer, upstreamAllowlist } from '../api/harness.ts';
import { createRedisPrefix, createTestDatabase, testRedisUrl } from '../helpers/shared-infra.ts';
import { toolCaller } from '../mcp/harness.ts';

/** Every store method call by name; the store is otherwise the real one (instanceof and fields intact). */
function countCalls(store: PostgresStore): { store: Store; calls: string[] } {
  const calls: string[] = [];
  const counted = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(String(property));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: counted, calls };
}

for (const redis of [false, true]) {
  test(`PostgreSQL${redis ? ' + Redis' : ''}: cached MCP calls make no store call, also past one second`, async (t) => {
    const pinpoint = await startPinpointSandbox({ rateLimit: null });
    t.after(() => pinpoint.close());
    const databaseUrl = await createTestDatabase(t);
    const { store, calls } = countCalls(new PostgresStore(databaseUrl, { poolSize: 4 }));
    let skew = 0;
    const server = await startTestServer(t, {
      integrationsDir: shippedIntegrations,
      env: {
        DATABASE_URL: databaseUrl, SWITCHBOARD_ENCRYPTION_KEY: randomBytes(32).toString('base64'), ...upstreamAllowlist(pinpoint.url),
        ...(redis ? { REDIS_URL: testRedisUrl, REDIS_KEY_PREFIX: await createRedisPrefix(t) } : {}),
      },
      overrides: { store, now: () => Date.now() + skew },
    });
    const account = await json(await server.api('/integrated-account', {
      method: 'POST', body: { integration: 'pinpoint', context: { subdomain: 'acme', base_url: pinpoint.url }, credentials: { api_key: DEFAULT_PINPOINT_API_KEY } },
    }));
    const created = await json(await server.api(`/integrated-account/${account.id}/mcp`, { method: 'POST', body: { name: 'agent' } }));
    const client = new Client({ name: 'hot-path', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(created.url)));
    t.after(() => client.close());
    const call = toolCaller(client);
    const { candidateId } = pinpoint.state.planted.sarahJenkins;
    await call('get_single_pinpoint_candidate_by_id', { id: candidateId });

    calls.length = 0;
    for (let i = 0; i < 50; i++) {
      if (i === 25) skew += 5_000; // well past the one-second lifetime entries have without a bus
      assert.equal((await call('get_single_pinpoint_candidate_by_id', { id: candidateId })).first_name, 'Sarah');
    }
    // Background work is not on the request path: the batched request log, the expiry sweeper, readiness.
    const background = new Set(['appendLogs', 'acquireLease', 'deleteExpiredMcpServers', 'ping']);
    const onHotPath = calls.filter((name) => !background.has(name));
    assert.deepEqual(onHotPath, [], 'no store call for 50 cached tool calls');

    const metrics = await (await fetch(`${server.running.url}/metrics`)).text();
    const hits = Number(/switchboard_token_cache_lookups_total\{result="hit"\} (\d+)/.exec(metrics)?.[1]);
    assert.ok(hits >= 50, `token cache hits: ${hits}`);
    assert.match(metrics, /switchboard_invalidation_bus_up 1/);
  });
}
