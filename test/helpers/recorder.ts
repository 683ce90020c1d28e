// An "attacker" server: records every request and connection it gets, and answers 200. SSRF tests point hostile
// input at it and assert it saw nothing.
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Recorder {
  url: string;
  port: number;
  requests: { method: string; url: string; headers: Record<string, string | string[] | undefined> }[];
  /** TCP connections accepted, with or without a complete request. */
  connections: number;
  close(): Promise<void>;
}

export async function startRecorder(): Promise<Recorder> {
  const sockets = new Set<Socket>();
  const recorder = { requests: [] as Recorder['requests'], connections: 0 };
  const server = createServer((req, res) => {
    recorder.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"stolen":true}');
  });
  server.on('connection', (socket) => {
    recorder.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get requests() { return recorder.requests; },
    get connections() { return recorder.connections; },
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}
