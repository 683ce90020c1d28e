// Management API of MCP servers (/integrated-account/:id/mcp) and the MCP request log API (/log?log_type=mcp):
// the token only at creation and never in the store in clear, validation against the account's tools, PATCH merge
// semantics, immediate effect through the token cache, tenant isolation, the sweeper started by startServer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashToken } from '../../src/security/tokens.ts';
import type { McpLogEntry } from '../../src/store/types.ts';
import { eventually } from '../helpers/eventually.ts';
import { json, readDataFiles, startTestServer, type TestServer } from './harness.ts';

const serverKeys = ['config', 'created_at', 'created_by', 'expires_at', 'id', 'integrated_account_id', 'name', 'updated_at'];
const inMinutes = (minutes: number, from = Date.now()) => new Date(from + minutes * 60_000).toISOString();

async function withAccount(t: import('node:test').TestContext, options: Parameters<typeof startTestServer>[1] = {}) {
  const server = await startTestServer(t, options);
  const response = await server.api('/integrated-account', { method: 'POST', body: { integration: 'acme', context: { subdomain: 'acme' }, credentials: { api_key: 'acme-key' } } });
  const { id: accountId } = await json(response);
  const base = `/integrated-account/${accountId}/mcp`;
  return { ...server, accountId, base };
}

/** The 400 answer of a request: its message and its details keyed by field. */
async function refused(server: TestServer, path: string, method: string, body: unknown) {
  const response = await server.api(path, { method, body });
  const answer = await json(response);
  assert.equal(response.status, 400, JSON.stringify(answer));
  const fields: Record<string, string> = Object.fromEntries((answer.error.details ?? []).map((detail: { field: string; message: string }) => [detail.field, detail.message]));
  return { message: answer.error.message as string, fields };
}

test('create answers the server with token and url once; list, get, patch and delete never show the token again', async (t) => {
  const server = await withAccount(t);
  const { api, base, accountId, running, logs, token: apiToken } = server;
  const expiresAt = inMinutes(60);
  const response = await api(base, { method: 'POST', body: { name: 'Read-only agent', config: { methods: ['read'], tool_exposure: 'all' }, expires_at: expiresAt } });
  assert.equal(response.status, 201);
  assert.equal(response.headers.get('cache-control'), 'no-store');
  const created = await json(response);
  assert.deepEqual(Object.keys(created).sort(), [...serverKeys, 'token', 'url'].sort());
  assert.equal(created.name, 'Read-only agent');
  assert.equal(created.integrated_account_id, accountId);
  assert.deepEqual(created.config, { methods: ['read'], tool_exposure: 'all' });
  assert.equal(created.expires_at, expiresAt);
  assert.equal(typeof created.created_by, 'string', 'the API token that created it');
  assert.match(created.token, /^[A-Za-z0-9_-]{43}$/, '32 random bytes (256 bits), base64url');
  assert.equal(Buffer.from(created.token, 'base64url').length, 32);
  assert.equal(created.url, `${running.publicUrl}/mcp/${created.token}`);

  const { token, url: _url, ...stored } = created;
  assert.deepEqual(await json(await api(`${base}/${created.id}`)), stored);
  const listed = await api(base);
  const listedText = await listed.text();
  assert.deepEqual(JSON.parse(listedText), { result: [stored], next_cursor: null });
  assert.equal(listedText.includes(token), false);

  // The URL works, through the store and the token cache.
  assert.equal((await running.services.access.resolveServer(token))?.server.id, created.id);

  const patched = await json(await api(`${base}/${created.id}`, { method: 'PATCH', body: { name: 'Renamed' } }));
  assert.equal(patched.name, 'Renamed');
  assert.equal('token' in patched || 'url' in patched, false);

  assert.equal((await api(`${base}/${created.id}`, { method: 'DELETE' })).status, 204);
  assert.equal((await api(`${base}/${created.id}`)).status, 404);
  const again = await api(`${base}/${created.id}`, { method: 'DELETE' });
  assert.equal(again.status, 404);
  assert.match((await json(again)).error.message, /^MCP server .* not found$/);
  assert.deepEqual(await json(await api(base)), { result: [], next_cursor: null });
  logs.assertFree([token, apiToken]);
});

