// Issue 11, points 6 and 7, across nodes: two Switchboard processes on one PostgreSQL database (with and without
// Redis). A legacy SSE stream open on node A ends when its MCP server is deleted through node B, or when it expires;
// an API token revoked through B (or with the CLI) is refused by A, although A had it cached. While the bus is live
// a node caches a found token for 30 s, so these changes can only arrive through the invalidation bus: the 20 s
// guard below is far inside that, and the measured times go to the diagnostics.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CliIo } from '../../src/cli/io.ts';
import { main } from '../../src/main.ts';
import { DEFAULT_PINPOINT_API_KEY, startPinpointSandbox } from '../../src/sandbox/index.ts';
import { generateMcpToken, hashToken } from '../../src/security/tokens.ts';
import { liveCacheTtlMs } from '../../src/services/access.ts';
import { eventually } from '../helpers/eventually.ts';
import { openStream } from '../mcp/sse-stream.ts';
import { createDeployment, type Node } from './nodes.ts';

const guardMs = 20_000;
assert.ok(guardMs < liveCacheTtlMs, 'the guard is shorter than the cache lifetime, so only the bus can pass these tests');

async function openLegacy(node: Node, token: string, headers: Record<string, string> = {}) {
  const stream = await openStream(`${node.url}/mcp/${token}/sse`, headers);
  assert.equal(stream.response.status, 200);
  assert.equal((await stream.next()).event, 'endpoint');
  let ended = false;
  void stream.ended().then(() => {
    ended = true;
  });
  return { ...stream, isEnded: () => ended };
}

for (const redis of [false, true]) {
  test(`two nodes on PostgreSQL${redis ? ' + Redis' : ' alone'}: deleting or expiring a server ends its SSE streams on the other node; a revoked API token is refused everywhere`, { timeout: 120_000 }, async (t) => {
    const pinpoint = await startPinpointSandbox({ rateLimit: null });
    t.after(() => pinpoint.close());
    const deployment = await createDeployment(t, { redis, upstreams: [pinpoint.url] });
    const [a, b] = await Promise.all([deployment.startNode('A'), deployment.startNode('B')]);
    const { tenantId, apiToken } = await deployment.createTenant();
    const account = await a!.api('/integrated-account', {
      method: 'POST', body: { integration: 'pinpoint', context: { subdomain: 'acme', base_url: pinpoint.url }, credentials: { api_key: DEFAULT_PINPOINT_API_KEY } },
    });
    const accountId = (await account.json() as { id: string }).id;
    const created = await (await a!.api(`/integrated-account/${accountId}/mcp`, { method: 'POST', body: { name: 'agent' } })).json() as { id: string; token: string };

    // Deleted through B: the stream open on A ends.
    const stream = await openLegacy(a!, created.token);
    assert.equal((await b!.api(`/integrated-account/${accountId}/mcp/${created.id}`, { method: 'DELETE' })).status, 204);
    const deleteMs = await eventually('the stream on A ends after the DELETE on B', stream.isEnded, guardMs);

    // Expiring (made in the store: the API wants 60 s ahead): the stream on A ends when the time passes, no sweep needed.
    const token = generateMcpToken();
    await deployment.store.createMcpServer({
      tenant_id: tenantId, integrated_account_id: accountId, name: 'short-lived', config: {},
      expires_at: new Date(Date.now() + 1_500).toISOString(), created_by: null, token_hash: hashToken(token),
    });
    const expiring = await openLegacy(a!, token);
    await eventually('the stream ends at expiry', expiring.isEnded, guardMs);

    // An API token cached on A (used there), revoked through B: A refuses it.
    const issued = await (await b!.api('/api-token', { method: 'POST', body: { name: 'leaked' } })).json() as { id: string; token: string };
    const asLeaked = (node: Node) => fetch(`${node.url}/integrations`, { headers: { authorization: `Bearer ${issued.token}` } });
    assert.equal((await asLeaked(a!)).status, 200);
    assert.equal((await b!.api(`/api-token/${issued.id}`, { method: 'DELETE' })).status, 204);
    const revokeMs = await eventually('A refuses the token revoked through B', async () => (await asLeaked(a!)).status === 401, guardMs);

    // The same with the CLI, which writes to the database and tells the nodes through the bus.
    const viaCli = await (await a!.api('/api-token', { method: 'POST', body: { name: 'cli-revoked' } })).json() as { id: string; token: string };
    const asCliRevoked = (node: Node) => fetch(`${node.url}/integrations`, { headers: { authorization: `Bearer ${viaCli.token}` } });
    assert.deepEqual([(await asCliRevoked(a!)).status, (await asCliRevoked(b!)).status], [200, 200]);
    const out: string[] = [];
    const io: CliIo = { env: deployment.env, out: (line) => out.push(line), err: (line) => out.push(line) };
    assert.equal(await main(['token', 'revoke', '--tenant', tenantId, '--id', viaCli.id], io), 0, out.join('\n'));
    assert.match(out.join('\n'), /running servers refuse it from now on/);
    await eventually('both nodes refuse the token revoked with the CLI', async () => (await asCliRevoked(a!)).status === 401 && (await asCliRevoked(b!)).status === 401, guardMs);
    assert.equal((await fetch(`${a!.url}/integrations`, { headers: { authorization: `Bearer ${apiToken}` } })).status, 200, 'other tokens still work');
    t.diagnostic(`stream on A ended ${deleteMs.toFixed(1)} ms after B deleted its server; A refused the token ${revokeMs.toFixed(1)} ms after B revoked it`);
  });
}
