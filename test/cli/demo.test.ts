// `switchboard demo` as a user runs it: every sandbox of the registry on its own port, one account each in the demo
// tenant, and the OAuth sandbox's account (client credentials) calling through with access tokens that live
// SWITCHBOARD_DEMO_OAUTH_TOKEN_TTL seconds. Ctrl-C stops it all.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { portVariable, sandboxes } from '../../src/sandbox/index.ts';
import { callTool, request } from '../helpers/gateway-client.ts';
import { nodeBin } from '../mcp/harness.ts';
import { tempDir } from '../store/temp-dir.ts';

const mainTs = new URL('../../src/main.ts', import.meta.url).pathname;

test('the demo connects an account per sandbox; OAuth accounts get tokens living SWITCHBOARD_DEMO_OAUTH_TOKEN_TTL seconds', { timeout: 90_000 }, async (t) => {
  const dataDir = tempDir(t);
  const apiToken = `sb_demo_${randomBytes(16).toString('hex')}`;
  const ports = Object.fromEntries(sandboxes.map((entry) => [portVariable(entry, 'SWITCHBOARD_DEMO_', '_PORT'), '0']));
  const child = spawn(nodeBin, [mainTs, 'demo'], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', SWITCHBOARD_DATA_DIR: dataDir, SWITCHBOARD_API_TOKEN: apiToken, SWITCHBOARD_DEMO_OAUTH_TOKEN_TTL: '90', ...ports },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  t.after(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
  });
  let output = '';
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => { errors += chunk.toString(); });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Press Ctrl-C to stop.')) resolve();
    });
    void exited.then((code) => reject(new Error(`the demo exited (${code}) before it was ready:\n${output}\n${errors}`)));
  });
  const base = /Admin API {3}(\S+)/.exec(output)![1]!;
  const api = (path: string, init: { method?: string; body?: unknown } = {}) => request(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${apiToken}` } });

  const accounts = (await api('/integrated-account')).json.result as { id: string; integration: string; status: string }[];
  assert.deepEqual(accounts.map((account) => account.integration).sort(), sandboxes.map((entry) => entry.integration).sort(), 'one account per sandbox');
  for (const account of accounts) assert.match(output, new RegExp(`${account.integration} +${account.id}`), 'the guide lists it');

  const oauthAccounts = accounts.filter((account) => sandboxes.find((entry) => entry.integration === account.integration)!.context('http://127.0.0.1:1/x').oauth_token_url !== undefined);
  assert.ok(oauthAccounts.length >= 1, 'a sandbox connects on OAuth client credentials');
  for (const account of oauthAccounts) {
    const server = await api(`/integrated-account/${account.id}/mcp`, { method: 'POST', body: { name: 'demo check', config: { methods: ['read'] } } });
    assert.equal(server.status, 201, server.text);
    const tools = await request(server.json.url, { method: 'POST', body: { jsonrpc: '2.0', id: 1, method: 'tools/list' }, headers: { accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-06-18' } });
    const list = (tools.json.result.tools as { name: string }[]).find((tool) => tool.name.startsWith('list_all_'))!;
    const answer = await callTool(server.json.url, list.name, { limit: 1 });
    assert.equal(answer.isError, false, answer.toolText);
  }

  // The connect link for Lever's OAuth mode leads to the Lever sandbox's consent page.
  const link = /Connect a Lever account through OAuth[^\n]*\n[^\n]*\n\n {2}(\S+)/.exec(output)?.[1];
  assert.ok(link, `the guide prints a Lever connect link:\n${output}`);
  const opened = await fetch(link, { redirect: 'manual' });
  assert.ok([302, 303].includes(opened.status), `the link redirects to the provider (${opened.status})`);
  const authorize = new URL(opened.headers.get('location')!);
  const leverUrl = /lever +\S+ +\(sandbox API at (\S+)\)/.exec(output)![1]!;
  assert.equal(authorize.origin, new URL(leverUrl).origin);
  assert.equal(authorize.pathname, '/authorize');
  assert.equal(authorize.searchParams.get('client_id'), 'sandbox-lever-client');
  const consent = await fetch(authorize);
  assert.equal(consent.status, 200);
  assert.match(await consent.text(), /Allow/);

  child.kill('SIGINT');
  assert.equal(await exited, 0, 'Ctrl-C stops the demo cleanly');
  // The tokens' lifetimes, as stored (the expiry is kept in clear beside the sealed tokens).
  const db = new DatabaseSync(join(dataDir, 'switchboard.db'), { readOnly: true });
  t.after(() => db.close());
  const rows = db.prepare('SELECT expires_at, updated_at FROM upstream_tokens').all() as { expires_at: string; updated_at: string }[];
  assert.equal(rows.length, oauthAccounts.length);
  for (const row of rows) {
    const lifetime = (Date.parse(row.expires_at) - Date.parse(row.updated_at)) / 1000;
    assert.ok(lifetime > 85 && lifetime <= 90, `the token lives the configured 90 s (${lifetime} s)`);
  }
});