test('the data directory holds the hash of a URL token, never the token', async (t) => {
  const { api, base, dataDir, running } = await withAccount(t);
  const created = await json(await api(base, { method: 'POST', body: { name: 'At rest', config: {} } }));
  const check = (when: string) => {
    const raw = readDataFiles(dataDir);
    assert.ok(raw.includes('At rest'), `${when}: the database files were read`);
    assert.ok(raw.includes(hashToken(created.token)), `${when}: the hash is what is stored`);
    assert.equal(raw.includes(created.token), false, `${when}: the token is not stored in clear`);
  };
  check('while open (WAL)');
  await running.close();
  check('after close');
});

test('creation is refused with a clear 400: no tool matches, unknown names, expiry under 60 s, unknown fields, wrong types', async (t) => {
  const server = await withAccount(t);
  const { base, api } = server;
  const post = (body: unknown) => refused(server, base, 'POST', body);

  const none = await post({ name: 'x', config: { methods: ['custom'], tags: ['gadgets'] } });
  assert.match(none.message, /^No tool matches the filters: no Acme HR tool matches methods custom and tags gadgets/);
  assert.match(none.fields.config!, /methods and tags must both match/);

  const unknown = await post({ name: 'x', config: { methods: ['read', 'frobnicate'], tags: ['foo', 'widgets', 'bar'] } });
  assert.equal(unknown.fields['config.methods'], 'unknown method "frobnicate"; known methods: read, write, custom, list, get, create, update, delete, archive');
  assert.equal(unknown.fields['config.tags'], 'unknown tags "foo", "bar"; known tags: gadgets, widgets, writes');
  assert.match(unknown.message, /config\.tags: unknown tags "foo", "bar"; known tags: gadgets, widgets, writes/);

  const soon = await post({ name: 'x', expires_at: new Date(Date.now() + 30_000).toISOString() });
  assert.match(soon.fields.expires_at!, /^must be at least 60 seconds in the future/);
  assert.match(soon.message, /expires_at: must be at least 60 seconds in the future/);
  assert.match((await post({ name: 'x', expires_at: '2001-01-01T00:00:00Z' })).fields.expires_at!, /at least 60 seconds/);
  assert.match((await post({ name: 'x', expires_at: 'tomorrow' })).fields.expires_at!, /ISO 8601 date-time/);
  assert.match((await post({ name: 'x', expires_at: '2030-01-01T00:00:00' })).fields.expires_at!, /with a time zone/);

  const fields = await post({ name: 'x', colour: 'red', config: { method: ['read'] } });
  assert.equal(fields.message, 'The request has invalid fields.');
  assert.deepEqual(fields.fields, { colour: 'is not a known field', 'config.method': 'is not a known field' });

  const types = await post({ name: 7, config: { methods: 'read', tags: [1], require_api_token_auth: 'yes', tool_exposure: 'some' }, expires_at: 5 });
  assert.match(types.fields.name!, /expected string/);
  assert.match(types.fields['config.methods']!, /must be a list of method groups \(read, write, custom\) or method names/);
  assert.match(types.fields['config.tags.0']!, /expected string/);
  assert.equal(types.fields['config.require_api_token_auth'], 'must be true or false');
  assert.equal(types.fields['config.tool_exposure'], 'must be "all" or "discovery"');
  assert.match(types.fields.expires_at!, /ISO 8601/);

  assert.equal((await post({ config: {} })).fields.name, 'is required');
  assert.equal((await post({ name: '  ' })).fields.name, 'must not be empty');

  assert.deepEqual(await json(await api(base)), { result: [], next_cursor: null }, 'nothing was created');
  const ok = await api(base, { method: 'POST', body: { name: 'defaults' } });
  assert.equal(ok.status, 201, 'config is optional: every tool');
  assert.deepEqual((await json(ok)).config, {});
  const exact = await api(base, { method: 'POST', body: { name: 'exact', config: { methods: ['archive'], tags: ['widgets'] }, expires_at: inMinutes(1.5) } });
  assert.equal(exact.status, 201, 'an exact method name; 90 s ahead is enough');
});

