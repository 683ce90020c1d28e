// Admin API: authentication, integrated accounts (validation, tenant isolation, pagination), integrations list.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { test } from 'node:test';
import { generateMcpToken, hashToken } from '../../src/security/tokens.ts';
import { json, startTestServer, upstreamAllowlist } from './harness.ts';

const credential = 'acme-key-7d2c9e4b1a';
const newAccount = { integration: 'acme', name: 'Acme EU', context: { subdomain: 'acme', region: 'eu' }, credentials: { api_key: credential } };

test('health probes are open; every other route needs a valid API token', async (t) => {
  const { running, api, token, logs } = await startTestServer(t);
  assert.deepEqual(await json(await fetch(`${running.url}/health`)), { status: 'ok' });
  assert.deepEqual(await json(await fetch(`${running.url}/ready`)), { status: 'ready', integrations: 1 });

  const missing = await fetch(`${running.url}/integrated-account`);
  assert.equal(missing.status, 401);
  assert.equal(missing.headers.get('www-authenticate'), 'Bearer');
  assert.match((await json(missing)).error.message, /Missing API token.*Authorization: Bearer/);

  const wrong = await api('/integrated-account', { headers: { authorization: 'Bearer sb_not-a-real-token' } });
  assert.equal(wrong.status, 401);
  assert.match((await json(wrong)).error.message, /Invalid API token/);

  const malformed = await api('/integrated-account', { headers: { authorization: `Token ${token}` } });
  assert.equal(malformed.status, 401);
  assert.match((await json(malformed)).error.message, /Malformed Authorization header/);

  assert.equal((await fetch(`${running.url}/no-such-route`)).status, 401, 'unknown routes reveal nothing without a token');
  const unknown = await api('/no-such-route');
  assert.equal(unknown.status, 404);
  assert.match((await json(unknown)).error.message, /No route for GET \/no-such-route/);
  logs.assertFree([token]);
});

test('GET /integrations describes each integration and the fields an account needs, never values', async (t) => {
  const { api } = await startTestServer(t);
  const body = await json(await api('/integrations'));
  assert.equal(body.next_cursor, null);
  assert.deepEqual(body.result, [{
    name: 'acme',
    label: 'Acme HR',
    description: 'Fixture integration for admin API tests.',
    context: [
      { name: 'subdomain', label: 'Acme subdomain', required: true, pattern: '[a-z0-9-]+', example: 'acme' },
      { name: 'region', label: 'Region', required: false, pattern: 'eu|us' },
    ],
    credentials: [{ name: 'api_key', label: 'API key', description: 'Found under Settings → API.' }],
    auth_modes: [{ name: 'default', kind: 'header' }],
    default_auth_mode: 'default',
    tool_count: 7,
    tags: ['gadgets', 'widgets', 'writes'],
  }]);
});

