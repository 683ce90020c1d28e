// Token-lookup cost as the store grows: the lookup the MCP endpoint performs (Access.resolveServer: hash the URL
// token, find the server and its account by hash, decrypt the credentials) with this node's cache turned off, so
// every lookup leaves the process's memory. The store is opened as the product opens it (createStore from a Config);
// with Redis configured, the shared token cache sits before the store as in the product, and the store-only path
// is timed too. Runs in its own process on a store of its own, grown step by step to each size.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { failStart, serveParent, type Message } from './lib/proc.ts';

const { loadConfig } = await import('../src/config.ts');
const { createLogger } = await import('../src/logger.ts');
const { Access } = await import('../src/services/access.ts');
const { createSecretBox } = await import('../src/security/secrets.ts');
const { generateMcpToken, hashToken } = await import('../src/security/tokens.ts');
const { createStore } = await import('../src/store/create.ts');
const { startCluster } = await import('../src/cluster/index.ts');

export interface LookupStep {
  servers: number;
  lookups: number;
  /** Microseconds per lookup on the product's path (the shared cache first when Redis is configured). */
  p50: number;
  p99: number;
  mean: number;
  /** Microseconds per lookup that reads the store (the same as p50 when there is no shared cache). */
  storeP50: number;
  storeP99: number;
  /** Seconds spent growing the store to this size. */
  fillSeconds: number;
}

type Access = InstanceType<typeof Access>;

async function measure(sizes: number[], lookups: number, productEnv: Record<string, string>): Promise<LookupStep[]> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-lookup-'));
  const key = Buffer.alloc(32, 9);
  const config = loadConfig({ SWITCHBOARD_DATA_DIR: dir, SWITCHBOARD_ENCRYPTION_KEY: key.toString('base64'), LOG_LEVEL: 'silent', ...productEnv });
  const logger = createLogger({ level: 'silent' });
  const store = createStore(config, logger);
  await store.migrate();
  const cluster = await startCluster({ config, store, logger });
  const secrets = createSecretBox(key);
  const storeOnly = new Access({ store, secrets, cacheTtlMs: 0 });
  const configured = cluster.sharedCache ? new Access({ store, secrets, cacheTtlMs: 0, sharedCache: cluster.sharedCache }) : undefined;
  const tenant = await store.createTenant('lookup bench');
  const account = await store.createAccount({
    tenant_id: tenant.id, integration: 'polymer', name: 'lookup bench', context: {}, credentials_encrypted: secrets.encrypt({ api_key: 'bench' }),
  });
  const tokens: string[] = [];
  const steps: LookupStep[] = [];
  try {
    for (const size of sizes) {
      const fillStarted = performance.now();
      while (tokens.length < size) {
        // 20 at a time: a networked store gets its round trips overlapped, SQLite runs them one by one anyway.
        const batch = Array.from({ length: Math.min(20, size - tokens.length) }, () => generateMcpToken());
        await Promise.all(batch.map((token, i) => store.createMcpServer({
          tenant_id: tenant.id, integrated_account_id: account.id, name: `server ${tokens.length + i}`, config: {},
          expires_at: null, created_by: null, token_hash: hashToken(token),
        })));
        tokens.push(...batch);
      }
      const fillSeconds = (performance.now() - fillStarted) / 1000;
      // Random tokens of the whole store; a first pass warms statement caches and the JIT (and the shared cache).
      const sample = Array.from({ length: lookups }, () => tokens[Math.floor(Math.random() * tokens.length)]!);
      const fromStore = await timeLookups(storeOnly, sample);
      const product = configured ? await timeLookups(configured, sample) : fromStore;
      steps.push({ servers: size, lookups, ...product, storeP50: fromStore.p50, storeP99: fromStore.p99, fillSeconds });
    }
  } finally {
    await cluster.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return steps;
}

/** Passes over the sample at each size; the pass with the median p50 is kept, so one burst of load elsewhere on the machine does not decide a step. */
const passes = 3;

async function timeLookups(access: Access, sample: string[]): Promise<{ p50: number; p99: number; mean: number }> {
  for (const token of sample) await access.resolveServer(token);
  const results: { p50: number; p99: number; mean: number }[] = [];
  for (let pass = 0; pass < passes; pass++) {
    const times = new Float64Array(sample.length);
    for (let i = 0; i < sample.length; i++) {
      const started = performance.now();
      const resolved = await access.resolveServer(sample[i]!);
      times[i] = (performance.now() - started) * 1000;
      if (!resolved) throw new Error('a stored token did not resolve');
    }
    times.sort();
    let sum = 0;
    for (const time of times) sum += time;
    results.push({ p50: times[Math.floor(times.length * 0.5)]!, p99: times[Math.floor(times.length * 0.99)]!, mean: sum / times.length });
  }
  return results.sort((a, b) => a.p50 - b.p50)[Math.floor(passes / 2)]!;
}

try {
  serveParent({ type: 'ready' }, () => {}, {
    measure: async (message: Message) => ({
      type: 'measured',
      steps: await measure(message.sizes as number[], Number(message.lookups), message.productEnv as Record<string, string>),
    }),
  });
} catch (error) {
  failStart(error);
}