test('PATCH merges top-level config keys, null removes a key or the expiry, and only a config is checked against the tools', async (t) => {
  const server = await withAccount(t);
  const { base, api, running, tenant, accountId } = server;
  const created = await json(await api(base, { method: 'POST', body: { name: 'a', config: { methods: ['read'], require_api_token_auth: true }, expires_at: inMinutes(10) } }));
  const path = `${base}/${created.id}`;
  const patch = async (body: unknown) => {
    const response = await api(path, { method: 'PATCH', body });
    const answer = await json(response);
    assert.equal(response.status, 200, JSON.stringify(answer));
    return answer;
  };

  const merged = await patch({ config: { tags: ['widgets'], tool_exposure: 'discovery' } });
  assert.deepEqual(merged.config, { methods: ['read'], require_api_token_auth: true, tags: ['widgets'], tool_exposure: 'discovery' });
  assert.equal(merged.expires_at, created.expires_at, 'untouched without expires_at');
  assert.ok(merged.updated_at >= created.updated_at);

  const removed = await patch({ config: { require_api_token_auth: null, methods: null } });
  assert.deepEqual(removed.config, { tags: ['widgets'], tool_exposure: 'discovery' });

  assert.equal((await patch({ expires_at: null })).expires_at, null, 'null clears the expiry');
  const later = inMinutes(120);
  assert.equal((await patch({ expires_at: later })).expires_at, later);

  // A PATCH with config is checked against the merged result; the stored config stays as it was.
  assert.match((await refused(server, path, 'PATCH', { config: { methods: ['custom'], tags: ['gadgets'] } })).message, /^No tool matches the filters/);
  assert.deepEqual((await patch({ config: { tags: ['gadgets'] } })).config, { tags: ['gadgets'], tool_exposure: 'discovery' });
  assert.match((await refused(server, path, 'PATCH', { config: { methods: ['custom'] } })).message, /no Acme HR tool matches methods custom and tags gadgets/, 'the kept tags count');
  assert.match((await refused(server, path, 'PATCH', { config: { tags: ['nope'] } })).fields['config.tags']!, /unknown tag "nope"/);
  assert.match((await refused(server, path, 'PATCH', { expires_at: new Date(Date.now() + 59_000).toISOString() })).fields.expires_at!, /at least 60 seconds/);
  assert.match((await refused(server, path, 'PATCH', {})).fields['(body)']!, /send at least one of name, config, expires_at/);
  assert.deepEqual((await refused(server, path, 'PATCH', { token: 'x' })).fields, { token: 'is not a known field' });
  assert.deepEqual((await json(await api(path))).config, { tags: ['gadgets'], tool_exposure: 'discovery' });

  // A config that no longer passes (say the definition changed): a PATCH without config is not checked, one with is.
  await running.store.updateMcpServer(tenant.id, accountId, created.id, { config: { methods: ['retired_method'] } });
  assert.equal((await patch({ name: 'renamed anyway' })).name, 'renamed anyway');
  assert.match((await refused(server, path, 'PATCH', { config: { tool_exposure: 'all' } })).fields['config.methods']!, /unknown method "retired_method"/);
});

test('PATCH and DELETE take effect at once, despite the token cache', async (t) => {
  const { base, api, running } = await withAccount(t, { cacheTtlMs: 1000 });
  const created = await json(await api(base, { method: 'POST', body: { name: 'cached', config: { methods: ['read'] } } }));
  const { access } = running.services;
  assert.deepEqual((await access.resolveServer(created.token))?.server.config, { methods: ['read'] });
  await api(`${base}/${created.id}`, { method: 'PATCH', body: { config: { methods: ['write'] } } });
  assert.deepEqual((await access.resolveServer(created.token))?.server.config, { methods: ['write'] }, 'the change is seen within the cache lifetime');
  await api(`${base}/${created.id}`, { method: 'DELETE' });
  assert.equal(await access.resolveServer(created.token), undefined, 'the deletion is seen within the cache lifetime');
});

