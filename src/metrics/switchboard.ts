// Switchboard's metrics, served at /metrics in the Prometheus text format: HTTP requests, MCP requests and tool
// calls, upstream API responses and latencies, token cache hits, the expiry sweeper and the invalidation bus.
// Per node: Prometheus scrapes every node and sums.
import { recordedMethod } from '../mcp/methods.ts';
import type { McpLogEntry } from '../store/types.ts';
import { Counter, Gauge, Histogram, Registry } from './registry.ts';

export type Metrics = ReturnType<typeof createMetrics>;

/** The tool label of a name that is not one of the server's tools: clients cannot mint label values. */
export const unknownTool = 'unknown';

export interface MetricsOptions {
  busLive?: (() => boolean) | undefined;
  /** Upstream calls waiting for and holding a per-account slot on this node. */
  upstreamQueue?: (() => { queued: number; running: number }) | undefined;
  /** MCP request log entries waiting to be written. */
  logQueue?: (() => number) | undefined;
}

export function createMetrics(options: MetricsOptions = {}) {
  const registry = new Registry();
  const httpRequests = registry.add(new Counter('switchboard_http_requests_total', 'HTTP requests by route class (mcp, admin, probe, metrics) and status class.', ['route', 'status_class']));
  const httpLatency = registry.add(new Histogram('switchboard_http_request_duration_seconds', 'HTTP request latency by route class, until the response was sent.', ['route']));
  const mcpRequests = registry.add(new Counter('switchboard_mcp_requests_total', 'MCP JSON-RPC requests by method and outcome (ok, error).', ['method', 'outcome']));
  const mcpLatency = registry.add(new Histogram('switchboard_mcp_request_duration_seconds', 'MCP request latency by JSON-RPC method, including the upstream call.', ['method']));
  const toolCalls = registry.add(new Counter('switchboard_mcp_tool_calls_total', 'MCP tool calls by tool and outcome (ok, error).', ['tool', 'outcome']));
  const upstreamResponses = registry.add(new Counter('switchboard_upstream_responses_total', 'Upstream API calls by integration and status class (2xx…5xx; error when no response came: timeout, unreachable).', ['integration', 'status_class']));
  const upstreamLatency = registry.add(new Histogram('switchboard_upstream_request_duration_seconds', 'Upstream API call latency by integration.', ['integration']));
  const tokenLookups = registry.add(new Counter('switchboard_token_cache_lookups_total', "MCP URL token lookups by whether this node's cache answered (hit) or the shared cache or database did (miss).", ['result']));
  const sweeps = registry.add(new Counter('switchboard_expiry_sweeps_total', 'Expiry sweeps this node ran; one node per interval holds the sweeper lease.'));
  const expiredDeleted = registry.add(new Counter('switchboard_expired_mcp_servers_deleted_total', 'Expired MCP servers this node deleted.'));
  const logsDeleted = registry.add(new Counter('switchboard_mcp_log_entries_deleted_total', 'Request log entries this node deleted past SWITCHBOARD_LOG_RETENTION_DAYS.'));
  const queueWaits = registry.add(new Histogram('switchboard_upstream_queue_wait_seconds', "Time calls waited for a slot of their account's upstream concurrency limit, by outcome (started, timeout, full, aborted).", ['outcome']));
  const tokenRequests = registry.add(new Counter('switchboard_upstream_token_requests_total', 'Requests to upstream OAuth token endpoints by integration and outcome (obtained, refused: the grant is gone, failed).', ['integration', 'outcome']));
  const reauths = registry.add(new Counter('switchboard_accounts_needing_reauth_total', 'Integrated accounts marked needs_reauth (their OAuth grant was refused), by integration.', ['integration']));
  const upstreamQueue = options.upstreamQueue;
  if (upstreamQueue) {
    registry.add(new Gauge('switchboard_upstream_queue_depth', 'Calls waiting for a slot of their account\'s upstream concurrency limit (SWITCHBOARD_ACCOUNT_CONCURRENCY), all accounts.', () => upstreamQueue().queued));
    registry.add(new Gauge('switchboard_upstream_in_flight', 'Upstream calls holding a per-account slot, all accounts.', () => upstreamQueue().running));
  }
  const busLive = options.busLive;
  const logQueue = options.logQueue;
  if (logQueue) registry.add(new Gauge('switchboard_mcp_log_queue_entries', 'MCP request log entries waiting to be written; at SWITCHBOARD_LOG_QUEUE_LIMIT new MCP requests are refused (503).', logQueue));
  registry.add(new Gauge('switchboard_invalidation_bus_up', '1 while this node receives the other nodes\' cache invalidations (always 1 for a single node on SQLite).', () => (busLive === undefined || busLive() ? 1 : 0)));

  return {
    render: () => registry.render(),
    http(path: string, status: number, seconds: number): void {
      const route = routeClass(path);
      httpRequests.inc([route, statusClass(status)]);
      httpLatency.observe([route], seconds);
    },
    /** One MCP request; its tool becomes a label only when it is one of the server's (`inCatalog`). */
    mcp(entry: McpLogEntry, inCatalog: boolean): void {
      const method = recordedMethod(entry.rpc_method);
      const outcome = entry.is_error ? 'error' : 'ok';
      mcpRequests.inc([method, outcome]);
      mcpLatency.observe([method], entry.latency_ms / 1000);
      if (method === 'tools/call' && entry.tool_name !== null) toolCalls.inc([inCatalog ? entry.tool_name : unknownTool, outcome]);
    },
    upstream(integration: string, status: string, seconds: number): void {
      upstreamResponses.inc([integration, status]);
      upstreamLatency.observe([integration], seconds);
    },
    upstreamTokenRequest(integration: string, outcome: string): void {
      tokenRequests.inc([integration, outcome]);
    },
    accountReauth(integration: string): void {
      reauths.inc([integration]);
    },
    upstreamQueueWait(seconds: number, outcome: string): void {
      queueWaits.observe([outcome], seconds);
    },
    tokenLookup(hit: boolean): void {
      tokenLookups.inc([hit ? 'hit' : 'miss']);
    },
    sweep(deleted: { servers: number; logs: number }): void {
      sweeps.inc();
      expiredDeleted.inc([], deleted.servers);
      logsDeleted.inc([], deleted.logs);
    },
  };
}

export function routeClass(path: string): string {
  if (path.startsWith('/mcp/')) return 'mcp';
  if (path === '/health' || path === '/ready' || path.startsWith('/health?') || path.startsWith('/ready?')) return 'probe';
  if (path === '/metrics' || path.startsWith('/metrics?')) return 'metrics';
  return 'admin';
}

function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}
