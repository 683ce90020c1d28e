// The deprecated HTTP+SSE transport (protocol 2024-11-05), for older clients and bridges.
//
//   GET  /mcp/<token>/sse   (or GET /mcp/<token> without any Streamable HTTP header) opens an event stream whose first
//                           event is `endpoint`: the URL to POST messages to, carrying this stream's session id.
//   POST /mcp/<token>/messages?sessionId=<id>   answers 202 at once; the JSON-RPC responses arrive on the stream as
//                           `message` events.
//
// This transport is inherently per-node: responses must go out on the open stream, which lives in one process. The
// session map below is in memory; a POST that reaches another node (or arrives after the stream closed) gets 404
// "Session not found" and the client reconnects. Behind a load balancer, route /mcp/*/sse and /mcp/*/messages with
// session affinity, or use Streamable HTTP (POST /mcp/<token>), which is fully stateless.
//
// A stream holds a connection for as long as the client likes, so streams are counted per node, per MCP server and
// per tenant, and each ends when its server expires (checked against the clock) or is revoked (the handler closes
// it when the invalidation bus reports the change).
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { McpServer } from '../store/types.ts';
import type { ClientInfo } from './client-info.ts';
import type { Change, SseLimits } from './types.ts';
import { sseDefaultVersion } from './versions.ts';

export interface SseSession {
  id: string;
  token: string;
  serverId: string;
  accountId: string;
  tenantId: string;
  /** When the server expires (ms since the epoch), or null; the stream ends then. */
  expiresAt: number | null;
  /** The bearer (API token or OAuth access token) the stream was opened with, when its server asks for one. */
  bearer: string | undefined;
  version: string;
  client: ClientInfo | undefined;
  /** Aborted when the stream closes: in-flight tool calls of this session are cancelled. */
  signal: AbortSignal;
  send(json: string): void;
  close(): void;
}

export const defaultSseLimits: SseLimits = { perNode: 10_000, perServer: 20, perTenant: 200 };

/** How often open streams are checked against their server's expiry. */
const expiryCheckMs = 200;

export interface SseSessionsOptions {
  keepAliveMs: number;
  limits: SseLimits;
  now: () => number;
}

export class SseSessions {
  private readonly sessions = new Map<string, SseSession>();
  private readonly perServer = new Map<string, number>();
  private readonly perTenant = new Map<string, number>();
  private readonly options: SseSessionsOptions;
  private expiryTimer: NodeJS.Timeout | undefined;

  constructor(options: SseSessionsOptions) {
    this.options = options;
  }

  get size(): number {
    return this.sessions.size;
  }

  get full(): boolean {
    return this.sessions.size >= this.options.limits.perNode;
  }

  /** Why no further stream may open for this server, or undefined when one may. */
  refusal(server: Pick<McpServer, 'id' | 'tenant_id'>): string | undefined {
    const { perServer, perTenant } = this.options.limits;
    if ((this.perServer.get(server.id) ?? 0) >= perServer) return `this MCP server already has ${perServer} open SSE streams on this node`;
    if ((this.perTenant.get(server.tenant_id) ?? 0) >= perTenant) return `this MCP server's tenant already has ${perTenant} open SSE streams on this node`;
    return undefined;
  }

  /** Starts the event stream on `res` and announces the message endpoint (a path; the session id is appended). */
  open(res: ServerResponse, owner: { token: string; server: McpServer; bearer: string | undefined }, endpointPath: string, headers: Record<string, string>): SseSession {
    const id = randomUUID();
    const controller = new AbortController();
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      ...headers,
    });
    res.write(`event: endpoint\ndata: ${endpointPath}?sessionId=${id}\n\n`);
    const keepAlive = setInterval(() => res.write(': keepalive\n\n'), this.options.keepAliveMs);
    keepAlive.unref();
    const { server } = owner;
    const session: SseSession = {
      id,
      token: owner.token,
      serverId: server.id,
      accountId: server.integrated_account_id,
      tenantId: server.tenant_id,
      expiresAt: expiryOf(server),
      bearer: owner.bearer,
      version: sseDefaultVersion,
      client: undefined,
      signal: controller.signal,
      send: (json) => {
        if (!res.writableEnded && !res.destroyed) res.write(`event: message\ndata: ${json}\n\n`);
      },
      close: () => res.end(),
    };
    this.sessions.set(id, session);
    count(this.perServer, session.serverId, 1);
    count(this.perTenant, session.tenantId, 1);
    this.expiryTimer ??= setInterval(() => this.closeExpired(), expiryCheckMs).unref();
    res.on('close', () => {
      clearInterval(keepAlive);
      if (this.sessions.delete(id)) {
        count(this.perServer, session.serverId, -1);
        count(this.perTenant, session.tenantId, -1);
      }
      if (this.sessions.size === 0) {
        clearInterval(this.expiryTimer);
        this.expiryTimer = undefined;
      }
      controller.abort();
    });
    return session;
  }

  get(id: string | null): SseSession | undefined {
    return id === null ? undefined : this.sessions.get(id);
  }

  /**
   * The streams a change may end: those of the server or account named, those opened with a bearer when an API token
   * or OAuth grant changed, every one when the change names nothing.
   */
  affectedBy(change: Change): SseSession[] {
    const bearers = change.apiTokenId !== undefined || change.grantId !== undefined;
    const everything = change.serverId === undefined && change.accountId === undefined && !bearers;
    return [...this.sessions.values()].filter((session) => everything
      || session.serverId === change.serverId
      || session.accountId === change.accountId
      || (bearers && session.bearer !== undefined));
  }

  /** Ends every open stream (shutdown). */
  closeAll(): void {
    for (const session of this.sessions.values()) session.close();
  }

  private closeExpired(): void {
    const now = this.options.now();
    for (const session of this.sessions.values()) {
      if (session.expiresAt !== null && session.expiresAt <= now) session.close();
    }
  }
}

/** A server's expiry as ms since the epoch, or null when it has none. */
export function expiryOf(server: Pick<McpServer, 'expires_at'>): number | null {
  return server.expires_at === null ? null : Date.parse(server.expires_at);
}

function count(counts: Map<string, number>, key: string, by: number): void {
  const next = (counts.get(key) ?? 0) + by;
  if (next > 0) counts.set(key, next);
  else counts.delete(key);
}
