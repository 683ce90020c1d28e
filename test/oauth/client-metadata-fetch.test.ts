// The SSRF guard of Client ID Metadata Document fetches. A loopback server counts every connection made to it; with
// the production policy no fetch may reach it, however its address is spelled or whatever name resolves to it.
// Only loopback targets are used: private and reserved literals are refused before any connection is attempted.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, type TestContext } from 'node:test';
import { addressAllowed, createGuardedFetcher, GuardedFetchError } from '../../src/oauth/guarded-fetch.ts';
import { json } from '../api/harness.ts';
import { assertOAuthError, decide, pkcePair, signIn, startOAuthGateway, tokenRequest } from '../helpers/oauth.ts';

async function countingServer(t: TestContext, handler: (path: string, res: import('node:http').ServerResponse) => void = (_path, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{}')) {
  let connections = 0;
  const server = createServer((req, res) => handler(req.url ?? '', res));
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  t.after(() => server.listening ? close() : undefined);
  return { port: (server.address() as AddressInfo).port, connections: () => connections, close };
}

/** Names other than "localhost" that this machine's hosts file maps to a loopback address. */
function loopbackAliases(): string[] {
  return readFileSync('/etc/hosts', 'utf8').split('\n')
    .map((line) => line.replace(/#.*/, '').trim().split(/\s+/))
    .filter(([address]) => address !== undefined && (address.startsWith('127.') || address === '::1'))
    .flatMap(([, ...names]) => names)
    .filter((name) => name !== 'localhost' && !name.endsWith('.localhost') && name !== '');
}

test('addresses: private, loopback, link-local, mapped and reserved ranges are refused; public ones pass', () => {
  const strict = { allowLoopback: false };
  for (const address of ['127.0.0.1', '127.1.2.3', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '64:ff9b::a00:1', '2002:7f00:1::']) {
    assert.equal(addressAllowed(address, strict), false, address);
  }
  for (const address of ['93.184.216.34', '1.1.1.1', '2606:4700:4700::1111']) assert.equal(addressAllowed(address, strict), true, address);
  assert.equal(addressAllowed('127.0.0.1', { allowLoopback: true }), true, 'tests may allow loopback');
  assert.equal(addressAllowed('10.0.0.1', { allowLoopback: true }), false, 'but never private networks');
});

test('no fetch reaches a loopback server, by literal, by name or by a name that resolves to it; https only', async (t) => {
  const target = await countingServer(t);
  const fetcher = createGuardedFetcher({ allowLoopback: false, timeoutMs: 2_000, maxBytes: 64 * 1024 });
  t.after(() => fetcher.close());
  const aliases = loopbackAliases();
  assert.ok(aliases.length > 0, '/etc/hosts maps a name besides localhost to a loopback address (the machine name)');
  const urls = [
    `http://127.0.0.1:${target.port}/client.json`, `https://127.0.0.1:${target.port}/client.json`, `https://localhost:${target.port}/client.json`,
    `https://app.localhost:${target.port}/client.json`, `https://[::1]:${target.port}/client.json`, `https://[::ffff:127.0.0.1]:${target.port}/client.json`,
    `https://2130706433:${target.port}/client.json`, `https://0x7f.1:${target.port}/client.json`, `https://127.1:${target.port}/client.json`,
    'https://10.0.0.1/client.json', 'https://169.254.169.254/latest/meta-data', 'https://[fd00::1]/client.json',
    ...aliases.map((name) => `https://${name}:${target.port}/client.json`),
  ];
  for (const url of urls) {
    await assert.rejects(fetcher.fetchJson(new URL(url)), (error: unknown) => {
      assert.ok(error instanceof GuardedFetchError, `${url}: ${String(error)}`);
      assert.match(error.message, /https|private, loopback or reserved|loopback host/, url);
      return true;
    }, url);
  }
  assert.equal(target.connections(), 0, 'not one connection reached the loopback server');
});

test('allowed targets: no redirects, a size limit and a time limit', async (t) => {
  const target = await countingServer(t, (path, res) => {
    if (path === '/redirect') return void res.writeHead(302, { location: '/ok' }).end();
    if (path === '/huge') return void res.writeHead(200, { 'content-type': 'application/json' }).end(`"${'x'.repeat(100_000)}"`);
    if (path === '/slow') return void setTimeout(() => res.writeHead(200).end('{}'), 3_000);
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=120' }).end('{"ok":true}');
  });
  const fetcher = createGuardedFetcher({ allowLoopback: true, timeoutMs: 500, maxBytes: 64 * 1024 });
  t.after(() => fetcher.close());
  const base = `http://127.0.0.1:${target.port}`;
  assert.deepEqual(await fetcher.fetchJson(new URL(`${base}/ok`)), { body: { ok: true }, maxAgeSeconds: 120 });
  await assert.rejects(fetcher.fetchJson(new URL(`${base}/redirect`)), /HTTP 302 \(redirects are not followed\)/);
  await assert.rejects(fetcher.fetchJson(new URL(`${base}/huge`)), /larger than 65536 bytes/);
  await assert.rejects(fetcher.fetchJson(new URL(`${base}/slow`)), /could not be fetched/);
});

test('through the authorization endpoint: a loopback client_id is refused, and nothing connects to it', async (t) => {
  const target = await countingServer(t);
  const gateway = await startOAuthGateway(t);
  const session = await signIn(gateway.running.publicUrl);
  const answer = await decide(gateway.running.publicUrl, session, {
    response_type: 'code', client_id: `https://127.0.0.1:${target.port}/client.json`, redirect_uri: 'https://claude.ai/api/mcp/auth_callback',
    code_challenge: pkcePair().challenge, code_challenge_method: 'S256', resource: gateway.protectedServer.url,
  });
  assert.equal(answer.status, 'error');
  assert.equal(answer.error, 'invalid_client');
  assert.match(answer.error_description, /private, loopback or reserved address/);
  assert.equal(answer.redirect_to, undefined);
  assert.equal(target.connections(), 0);
});

const genericFailure = /could not be fetched: it must be served over https from a public address and answer HTTP 200 without redirecting, with at most 64 KiB of JSON, within \d+(\.\d+)? s$/;

test('the token endpoint never fetches a metadata document: a URL client_id it does not know is invalid_client, and nothing connects', async (t) => {
  const target = await countingServer(t);
  const gateway = await startOAuthGateway(t, { clientMetadataFetch: { allowLoopback: true } });
  const base = gateway.running.publicUrl;
  const clientId = `http://127.0.0.1:${target.port}/client.json`;
  for (const form of [
    { grant_type: 'authorization_code', client_id: clientId, code: 'x', redirect_uri: 'http://127.0.0.1:1/cb', code_verifier: 'x'.repeat(43) },
    { grant_type: 'refresh_token', client_id: clientId, refresh_token: 'x' },
  ] as Record<string, string>[]) {
    assertOAuthError(await tokenRequest(base, form), 400, 'invalid_client', /^this client is unknown here; start at the authorization endpoint$/, form.grant_type!);
  }
  const basic = await tokenRequest(base, { grant_type: 'refresh_token', refresh_token: 'x' }, { authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:secret`).toString('base64')}` });
  assertOAuthError(basic, 400, 'invalid_client', /unknown here/, 'Basic credentials');
  assert.equal(target.connections(), 0, 'the token endpoint connected to nothing');
});

test('fetch failures are told to the caller generically (no DNS or connection facts); the detail goes to the log', async (t) => {
  const closed = await countingServer(t);
  const gateway = await startOAuthGateway(t, { clientMetadataFetch: { allowLoopback: true, timeoutMs: 2_000 } });
  const base = gateway.running.publicUrl;
  const session = await signIn(base);
  // A port that was listening a moment ago and no longer is: the connection is refused.
  const refusedPort = closed.port;
  await closed.close();
  for (const clientId of ['https://no-such-host.invalid/client.json', `http://127.0.0.1:${refusedPort}/client.json`]) {
    const answer = await decide(base, session, {
      response_type: 'code', client_id: clientId, redirect_uri: 'https://claude.ai/api/mcp/auth_callback', code_challenge: pkcePair().challenge, code_challenge_method: 'S256', resource: gateway.protectedServer.url,
    });
    assert.equal(answer.error, 'invalid_client', clientId);
    assert.match(answer.error_description, genericFailure, clientId);
    assert.doesNotMatch(answer.error_description, /getaddrinfo|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|resolves|refused/i, clientId);
  }
  assert.match(gateway.logs.text(), /"reason":"could not be fetched: getaddrinfo (ENOTFOUND|EAI_AGAIN) no-such-host\.invalid","msg":"a client metadata document could not be fetched"/, 'the DNS failure is in the log');
  assert.match(gateway.logs.text(), /"reason":"could not be fetched: connect ECONNREFUSED 127\.0\.0\.1:\d+","msg":"a client metadata document could not be fetched"/, 'the refused connection is in the log');
});

test('a document that trickles its body past the time limit is invalid_client (not a 500), and the failure is cached', async (t) => {
  let fetches = 0;
  const host = createServer((req, res) => {
    fetches++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{');
    const timer = setInterval(() => res.write(' '), 200);
    req.socket.on('close', () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => { host.closeAllConnections(); host.close(() => resolve()); }));
  const clientId = `http://127.0.0.1:${(host.address() as AddressInfo).port}/client.json`;

  const fetcher = createGuardedFetcher({ allowLoopback: true, timeoutMs: 1_000, maxBytes: 64 * 1024 });
  t.after(() => fetcher.close());
  await assert.rejects(fetcher.fetchJson(new URL(clientId)), (error: unknown) => error instanceof GuardedFetchError && error.kind === 'failed' && /could not be read in full/.test(error.message));

  const gateway = await startOAuthGateway(t, { clientMetadataFetch: { allowLoopback: true, timeoutMs: 1_000 } });
  const base = gateway.running.publicUrl;
  const session = await signIn(base);
  const query = new URLSearchParams({
    response_type: 'code', client_id: clientId, redirect_uri: 'https://claude.ai/api/mcp/auth_callback', code_challenge: pkcePair().challenge, code_challenge_method: 'S256', resource: gateway.protectedServer.url,
  });
  fetches = 0;
  for (let attempt = 1; attempt <= 2; attempt++) {
    const response = await fetch(`${base}/oauth/authorization?${query}`, { headers: { cookie: session.cookie } });
    assert.equal(response.status, 200, `attempt ${attempt}`);
    const answer = await json(response);
    assert.equal(answer.error, 'invalid_client', `attempt ${attempt}: ${JSON.stringify(answer)}`);
    assert.match(answer.error_description, genericFailure);
  }
  assertOAuthError(await tokenRequest(base, { grant_type: 'authorization_code', client_id: clientId, code: 'x', redirect_uri: 'x', code_verifier: 'x' }), 400, 'invalid_client', /unknown here/);
  assert.equal(fetches, 1, 'fetched once: the failure was cached, and the token endpoint fetched nothing');
});
