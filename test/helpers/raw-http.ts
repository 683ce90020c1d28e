// HTTP without the guard rails of fetch: exact paths (no dot-segment normalization), repeated headers, and raw
// bytes on a socket for what no client library sends (CR/LF in headers, broken framing, header floods).
import { Agent, request } from 'node:http';
import { connect } from 'node:net';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request through node:http: the path is sent as given; `headers` may repeat a name. */
export function httpRequest(base: string, options: {
  method?: string; path: string; headers?: [string, string][]; body?: string | Buffer; agent?: Agent; timeoutMs?: number;
}): Promise<RawAnswer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({
      host: url.hostname,
      port: url.port,
      method: options.method ?? 'GET',
      path: options.path,
      headers: groupHeaders(framed(options.headers ?? [], options.body)),
      agent: options.agent ?? false,
      timeout: options.timeoutMs ?? 10_000,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs ?? 10_000} ms`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * With a body and no framing header, Content-Length: node:http sends the bodies of DELETE, OPTIONS and TRACE without
 * one, and the server then reads those bytes as the start of the next request on the connection.
 */
function framed(headers: [string, string][], body: string | Buffer | undefined): [string, string][] {
  if (body === undefined || headers.some(([name]) => /^(content-length|transfer-encoding)$/i.test(name))) return headers;
  return [...headers, ['content-length', String(Buffer.byteLength(body))]];
}

/** [name, value] pairs as node:http takes them: a repeated name becomes an array, sent as repeated lines. */
function groupHeaders(pairs: [string, string][]): Record<string, string | string[]> {
  const grouped: Record<string, string[]> = {};
  for (const [name, value] of pairs) (grouped[name.toLowerCase()] ??= []).push(value);
  return Object.fromEntries(Object.entries(grouped).map(([name, values]) => [name, values.length === 1 ? values[0]! : values]));
}

/**
 * Writes `bytes` on a fresh connection and reads until the server closes it (or `timeoutMs`). Returns the status of
 * the first response, 0 when the server closed without answering. Body decoding handles Content-Length and chunked.
 */
export function rawRequest(base: string, bytes: Buffer | string, timeoutMs = 10_000): Promise<RawAnswer & { closedWithoutAnswer: boolean }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parseResponse(Buffer.concat(chunks)));
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      // One response is all we want: stop once it is complete.
      if (responseComplete(Buffer.concat(chunks))) finish();
    });
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A reset after the server answered (it closes on framing errors) still counts as that answer.
      if (chunks.length > 0 || error.code === 'ECONNRESET' || error.code === 'EPIPE') finish();
      else if (!settled) { settled = true; clearTimeout(timer); reject(error); }
    });
    socket.write(bytes);
  });
}

function splitHead(raw: Buffer): { head: string; body: Buffer } | undefined {
  const end = raw.indexOf('\r\n\r\n');
  if (end === -1) return undefined;
  return { head: raw.subarray(0, end).toString('latin1'), body: raw.subarray(end + 4) };
}

function headerOf(head: string, name: string): string | undefined {
  const line = head.split('\r\n').find((candidate) => candidate.toLowerCase().startsWith(`${name}:`));
  return line?.slice(name.length + 1).trim();
}

function responseComplete(raw: Buffer): boolean {
  const parts = splitHead(raw);
  if (!parts) return false;
  const length = headerOf(parts.head, 'content-length');
  if (length !== undefined) return parts.body.length >= Number(length);
  if (/chunked/i.test(headerOf(parts.head, 'transfer-encoding') ?? '')) return parts.body.includes('\r\n0\r\n\r\n') || parts.body.subarray(0, 5).toString() === '0\r\n\r\n';
  return /^HTTP\/1\.1 (1\d\d|204|304)/.test(parts.head);
}

function parseResponse(raw: Buffer): RawAnswer & { closedWithoutAnswer: boolean } {
  const parts = splitHead(raw);
  if (!parts) return { status: 0, headers: {}, body: raw.toString('utf8'), closedWithoutAnswer: true };
  const [statusLine, ...lines] = parts.head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = parts.body;
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = dechunk(body);
  return { status: Number(statusLine!.split(' ')[1]), headers, body: body.toString('utf8'), closedWithoutAnswer: false };
}

function dechunk(body: Buffer): Buffer {
  const out: Buffer[] = [];
  let at = 0;
  while (at < body.length) {
    const lineEnd = body.indexOf('\r\n', at);
    if (lineEnd === -1) break;
    const size = parseInt(body.subarray(at, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    out.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(out);
}