test('creating an account returns it without credentials; it can be read, listed, changed and deleted', async (t) => {
  const { api, running, tenant, token, logs } = await startTestServer(t, { env: upstreamAllowlist('http://127.0.0.1:9') });
  const response = await api('/integrated-account', { method: 'POST', body: newAccount });
  assert.equal(response.status, 201);
  const text = await response.text();
  assert.equal(text.includes(credential), false, 'credentials are never echoed');
  const created = JSON.parse(text);
  assert.equal(created.integration, 'acme');
  assert.equal(created.name, 'Acme EU');
  assert.deepEqual(created.context, { subdomain: 'acme', region: 'eu' });
  assert.equal(created.status, 'active');
  assert.equal('credentials' in created || 'credentials_encrypted' in created, false);

  assert.deepEqual(await json(await api(`/integrated-account/${created.id}`)), created);
  assert.deepEqual(await json(await api('/integrated-account')), { result: [created], next_cursor: null });

  const defaultName = await json(await api('/integrated-account', { method: 'POST', body: { integration: 'acme', context: { subdomain: 'b' }, credentials: { api_key: 'k' } } }));
  assert.equal(defaultName.name, 'Acme HR', 'the integration label names an unnamed account');

  const patched = await api(`/integrated-account/${created.id}`, { method: 'PATCH', body: { name: 'Acme US', context: { region: null, base_url: 'http://127.0.0.1:9/api' }, credentials: { api_key: 'rotated-key' } } });
  assert.equal(patched.status, 200);
  const updated = await json(patched);
  assert.equal(updated.name, 'Acme US');
  assert.deepEqual(updated.context, { subdomain: 'acme', base_url: 'http://127.0.0.1:9/api' }, 'context is merged; null removes a key');
  const connection = await running.services.accounts.connect(updated);
  assert.deepEqual(connection.credentials, { api_key: 'rotated-key' });

  const mcpToken = generateMcpToken();
  await running.store.createMcpServer({ tenant_id: tenant.id, integrated_account_id: created.id, name: 'agent', config: {}, expires_at: null, created_by: null, token_hash: hashToken(mcpToken) });
  assert.equal((await running.services.access.resolveServer(mcpToken))?.account.credentials.api_key, 'rotated-key');
  await api(`/integrated-account/${created.id}`, { method: 'PATCH', body: { credentials: { api_key: 'rotated-again' } } });
  assert.equal((await running.services.access.resolveServer(mcpToken))?.account.credentials.api_key, 'rotated-again', 'a PATCH drops cached servers of the account at once');

  assert.equal((await api(`/integrated-account/${created.id}`, { method: 'DELETE' })).status, 204);
  assert.equal((await api(`/integrated-account/${created.id}`)).status, 404);
  assert.equal(await running.services.access.resolveServer(mcpToken), undefined, "deleting the account ends its servers at once");
  const again = await api(`/integrated-account/${created.id}`, { method: 'DELETE' });
  assert.equal(again.status, 404);
  assert.match((await json(again)).error.message, /Integrated account .* not found/);
  logs.assertFree([token, credential, 'rotated-key', 'rotated-again', mcpToken]);
});

/** A POST through node:http, which (unlike fetch) reports the answer when the server stops reading the body early. */
function postRaw(url: string, token: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => { text += chunk.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => { if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error); });
    req.end(body);
  });
}

