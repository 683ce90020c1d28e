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
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { ClientInfo } from './client-info.ts';
import { sseDefaultVersion } from './versions.ts';

export interface SseSession {
  id: string;
  token: string;
  version: string;
  client: ClientInfo | undefined;
  /** Aborted when the stream closes: in-flight tool calls of this session are cancelled. */
  signal: AbortSignal;
  send(json: string): void;
  close(): void;
}

export interface SseSessionsOptions {
  keepAliveMs: number;
  maxSessions: number;
}

export class SseSessions {
  private readonly sessions = new Map<string, SseSession>();
  private readonly options: SseSessionsOptions;

  constructor(options: SseSessionsOptions) {
    this.options = options;
  }

  get size(): number {
    return this.sessions.size;
  }

  get full(): boolean {
    return this.sessions.size >= this.options.maxSessions;
  }

  /** Starts the event stream on `res` and announces the message endpoint (a path; the session id is appended). */
  open(res: ServerResponse, token: string, endpointPath: string, headers: Record<string, string>): SseSession {
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
    const session: SseSession = {
      id,
      token,
      version: sseDefaultVersion,
      client: undefined,
      signal: controller.signal,
      send: (json) => {
        if (!res.writableEnded && !res.destroyed) res.write(`event: message\ndata: ${json}\n\n`);
      },
      close: () => res.end(),
    };
    this.sessions.set(id, session);
    res.on('close', () => {
      clearInterval(keepAlive);
      this.sessions.delete(id);
      controller.abort();
    });
    return session;
  }

  get(id: string | null): SseSession | undefined {
    return id === null ? undefined : this.sessions.get(id);
  }

  /** Ends every open stream (shutdown). */
  closeAll(): void {
    for (const session of this.sessions.values()) session.close();
  }
}
