// Secrets of OAuth accounts at rest and in logs: a Greenhouse account on client credentials through a whole life
// (tool calls and Proxy API calls, tokens renewed when they expire and when Greenhouse refuses them, the client secret
// rotated, the client revoked and the account reconnected), with Switchboard as its own process logging at trace
// level. The database files (while running, WAL included, and after shutdown) and the log hold none of the client
// secrets, their HTTP Basic form, or any access token Greenhouse issued. (Client credentials issue no refresh tokens;
// the authorization-code kind's are sealed in the same blob.)
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { startGreenhouseSandbox } from '../../src/sandbox/index.ts';
import { shippedIntegrations } from '../api/harness.ts';
import { adminClient, callTool } from '../helpers/gateway-client.ts';
import { assertNoSecrets, dataFiles, marker } from '../helpers/secret-scan.ts';
import { startServerProcess } from '../helpers/server-process.ts';
import { greenhouseAccount } from '../mcp/harness.ts';

test('client secrets and access tokens of an OAuth account appear in clear neither in the database nor in a trace log', { timeout: 90_000 }, async (t) => {
  const clientSecret = marker('client-secret');
  const rotatedSecret = marker('client-secret-rotated');
  const greenhouse = await startGreenhouseSandbox({ rateLimit: null, clients: { 'acme-client': clientSecret, 'acme-rotated': rotatedSecret } });
  t.after(() => greenhouse.close());
  const server = await startServerProcess({ env: { SWITCHBOARD_INTEGRATIONS_DIR: shippedIntegrations, SWITCHBOARD_UPSTREAM_ALLOWLIST: greenhouse.origin, LOG_LEVEL: 'trace' } });
  t.after(() => server.dispose());
  const admin = adminClient(server.url, server.tenants[0]!.token);
  const { elena } = greenhouse.state.planted;

  const accountId = await admin.createAccount({ integration: 'greenhouse', name: 'Acme Greenhouse', ...greenhouseAccount(greenhouse, 'acme-client', clientSecret) });
  const mcp = await admin.createMcpServer(accountId);
  const calls = async () => {
    const answers = [
      await callTool(mcp.url, 'list_all_greenhouse_candidates', { email: elena.email }),
      await callTool(mcp.url, 'list_all_greenhouse_notes', { candidate_ids: [elena.candidateId] }),
      await callTool(mcp.url, 'create_a_greenhouse_application_stage_move', { application_id: String(elena.applicationId), from_stage_id: 1 }),
      await callTool(mcp.url, 'create_a_greenhouse_note', { candidate_id: elena.candidateId, body: 'Spoke about the offer timeline.', visibility: 'private' }),
    ];
    assert.deepEqual(answers.map((answer) => answer.isError), [false, false, true, false], answers.map((answer) => answer.toolText).join('\n'));
    assert.equal((await admin.proxy(accountId, 'jobs?limit=2')).status, 200);
  };

  await calls();
  // Greenhouse stops accepting the token: renewed on a 401.
  greenhouse.state.oauth.expireAll();
  await calls();
  // The secret is rotated: a new client, new tokens.
  assert.equal((await admin.api(`/integrated-account/${accountId}`, { method: 'PATCH', body: { credentials: { client_id: 'acme-rotated', client_secret: rotatedSecret } } })).status, 200);
  await calls();
  // The client is revoked: needs_reauth, then reconnected with the first client.
  greenhouse.state.oauth.disableClient('acme-rotated');
  assert.match((await callTool(mcp.url, 'list_all_greenhouse_jobs', { limit: 1 })).toolText, /must be reconnected/);
  assert.equal((await admin.api(`/integrated-account/${accountId}`)).json.status, 'needs_reauth');
  assert.equal((await admin.api(`/integrated-account/${accountId}`, { method: 'PATCH', body: { credentials: { client_id: 'acme-client', client_secret: clientSecret } } })).status, 200);
  await calls();
  // A refused account creation carrying a secret in its body.
  assert.equal((await admin.api('/integrated-account', { method: 'POST', body: { integration: 'greenhouse', context: { user_id: 'not a number' }, credentials: { client_id: 'x', client_secret: clientSecret } } })).status, 400);

  const issued = greenhouse.state.oauth.issued;
  assert.ok(issued.length >= 4, `${issued.length} access tokens were issued`);
  const secrets: Record<string, string> = {
    clientSecret,
    rotatedSecret,
    basicCredentials: Buffer.from(`acme-client:${clientSecret}`).toString('base64'),
    rotatedBasicCredentials: Buffer.from(`acme-rotated:${rotatedSecret}`).toString('base64'),
    ...Object.fromEntries(issued.map((token, index) => [`accessToken${index + 1}`, token.token])),
    // The signature part alone: a token cut at its dots must not leak either.
    ...Object.fromEntries(issued.map((token, index) => [`accessTokenSignature${index + 1}`, token.token.split('.').at(-1)!])),
  };

  const live = dataFiles(server.dataDir);
  assert.ok(live.names.some((name) => name.endsWith('-wal')), `the WAL is there: ${live.names.join(', ')}`);
  assert.ok(live.text.includes('Acme Greenhouse'), 'the database files were read');
  assertNoSecrets('database (running)', live.text, secrets);
  assert.equal(await server.stop(), 0, 'a clean shutdown');
  const closed = dataFiles(server.dataDir);
  assertNoSecrets('database (after shutdown)', closed.text, secrets);
  const logs = server.logs();
  assert.match(logs, /an integrated account needs to be reconnected/, 'the revoked client was logged, without its secret');
  assertNoSecrets('log', logs, secrets);

  // What is stored instead: the account's credentials and its current tokens as AES-256-GCM ciphertext.
  const db = new DatabaseSync(join(server.dataDir, 'switchboard.db'), { readOnly: true });
  t.after(() => db.close());
  const tokens = db.prepare('SELECT tokens_encrypted FROM upstream_tokens').all() as { tokens_encrypted: string }[];
  assert.equal(tokens.length, 1);
  assert.match(tokens[0]!.tokens_encrypted, /^v1:[\w-]{16}:[\w-]{22}:[\w-]+$/);
  const sealed = db.prepare('SELECT credentials_encrypted FROM integrated_accounts').all() as { credentials_encrypted: string }[];
  assert.ok(sealed.length === 1 && /^v1:/.test(sealed[0]!.credentials_encrypted));
  t.diagnostic(`scanned ${(live.text.length / 1024).toFixed(0)} KiB of database files while running, ${(closed.text.length / 1024).toFixed(0)} KiB after shutdown and ` +
    `${(logs.length / 1024).toFixed(0)} KiB of trace-level logs for ${Object.keys(secrets).length} secrets (${issued.length} access tokens): none found`);
});