test('validation names every bad, missing or unknown field', async (t) => {
  const { api, running, token } = await startTestServer(t);
  const problems = async (body: unknown, path = '/integrated-account', method = 'POST') => {
    const response = await api(path, { method, body });
    assert.equal(response.status, 400);
    const { error } = await json(response);
    assert.equal(typeof error.message, 'string');
    return Object.fromEntries((error.details ?? []).map((detail: { field: string; message: string }) => [detail.field, detail.message]));
  };

  assert.deepEqual(await problems({ integration: 'acme', context: { subdomain: 'a' }, credentials: { api_key: 'k' }, colour: 'red', extra: 1 }), {
    colour: 'is not a known field', extra: 'is not a known field',
  });
  assert.deepEqual(Object.keys(await problems({})), ['integration', 'credentials']);
  assert.equal((await problems({})).credentials, 'is required');
  assert.match((await problems({ integration: 'acme', credentials: { api_key: 5 } }))['credentials.api_key'], /expected string/);
  assert.match((await problems({ integration: 'nope', credentials: {} })).integration, /"nope" is not an installed integration \(installed: acme\)/);

  const fields = await problems({ integration: 'acme', context: { region: 'mars', colour: 'red', base_url: 'ftp://x' }, credentials: { token: 'x' } });
  assert.match(fields['context.subdomain'], /is required \(Acme subdomain, e\.g\. acme\)/);
  assert.match(fields['context.region'], /"mars" is not a valid Region: it must match eu\|us/);
  assert.match(fields['context.colour'], /is not a context field of acme \(known: subdomain, region, base_url\)/);
  assert.match(fields['context.base_url'], /must start with http:\/\/ or https:\/\//);
  assert.match(fields['credentials.api_key'], /is required \(API key\)/);
  assert.match(fields['credentials.token'], /is not a credential field of acme/);

  const evil = await problems({ integration: 'acme', context: { subdomain: 'evil.com/x#' }, credentials: { api_key: 'k' } });
  assert.match(evil['context.subdomain'], /must match/, 'the pattern must match the whole value');
  assert.match((await problems({ integration: 'acme', context: { subdomain: 'a', base_url: 'https://user:pw@host/' }, credentials: { api_key: 'k' } }))['context.base_url'], /user name or password/);

  const bad = await api('/integrated-account', { method: 'POST', body: '{not json' });
  assert.equal(bad.status, 400);
  assert.match((await json(bad)).error.message, /not valid JSON/);
  const withByteOrderMark = await api('/integrated-account', { method: 'POST', body: `\ufeff${JSON.stringify({ ...newAccount, name: 'From a Windows tool' })}` });
  assert.equal(withByteOrderMark.status, 201);
  assert.equal((await json(withByteOrderMark)).name, 'From a Windows tool');
  assert.deepEqual(await problems({ ...newAccount, padding: 'x'.repeat(300_000) }), { padding: 'is not a known field' }, 'a body over 128 KiB is parsed in turns, then validated like any other');
  const huge = await postRaw(`${running.url}/integrated-account`, token, JSON.stringify({ ...newAccount, name: 'x'.repeat(1024 * 1024) }));
  assert.equal(huge.status, 413);
  assert.match(JSON.parse(huge.body).error.message, /larger than/);

  const { id } = await json(await api('/integrated-account', { method: 'POST', body: newAccount }));
  assert.deepEqual(await problems({ nickname: 'x' }, `/integrated-account/${id}`, 'PATCH'), { nickname: 'is not a known field' });
  assert.match((await problems({}, `/integrated-account/${id}`, 'PATCH'))['(body)'], /at least one of name, context, credentials/);
  assert.match((await problems({ context: { subdomain: 'NOT VALID' } }, `/integrated-account/${id}`, 'PATCH'))['context.subdomain'], /must match/);
});

test("another tenant's accounts are not found, whatever the route", async (t) => {
  const { api, running, otherTenant } = await startTestServer(t);
  const { id } = await json(await api('/integrated-account', { method: 'POST', body: newAccount }));
  const other = await otherTenant();
  const asOther = (path: string, method = 'GET', body?: unknown) => fetch(`${running.url}${path}`, {
    method, headers: { authorization: `Bearer ${other.token}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}),
  });
  for (const [path, method, body] of [
    [`/integrated-account/${id}`, 'GET'], [`/integrated-account/${id}`, 'PATCH', { name: 'x' }], [`/integrated-account/${id}`, 'DELETE'],
    [`/integrated-account/${id}/tools`, 'GET'], [`/proxy/widgets?integrated_account_id=${id}`, 'GET'],
  ] as [string, string, unknown?][]) {
    const response = await asOther(path, method, body);
    assert.equal(response.status, 404, `${method} ${path}`);
    assert.match((await json(response)).error.message, /not found/);
  }
  assert.deepEqual((await json(await asOther('/integrated-account'))).result, []);
  assert.equal((await json(await api(`/integrated-account/${id}`))).name, 'Acme EU', 'untouched');
});

test('account lists page with limit and an opaque cursor; bad paging input is named', async (t) => {
  const { api } = await startTestServer(t);
  const ids: string[] = [];
  for (const name of ['one', 'two', 'three']) ids.push((await json(await api('/integrated-account', { method: 'POST', body: { ...newAccount, name } }))).id);
  const first = await json(await api('/integrated-account?limit=2'));
  assert.equal(first.result.length, 2);
  assert.equal(typeof first.next_cursor, 'string');
  const second = await json(await api(`/integrated-account?limit=2&cursor=${encodeURIComponent(first.next_cursor)}`));
  assert.equal(second.result.length, 1);
  assert.equal(second.next_cursor, null);
  assert.deepEqual([...first.result, ...second.result].map((account: { id: string }) => account.id).sort(), ids.sort());

  for (const [query, field, message] of [['limit=0', 'limit', /at least 1/], ['limit=500', 'limit', /at most 100/], ['limit=two', 'limit', /number/], ['page=2', 'page', /not a known field/], ['cursor=bogus', 'cursor', /not valid/]] as const) {
    const response = await api(`/integrated-account?${query}`);
    assert.equal(response.status, 400, query);
    const { error } = await json(response);
    assert.equal(error.details[0].field, field, query);
    assert.match(error.details[0].message, message, query);
  }
});
