// Secrets at rest and in logs: a whole scenario through HTTP (two tenants, accounts with credentials rotated, MCP
// servers of every kind, tool calls and Proxy API calls that succeed and fail, failed logins), with Switchboard as
// its own process logging at trace level to a file. Then the database files (while running, WAL included, and after
// shutdown) and the log are searched for every secret and marker used: none may appear in clear.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { adminClient, callTool, request, rpc } from '../helpers/gateway-client.ts';
import { startFaultUpstream } from '../helpers/fault-upstream.ts';
import { assertNoSecrets, dataFiles, forms, marker } from '../helpers/secret-scan.ts';
import { startServerProcess } from '../helpers/server-process.ts';

test('the database and the logs hold no token, credential or upstream body in clear', { timeout: 60_000 }, async (t) => {
  const upstream = await startFaultUpstream({ marker: marker('upstream-body') });
  t.after(() => upstream.close());
  const server = await startServerProcess({
    tenants: ['Acme', 'Other'],
    env: { SWITCHBOARD_UPSTREAM_ALLOWLIST: upstream.origin, LOG_LEVEL: 'trace', UPSTREAM_TIMEOUT_MS: '500' },
  });
  t.after(() => server.dispose());
  const [acme, other] = server.tenants as [typeof server.tenants[0], typeof server.tenants[0]];
  const admin = adminClient(server.url, acme.token);
  const otherAdmin = adminClient(server.url, other.token);

  const secrets: Record<string, string> = {
    acmeApiToken: acme.token,
    otherApiToken: other.token,
    credential: marker('cred'),
    rotatedCredential: marker('cred-rotated'),
    otherCredential: marker('cred-other'),
    argument: marker('argument-value'),
    upstreamBody: upstream.marker,
  };
  const context = { subdomain: 'acme', base_url: upstream.url };
  const accountId = await admin.createAccount({ integration: 'acme', name: 'Acme widgets', context, credentials: { api_key: secrets.credential } });
  const otherAccount = await otherAdmin.createAccount({ integration: 'acme', context, credentials: { api_key: secrets.otherCredential } });
  assert.equal((await admin.api(`/integrated-account/${accountId}`, { method: 'PATCH', body: { credentials: { api_key: secrets.rotatedCredential } } })).status, 200);

  const servers = {
    all: await admin.createMcpServer(accountId),
    discovery: await admin.createMcpServer(accountId, { config: { tool_exposure: 'discovery' } }),
    guarded: await admin.createMcpServer(accountId, { config: { require_api_token_auth: true } }),
    expiring: await admin.createMcpServer(accountId, { expires_at: new Date(Date.now() + 3_600_000).toISOString() }),
    other: await otherAdmin.createMcpServer(otherAccount),
  };
  for (const [name, created] of Object.entries(servers)) secrets[`mcpToken:${name}`] = created.token;

  // Tool calls that succeed and that fail in every way, with a marked argument value.
  for (const id of ['ok', 'status422', 'status500', 'ratelimited', 'badjson', 'html', 'huge', 'redirect', 'hang', 'reset', secrets.argument]) {
    await callTool(servers.all.url, 'get_single_acme_widget_by_id', { id });
  }
  await callTool(servers.all.url, 'create_a_acme_widget', { name: secrets.argument });
  await callTool(servers.all.url, 'list_all_acme_widgets', { limit: 2 });
  await callTool(servers.discovery.url, 'call_tool', { tool_name: 'get_single_acme_widget_by_id', arguments: { id: 'status422' } });
  await callTool(servers.discovery.url, 'search_tools', { query: secrets.argument });
  await callTool(servers.other.url, 'get_single_acme_widget_by_id', { id: 'ok' });
  const guardedCall = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'get_single_acme_widget_by_id', arguments: { id: 'ok' } } };
  assert.equal((await rpc(servers.guarded.url, guardedCall, { authorization: `Bearer ${acme.token}` })).status, 200);
  assert.equal((await rpc(servers.guarded.url, guardedCall, { authorization: `Bearer ${other.token}` })).status, 401);
  // The Proxy API, reads, writes and errors.
  // (A record id in a Proxy API path is logged with the path, as in any access log: no secret goes there.)
  for (const path of ['widgets/ok', 'widgets/status500', 'widgets/status422', `widgets?limit=1&filter=${secrets.argument}`]) await admin.proxy(accountId, path);
  await admin.proxy(accountId, 'widgets', { method: 'POST', body: { name: secrets.argument } });
  // Failed logins with near misses of real secrets, and a guessed MCP URL.
  const nearMiss = `${acme.token.slice(0, -2)}xx`;
  secrets.nearMissApiToken = nearMiss;
  assert.equal((await request(`${server.url}/integrated-account`, { headers: { authorization: `Bearer ${nearMiss}` } })).status, 401);
  assert.equal((await request(`${server.url}/integrated-account`, { headers: { authorization: `Bearer ${servers.all.token}` } })).status, 401);
  const guessed = `${servers.all.token.slice(0, -2)}zz`;
  secrets.guessedMcpToken = guessed;
  assert.equal((await rpc(`${server.url}/mcp/${guessed}`, guardedCall)).status, 404);
  // Bad admin requests that carry secrets in their bodies.
  assert.equal((await admin.api('/integrated-account', { method: 'POST', body: { integration: 'acme', context: { subdomain: 'Not Valid' }, credentials: { api_key: secrets.credential } } })).status, 400);
  assert.equal((await admin.api('/integrated-account', { method: 'POST', body: `{"integration":"acme","credentials":{"api_key":"${secrets.credential}"` })).status, 400);
  // Revocation, so deleted rows pass through the WAL too.
  assert.equal((await admin.api(`/integrated-account/${accountId}/mcp/${servers.expiring.id}`, { method: 'DELETE' })).status, 204);

  const scan = (label: string, text: string) => assertNoSecrets(label, text, secrets);
  // While the server runs: the WAL holds the recent writes.
  const live = dataFiles(server.dataDir);
  assert.ok(live.names.some((name) => name.endsWith('-wal')), `the WAL is there: ${live.names.join(', ')}`);
  assert.ok(live.text.includes('Acme widgets'), 'the database files were read');
  scan('database (running)', live.text);

  assert.equal(await server.stop(), 0, 'a clean shutdown');
  const closed = dataFiles(server.dataDir);
  scan('database (after shutdown)', closed.text);
  const logs = server.logs();
  assert.ok(logs.match(/"msg":"request"/g)!.length >= 35, 'every request was logged');
  assert.match(logs, /"path":"\/mcp\/<redacted>"/, 'MCP paths are logged redacted');
  scan('log', logs);

  // What is stored instead: hashes of tokens, AES-256-GCM ciphertext of credentials.
  const db = new DatabaseSync(join(server.dataDir, 'switchboard.db'), { readOnly: true });
  t.after(() => db.close());
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  const tokenHashes = (db.prepare('SELECT token_hash FROM mcp_servers').all() as { token_hash: string }[]).map((row) => row.token_hash);
  for (const name of ['all', 'discovery', 'guarded', 'other'] as const) assert.ok(tokenHashes.includes(sha256(servers[name].token)), `${name}: its hash is stored`);
  const apiHashes = (db.prepare('SELECT token_hash FROM api_tokens').all() as { token_hash: string }[]).map((row) => row.token_hash);
  assert.ok(apiHashes.includes(sha256(acme.token)) && apiHashes.includes(sha256(other.token)));
  const sealed = (db.prepare('SELECT credentials_encrypted FROM integrated_accounts').all() as { credentials_encrypted: string }[]).map((row) => row.credentials_encrypted);
  assert.ok(sealed.length === 2 && sealed.every((value) => /^v1:[\w-]{16}:[\w-]{22}:[\w-]+$/.test(value)), 'credentials are AES-256-GCM sealed');
  t.diagnostic(`scanned the database files while running (${live.names.join(', ')}: ${(live.text.length / 1024).toFixed(0)} KiB) and after shutdown ` +
    `(${closed.names.join(', ')}: ${(closed.text.length / 1024).toFixed(0)} KiB), and ${(logs.length / 1024).toFixed(0)} KiB of trace-level logs, ` +
    `for ${Object.keys(secrets).length} secrets in ${Object.values(secrets).flatMap(forms).length} encodings: none found`);
});
