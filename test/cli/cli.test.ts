// The switchboard command: admin commands against a temporary data directory, usage errors, and the bin script.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, type TestContext } from 'node:test';
import { promisify } from 'node:util';
import type { CliIo } from '../../src/cli/io.ts';
import { main } from '../../src/main.ts';
import { createSecretBox } from '../../src/security/secrets.ts';
import { hashToken } from '../../src/security/tokens.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { fixtureIntegrations } from '../api/harness.ts';
import { tempDir } from '../store/temp-dir.ts';

const encryptionKey = randomBytes(32).toString('base64');

function cli(t: TestContext, extraEnv: Record<string, string> = {}) {
  const env: Record<string, string | undefined> = { SWITCHBOARD_DATA_DIR: tempDir(t), SWITCHBOARD_INTEGRATIONS_DIR: fixtureIntegrations, SWITCHBOARD_ENCRYPTION_KEY: encryptionKey, ...extraEnv };
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { env, out: (line) => out.push(line), err: (line) => err.push(line) };
    const code = await main(argv, io);
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  const withStore = async <T>(work: (store: SqliteStore) => Promise<T>) => {
    const store = SqliteStore.open(env.SWITCHBOARD_DATA_DIR!);
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  };
  return { run, withStore, env };
}

const field = (text: string, label: string) => new RegExp(`${label}: (\\S+)`).exec(text)?.[1] ?? assert.fail(`no ${label} in:\n${text}`);

test('tenant create prints the tenant id and an API token once; only its hash is stored', async (t) => {
  const { run, withStore } = cli(t);
  const created = await run('tenant', 'create', '--name', 'Acme Corp');
  assert.equal(created.code, 0, created.err);
  const tenantId = field(created.out, 'tenant id');
  const token = field(created.out, 'API token');
  assert.match(token, /^sb_[\w-]{43}$/);
  assert.match(created.out, /shown only once/);
  const stored = await withStore((store) => store.findApiTokenByHash(hashToken(token)));
  assert.equal(stored?.tenant_id, tenantId);

  const another = await run('token', 'create', '--tenant', tenantId, '--name', 'ci');
  assert.equal(another.code, 0, another.err);
  const second = field(another.out, 'API token');
  assert.notEqual(second, token);
  assert.equal((await withStore((store) => store.findApiTokenByHash(hashToken(second))))?.name, 'ci');

  const unknown = await run('token', 'create', '--tenant', 'nope');
  assert.equal(unknown.code, 1);
  assert.match(unknown.err, /tenant nope not found/);
});

test('token list, create (with an expiry) and revoke: no secret is ever listed; a revoked token is gone', async (t) => {
  const { run, withStore } = cli(t);
  const created = await run('tenant', 'create', '--name', 'Acme');
  const tenantId = field(created.out, 'tenant id');
  const first = field(created.out, 'API token');
  const expiring = await run('token', 'create', '--tenant', tenantId, '--name', 'ci', '--expires-at', '2099-01-01T00:00:00Z');
  assert.equal(expiring.code, 0, expiring.err);
  assert.match(expiring.out, /expires 2099-01-01T00:00:00\.000Z/);
  const second = field(expiring.out, 'API token');
  const tokenId = /token id ([\w-]+)/.exec(expiring.out)![1]!;

  const listed = await run('token', 'list', '--tenant', tenantId);
  assert.equal(listed.code, 0, listed.err);
  const lines = listed.out.split('\n');
  assert.match(lines[0]!, /^ID\s+NAME\s+CREATED\s+LAST USED\s+EXPIRES$/);
  assert.equal(lines.length, 3);
  assert.match(lines[2]!, new RegExp(`^${tokenId}\\s+ci\\s+\\S+\\s+never\\s+2099-01-01T00:00:00\\.000Z$`));
  assert.equal(listed.out.includes(first) || listed.out.includes(second), false, 'no secret is listed');

  const past = await run('token', 'create', '--tenant', tenantId, '--expires-at', '2001-01-01T00:00:00Z');
  assert.equal(past.code, 1);
  assert.match(past.err, /--expires-at: must be at least 60 seconds in the future/);

  const revoked = await run('token', 'revoke', '--tenant', tenantId, '--id', tokenId);
  assert.equal(revoked.code, 0, revoked.err);
  assert.match(revoked.out, new RegExp(`API token ${tokenId} revoked`));
  assert.equal(await withStore((store) => store.findApiTokenByHash(hashToken(second))), undefined);
  assert.ok(await withStore((store) => store.findApiTokenByHash(hashToken(first))), 'the other token stays');
  const again = await run('token', 'revoke', '--tenant', tenantId, '--id', tokenId);
  assert.equal(again.code, 1);
  assert.match(again.err, /API token .* not found/);
  assert.equal((await run('token', 'revoke', '--tenant', tenantId)).code, 2, '--id is required');
});

