// One HTTP server for everything: /mcp/<token> goes to the MCP endpoint, every other path to the admin API.
// startServer wires catalog, store, services and engine together and returns a handle that shuts all of it down.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import { createApp } from './api/app.ts';
import { createIdentity, type Identity, type IdentityOptions } from './auth/index.ts';
import type { ApiDependencies } from './api/types.ts';
import { startCluster, type Cluster } from './cluster/index.ts';
import { publicBaseUrl, type Config } from './config.ts';
import { Engine } from './execution/engine.ts';
import { createLogger, redactPath, type Logger } from './logger.ts';
import { createMcpHandler } from './mcp/handler.ts';
import type { McpDependencies } from './mcp/types.ts';
import { createMetrics, type Metrics } from './metrics/switchboard.ts';
import { startExpirySweeper, type ExpirySweeper } from './services/expiry-sweeper.ts';
import { createServices, type Services } from './services/index.ts';
import { McpLogWriter } from './services/mcp-log-writer.ts';
import { UpstreamTokens } from './services/upstream-tokens.ts';
import { createStore } from './store/create.ts';
import type { Store } from './store/types.ts';
import { Catalog, type WatchEvent } from './tools/catalog.ts';

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
  /** How often expired MCP servers are deleted (default: SWITCHBOARD_SWEEP_INTERVAL_MS, 30 s). */
  sweepIntervalMs?: number;
  /** Reload definitions when their files change (default true). */
  watchIntegrations?: boolean;
  /** How Client ID Metadata Documents are fetched; tests allow loopback addresses. */
  clientMetadataFetch?: IdentityOptions['clientMetadataFetch'];
}

export interface RunningServer {
  /** Where the server listens, e.g. http://127.0.0.1:8080. */
  url: string;
  /** Base of handed-out URLs (PUBLIC_URL, or localhost with the bound port). */
  publicUrl: string;
  server: Server;
  /** Everything but /mcp/: the admin API, health, sign-in, OAuth and the dashboard (its routes list what it serves). */
  adminApi: Hono;
  store: Store;
  catalog: Catalog;
  services: Services;
  /** Users, sessions and the OAuth authorization server. */
  identity: Identity;
  /** Executes tool calls and Proxy API calls. */
  engine: Engine;
  logger: Logger;
  /** Deletes expired MCP servers and old request-log entries every sweepIntervalMs; sweep() runs it now. */
  expirySweeper: ExpirySweeper;
  close(): Promise<void>;
}

