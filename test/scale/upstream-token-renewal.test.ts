// Issue 15 acceptance, the token lifecycle at scale: an OAuth account's access token expires while many tool calls
// come in at once, through three server processes sharing one PostgreSQL database (and Redis), and through one
// SQLite node. However many calls meet the expired token, the token endpoint sees one request, and no call fails.
// Two ways a token ends: its lifetime runs out (every node renews before calling), or the provider stops accepting
// it earlier (every call's first try gets a 401, and one renewal serves them all).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startGreenhouseSandbox, type GreenhouseSandbox } from '../../src/sandbox/index.ts';
import { callTool, type ToolAnswer } from '../helpers/gateway-client.ts';
import { greenhouseAccount, startGateway } from '../mcp/harness.ts';
import { createDeployment } from './nodes.ts';

const concurrentCalls = 50;

/** The sandbox's tokens live `seconds` until the returned function makes them live an hour again. */
function shortFirstToken(greenhouse: GreenhouseSandbox, seconds: number): () => void {
  greenhouse.state.oauth.lifetimeSeconds = seconds;
  return () => {
    greenhouse.state.oauth.lifetimeSeconds = 3600;
  };
}

/** Waits until Greenhouse no longer accepts the newest token it issued (its lifetime is over). */
async function untilLatestTokenExpired(greenhouse: GreenhouseSandbox): Promise<void> {
  const latest = greenhouse.state.oauth.issued.at(-1)!;
  while (greenhouse.state.oauth.has(latest.token)) await sleep(Math.max(20, latest.expiresAt - Date.now() + 20));
}

const tokenRequests = (greenhouse: GreenhouseSandbox) => greenhouse.requests.filter((request) => request.path === '/token').length;
const refusedCalls = (greenhouse: GreenhouseSandbox) => greenhouse.requests.filter((request) => request.path.startsWith('/v3/') && request.status === 401).length;

function assertAllSucceeded(answers: ToolAnswer[]): void {
  const failed = answers.filter((answer) => answer.isError);
  assert.equal(failed.length, 0, `failed tool calls: ${failed.slice(0, 3).map((answer) => answer.toolText).join(' | ')}`);
  assert.equal(answers.length, concurrentCalls);
}

test(`three nodes on PostgreSQL + Redis: ${concurrentCalls} concurrent tool calls meeting an expired token make one token request and none fails`, { timeout: 120_000 }, async (t) => {
  const greenhouse = await startGreenhouseSandbox({ rateLimit: null });
  t.after(() => greenhouse.close());
  // Every call of the burst in flight at once on its node, rather than queued behind the per-account limit.
  const deployment = await createDeployment(t, { redis: true, upstreams: [greenhouse.url], env: { SWITCHBOARD_ACCOUNT_CONCURRENCY: String(concurrentCalls) } });
  const nodes = await Promise.all(['A', 'B', 'C'].map((name) => deployment.startNode(name)));
  await deployment.createTenant();
  const created = await nodes[0]!.api('/integrated-account', { method: 'POST', body: { integration: 'greenhouse', ...greenhouseAccount(greenhouse) } });
  assert.equal(created.status, 201, await created.clone().text());
  const accountId = (await created.json() as { id: string }).id;
  const server = await nodes[1]!.api(`/integrated-account/${accountId}/mcp`, { method: 'POST', body: { name: 'agent', config: { methods: ['read'] } } });
  const { token } = await server.json() as { token: string };
  const urls = nodes.map((node) => `${node.publicUrl}/mcp/${token}`);
  const burst = () => Promise.all(Array.from({ length: concurrentCalls }, (_, index) =>
    callTool(urls[index % urls.length]!, 'list_all_greenhouse_jobs', { limit: 1 })));

  await t.test('the token reaches the end of its life', async () => {
    // Every node serves a call first (its caches warm, the token obtained once and shared), with short-lived tokens.
    const longLived = shortFirstToken(greenhouse, 6);
    for (const url of urls) {
      const warm = await callTool(url, 'list_all_greenhouse_jobs', { limit: 1 });
      assert.equal(warm.isError, false, warm.toolText);
    }
    longLived();
    await untilLatestTokenExpired(greenhouse);
    const before = tokenRequests(greenhouse);

    assertAllSucceeded(await burst());
    assert.equal(tokenRequests(greenhouse) - before, 1, 'one renewal for the whole cluster');
    assert.equal(refusedCalls(greenhouse), 0, 'no call went out with the expired token');
  });

  await t.test('Greenhouse stops accepting the token before Switchboard expected', async () => {
    greenhouse.state.oauth.expireAll();
    const before = tokenRequests(greenhouse);
    assertAllSucceeded(await burst());
    assert.equal(tokenRequests(greenhouse) - before, 1, 'one renewal for every refused call on every node');
    assert.ok(refusedCalls(greenhouse) >= 3, 'calls on each node met the refused token');
  });

  const obtained = (await Promise.all(nodes.map((node) => node.metric('switchboard_upstream_token_requests_total')))).reduce((sum, count) => sum + count, 0);
  assert.equal(obtained, tokenRequests(greenhouse), 'the nodes counted every token request');
  t.diagnostic(`${concurrentCalls * 2 + urls.length} tool calls over 3 nodes, ${tokenRequests(greenhouse)} token requests, ${refusedCalls(greenhouse)} refused upstream calls retried`);
});

test(`one node on SQLite: ${concurrentCalls} concurrent tool calls meeting an expired token make one token request and none fails`, async (t) => {
  const gateway = await startGateway(t);
  const { greenhouse } = gateway;
  const server = await gateway.createMcpServer('greenhouse', { config: { methods: ['read'] } });
  const burst = () => Promise.all(Array.from({ length: concurrentCalls }, () => callTool(server.url, 'list_all_greenhouse_candidates', { limit: 1 })));

  const longLived = shortFirstToken(greenhouse, 3);
  const first = await callTool(server.url, 'list_all_greenhouse_candidates', { limit: 1 });
  assert.equal(first.isError, false, first.toolText);
  longLived();
  await untilLatestTokenExpired(greenhouse);
  assertAllSucceeded(await burst());
  assert.equal(tokenRequests(greenhouse), 2);
  assert.equal(refusedCalls(greenhouse), 0);

  greenhouse.state.oauth.expireAll();
  assertAllSucceeded(await burst());
  assert.equal(tokenRequests(greenhouse), 3, 'one renewal for every refused call');
  assert.ok(refusedCalls(greenhouse) >= 1);
});