test('account create takes context flags and credentials from the environment or flags, encrypted at rest', async (t) => {
  const { run, withStore } = cli(t, { SWITCHBOARD_CREDENTIAL_API_KEY: 'key-from-env' });
  const tenantId = field((await run('tenant', 'create', '--name', 'Acme')).out, 'tenant id');

  const fromEnv = await run('account', 'create', '--tenant', tenantId, '--integration', 'acme', '--name', 'EU', '--context', 'subdomain=acme', '--context', 'region=eu');
  assert.equal(fromEnv.code, 0, fromEnv.err);
  const fromFlag = await run('account', 'create', '--tenant', tenantId, '--integration', 'acme', '--context', 'subdomain=acme', '--credential', 'api_key=key=from=flag');
  assert.equal(fromFlag.code, 0, fromFlag.err);

  const box = createSecretBox(Buffer.from(encryptionKey, 'base64'));
  const stored = await withStore(async (store) => {
    const accounts = (await store.listAccounts(tenantId, {})).result;
    return Promise.all(accounts.map(async (account) => ({ ...account, credentials: box.decrypt(await store.getAccountCredentials(account.id) ?? '') })));
  });
  const byName = stored.map((account) => [account.name, account.context, account.credentials]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  assert.deepEqual(byName, [
    ['Acme HR', { subdomain: 'acme' }, { api_key: 'key=from=flag' }],
    ['EU', { subdomain: 'acme', region: 'eu' }, { api_key: 'key-from-env' }],
  ]);
  assert.equal(`${fromEnv.out}${fromFlag.out}`.includes('key-from-env'), false, 'credentials are not printed');

  const invalid = await run('account', 'create', '--tenant', tenantId, '--integration', 'acme', '--context', 'subdomain=NOT OK', '--credential', 'api_key=k');
  assert.equal(invalid.code, 1);
  assert.match(invalid.err, /context\.subdomain: "NOT OK" is not a valid Acme subdomain/);
});

test('usage mistakes exit with code 2 and say what is wrong', async (t) => {
  const { run } = cli(t);
  const cases: [string[], RegExp][] = [
    [[], /Usage: switchboard <command>/],
    [['launch'], /unknown command "launch"/],
    [['tenant', 'delete'], /unknown command "tenant delete"/],
    [['tenant', 'create'], /tenant create: --name is required/],
    [['tenant', 'create', '--name', 'x', '--colour', 'red'], /Unknown option '--colour'/],
    [['account', 'create', '--tenant', 't', '--integration', 'acme', '--context', 'subdomain'], /--context expects key=value, got "subdomain"/],
    [['account', 'create', '--integration', 'acme'], /--tenant is required/],
  ];
  for (const [argv, message] of cases) {
    const result = await run(...argv);
    assert.equal(result.code, 2, argv.join(' '));
    assert.match(result.err, message, argv.join(' '));
  }
  const help = await run('--help');
  assert.equal(help.code, 0);
  assert.match(help.out, /SWITCHBOARD_CREDENTIAL_<FIELD>/);
});

test('bad settings stop the command naming the variable', async (t) => {
  const { run } = cli(t, { PORT: 'eighty' });
  const result = await run('integrations', 'list');
  assert.equal(result.code, 1);
  assert.match(result.err, /configuration error: PORT must be a whole number from 0 to 65535, got "eighty"/);
});

test('bin/switchboard.js runs the CLI', async (t) => {
  const { env } = cli(t);
  const bin = new URL('../../bin/switchboard.js', import.meta.url).pathname;
  const { stdout } = await promisify(execFile)(process.execPath, [bin, 'integrations', 'list'], { env: { ...process.env, ...env } });
  assert.match(stdout, /^acme — Acme HR \(7 tools\)/);
  assert.match(stdout, /context: {5}subdomain, region \(optional\), base_url \(optional override\)/);
  assert.match(stdout, /credentials: api_key \(or SWITCHBOARD_CREDENTIAL_API_KEY\)/);
});

test('serve on a port that is taken says which port and how to choose another', async (t) => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
  const { port } = blocker.address() as AddressInfo;
  const { run } = cli(t, { PORT: String(port), HOST: '127.0.0.1' });
  const { code, err } = await run('serve');
  assert.equal(code, 1);
  assert.match(err, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`));
  assert.match(err, /choose other ports with PORT/);
  assert.doesNotMatch(err, /\n\s+at /, 'no stack trace');
});

test('user create: password from SWITCHBOARD_USER_PASSWORD or the prompt; the user can then sign in; bad input is named', async (t) => {
  const { run, env, withStore } = cli(t, { SWITCHBOARD_USER_PASSWORD: 'a password from the environment' });
  const tenantId = field((await run('tenant', 'create', '--name', 'Acme')).out, 'tenant id');
  const created = await run('user', 'create', '--email', 'Ana@Acme.example', '--tenant', tenantId, '--role', 'admin');
  assert.equal(created.code, 0, created.err);
  assert.match(created.out, /User ana@acme\.example created: admin of tenant/);
  const { UserService } = await import('../../src/auth/users.ts');
  const checked = await withStore((store) => new UserService(store).checkPassword('ana@acme.example', 'a password from the environment'));
  assert.equal(checked?.email, 'ana@acme.example');
  assert.equal((await withStore((store) => store.auth.listMemberships(checked!.id)))[0]?.role, 'admin');

  delete env.SWITCHBOARD_USER_PASSWORD;
  const prompts: string[] = [];
  const io: CliIo = { env, out: () => undefined, err: () => undefined, promptSecret: async (question) => (prompts.push(question), 'a typed password 123') };
  assert.equal(await main(['user', 'create', '--email', 'ben@acme.example', '--tenant', tenantId], io), 0);
  assert.deepEqual(prompts, ['Password for ben@acme.example: ', 'Repeat it: ']);
  const ben = await withStore((store) => new UserService(store).checkPassword('ben@acme.example', 'a typed password 123'));
  assert.equal((await withStore((store) => store.auth.listMemberships(ben!.id)))[0]?.role, 'member', 'member is the default role');

  const noTerminal = await run('user', 'create', '--email', 'cy@acme.example', '--tenant', tenantId);
  assert.equal(noTerminal.code, 2);
  assert.match(noTerminal.err, /set SWITCHBOARD_USER_PASSWORD/);
  env.SWITCHBOARD_USER_PASSWORD = 'short';
  const bad = await run('user', 'create', '--email', 'not-an-email', '--tenant', 'no-such-tenant');
  assert.equal(bad.code, 1);
  assert.match(bad.err, /email: "not-an-email" is not an email address/);
  assert.match(bad.err, /password: must be at least 12 characters/);
  assert.match(bad.err, /tenant: tenant no-such-tenant not found/);
  assert.equal((await run('user', 'create', '--email', 'd@acme.example', '--tenant', tenantId, '--role', 'owner')).code, 2);
});
