// Real Switchboard nodes for scale-out tests: `node src/main.ts serve` child processes on PORT=0, each with its own
// data directory, sharing what a deployment shares (database, Redis, encryption key, integrations). A node is ready
// when it logs "Switchboard is listening"; its JSON log lines are kept for assertions.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { TestContext } from 'node:test';
import { createTenant } from '../../src/services/tenants.ts';
import { PostgresStore } from '../../src/store/postgres.ts';
import { shippedIntegrations, upstreamAllowlist } from '../api/harness.ts';
import { createRedisPrefix, createTestDatabase, testRedisUrl } from '../helpers/shared-infra.ts';
import { nodeBin } from '../mcp/harness.ts';
import { tempDir } from '../store/temp-dir.ts';

const mainTs = new URL('../../src/main.ts', import.meta.url).pathname;
const startTimeoutMs = 20_000;

export interface LogLine {
  level: string;
  msg: string;
  [key: string]: unknown;
}

export interface Node {
  name: string;
  /** http://127.0.0.1:<port> */
  url: string;
  /** http://localhost:<port>, the base of the MCP URLs this node hands out. */
  publicUrl: string;
  process: ChildProcess;
  logs: LogLine[];
  /** Resolves when the process exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Metric samples of /metrics summed by name (labels dropped). */
  metric(name: string): Promise<number>;
  /** fetch on this node with the tenant's API token. */
  api(path: string, init?: { method?: string; body?: unknown }): Promise<Response>;
}

export interface Deployment {
  databaseUrl: string;
  /** The environment every node gets. */
  env: Record<string, string>;
  /** The test's own connection to the shared database, not migrated by itself: the nodes do that. */
  store: PostgresStore;
  startNode(name: string, extraEnv?: Record<string, string>): Promise<Node>;
  /** A tenant whose API token node.api() then sends (there is no tenant API: operators use the CLI). */
  createTenant(): Promise<{ tenantId: string; apiToken: string }>;
}

/** A fresh database (and Redis key prefix) shared by the nodes started from it. */
export async function createDeployment(t: TestContext, options: { redis: boolean; upstreams: string[]; env?: Record<string, string> }): Promise<Deployment> {
  const databaseUrl = await createTestDatabase(t);
  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    SWITCHBOARD_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    SWITCHBOARD_INTEGRATIONS_DIR: shippedIntegrations,
    ...upstreamAllowlist(...options.upstreams),
    LOG_LEVEL: 'info',
    ...(options.redis ? { REDIS_URL: testRedisUrl, REDIS_KEY_PREFIX: await createRedisPrefix(t) } : {}),
    ...options.env,
  };
  const store = new PostgresStore(databaseUrl, { poolSize: 2 });
  t.after(() => store.close());
  const credentials = { apiToken: '' };
  return {
    databaseUrl, env, store,
    startNode: (name, extraEnv = {}) => startNode(t, name, { ...env, ...extraEnv }, credentials),
    async createTenant() {
      await store.migrate();
      const { tenant, token } = await createTenant(store, 'Acme');
      credentials.apiToken = token;
      return { tenantId: tenant.id, apiToken: token };
    },
  };
}

export async function startNode(t: TestContext, name: string, env: Record<string, string>, credentials = { apiToken: '' }): Promise<Node> {
  const child = spawn(nodeBin, [mainTs, 'serve'], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', SWITCHBOARD_DATA_DIR: tempDir(t), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  t.after(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  const logs: LogLine[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const listening = new Promise<LogLine>((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let newline: number;
      while ((newline = buffered.indexOf('\n')) !== -1) {
        const text = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        let line: LogLine;
        try {
          line = JSON.parse(text) as LogLine;
        } catch {
          continue;
        }
        logs.push(line);
        if (line.msg === 'Switchboard is listening') resolve(line);
      }
    });
    void exited.then(({ code, signal }) => reject(new Error(`node ${name} exited (${code ?? signal}) before listening:\n${stderr}`)));
    setTimeout(() => reject(new Error(`node ${name} did not listen within ${startTimeoutMs} ms:\n${stderr}`)), startTimeoutMs).unref();
  });
  const ready = await listening;
  const url = String(ready.url);
  return {
    name, url, publicUrl: String(ready.publicUrl), process: child, logs, exited,
    async metric(metric) {
      const text = await (await fetch(`${url}/metrics`)).text();
      return text.split('\n')
        .filter((line) => line.startsWith(`${metric} `) || line.startsWith(`${metric}{`))
        .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
    },
    api: (path, init = {}) => fetch(`${url}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${credentials.apiToken}`, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    }),
  };
}