export async function startServer(config: Config, overrides: ServerOverrides = {}): Promise<RunningServer> {
  const logger = overrides.logger ?? createLogger({ level: config.logLevel });
  const catalog = await Catalog.load(config.integrationsDir);
  if (overrides.watchIntegrations !== false) catalog.watch(reportReload(logger));
  const store = overrides.store ?? createStore(config, logger);
  let cluster: Cluster;
  try {
    await store.migrate();
    cluster = await startCluster({ config, store, logger });
  } catch (error) {
    catalog.close();
    await store.close();
    throw error;
  }
  const bus = cluster.bus;
  const mcpLogs = new McpLogWriter({ store, logger, capacity: config.logQueueLimit });
  let engine: Engine | undefined;
  const metrics = createMetrics({ busLive: bus && (() => bus.live), upstreamQueue: () => engine!.limiter.stats(), logQueue: () => mcpLogs.pending });
  const services = createServices({
    config, store, catalog, cacheTtlMs: overrides.cacheTtlMs, now: overrides.now,
    sharing: { bus, sharedCache: cluster.sharedCache, onLookup: metrics.tokenLookup }, logger,
  });
  engine = new Engine({
    upstream: { timeoutMs: config.upstreamTimeoutMs, maxResponseBytes: config.upstreamMaxResponseBytes },
    baseUrlAllowlist: config.upstreamAllowlist,
    limiter: { concurrency: config.accountConcurrency, queueTimeoutMs: config.accountQueueTimeoutMs },
    cursorKey: services.cursorKey,
    onUpstream: metrics.upstream,
    tokens: (send) => new UpstreamTokens({
      store, secrets: services.secrets, lock: cluster.lock, send, overrideOrigins: config.upstreamAllowlist,
      apps: (tenantId, integration) => services.oauthApps.credentials(tenantId, integration),
      onReauth: async (account, reason) => {
        logger.warn({ account: account.id, integration: account.integration, reason }, 'an integrated account needs to be reconnected');
        metrics.accountReauth(account.integration);
        await services.access.invalidate({ accountId: account.id });
      },
      onTokenRequest: metrics.upstreamTokenRequest,
    }),
  });
  engine.limiter.onWait = metrics.upstreamQueueWait;
  const running = engine;
  const sweeper = startExpirySweeper({
    store, logger, intervalMs: overrides.sweepIntervalMs ?? config.sweepIntervalMs, now: overrides.now, lease: cluster.lease, onSweep: metrics.sweep,
    logRetentionDays: config.logRetentionDays,
  });
  const release = async () => {
    catalog.close();
    sweeper.stop();
    await mcpLogs.close();
    await running.close();
    await cluster.close();
    await store.close();
  };

  // The handlers need the public URL, which depends on the port actually bound, so they are attached after listen.
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  // Idle keep-alive connections stay open longer than load balancers keep theirs (60 s is common): otherwise a client
  // can send a request on a connection the server is closing at that moment, and it is reset instead of answered.
  const server = createServer({ keepAliveTimeout: 65_000, headersTimeout: 66_000 }, (req, res) => handle(req, res));
  let address: AddressInfo;
  try {
    address = await listen(server, config.port, config.host);
  } catch (error) {
    await release();
    throw error;
  }
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  const publicUrl = publicBaseUrl(config, address.port);

  let closing: Promise<void> | undefined;
  const identity = createIdentity({ config, publicUrl, store, catalog, services, logger, now: overrides.now, clientMetadataFetch: overrides.clientMetadataFetch });
  const apiDependencies: ApiDependencies = {
    config, publicUrl, store, catalog, services, engine: running, logger, metrics, probes: cluster.probes, draining: () => closing !== undefined, identity,
  };
  const mcpDependencies: McpDependencies = {
    catalog,
    resolveServer: (token) => services.access.resolveServer(token),
    verifyApiToken: (bearer, tenantId) => services.access.verifyApiToken(bearer, tenantId),
    verifyAccessToken: (bearer) => services.access.resolveAccessToken(bearer),
    execute: (call) => running.execute(call),
    log: (entry, tool) => {
      mcpLogs.log(entry);
      metrics.mcp(entry, tool.inCatalog);
    },
    logRoom: mcpLogs,
    maxBatch: config.maxBatch,
    sseLimits: { perNode: config.sseMaxStreams, perServer: config.sseMaxStreamsPerServer, perTenant: config.sseMaxStreamsPerTenant },
    watchChanges: (listener) => services.access.onChange(listener),
    now: overrides.now,
    logger,
    allowedOrigins: config.allowedOrigins,
    resultBudgetBytes: config.resultBudgetTokens * bytesPerToken,
    publicUrl,
    guesses: services.guesses,
  };
  const mcp = createMcpHandler(mcpDependencies);
  const adminApi = createApp(apiDependencies);
  const api = getRequestListener(adminApi.fetch);
  // Request lines have fixed fields and no secrets (the path is redacted), so they skip the logger's redaction
  // paths, whose wildcards cost ~15 µs per line.
  const requestLogger = logger.child({}, { redact: [] });
  handle = (req, res) => {
    observeRequest(requestLogger, metrics, req, res);
    if (req.url?.startsWith('/mcp/')) mcp(req, res);
    else void api(req, res);
  };
  logger.info({ url, publicUrl, store: cluster.topology, node: cluster.nodeId, integrations: catalog.list().map((integration) => integration.definition.name) }, 'Switchboard is listening');

  const close = () => {
    if (!closing) {
      // Legacy SSE streams never end on their own; end them so their connections can drain.
      mcp.close();
      closing = stopListening(server).then(() => identity.close()).then(release);
    }
    return closing;
  };
  return { url, publicUrl, server, adminApi, store, catalog, services, engine: running, identity, logger, expirySweeper: sweeper, close };
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
    // A keep-alive connection whose request finishes while draining is idle from then on: close it then, rather
    // than after the keep-alive timeout.
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    server.close(() => {
      clearTimeout(force);
      clearInterval(idle);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** Logs method, redacted path, status and duration (never headers, query strings or bodies) and counts it. */
function observeRequest(logger: Logger, metrics: Metrics, req: IncomingMessage, res: ServerResponse): void {
  const started = performance.now();
  res.once('finish', () => {
    const ms = performance.now() - started;
    const path = req.url ?? '';
    metrics.http(path, res.statusCode, ms / 1000);
    logger.info({ method: req.method, path: redactPath(path), status: res.statusCode, ms: Math.round(ms) }, 'request');
  });
}

function reportReload(logger: Logger) {
  return (event: WatchEvent) => {
    if ('watcher' in event) {
      if (event.watcher === 'resumed') logger.info('watching the integrations directory again');
      else logger.error({ err: event.error, retry_in_ms: event.retryInMs }, 'watching the integrations directory failed; the loaded integrations keep serving, and watching starts again after a pause');
    } else if (event.error) logger.error({ integration: event.integration, err: event.error }, 'integration definition reload failed; the previous version keeps serving');
    else logger.info({ integration: event.integration }, 'integration definition reloaded');
  };
}
