// Issue 11, point 7: API tokens have a lifecycle. GET /api-token lists them (never a secret or hash), POST creates
// one (the secret shown once), DELETE revokes one (refused at once); expired tokens are refused; last_used_at is
// kept without a database write per request.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { json, startTestServer } from './harness.ts';

const inSeconds = (seconds: number, from = Date.now()) => new Date(from + seconds * 1000).toISOString();

test('create shows the secret once; the list shows id, name, times and which token is calling, never a secret', async (t) => {
  const server = await startTestServer(t);
  const created = await server.api('/api-token', { method: 'POST', body: { name: 'CI pipeline', expires_at: inSeconds(3600) } });
  assert.equal(created.status, 201);
  assert.equal(created.headers.get('cache-control'), 'no-store');
  const body = await json(created);
  assert.deepEqual(Object.keys(body).sort(), ['created_at', 'expires_at', 'id', 'last_used_at', 'name', 'token']);
  assert.match(body.token, /^sb_[\w-]{43}$/);
  assert.equal(body.name, 'CI pipeline');
  assert.equal(body.last_used_at, null);

  const listed = await server.api('/api-token');
  const text = await listed.text();
  assert.equal(listed.status, 200);
  assert.equal(text.includes(body.token), false, 'the secret is never listed');
  assert.equal(/token_hash|"token"/.test(text), false);
  const { result } = JSON.parse(text);
  assert.deepEqual(result.map((token: { name: string; current: boolean }) => [token.name, token.current]), [['default', true], ['CI pipeline', false]]);
  assert.deepEqual(Object.keys(result[1]).sort(), ['created_at', 'current', 'expires_at', 'id', 'last_used_at', 'name']);

  assert.equal((await server.api('/integrations', { headers: { authorization: `Bearer ${body.token}` } })).status, 200, 'the new token works');
  const fromNew = (await json(await server.api('/api-token', { headers: { authorization: `Bearer ${body.token}` } }))).result;
  assert.deepEqual(fromNew.map((token: { current: boolean }) => token.current), [false, true]);

  const other = await server.otherTenant();
  const theirs = await json(await server.api('/api-token', { headers: { authorization: `Bearer ${other.token}` } }));
  assert.deepEqual(theirs.result.map((token: { name: string }) => token.name), ['default'], 'another tenant sees only its own');
  server.logs.assertFree([body.token]);
});

test('bad input is refused naming the field', async (t) => {
  const server = await startTestServer(t);
  const refused = async (body: unknown) => {
    const response = await server.api('/api-token', { method: 'POST', body });
    assert.equal(response.status, 400);
    return Object.fromEntries((await json(response)).error.details.map((detail: { field: string; message: string }) => [detail.field, detail.message]));
  };
  assert.match((await refused({})).name, /is required/);
  assert.match((await refused({ name: ' ' })).name, /must not be empty/);
  assert.match((await refused({ name: 'x', expires_at: 'tomorrow' })).expires_at, /ISO 8601/);
  assert.match((await refused({ name: 'x', expires_at: inSeconds(-10) })).expires_at, /at least 60 seconds in the future/);
  assert.match((await refused({ name: 'x', scopes: ['all'] })).scopes, /is not a known field/);
});

test('DELETE revokes at once (the cache is on); unknown and foreign ids are 404', async (t) => {
  const server = await startTestServer(t, { cacheTtlMs: 1000 });
  const { id, token } = await json(await server.api('/api-token', { method: 'POST', body: { name: 'leaked' } }));
  const asLeaked = { authorization: `Bearer ${token}` };
  assert.equal((await server.api('/integrations', { headers: asLeaked })).status, 200, 'cached now');
  assert.equal((await server.api(`/api-token/${id}`, { method: 'DELETE' })).status, 204);
  const refused = await server.api('/integrations', { headers: asLeaked });
  assert.equal(refused.status, 401);
  assert.match((await json(refused)).error.message, /unknown, expired or was revoked/);
  assert.equal((await server.api(`/api-token/${id}`, { method: 'DELETE' })).status, 404);

  const other = await server.otherTenant();
  const [theirs] = (await json(await server.api('/api-token', { headers: { authorization: `Bearer ${other.token}` } }))).result;
  assert.equal((await server.api(`/api-token/${theirs.id}`, { method: 'DELETE' })).status, 404);
  assert.equal((await server.api('/integrations', { headers: { authorization: `Bearer ${other.token}` } })).status, 200, 'their token is untouched');
});

test('an expired token is refused from the moment it expires, cached or not', async (t) => {
  let skew = 0;
  const server = await startTestServer(t, { cacheTtlMs: 1000, overrides: { now: () => Date.now() + skew } });
  const { token } = await json(await server.api('/api-token', { method: 'POST', body: { name: 'short', expires_at: inSeconds(61) } }));
  const headers = { authorization: `Bearer ${token}` };
  assert.equal((await server.api('/integrations', { headers })).status, 200);
  skew += 61_000;
  const refused = await server.api('/integrations', { headers });
  assert.equal(refused.status, 401);
  assert.match((await json(refused)).error.message, /expired/);
  const listed = (await json(await server.api('/api-token'))).result.find((entry: { name: string }) => entry.name === 'short');
  assert.ok(listed, 'an expired token stays listed (and can be deleted) until revoked');
});

test('last_used_at is recorded without a database write per request: one per token per minute', async (t) => {
  let skew = 0;
  const server = await startTestServer(t, { cacheTtlMs: 1000, overrides: { now: () => Date.now() + skew } });
  const { store } = server.running;
  const touch = store.touchApiToken.bind(store);
  let writes = 0;
  store.touchApiToken = async (id, at) => {
    writes++;
    return touch(id, at);
  };
  const { id, token } = await json(await server.api('/api-token', { method: 'POST', body: { name: 'busy' } }));
  const headers = { authorization: `Bearer ${token}` };
  const before = writes;
  for (let i = 0; i < 50; i++) assert.equal((await server.api('/integrations', { headers })).status, 200);
  assert.equal(writes - before, 1, '50 requests, one write');
  const lastUsed = async () => (await json(await server.api('/api-token'))).result.find((entry: { id: string }) => entry.id === id).last_used_at;
  const first = await lastUsed();
  assert.ok(first, 'last_used_at is set');

  skew += 61_000;
  assert.equal((await server.api('/integrations', { headers })).status, 200);
  assert.equal(writes - before, 2, 'a minute later the next use is written');
  assert.ok(Date.parse(await lastUsed()) >= Date.parse(first) + 60_000);
});

test('SWITCHBOARD_MAX_API_TOKENS_PER_TENANT caps the tokens of a tenant with a clear 409', async (t) => {
  const server = await startTestServer(t, { env: { SWITCHBOARD_MAX_API_TOKENS_PER_TENANT: '3' } });
  for (const name of ['a', 'b']) assert.equal((await server.api('/api-token', { method: 'POST', body: { name } })).status, 201);
  const full = await server.api('/api-token', { method: 'POST', body: { name: 'c' } });
  assert.equal(full.status, 409);
  assert.match((await json(full)).error.message, /already has 3 API tokens, the most allowed; revoke one/);
});
