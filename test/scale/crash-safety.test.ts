// Issue 5 acceptance, crash safety: a node is killed with SIGKILL while writers keep creating accounts and MCP
// servers through its API; after a restart on the same database, every write it had acknowledged (201) is there.
// On SQLite (WAL) and on PostgreSQL.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test, type TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTenant } from '../../src/services/tenants.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { shippedIntegrations } from '../api/harness.ts';
import { tempDir } from '../store/temp-dir.ts';
import { createDeployment, startNode, type Node } from './nodes.ts';

const writers = 6;
/** Acknowledged writes before the kill; the burst goes on until then. */
const acknowledgedBeforeKill = 60;

interface Acknowledged {
  accounts: string[];
  servers: { accountId: string; id: string }[];
}

/** Writers creating an account and then an MCP server on it, again and again, until the node stops answering. */
function writeUntilKilled(node: Node): { acknowledged: Acknowledged; inFlight: () => number; done: Promise<void> } {
  const acknowledged: Acknowledged = { accounts: [], servers: [] };
  let inFlight = 0;
  const write = async <T>(path: string, body: unknown): Promise<T | undefined> => {
    inFlight++;
    try {
      const response = await node.api(path, { method: 'POST', body });
      if (response.status !== 201) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
      return await response.json() as T;
    } catch (error) {
      if (!node.process.killed) throw error;
      return undefined; // the node was killed: this write was never acknowledged
    } finally {
      inFlight--;
    }
  };
  const loop = async (writer: number) => {
    for (let i = 0; ; i++) {
      const account = await write<{ id: string }>('/integrated-account', {
        integration: 'pinpoint', name: `writer ${writer} #${i}`, context: { subdomain: 'acme' }, credentials: { api_key: `key-${writer}-${i}` },
      });
      if (!account) return;
      acknowledged.accounts.push(account.id);
      const server = await write<{ id: string }>(`/integrated-account/${account.id}/mcp`, { name: `agent ${writer} #${i}` });
      if (!server) return;
      acknowledged.servers.push({ accountId: account.id, id: server.id });
    }
  };
  return { acknowledged, inFlight: () => inFlight, done: Promise.all(Array.from({ length: writers }, (_, i) => loop(i))).then(() => undefined) };
}

async function killMidBurst(t: TestContext, start: () => Promise<Node>): Promise<void> {
  const node = await start();
  const burst = writeUntilKilled(node);
  while (burst.acknowledged.accounts.length + burst.acknowledged.servers.length < acknowledgedBeforeKill) await sleep(2);
  const inFlight = burst.inFlight();
  node.process.kill('SIGKILL');
  assert.equal((await node.exited).signal, 'SIGKILL');
  await burst.done;
  assert.ok(inFlight > 0, 'writes were in flight when the node was killed');
  const { accounts, servers } = burst.acknowledged;
  t.diagnostic(`${accounts.length} accounts and ${servers.length} MCP servers acknowledged, ${inFlight} writes in flight at the kill`);

  const restarted = await start();
  const missing: string[] = [];
  for (const id of accounts) if ((await restarted.api(`/integrated-account/${id}`)).status !== 200) missing.push(`account ${id}`);
  for (const { accountId, id } of servers) if ((await restarted.api(`/integrated-account/${accountId}/mcp/${id}`)).status !== 200) missing.push(`MCP server ${id}`);
  assert.deepEqual(missing, [], 'every acknowledged write survived the kill');
}

test('SQLite (WAL): SIGKILL during writes loses nothing that was acknowledged', async (t) => {
  const dataDir = tempDir(t);
  const store = SqliteStore.open(dataDir);
  await store.migrate();
  const credentials = { apiToken: (await createTenant(store, 'Acme')).token };
  await store.close();
  const env = { SWITCHBOARD_DATA_DIR: dataDir, SWITCHBOARD_INTEGRATIONS_DIR: shippedIntegrations, SWITCHBOARD_ENCRYPTION_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'info' };
  await killMidBurst(t, () => startNode(t, 'sqlite', env, credentials));
});

test('PostgreSQL: SIGKILL during writes loses nothing that was acknowledged', async (t) => {
  const deployment = await createDeployment(t, { redis: false, upstreams: [] });
  await deployment.createTenant();
  await killMidBurst(t, () => deployment.startNode('postgres'));
});
