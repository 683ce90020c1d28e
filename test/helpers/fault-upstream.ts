// An upstream API that misbehaves on request, for fault, memory and load tests. The last path segment picks the
// behaviour: GET <base>/widgets/<fault>, so one account and one tool (get a widget by id) reach every fault.
// Every body it sends carries `marker`, so tests can prove upstream bodies never reach logs or the database.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export const faults = [
  'ok', 'slow', 'hang', 'stall', 'trickle', 'reset', 'close-before-headers', 'status500', 'status503', 'status422', 'ratelimited',
  'badjson', 'html', 'no-content-type', 'huge', 'huge-declared', 'redirect', 'redirect-same-host', 'held',
] as const;
export type Fault = (typeof faults)[number];

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
}

export interface FaultUpstream {
  /** http://127.0.0.1:<port>: the origin to allow. */
  origin: string;
  /** The base URL an account points at: `${origin}/api`. */
  url: string;
  /** Marker inside every body this upstream sends. */
  marker: string;
  /** The last 1000 requests. */
  requests: SeenRequest[];
  /** Requests per fault. */
  count(fault: Fault): number;
  /** `held` requests waiting for release(). */
  held(): number;
  /** Answers every held request, and from now on answers `held` at once. */
  release(): void;
  close(): Promise<void>;
}

export interface FaultUpstreamOptions {
  marker?: string;
  /** Where `redirect` points (another host: an attacker's server). */
  redirectTo?: string;
  /** Size of the `huge` bodies (default 64 MiB), sent in 64 KiB chunks as fast as the reader takes them. */
  hugeBytes?: number;
  /** Delay of `slow` (default 50 ms). */
  slowMs?: number;
}

export async function startFaultUpstream(options: FaultUpstreamOptions = {}): Promise<FaultUpstream> {
  const marker = options.marker ?? 'upstream-body-marker-0d4f9a';
  const hugeBytes = options.hugeBytes ?? 64 * 1024 * 1024;
  const requests: SeenRequest[] = [];
  const counts = new Map<string, number>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, work: () => void) => {
    const timer = setTimeout(() => { timers.delete(timer); work(); }, ms);
    timers.add(timer);
  };
  const record = { id: 'w-1', name: 'Widget', note: marker };
  const held = new Set<ServerResponse>();
  let released = false;

  const server = createServer((req, res) => {
    req.resume();
    const path = (req.url ?? '/').split('?')[0]!;
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers });
    if (requests.length > 1000) requests.shift(); // the most recent only: load runs send millions
    const fault = decodeURIComponent(path.split('/').pop() ?? '');
    counts.set(fault, (counts.get(fault) ?? 0) + 1);
    if (path === '/api/widgets') return json(res, 200, [record, { ...record, id: 'w-2' }]);
    switch (fault as Fault) {
      case 'ok': return json(res, 200, record);
      case 'slow': return later(options.slowMs ?? 50, () => json(res, 200, record));
      case 'hang': return; // never answers
      case 'held':
        // Answered when the test says so (release), however long that takes: no timer decides.
        if (released) return json(res, 200, record);
        held.add(res);
        res.once('close', () => held.delete(res));
        return;
      case 'stall':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write(`{"id":"w-1","note":"${marker}`); // and nothing more
        return;
      case 'trickle': {
        // A byte at a time, each well inside any idle timeout: only a deadline on the whole call ends it.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('[');
        const drip = () => later(50, () => {
          if (res.destroyed) return;
          res.write(' ');
          drip();
        });
        drip();
        return;
      }
      case 'reset':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100000' });
        res.write(`{"id":"w-1","note":"${marker}`, () => later(20, () => res.socket?.resetAndDestroy()));
        return;
      case 'close-before-headers': return void req.socket.destroy();
      case 'status500': return json(res, 500, { message: `Internal failure ${marker}` });
      case 'status503': return json(res, 503, { message: `Down for maintenance ${marker}` }, { 'retry-after': '30' });
      case 'status422': return json(res, 422, { errors: [{ detail: `name is invalid ${marker}` }] });
      case 'ratelimited': return json(res, 429, { message: `Slow down ${marker}` }, { 'retry-after': '7' });
      case 'badjson':
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(`{"id": "w-1", "note": "${marker}", `);
      case 'html':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return void res.end(`<html><body>Please sign in ${marker}</body></html>`);
      case 'no-content-type':
        res.writeHead(200);
        return void res.end(JSON.stringify(record));
      case 'huge': return void streamHuge(res, hugeBytes, marker, false);
      case 'huge-declared': return void streamHuge(res, hugeBytes, marker, true);
      case 'redirect':
        res.writeHead(302, { location: options.redirectTo ?? 'http://127.0.0.1:9/steal', 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ moved: marker }));
      case 'redirect-same-host':
        res.writeHead(307, { location: '/api/widgets/ok', 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ moved: marker }));
      default: return json(res, 404, { message: `No widget ${marker}` });
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: `${origin}/api`,
    marker,
    requests,
    count: (fault) => counts.get(fault) ?? 0,
    held: () => held.size,
    release: () => {
      released = true;
      for (const res of held) json(res, 200, record);
      held.clear();
    },
    close: () => new Promise<void>((resolve) => {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** A JSON array of `total` bytes, written as fast as the reader reads, stopping when the reader hangs up. */
async function streamHuge(res: ServerResponse, total: number, marker: string, declared: boolean): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/json', ...(declared ? { 'content-length': String(total) } : {}) });
  const item = `"${marker}",`;
  const chunk = Buffer.from(item.repeat(Math.ceil(65_536 / item.length)).slice(0, 65_536));
  let sent = 0;
  res.write('[');
  sent++;
  while (sent + chunk.length < total - 1 && !res.destroyed) {
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
    sent += chunk.length;
  }
  if (!res.destroyed) res.end(`${' '.repeat(Math.max(0, total - sent - 1))}]`);
}

/** A port nothing listens on (bound, then released), for connect-refused faults. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