test("another tenant's servers are not found on any route; a server is found only under its own account", async (t) => {
  const server = await withAccount(t);
  const { base, api, running, accountId } = server;
  const created = await json(await api(base, { method: 'POST', body: { name: 'mine', config: {} } }));
  const other = await server.otherTenant();
  const asOther = (path: string, method = 'GET', body?: unknown) => api(path, { method, ...(body ? { body } : {}), headers: { authorization: `Bearer ${other.token}` } });
  for (const [path, method, body] of [
    [base, 'GET'], [base, 'POST', { name: 'theirs' }],
    [`${base}/${created.id}`, 'GET'], [`${base}/${created.id}`, 'PATCH', { name: 'stolen' }], [`${base}/${created.id}`, 'DELETE'],
  ] as [string, string, unknown?][]) {
    const response = await asOther(path, method, body);
    assert.equal(response.status, 404, `${method} ${path}`);
    assert.match((await json(response)).error.message, new RegExp(`Integrated account ${accountId} not found`));
  }
  // The other tenant's own account cannot reach this server either.
  const theirs = await running.services.accounts.create(other.tenant.id, { integration: 'acme', context: { subdomain: 'x' }, credentials: { api_key: 'k' } });
  const crossed = await asOther(`/integrated-account/${theirs.id}/mcp/${created.id}`);
  assert.equal(crossed.status, 404);
  assert.match((await json(crossed)).error.message, /^MCP server .* not found$/);
  assert.deepEqual(await json(await asOther(`/integrated-account/${theirs.id}/mcp`)), { result: [], next_cursor: null });
  // A second account of the same tenant does not list or reach it.
  const second = await json(await api('/integrated-account', { method: 'POST', body: { integration: 'acme', context: { subdomain: 'y' }, credentials: { api_key: 'k' } } }));
  assert.equal((await api(`/integrated-account/${second.id}/mcp/${created.id}`)).status, 404);
  assert.equal((await json(await api(`${base}/${created.id}`))).name, 'mine', 'untouched');
});

test('server lists page with limit and an opaque cursor', async (t) => {
  const { base, api } = await withAccount(t);
  const ids = [];
  for (const name of ['one', 'two', 'three']) ids.push((await json(await api(base, { method: 'POST', body: { name } }))).id);
  const first = await json(await api(`${base}?limit=2`));
  assert.equal(first.result.length, 2);
  const second = await json(await api(`${base}?limit=2&cursor=${encodeURIComponent(first.next_cursor)}`));
  assert.equal(second.next_cursor, null);
  assert.deepEqual([...first.result, ...second.result].map((entry: { id: string }) => entry.id), ids);
  assert.equal((await api(`${base}?cursor=bogus`)).status, 400);
});

test('the sweeper started by startServer deletes expired servers by the server clock, periodically', async (t) => {
  let skew = 0;
  const now = () => Date.now() + skew;
  const { base, api, running, tenant, accountId } = await withAccount(t, { overrides: { now, sweepIntervalMs: 20 } });
  const created = await json(await api(base, { method: 'POST', body: { name: 'short-lived', expires_at: new Date(now() + 61_000).toISOString() } }));
  const kept = await json(await api(base, { method: 'POST', body: { name: 'forever' } }));
  assert.ok(await running.services.access.resolveServer(created.token));
  skew += 61_000;
  await eventually('the sweeper deletes the expired server', async () => await running.store.getMcpServer(tenant.id, accountId, created.id) === undefined);
  assert.equal(await running.services.access.resolveServer(created.token), undefined);
  assert.deepEqual((await json(await api(base))).result.map((entry: { id: string }) => entry.id), [kept.id]);
});

