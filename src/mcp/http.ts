// Small node:http helpers for the MCP endpoint: bounded body reading, content negotiation, replies.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode, errorBody } from './jsonrpc.ts';

export const defaultMaxBodyBytes = 1024 * 1024;

export type Body = { ok: true; bytes: Buffer } | { ok: false; reason: 'too-large' | 'aborted' };

/** Reads the whole body, refusing (without buffering further) once it passes `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Body> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ ok: false, reason: 'too-large' });
  return new Promise((resolve) => {
    let held: Buffer = Buffer.alloc(0);
    let heldIsOwn = false;
    let size = 0;
    let done = false;
    const finish = (body: Body) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onError);
      resolve(body);
    };
    // A body in one chunk (most are) is kept as it came. Later chunks are copied into one buffer that doubles as it
    // fills: a client sending a byte per packet would otherwise have each byte held as a Buffer of its own (about
    // 200 bytes of heap per byte of body).
    const onData = (chunk: Buffer) => {
      if (size + chunk.length > limit) return finish({ ok: false, reason: 'too-large' });
      if (size === 0) {
        held = chunk;
        size = chunk.length;
        return;
      }
      if (!heldIsOwn || size + chunk.length > held.length) {
        const grown = Buffer.allocUnsafe(Math.min(limit, Math.max(size + chunk.length, 2 * held.length, 16 * 1024)));
        held.copy(grown, 0, 0, size);
        held = grown;
        heldIsOwn = true;
      }
      chunk.copy(held, size);
      size += chunk.length;
    };
    const onEnd = () => finish({ ok: true, bytes: held.subarray(0, size) });
    const onError = () => finish({ ok: false, reason: 'aborted' });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onError);
  });
}

/** A refused body is dropped up to this size before its connection is cut. */
const discardLimitBytes = 16 * 1024 * 1024;
const discardTimeoutMs = 10_000;

/**
 * Reads and drops what is left of a refused request body, so the client gets the answer: closing the connection
 * while it is still sending makes TCP reset it, which can destroy the answer before the client reads it. A body
 * that goes on past 16 MiB or 10 s has its connection cut.
 */
export function discardRest(req: IncomingMessage): void {
  let left = discardLimitBytes;
  const cut = () => req.socket.destroy();
  const timer = setTimeout(cut, discardTimeoutMs);
  const stop = () => clearTimeout(timer);
  req.on('data', (chunk: Buffer) => {
    left -= chunk.length;
    if (left < 0) {
      stop();
      cut();
    }
  });
  req.once('end', stop);
  req.once('close', stop);
  req.resume();
}

interface MediaRange {
  type: string;
  q: number;
}

function mediaRanges(accept: string): MediaRange[] {
  return accept.split(',').map((part) => {
    const [type = '', ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    return { type, q: q ? Number(q.slice(2)) : 1 };
  }).filter((range) => range.type !== '' && range.q > 0);
}

/**
 * What a POST reply may be sent as. The spec has clients list both application/json and text/event-stream; this
 * endpoint answers every request with one JSON object, so it only needs the client to take JSON. No Accept header
 * means anything (RFC 9110), as do the any-type and application wildcards. A client that takes only text/event-stream gets the
 * same reply as a one-event stream. Anything else: 406.
 */
export function replyFormat(accept: string | undefined): 'json' | 'sse' | undefined {
  if (accept === undefined || accept.trim() === '') return 'json';
  const ranges = mediaRanges(accept);
  if (ranges.some((range) => range.type === 'application/json' || range.type === 'application/*' || range.type === '*/*')) return 'json';
  if (ranges.some((range) => range.type === 'text/event-stream' || range.type === 'text/*')) return 'sse';
  return undefined;
}

export function acceptsEventStream(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  return mediaRanges(accept).some((range) => range.type === 'text/event-stream' || range.type === 'text/*' || range.type === '*/*');
}

export function isJsonContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function sendJson(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store', ...headers });
  res.end(body);
}

/** One reply as a single-event SSE stream, for clients that accept only text/event-stream. */
export function sendSseReply(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-accel-buffering': 'no', ...headers });
  res.end(`event: message\ndata: ${body}\n\n`);
}

/** An HTTP-level refusal with a JSON-RPC error body that has no id. */
export function refuse(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}, code: number = ErrorCode.Transport): void {
  sendJson(res, status, errorBody(code, message), headers);
}

export function sendAccepted(res: ServerResponse, headers: Record<string, string> = {}): void {
  res.writeHead(202, headers);
  res.end();
}
