// Serving the built dashboard: content types, cache headers, CSP, client-route fallback, and nothing else.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Hono } from 'hono';
import { dashboardCsp, dashboardRoutes } from '../../src/api/dashboard.ts';

function builtDashboard(t: import('node:test').TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-dashboard-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="app"></div>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(dir, 'assets', 'index-abc123.css'), 'body{}');
  writeFileSync(join(dir, 'favicon.svg'), '<svg/>');
  return dir;
}

/** The dashboard in front of a stand-in API that answers everything else with 401, as the real one does. */
function app(dir: string): Hono {
  const app = new Hono();
  app.route('/', dashboardRoutes({ dir }));
  app.all('*', (c) => c.json({ error: { message: 'api' } }, 401));
  return app;
}

test('client routes get index.html with a strict CSP and no caching', async (t) => {
  const server = app(builtDashboard(t));
  for (const path of ['/', '/sign-in', '/accounts', '/accounts/acc_1', '/accounts/acc_1/tools', '/accounts/acc_1/servers', '/accounts/acc_1/logs', '/catalog', '/catalog/pinpoint/connect', '/api-tokens']) {
    const response = await server.request(path);
    assert.equal(response.status, 200, path);
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8', path);
    assert.equal(response.headers.get('cache-control'), 'no-cache', path);
    assert.equal(response.headers.get('content-security-policy'), dashboardCsp);
    assert.equal(response.headers.get('x-frame-options'), 'DENY');
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    assert.match(await response.text(), /id="app"/);
  }
  assert.match(dashboardCsp, /script-src 'self'(;|$)/);
  assert.doesNotMatch(dashboardCsp, /unsafe-inline|unsafe-eval|https?:/);
  const etag = (await server.request('/accounts')).headers.get('etag')!;
  assert.equal((await server.request('/accounts', { headers: { 'if-none-match': etag } })).status, 304);
});

test('hashed assets are immutable, top-level files short-lived, each with its content type', async (t) => {
  const server = app(builtDashboard(t));
  const js = await server.request('/assets/index-abc123.js');
  assert.equal(js.status, 200);
  assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal(js.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(js.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(await js.text(), 'console.log(1)');
  assert.equal((await server.request('/assets/index-abc123.css')).headers.get('content-type'), 'text/css; charset=utf-8');
  const icon = await server.request('/favicon.svg');
  assert.equal(icon.headers.get('content-type'), 'image/svg+xml');
  assert.equal(icon.headers.get('cache-control'), 'public, max-age=3600');
  const head = await server.request('/assets/index-abc123.js', { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(await head.text(), '');
  assert.equal((await server.request('/assets/missing.js')).status, 404);
  assert.equal((await server.request('/assets/..%2Findex.html')).status, 404, 'no way out of the assets folder');
  assert.equal((await server.request('/assets/../../package.json')).status, 401, 'normalised away from the dashboard, into the API');
});

test('API paths, other methods and unknown paths fall through to the API', async (t) => {
  const server = app(builtDashboard(t));
  for (const path of ['/integrations', '/integrated-account', '/integrated-account/x/tools', '/log', '/proxy/jobs', '/health', '/accounts/a/b/c', '/nothing', '/index.js', '/missing.svg']) {
    assert.equal((await server.request(path)).status, 401, path);
  }
  assert.equal((await server.request('/accounts', { method: 'POST' })).status, 401);
  assert.equal((await server.request('/', { method: 'DELETE' })).status, 401);
});

test('without a build, client routes explain how to build it', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-dashboard-empty-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const response = await app(dir).request('/accounts');
  assert.equal(response.status, 503);
  assert.match(await response.text(), /npm run build:dashboard/);
  assert.equal((await app(dir).request('/integrations')).status, 401);
});
