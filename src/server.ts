// One HTTP server for everything: /mcp/<token> goes to the MCP endpoint, every other path to the admin API.
// startServer wires catalog, store, services and engine together and returns a handle that shuts all of it down.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { createApp } from './api/app.ts';
import type { ApiDependencies } from './api/types.ts';
import { publicBaseUrl, type Config } from './config.ts';
import { executeTool } from './execution/execute.ts';
import { configureUpstream } from './execution/upstream.ts';
import { createLogger, redactPath, type Logger } from './logger.ts';
import { createMcpHandler } from './mcp/handler.ts';
import type { McpDependencies } from './mcp/types.ts';
import { startExpirySweeper, type ExpirySweeper } from './services/expiry-sweeper.ts';
import { createServices, type Services } from './services/index.ts';
import { McpLogWriter } from './services/mcp-log-writer.ts';
import { SqliteStore } from './store/sqlite.ts';
import type { Store } from './store/types.ts';
import { Catalog } from './tools/catalog.ts';

/** JSON is about 3 bytes per token for typical API records; erring low keeps results under client limits. */
const bytesPerToken = 3;
/** How long in-flight requests may finish after close() before their connections are cut. */
const shutdownGraceMs = 10_000;

export interface ServerOverrides {
  logger?: Logger;
  /** An already opened store; it is migrated, and closed with the server. */
  store?: Store;
  /** Token cache lifetime in ms (at most 1000; 0 disables it, e.g. for tests of revocation). */
  cacheTtlMs?: number;
  /** The clock for MCP server expiry (lookups, the 60 s rule, the sweeper); tests move it. Date.now by default. */
  now?: () => number;
  /** How often expired MCP servers are deleted (default 30 s). */
  sweepIntervalMs?: number;
  /** Reload definitions when their files change (default true). */
  watchIntegrations?: boolean;
}

export interface RunningServer {
  /** Where the server listens, e.g. http://127.0.0.1:8080. */
  url: string;
  /** Base of handed-out URLs (PUBLIC_URL, or localhost with the bound port). */
  publicUrl: string;
  server: Server;
  store: Store;
  catalog: Catalog;
  services: Services;
  logger: Logger;
  /** Deletes expired MCP servers every sweepIntervalMs; sweep() runs it now. */
  expirySweeper: ExpirySweeper;
  close(): Promise<void>;
}

export async function startServer(config: Config, overrides: ServerOverrides = {}): Promise<RunningServer> {
  const logger = overrides.logger ?? createLogger({ level: config.logLevel });
  configureUpstream({ timeoutMs: config.upstreamTimeoutMs });
  const catalog = await Catalog.load(config.integrationsDir);
  if (overrides.watchIntegrations !== false) catalog.watch(reportReload(logger));
  const store = overrides.store ?? SqliteStore.open(config.dataDir);
  await store.migrate();
  const services = createServices({ config, store, catalog, cacheTtlMs: overrides.cacheTtlMs, now: overrides.now });
  const mcpLogs = new McpLogWriter({ store, logger });
  const sweeper = startExpirySweeper({ store, logger, intervalMs: overrides.sweepIntervalMs, now: overrides.now });
  const release = async () => {
    catalog.close();
    sweeper.stop();
    await mcpLogs.close();
    await store.close();
  };

  // The handlers need the public URL, which depends on the port actually bound, so they are attached after listen.
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => handle(req, res));
  let address: AddressInfo;
  try {
    address = await listen(server, config.port, config.host);
  } catch (error) {
    await release();
    throw error;
  }
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  const publicUrl = publicBaseUrl(config, address.port);

  const apiDependencies: ApiDependencies = { config, publicUrl, store, catalog, services, logger };
  const mcpDependencies: McpDependencies = {
    catalog,
    resolveServer: (token) => services.access.resolveServer(token),
    verifyApiToken: (bearer, tenantId) => services.access.verifyApiToken(bearer, tenantId),
    execute: executeTool,
    log: (entry) => mcpLogs.log(entry),
    allowedOrigins: config.allowedOrigins,
    resultBudgetBytes: config.resultBudgetTokens * bytesPerToken,
    publicUrl,
  };
  const mcp = createMcpHandler(mcpDependencies);
  const api = getRequestListener(createApp(apiDependencies).fetch);
  handle = (req, res) => {
    logRequest(logger, req, res);
    if (req.url?.startsWith('/mcp/')) mcp(req, res);
    else void api(req, res);
  };
  logger.info({ url, publicUrl, integrations: catalog.list().map((integration) => integration.definition.name) }, 'Switchboard is listening');

  let closing: Promise<void> | undefined;
  const close = () => {
    if (!closing) {
      // Legacy SSE streams never end on their own; end them so their connections can drain.
      mcp.close();
      closing = stopListening(server).then(release);
    }
    return closing;
  };
  return { url, publicUrl, server, store, catalog, services, logger, expirySweeper: sweeper, close };
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** Stops accepting connections, lets in-flight requests finish, and cuts what is left after the grace period. */
function stopListening(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), shutdownGraceMs);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** Method, redacted path, status and duration: never headers, query strings or bodies. */
function logRequest(logger: Logger, req: IncomingMessage, res: ServerResponse): void {
  const started = performance.now();
  res.once('finish', () => {
    logger.info({ method: req.method, path: redactPath(req.url ?? ''), status: res.statusCode, ms: Math.round(performance.now() - started) }, 'request');
  });
}

function reportReload(logger: Logger) {
  return ({ integration, error }: { integration: string; error?: Error }) => {
    if (error) logger.error({ integration, err: error }, 'integration definition reload failed; the previous version keeps serving');
    else logger.info({ integration }, 'integration definition reloaded');
  };
}
