import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody, type Body } from '../../src/mcp/http.ts';

/** Sends `pieces` one write at a time (a declared length or chunked) and returns what readBody made of them. */
async function received(pieces: Buffer[], options: { declareLength: boolean; limit: number }): Promise<Body> {
  let resolveBody!: (body: Body) => void;
  const body = new Promise<Body>((resolve) => { resolveBody = resolve; });
  const server = createServer((req: IncomingMessage, res) => {
    void readBody(req, options.limit).then((read) => {
      resolveBody(read);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const total = pieces.reduce((sum, piece) => sum + piece.length, 0);
    const headers: Record<string, string | number> = options.declareLength ? { 'content-length': total } : { 'transfer-encoding': 'chunked' };
    const req = request({ host: '127.0.0.1', port, method: 'POST', headers });
    req.on('error', () => {});
    req.on('response', (res) => res.resume());
    for (const piece of pieces) {
      req.write(piece);
      await new Promise((resolve) => setImmediate(resolve));
    }
    req.end();
    return await body;
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

const pieces = Array.from({ length: 40 }, (_, i) => Buffer.alloc(17_000 + i, 97 + (i % 26)));
const whole = Buffer.concat(pieces);

test('readBody: a body of declared length, written in pieces, is read whole and in order', async () => {
  const body = await received(pieces, { declareLength: true, limit: 1024 * 1024 });
  assert.ok(body.ok);
  assert.ok(body.bytes.equals(whole));
});

test('readBody: a chunked body is read whole, and refused once it passes the limit', async () => {
  const body = await received(pieces, { declareLength: false, limit: 1024 * 1024 });
  assert.ok(body.ok);
  assert.ok(body.bytes.equals(whole));
  assert.deepEqual(await received(pieces, { declareLength: false, limit: 300_000 }), { ok: false, reason: 'too-large' });
  assert.deepEqual(await received(pieces, { declareLength: true, limit: 300_000 }), { ok: false, reason: 'too-large' });
});

test('readBody: a body sent a few bytes per packet is gathered whole', async () => {
  const tiny = Array.from({ length: 600 }, (_, i) => Buffer.from([48 + (i % 10)]));
  const body = await received(tiny, { declareLength: false, limit: 1024 });
  assert.ok(body.ok);
  assert.ok(body.bytes.equals(Buffer.concat(tiny)));
  assert.deepEqual(await received(tiny, { declareLength: true, limit: 500 }), { ok: false, reason: 'too-large' });
  assert.deepEqual(await received(tiny, { declareLength: false, limit: 500 }), { ok: false, reason: 'too-large' });
});