test('GET /log?log_type=mcp returns the tenant\'s entries newest first, filtered, paged, without the tenant id', async (t) => {
  const server = await startTestServer(t);
  const { api, tenant, running } = server;
  const other = await server.otherTenant();
  const entry = (minute: number, fields: Partial<McpLogEntry>): McpLogEntry => ({
    tenant_id: tenant.id, mcp_server_id: 's1', integrated_account_id: 'a1', time: `2030-01-01T00:0${minute}:00.000Z`, rpc_method: 'tools/call',
    tool_name: 'list_all_acme_widgets', upstream_status: 200, is_error: false, latency_ms: 12, client_name: 'claude-code', client_version: '1.0', ...fields,
  });
  await running.store.appendLogs([
    entry(1, { rpc_method: 'initialize', tool_name: null, upstream_status: null }),
    entry(2, {}),
    entry(3, {
      mcp_server_id: 's2', integrated_account_id: 'a2', tool_name: 'create_a_acme_widget', upstream_status: 422, is_error: true, client_name: 'cursor', client_version: '2.1',
      user_id: 'u1', user_email: 'ana@acme.example', oauth_client_id: 'https://client.example/meta.json', oauth_client_name: 'Claude',
    }),
    entry(4, { tenant_id: other.tenant.id, mcp_server_id: 's9' }),
  ]);
  const times = async (query: string) => {
    const response = await api(`/log?log_type=mcp${query}`);
    const body = await json(response);
    assert.equal(response.status, 200, JSON.stringify(body));
    return body.result.map((row: McpLogEntry) => row.time.slice(14, 16));
  };

  const all = await json(await api('/log?log_type=mcp'));
  assert.equal(all.next_cursor, null);
  assert.deepEqual(all.result[0], {
    id: all.result[0].id, mcp_server_id: 's2', integrated_account_id: 'a2', time: '2030-01-01T00:03:00.000Z', rpc_method: 'tools/call',
    tool_name: 'create_a_acme_widget', upstream_status: 422, is_error: true, latency_ms: 12, client_name: 'cursor', client_version: '2.1',
    user_id: 'u1', user_email: 'ana@acme.example', oauth_client_id: 'https://client.example/meta.json', oauth_client_name: 'Claude',
  });
  assert.equal(all.result[1].user_id, null, 'a call without OAuth has no user');
  assert.deepEqual(await times(''), ['03', '02', '01'], "newest first, only this tenant's");
  assert.deepEqual(await times('&mcp_server_id=s1'), ['02', '01']);
  assert.deepEqual(await times('&user_id=u1'), ['03']);
  assert.deepEqual(await times(`&oauth_client_id=${encodeURIComponent('https://client.example/meta.json')}`), ['03']);
  assert.deepEqual(await times('&integrated_account_id=a2'), ['03']);
  assert.deepEqual(await times('&tool_name=list_all_acme_widgets'), ['02']);
  assert.deepEqual(await times('&rpc_method=initialize'), ['01']);
  assert.deepEqual(await times('&client_name=cursor'), ['03']);
  assert.deepEqual(await times('&client_name=claude-code&client_version=1.0'), ['02', '01']);
  assert.deepEqual(await times('&since=2030-01-01T00:02:00Z&until=2030-01-01T00:03:00Z'), ['02'], 'since inclusive, until exclusive');
  assert.deepEqual(await times('&mcp_server_id=s9'), [], "another tenant's entries are never returned");
  assert.deepEqual(await times('&mcp_server_id=&tool_name=&since='), ['03', '02', '01'], 'an empty filter is no filter');

  const first = await json(await api('/log?log_type=mcp&limit=2'));
  assert.equal(first.result.length, 2);
  const rest = await json(await api(`/log?log_type=mcp&limit=2&cursor=${encodeURIComponent(first.next_cursor)}`));
  assert.deepEqual(rest.result.map((row: McpLogEntry) => row.time.slice(14, 16)), ['01']);
  assert.equal(rest.next_cursor, null);

  const problems = async (query: string) => (await refused(server, `/log${query}`, 'GET', undefined)).fields;
  assert.equal((await problems('')).log_type, 'must be one of: mcp');
  assert.equal((await problems('?log_type=proxy')).log_type, 'must be one of: mcp');
  assert.match((await problems('?log_type=mcp&since=yesterday')).since!, /ISO 8601/);
  assert.equal((await problems('?log_type=mcp&tool=x')).tool, 'is not a known field');
  assert.match((await problems('?log_type=mcp&limit=1000')).limit!, /at most 100/);
});
