// Switchboard itself, started as the product starts (startServer with a Config from environment-style settings),
// in its own process. Its JSON logs go to this process's stdout, which the orchestrator points at a file.
// Accounts are connected and MCP servers created through the admin API, as a user would; servers are created in
// the store directly only when the admin API has no MCP-server route yet, and for the 100,000-server fill.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { failStart, serveParent, type Message } from '../lib/proc.ts';
import { generatedName } from '../lib/definitions.ts';

const env = process.env;
const upstream = env.BENCH_UPSTREAM_URL!;
const apiKey = env.BENCH_API_KEY!;
const backend = env.BENCH_BACKEND ?? 'sqlite';
const toolCounts = (env.BENCH_TOOL_COUNTS ?? '').split(',').filter(Boolean).map(Number);
/** More MCP servers to create: integration names, "name:discovery" for discovery exposure (bench/hostile.ts). */
const served = (env.BENCH_SERVE ?? '').split(',').filter(Boolean);
/** The longest this process's event loop was blocked, for the hostile-input phase. */
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();

const { loadConfig } = await import('../../src/config.ts');
const { startServer } = await import('../../src/server.ts');
const { createTenant } = await import('../../src/services/tenants.ts');
const { generateMcpToken, hashToken } = await import('../../src/security/tokens.ts');

interface ServerHandle { url: string; token: string; accountId: string }

try {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    SWITCHBOARD_DATA_DIR: env.BENCH_DATA_DIR!,
    SWITCHBOARD_INTEGRATIONS_DIR: env.BENCH_INTEGRATIONS_DIR!,
    SWITCHBOARD_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    // The bench accounts point their base_url at the bench upstream, which the server must allow.
    SWITCHBOARD_UPSTREAM_ALLOWLIST: new URL(upstream).origin,
    LOG_LEVEL: env.BENCH_LOG_LEVEL ?? 'info',
    // PostgreSQL (+ Redis): DATABASE_URL (and REDIS_URL, REDIS_KEY_PREFIX) as an operator sets them.
    ...JSON.parse(env.BENCH_PRODUCT_ENV ?? '{}') as Record<string, string>,
  });
  const running = await startServer(config, { watchIntegrations: false });
  const { tenant, token: apiToken } = await createTenant(running.store, 'bench');
  const admin = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> => {
    const response = await fetch(`${running.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) as Record<string, unknown> : {} };
  };

  const createServer = async (integration: string, config: Record<string, unknown> = {}): Promise<ServerHandle> => {
    const account = await admin('POST', '/integrated-account', {
      integration, name: `bench ${integration}`, context: { base_url: upstream }, credentials: { api_key: apiKey },
    });
    if (account.status !== 201) throw new Error(`creating the ${integration} account answered ${account.status}: ${JSON.stringify(account.json)}`);
    const accountId = String(account.json.id);
    const mcp = await admin('POST', `/integrated-account/${accountId}/mcp`, { name: `bench ${integration}`, config });
    if (mcp.status === 200 || mcp.status === 201) return { url: String(mcp.json.url), token: String(mcp.json.token), accountId };
    if (mcp.status !== 404) throw new Error(`creating the ${integration} MCP server answered ${mcp.status}: ${JSON.stringify(mcp.json)}`);
    return { ...await insertServer(accountId), accountId };
  };

  async function insertServer(accountId: string): Promise<{ url: string; token: string }> {
    const token = generateMcpToken();
    await running.store.createMcpServer({
      tenant_id: tenant.id, integrated_account_id: accountId, name: 'bench', config: {}, expires_at: null, created_by: null, token_hash: hashToken(token),
    });
    return { url: `${running.publicUrl}/mcp/${token}`, token };
  }

  const polymer = await createServer('polymer');
  const generated: Record<string, ServerHandle> = {};
  for (const count of toolCounts) generated[String(count)] = await createServer(generatedName(count));
  for (const entry of served) {
    const [integration, exposure] = entry.split(':');
    generated[entry] = await createServer(integration!, exposure === 'discovery' ? { tool_exposure: 'discovery' } : {});
  }
  let filled = 1 + toolCounts.length + served.length;

  serveParent({ type: 'ready', url: running.url, polymer, generated, backend, apiToken }, () => running.close(), {
    loopDelayReset: () => {
      loopDelay.reset();
      return { type: 'loopDelayReset' };
    },
    loopDelay: () => ({ type: 'loopDelay', maxMs: loopDelay.max / 1e6, p99Ms: loopDelay.percentile(99) / 1e6 }),
    /** Grows the store to `total` MCP servers (on the Polymer account); answers with the new servers' tokens. */
    fill: async (message: Message) => {
      const total = Number(message.total);
      const tokens: string[] = [];
      // 20 at a time: a networked store gets its round trips overlapped, SQLite runs them one by one anyway.
      while (filled < total) {
        const batch = Math.min(20, total - filled);
        const created = await Promise.all(Array.from({ length: batch }, () => insertServer(polymer.accountId)));
        for (const server of created) tokens.push(server.token);
        filled += batch;
      }
      return { type: 'filled', total: filled, tokens };
    },
  });
} catch (error) {
  failStart(error);
}
