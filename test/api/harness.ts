// A real server in-process on port 0 with a temporary data directory, its logs captured for secret checks,
// and a tenant with an API token ready.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { keyFileName } from '../../src/security/secrets.ts';
import { startServer, type RunningServer, type ServerOverrides } from '../../src/server.ts';
import { createTenant } from '../../src/services/tenants.ts';
import type { Tenant } from '../../src/store/types.ts';
import { tempDir } from '../store/temp-dir.ts';

export const fixtureIntegrations = new URL('./fixtures/integrations/', import.meta.url).pathname;
export const shippedIntegrations = new URL('../../integrations/', import.meta.url).pathname;

export interface CapturedLogs {
  text(): string;
  /** Fails when any of the values appears anywhere in the captured log output. */
  assertFree(secrets: string[]): void;
}

export interface TestServer {
  running: RunningServer;
  /** The temporary data directory (database and key file). */
  dataDir: string;
  tenant: Tenant;
  token: string;
  logs: CapturedLogs;
  /** fetch against the server with this tenant's token (override with headers.authorization). */
  api(path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  /** Another tenant with its own token, for isolation checks. */
  otherTenant(): Promise<{ tenant: Tenant; token: string }>;
}

export function captureLogs(): { destination: { write(line: string): void }; logs: CapturedLogs } {
  const lines: string[] = [];
  const logs: CapturedLogs = {
    text: () => lines.join(''),
    assertFree(secrets) {
      const text = lines.join('');
      assert.ok(lines.length > 0, 'logs were captured');
      for (const secret of secrets) assert.equal(text.includes(secret), false, `a secret appeared in the logs: ${secret.slice(0, 6)}…`);
    },
  };
  return { destination: { write: (line) => void lines.push(line) }, logs };
}

export async function startTestServer(
  t: TestContext,
  options: { integrationsDir?: string; cacheTtlMs?: number; env?: Record<string, string>; overrides?: Omit<ServerOverrides, 'logger' | 'cacheTtlMs'> } = {},
): Promise<TestServer> {
  const config = loadConfig({
    PORT: '0',
    SWITCHBOARD_DATA_DIR: tempDir(t),
    SWITCHBOARD_INTEGRATIONS_DIR: options.integrationsDir ?? fixtureIntegrations,
    ...options.env,
  });
  const { destination, logs } = captureLogs();
  const running = await startServer(config, { logger: createLogger({ level: 'trace', destination }), watchIntegrations: false, cacheTtlMs: options.cacheTtlMs, ...options.overrides });
  t.after(() => running.close());
  const { tenant, token } = await createTenant(running.store, 'Acme');
  const request = (bearer: string) => (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) => fetch(`${running.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${bearer}`, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
    ...(init.body !== undefined ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) } : {}),
  });
  return {
    running, dataDir: config.dataDir, tenant, token, logs,
    api: request(token),
    otherTenant: () => createTenant(running.store, 'Other'),
  };
}

/** The setting that lets accounts point their base_url at these local upstreams (sandboxes, scripted servers). */
export function upstreamAllowlist(...urls: string[]): { SWITCHBOARD_UPSTREAM_ALLOWLIST: string } {
  return { SWITCHBOARD_UPSTREAM_ALLOWLIST: [...new Set(urls.map((url) => new URL(url).origin))].join(',') };
}

export async function json(response: Response): Promise<any> {
  return response.json();
}

/** The raw bytes of every file in a data directory but the key file (database, WAL), to search for secrets in clear. */
export function readDataFiles(dir: string): string {
  return readdirSync(dir).filter((name) => name !== keyFileName).map((name) => readFileSync(join(dir, name)).toString('latin1')).join('\n');
}
