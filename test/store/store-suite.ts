// The store suite, run against every backend (sqlite.test.ts, postgres.test.ts): migrations, CRUD, tenant
// scoping, keyset pagination, logs and leases. A backend hands out fresh databases; the assertions are shared.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { LimitReachedError } from '../../src/store/errors.ts';
import { migrations } from '../../src/store/migrations.ts';
import { InvalidCursorError } from '../../src/store/pagination.ts';
import type { McpLogEntry, Page, Store } from '../../src/store/types.ts';

export interface StoreBackend {
  /** A new empty database, removed when the test ends: a directory for SQLite, a URL for PostgreSQL. */
  location(t: TestContext): Promise<string>;
  /** A store on that database, not migrated yet. */
  open(location: string): Store;
  /** One SQL statement on that database on a connection of its own, to look or tamper behind the store's back. */
  query(location: string, sql: string): Promise<Record<string, unknown>[]>;
}

export function storeSuite(backend: StoreBackend): void {
  async function openStore(t: TestContext, location?: string): Promise<Store> {
    const store = backend.open(location ?? await backend.location(t));
    t.after(() => store.close());
    await store.migrate();
    return store;
  }

  const appliedVersions = async (location: string) => (await backend.query(location, 'SELECT version FROM schema_migrations ORDER BY version')).map((row) => Number(row.version));

  test('migrations are applied once, however often migrate runs and from how many connections', async (t) => {
    const location = await backend.location(t);
    const first = await openStore(t, location);
    await first.migrate();
    const second = await openStore(t, location);
    await second.migrate();
    assert.deepEqual(await appliedVersions(location), migrations.map((migration) => migration.version));
  });

  test('nodes starting together: parallel migrations on a fresh database apply every step exactly once', async (t) => {
    const location = await backend.location(t);
    const stores = Array.from({ length: 6 }, () => backend.open(location));
    t.after(() => Promise.all(stores.map((store) => store.close())));
    await Promise.all(stores.map((store) => store.migrate()));
    assert.deepEqual(await appliedVersions(location), migrations.map((migration) => migration.version));
    const tenant = await stores[0]!.createTenant('Acme');
    assert.deepEqual(await stores[5]!.getTenant(tenant.id), tenant, 'one schema, shared by every connection');
  });

  test('a database migrated by a newer Switchboard is refused', async (t) => {
    const location = await backend.location(t);
    const store = await openStore(t, location);
    await backend.query(location, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', '2030-01-01T00:00:00.000Z')");
    await assert.rejects(store.migrate(), /schema is at version 999/);
  });

  test('tenants and API tokens: create, find by hash, delete only within the tenant', async (t) => {
    const store = await openStore(t);
    const acme = await store.createTenant('Acme');
    const other = await store.createTenant('Other');
    assert.deepEqual(await store.getTenant(acme.id), acme);
    const token = await store.createApiToken({ tenant_id: acme.id, name: 'ci', token_hash: 'a'.repeat(64) });
    assert.deepEqual(await store.findApiTokenByHash('a'.repeat(64)), token);
    assert.equal(await store.findApiTokenByHash('b'.repeat(64)), undefined);
    await assert.rejects(store.createApiToken({ tenant_id: other.id, name: 'dup', token_hash: 'a'.repeat(64) }), /UNIQUE/);
    assert.equal(await store.deleteApiToken(other.id, token.id), false);
    assert.equal(await store.deleteApiToken(acme.id, token.id), true);
    assert.equal(await store.findApiTokenByHash('a'.repeat(64)), undefined);
  });

  test('API tokens: expiry kept, listed per tenant page by page, last use only moves forward', async (t) => {
    const store = await openStore(t);
    const acme = await store.createTenant('Acme');
    const other = await store.createTenant('Other');
    const first = await store.createApiToken({ tenant_id: acme.id, name: 'ci', token_hash: 'c'.repeat(64), expires_at: '2030-01-01T01:00:00+01:00' });
    assert.equal(first.expires_at, '2030-01-01T00:00:00.000Z');
    assert.equal(first.last_used_at, null);
    const second = await store.createApiToken({ tenant_id: acme.id, name: 'laptop', token_hash: 'd'.repeat(64) });
    await store.createApiToken({ tenant_id: other.id, name: 'theirs', token_hash: 'e'.repeat(64) });
    const listed = (await store.listApiTokens(acme.id, {})).result;
    assert.deepEqual(listed.map((token) => token.id).sort(), [first.id, second.id].sort(), "the tenant's two tokens, not the other tenant's");
    assert.deepEqual((await collect((cursor) => store.listApiTokens(acme.id, { limit: 1, cursor }))).flat().map((token) => token.id), listed.map((token) => token.id), 'pages walk the same order');
    assert.ok((await store.listApiTokens(acme.id, {})).result.every((token) => !('token_hash' in token)), 'the hash never leaves the store');

    await store.touchApiToken(first.id, '2030-01-01T00:05:00Z');
    await store.touchApiToken(first.id, '2030-01-01T00:01:00Z');
    assert.equal((await store.findApiTokenByHash('c'.repeat(64)))?.last_used_at, '2030-01-01T00:05:00.000Z', 'an older use does not move it back');
  });

  test('quotas: inserts past the limit are refused, also when many race for the last places', async (t) => {
    const store = await openStore(t);
    const acme = await store.createTenant('Acme');
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => store.createAccount(
      { tenant_id: acme.id, integration: 'pinpoint', name: `account ${i}`, context: {}, credentials_encrypted: 'v1:x' }, { max: 5 },
    )));
    assert.equal(results.filter((result) => result.status === 'fulfilled').length, 5);
    assert.ok(results.every((result) => result.status === 'fulfilled' || (result.reason instanceof LimitReachedError && result.reason.max === 5)));
    assert.equal((await store.listAccounts(acme.id, {})).result.length, 5);

    const acct = (await store.listAccounts(acme.id, {})).result[0]!;
    const server = (n: number, expiresAt: string | null = null) => store.createMcpServer(
      { tenant_id: acme.id, integrated_account_id: acct.id, name: `s${n}`, config: {}, expires_at: expiresAt, created_by: null, token_hash: `q${n}` },
      { max: 2, at: new Date('2030-01-01T00:00:00Z') },
    );
    await server(1, '2029-12-31T00:00:00Z');
    await server(2);
    await server(3);
    await assert.rejects(server(4), LimitReachedError, 'two live servers: full (the expired one does not count)');
    await Promise.all([0, 1, 2].map((n) => store.createApiToken({ tenant_id: acme.id, name: `t${n}`, token_hash: `t${n}` }, { max: 3 })));
    await assert.rejects(store.createApiToken({ tenant_id: acme.id, name: 't3', token_hash: 't3' }, { max: 3 }), LimitReachedError);
  });

  test('MCP servers seen as of a time: expired ones are gone for get, list, update and delete before any sweep', async (t) => {
    const store = await openStore(t);
    const acme = await store.createTenant('Acme');
    const acct = await account(store, acme.id);
    const at = new Date('2030-01-01T00:00:00Z');
    const expired = await store.createMcpServer({ tenant_id: acme.id, integrated_account_id: acct.id, name: 'old', config: {}, expires_at: '2030-01-01T00:00:00Z', created_by: null, token_hash: 'x1' });
    const live = await store.createMcpServer({ tenant_id: acme.id, integrated_account_id: acct.id, name: 'new', config: {}, expires_at: '2030-01-01T00:00:01Z', created_by: null, token_hash: 'x2' });
    assert.equal(await store.getMcpServer(acme.id, acct.id, expired.id, at), undefined);
    assert.deepEqual(await store.getMcpServer(acme.id, acct.id, live.id, at), live);
    assert.deepEqual((await store.listMcpServers(acme.id, acct.id, {}, at)).result.map((server) => server.name), ['new']);
    assert.equal(await store.updateMcpServer(acme.id, acct.id, expired.id, { expires_at: null }, at), undefined, 'no revival');
    assert.equal(await store.deleteMcpServer(acme.id, acct.id, expired.id, at), false);
    assert.equal((await store.getMcpServer(acme.id, acct.id, expired.id))?.expires_at, '2030-01-01T00:00:00.000Z', 'the row itself waits for the sweeper, unchanged');
  });

  test('log retention: entries older than a time are deleted in bounded steps', async (t) => {
    const store = await openStore(t);
    const acme = await store.createTenant('Acme');
    const entry = (day: number): McpLogEntry => ({
      tenant_id: acme.id, mcp_server_id: 's1', integrated_account_id: 'a1', time: `2030-01-${String(day).padStart(2, '0')}T00:00:00.000Z`,
      rpc_method: 'ping', tool_name: null, upstream_status: null, is_error: false, latency_ms: 0, client_name: null, client_version: null,
    });
    await store.appendLogs(Array.from({ length: 9 }, (_, i) => entry(i + 1)));
    const before = new Date('2030-01-06T00:00:00Z');
    assert.equal(await store.deleteLogsBefore(before, 3), 3);
    assert.equal(await store.deleteLogsBefore(before, 3), 2);
    assert.equal(await store.deleteLogsBefore(before, 3), 0);
    assert.deepEqual((await store.queryLogs(acme.id, {})).result.map((row) => row.time.slice(8, 10)), ['09', '08', '07', '06']);
  });

  test('integrated accounts: CRUD, credentials kept apart, another tenant sees nothing', async (t) => {
    const store = await openStore(t);
    const acme = await store.createTenant('Acme');
    const other = await store.createTenant('Other');
    const created = await account(store, acme.id);
    assert.equal(created.status, 'active');
    assert.equal('credentials_encrypted' in created, false);
    assert.deepEqual(await store.getAccount(acme.id, created.id), created);
    assert.equal(await store.getAccountCredentials(created.id), 'v1:sealed');

    assert.equal(await store.getAccount(other.id, created.id), undefined);
    assert.equal(await store.updateAccount(other.id, created.id, { name: 'stolen' }), undefined);
    assert.equal(await store.deleteAccount(other.id, created.id), false);
    assert.deepEqual((await store.listAccounts(other.id, {})).result, []);

    const updated = await store.updateAccount(acme.id, created.id, { name: 'Renamed', context: { subdomain: 'new' }, status: 'needs_reauth' });
    assert.equal(updated?.name, 'Renamed');
    assert.deepEqual(updated?.context, { subdomain: 'new' });
    assert.equal(updated?.status, 'needs_reauth');
    assert.ok(updated!.updated_at >= created.updated_at);
    assert.equal(updated?.created_at, created.created_at);

    assert.equal(await store.deleteAccount(acme.id, created.id), true);
    assert.equal(await store.getAccount(acme.id, created.id), undefined);
    assert.equal(await store.getAccountCredentials(created.id), undefined);
  });

  test('keyset pagination walks every row once, ordered by creation time then id, with an opaque cursor', async (t) => {
    const store = await openStore(t);
    const acme = await store.createTenant('Acme');
    const created = [];
    for (let i = 0; i < 7; i++) created.push(await account(store, acme.id, `account ${i}`));
    const pages = await collect((cursor) => store.listAccounts(acme.id, { limit: 3, cursor }));
    assert.deepEqual(pages.map((page) => page.length), [3, 3, 1]);
    const walked = pages.flat();
    const byKeyset = [...created].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
    assert.deepEqual(walked.map((row) => row.id), byKeyset.map((row) => row.id));

    const exact = await store.listAccounts(acme.id, { limit: 7 });
    assert.equal(exact.next_cursor, null, 'no cursor when the page holds the last row');

    const first = await store.listAccounts(acme.id, { limit: 2 });
    await store.deleteAccount(acme.id, first.result[1]!.id);
    const afterDelete = await store.listAccounts(acme.id, { limit: 2, cursor: first.next_cursor! });
    assert.deepEqual(afterDelete.result.map((row) => row.id), [walked[2]!.id, walked[3]!.id], 'a deleted row does not shift the next page');

    await assert.rejects(store.listAccounts(acme.id, { cursor: 'not-a-cursor' }), InvalidCursorError);
    const tenants = await collect((cursor) => store.listTenants({ limit: 1, cursor }));
    assert.deepEqual(tenants.flat().map((tenant) => tenant.name), ['Acme']);
  });

  test('MCP servers: CRUD scoped by tenant and account, lookup by token hash, expiry, cascade', async (t) => {
    const store = await openStore(t);
    const acme = await store.createTenant('Acme');
    const other = await store.createTenant('Other');
    const acct = await account(store, acme.id);
    const server = await store.createMcpServer({
      tenant_id: acme.id, integrated_account_id: acct.id, name: 'agent', config: { methods: ['read'], tags: ['jobs'] },
      expires_at: '2030-01-01T01:00:00+01:00', created_by: 'token-id', token_hash: 'h1',
    });
    assert.equal(server.expires_at, '2030-01-01T00:00:00.000Z', 'expiry normalized to UTC');
    assert.deepEqual(server.config, { methods: ['read'], tags: ['jobs'] });
    assert.deepEqual(await store.getMcpServer(acme.id, acct.id, server.id), server);
    assert.equal(await store.getMcpServer(other.id, acct.id, server.id), undefined);
    assert.deepEqual((await store.listMcpServers(acme.id, acct.id, {})).result, [server]);
    assert.deepEqual(await store.findMcpServerByTokenHash('h1'), { server, account: acct, credentials_encrypted: 'v1:sealed' });

    await assert.rejects(store.createMcpServer({
      tenant_id: other.id, integrated_account_id: acct.id, name: 'x', config: {}, expires_at: null, created_by: null, token_hash: 'h2',
    }), /FOREIGN KEY/, "a server cannot point at another tenant's account");

    const cleared = await store.updateMcpServer(acme.id, acct.id, server.id, { expires_at: null, name: 'renamed' });
    assert.equal(cleared?.expires_at, null);
    assert.equal(cleared?.name, 'renamed');
    assert.equal(await store.updateMcpServer(other.id, acct.id, server.id, { name: 'x' }), undefined);

    await store.updateMcpServer(acme.id, acct.id, server.id, { expires_at: '2030-01-01T00:00:00Z' });
    assert.equal(await store.deleteExpiredMcpServers(new Date('2029-12-31T23:59:59Z')), 0);
    assert.equal(await store.deleteExpiredMcpServers(new Date('2030-01-01T00:00:00Z')), 1, 'expires_at equal to now counts as expired');
    assert.equal(await store.findMcpServerByTokenHash('h1'), undefined);

    const kept = await store.createMcpServer({ tenant_id: acme.id, integrated_account_id: acct.id, name: 'y', config: {}, expires_at: null, created_by: null, token_hash: 'h3' });
    assert.equal(await store.deleteMcpServer(other.id, acct.id, kept.id), false);
    await store.deleteAccount(acme.id, acct.id);
    assert.equal(await store.findMcpServerByTokenHash('h3'), undefined, 'deleting the account deletes its servers');
  });

  test('MCP logs: filters, newest first, pagination, tenant scoping', async (t) => {
    const store = await openStore(t);
    const acme = await store.createTenant('Acme');
    const other = await store.createTenant('Other');
    const entry = (minute: number, overrides: Partial<McpLogEntry> = {}): McpLogEntry => ({
      tenant_id: acme.id, mcp_server_id: 's1', integrated_account_id: 'a1', time: `2030-01-01T00:0${minute}:00.000Z`,
      rpc_method: 'tools/call', tool_name: 'list_all_pinpoint_jobs', upstream_status: 200, is_error: false, latency_ms: 12.4,
      client_name: 'claude', client_version: '1.0', ...overrides,
    });
    await store.appendLogs([
      entry(1), entry(2, { tool_name: 'get_single_pinpoint_job_by_id', is_error: true, upstream_status: 404 }),
      entry(3, { rpc_method: 'tools/list', tool_name: null, upstream_status: null }), entry(4, { mcp_server_id: 's2' }),
      entry(5, { tenant_id: other.id }),
    ]);
    const all = await collect((cursor) => store.queryLogs(acme.id, { limit: 3, cursor }));
    assert.deepEqual(all.map((page) => page.length), [3, 1]);
    assert.deepEqual(all.flat().map((row) => row.time.slice(14, 16)), ['04', '03', '02', '01']);
    const failed = all.flat().find((row) => row.is_error);
    assert.equal(failed?.upstream_status, 404);
    assert.equal(failed?.latency_ms, 12);

    const only = async (query: Parameters<Store['queryLogs']>[1]) => (await store.queryLogs(acme.id, query)).result.map((row) => row.time.slice(14, 16));
    assert.deepEqual(await only({ mcp_server_id: 's2' }), ['04']);
    assert.deepEqual(await only({ tool_name: 'get_single_pinpoint_job_by_id' }), ['02']);
    assert.deepEqual(await only({ rpc_method: 'tools/list' }), ['03']);
    assert.deepEqual(await only({ since: '2030-01-01T00:02:00Z', until: '2030-01-01T00:04:00Z' }), ['03', '02']);
    assert.deepEqual(await only({ client_name: 'other' }), []);
    assert.deepEqual((await store.queryLogs(other.id, {})).result.length, 1);
  });

  test('upstream OAuth: apps per tenant and integration, tokens per account, connect sessions used once', async (t) => {
    const store = await openStore(t);
    const acme = await store.createTenant('Acme');
    const other = await store.createTenant('Other');
    const app = await store.saveOAuthApp({ tenant_id: acme.id, integration: 'lever', client_id: 'cid', client_secret_encrypted: 'sealed-1', authorize_url: null, token_url: 'https://sandbox.example/token' });
    assert.equal(app.client_id, 'cid');
    assert.equal('client_secret_encrypted' in app, false, 'the secret is not part of the app as listed');
    const replaced = await store.saveOAuthApp({ tenant_id: acme.id, integration: 'lever', client_id: 'cid-2', client_secret_encrypted: 'sealed-2', authorize_url: null, token_url: null });
    assert.equal(replaced.client_id, 'cid-2');
    assert.equal((await store.getOAuthApp(acme.id, 'lever'))?.client_secret_encrypted, 'sealed-2');
    assert.equal(await store.getOAuthApp(other.id, 'lever'), undefined);
    assert.deepEqual((await store.listOAuthApps(acme.id)).map((entry) => entry.integration), ['lever']);
    assert.equal(await store.deleteOAuthApp(other.id, 'lever'), false);
    assert.equal(await store.deleteOAuthApp(acme.id, 'lever'), true);

    const account = await store.createAccount({ tenant_id: acme.id, integration: 'lever', name: 'Lever', context: {}, credentials_encrypted: 'sealed' });
    assert.equal(await store.getUpstreamTokens(account.id), undefined);
    await store.saveUpstreamTokens(account.id, { tokens_encrypted: 't1', expires_at: '2030-01-01T00:00:00Z' });
    await store.saveUpstreamTokens(account.id, { tokens_encrypted: 't2', expires_at: null });
    assert.deepEqual(await store.getUpstreamTokens(account.id), { tokens_encrypted: 't2', expires_at: null });
    await store.setAccountStatus(account.id, 'needs_reauth');
    assert.equal((await store.getAccount(acme.id, account.id))?.status, 'needs_reauth');
    await store.deleteAccount(acme.id, account.id);
    assert.equal(await store.getUpstreamTokens(account.id), undefined, 'tokens go with their account');

    const session = await store.createConnectSession({
      tenant_id: acme.id, integration: 'lever', account_name: 'Team Lever', account_id: null, context: { region: 'eu' }, verifier_encrypted: null, return_to: null,
      expires_at: '2030-01-01T00:00:00Z', token_hash: 'h'.repeat(64),
    });
    assert.deepEqual(await store.findConnectSession({ token_hash: 'h'.repeat(64) }), session);
    await store.startConnectSession(session.id, 's'.repeat(64), 'sealed-verifier');
    assert.equal((await store.findConnectSession({ state_hash: 's'.repeat(64) }))?.verifier_encrypted, 'sealed-verifier');
    const takes = await Promise.all([store.takeConnectState('s'.repeat(64)), store.takeConnectState('s'.repeat(64))]);
    assert.equal(takes.filter(Boolean).length, 1, 'a state is taken once, even when two callbacks race');
    assert.deepEqual(takes.find(Boolean)?.context, { region: 'eu' });
    assert.equal(await store.findConnectSession({ state_hash: 's'.repeat(64) }), undefined, 'the state is gone once taken');
    const uses = await Promise.all([store.useConnectSession(session.id), store.useConnectSession(session.id)]);
    assert.deepEqual(uses.sort(), [false, true], 'used exactly once, even when two callbacks race');
    await store.createConnectSession({ tenant_id: acme.id, integration: 'lever', account_name: null, account_id: null, context: {}, verifier_encrypted: null, return_to: null, expires_at: '2020-01-01T00:00:00Z', token_hash: 'e'.repeat(64) });
    assert.equal(await store.deleteExpiredConnectSessions(new Date('2026-01-01T00:00:00Z')), 1);
  });

  test('leases: one holder at a time, renewed by its holder, taken over once expired, never won twice at once', async (t) => {
    const store = await openStore(t);
    assert.equal(await store.acquireLease('sweeper', 'node-a', 60_000), true);
    assert.equal(await store.acquireLease('sweeper', 'node-b', 60_000), false, 'held by another node');
    assert.equal(await store.acquireLease('sweeper', 'node-a', 60_000), true, 'renewed by its holder');
    assert.equal(await store.acquireLease('other-job', 'node-b', 60_000), true, 'leases are independent by name');

    assert.equal(await store.acquireLease('lapsed', 'node-a', 0), true);
    assert.equal(await store.acquireLease('lapsed', 'node-b', 60_000), true, 'an expired lease goes to whoever asks');
    assert.equal(await store.acquireLease('lapsed', 'node-a', 60_000), false);

    const contenders = await Promise.all(Array.from({ length: 8 }, (_, i) => store.acquireLease('contended', `node-${i}`, 60_000)));
    assert.equal(contenders.filter(Boolean).length, 1);
  });

  test('users, sessions and OAuth records: memberships, one-time codes, rotated refresh tokens, cascades and expiry', async (t) => {
    const store = await openStore(t);
    const tenant = await store.createTenant('Acme');
    const user = await store.auth.createUser({ email: 'ana@acme.example', name: null, password_hash: 'scrypt$x' });
    await assert.rejects(store.auth.createUser({ email: 'ana@acme.example', name: null, password_hash: null }), /UNIQUE/);
    await store.auth.setMembership(user.id, tenant.id, 'member');
    await store.auth.setMembership(user.id, tenant.id, 'admin');
    assert.deepEqual(await store.auth.listMemberships(user.id), [{ tenant_id: tenant.id, tenant_name: 'Acme', role: 'admin' }]);
    const later = new Date(Date.now() + 60_000).toISOString();
    const past = new Date(Date.now() - 7_200_000).toISOString();
    await store.auth.createSession({ token_hash: 's1', user_id: user.id, tenant_id: tenant.id, expires_at: later });
    await store.auth.createSession({ token_hash: 's2', user_id: user.id, tenant_id: tenant.id, expires_at: past });
    assert.equal((await store.auth.findSession('s1', new Date()))?.user.email, 'ana@acme.example');
    assert.equal(await store.auth.findSession('s2', new Date()), undefined, 'an expired session is not found');

    const acct = await account(store, tenant.id);
    const server = await store.createMcpServer({ tenant_id: tenant.id, integrated_account_id: acct.id, name: 's', config: { auth: 'oauth' }, expires_at: null, created_by: null, token_hash: 'h'.repeat(64) });
    await store.auth.saveClient({ id: 'client-1', kind: 'registered', metadata: { redirect_uris: ['https://app.example/cb'], grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'none', client_name: 'App' }, secret_hash: null });
    const code = { client_id: 'client-1', user_id: user.id, tenant_id: tenant.id, mcp_server_id: server.id, redirect_uri: 'https://app.example/cb', code_challenge: 'c'.repeat(43), scope: 'mcp', expires_at: later };
    await store.auth.createCode('code-1', code);
    assert.deepEqual(await store.auth.findCode('code-1', new Date()), code, 'found without being spent');
    assert.equal(await store.auth.findCode('code-1', new Date(Date.now() + 120_000)), undefined, 'an unspent code past its expiry is not found');
    assert.deepEqual(await store.auth.redeemCode('code-1', 'grant-1', new Date()), { kind: 'ok', code });
    assert.deepEqual(await store.auth.findCode('code-1', new Date(Date.now() + 120_000)), code, 'a spent one still is, so its replay is recognized');
    assert.deepEqual(await store.auth.redeemCode('code-1', 'grant-2', new Date()), { kind: 'reused', grant_id: 'grant-1' });
    assert.equal(await store.auth.redeemCode('unknown', 'grant-3', new Date()), undefined);

    await store.auth.createGrant({ id: 'grant-1', tenant_id: tenant.id, mcp_server_id: server.id, user_id: user.id, client_id: 'client-1', scope: 'mcp' });
    await store.auth.saveToken({ token_hash: 'a1', grant_id: 'grant-1', kind: 'access', expires_at: later });
    await store.auth.saveToken({ token_hash: 'r1', grant_id: 'grant-1', kind: 'refresh', expires_at: later });
    await store.auth.saveToken({ token_hash: 'a0', grant_id: 'grant-1', kind: 'access', expires_at: past });
    assert.deepEqual(await store.auth.findAccessToken('a1'), {
      grant_id: 'grant-1', tenant_id: tenant.id, mcp_server_id: server.id, user_id: user.id, user_email: 'ana@acme.example', client_id: 'client-1', client_name: 'App', scope: 'mcp', expires_at: later,
    });
    assert.equal(await store.auth.findAccessToken('r1'), undefined, 'a refresh token is not an access token');
    assert.equal((await store.auth.findRefreshTokenGrant('r1'))?.client_id, 'client-1');
    assert.equal(await store.auth.findRefreshTokenGrant('a1'), undefined, 'an access token is not a refresh token');
    assert.equal((await store.auth.useRefreshToken('r1', new Date())).kind, 'ok');
    assert.equal((await store.auth.findRefreshTokenGrant('r1'))?.id, 'grant-1', 'a used one is still found (reuse detection needs its grant)');
    assert.deepEqual(await store.auth.useRefreshToken('r1', new Date()), { kind: 'reused', grant_id: 'grant-1' });
    assert.equal((await store.auth.listGrants(tenant.id, server.id))[0]?.user_email, 'ana@acme.example');

    assert.equal(await store.auth.deleteExpiredAuthRows(new Date()), 2, 'the expired session and access token');
    assert.equal(await store.auth.findSession('s1', new Date()) !== undefined, true);
    await store.auth.setPassword(user.id, 'scrypt$y');
    assert.equal(await store.auth.findSession('s1', new Date()), undefined, 'a new password ends the sessions');
    assert.equal((await store.auth.findUserByEmail('ana@acme.example'))?.password_hash, 'scrypt$y');
    assert.equal(await store.deleteMcpServer(tenant.id, acct.id, server.id), true);
    assert.equal(await store.auth.findAccessToken('a1'), undefined, 'deleting the server removed its grants and their tokens');
    assert.deepEqual(await store.auth.listGrants(tenant.id, server.id), []);
  });
}

async function account(store: Store, tenantId: string, name = 'Acme') {
  return store.createAccount({ tenant_id: tenantId, integration: 'pinpoint', name, context: { subdomain: 'acme' }, credentials_encrypted: 'v1:sealed' });
}

async function collect<T>(list: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    pages.push(page.result);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return pages;
}
