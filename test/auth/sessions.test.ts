// Issue 16.1: people sign in with email and password; the session lives in the store and in an HttpOnly, SameSite
// cookie (Secure and __Host- prefixed when PUBLIC_URL is https); every cookie-authenticated change needs the CSRF
// token; failed sign-ins are rate limited per client address and per email; members read, admins change.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { json, readDataFiles, startTestServer } from '../api/harness.ts';

const admin = { email: 'Admin@Acme.example', password: 'a long admin password' };

async function serverWithUsers(t: Parameters<typeof startTestServer>[0], env: Record<string, string> = {}) {
  const server = await startTestServer(t, { env: { SWITCHBOARD_SIGN_IN_LIMIT: '3', ...env } });
  const { users } = server.running.identity;
  await users.ensureMember({ ...admin, tenantId: server.tenant.id, role: 'admin' });
  await users.ensureMember({ email: 'member@acme.example', password: 'a long member password', tenantId: server.tenant.id, role: 'member' });
  const base = server.running.url;
  const signIn = (body: unknown, headers: Record<string, string> = {}) => fetch(`${base}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { server, base, signIn };
}

function cookieOf(response: Response): string {
  return response.headers.getSetCookie().map((line) => line.split(';')[0]!).join('; ');
}

test('sign-in: the cookie is HttpOnly and SameSite=Lax; the session reads back; only hashes are stored; sign-out ends it', async (t) => {
  const { server, base, signIn } = await serverWithUsers(t);
  const response = await signIn(admin);
  assert.equal(response.status, 200);
  const [setCookie] = response.headers.getSetCookie();
  assert.match(setCookie!, /^switchboard_session=sbs_[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Lax$/);
  const body = await json(response);
  assert.equal(body.user.email, 'admin@acme.example', 'emails are kept lower-case');
  assert.equal(body.role, 'admin');
  assert.deepEqual(body.tenants.map((tenant: { tenant_name: string }) => tenant.tenant_name), ['Acme']);
  const cookie = cookieOf(response);
  const session = await json(await fetch(`${base}/auth/session`, { headers: { cookie } }));
  assert.equal(session.csrf_token, body.csrf_token);
  const accounts = await fetch(`${base}/integrated-account`, { headers: { cookie } });
  assert.equal(accounts.status, 200, 'the admin API accepts the session cookie');

  const files = readDataFiles(server.dataDir);
  assert.equal(files.includes(cookie.split('=')[1]!), false, 'the session id is stored only as a hash');
  assert.equal(files.includes(admin.password), false);
  assert.match(files, /scrypt\$15\$8\$3\$/, 'the password is an scrypt hash');

  const out = await fetch(`${base}/auth/sign-out`, { method: 'POST', headers: { cookie, 'x-csrf-token': body.csrf_token } });
  assert.equal(out.status, 204);
  assert.equal((await fetch(`${base}/integrated-account`, { headers: { cookie } })).status, 401, 'the session is gone from the store');
  server.logs.assertFree([admin.password, cookie.split('=')[1]!]);
});

test('with an https PUBLIC_URL the cookie is Secure and __Host- prefixed', async (t) => {
  const { signIn } = await serverWithUsers(t, { PUBLIC_URL: 'https://switchboard.example' });
  const response = await signIn(admin, { origin: 'https://switchboard.example' });
  assert.equal(response.status, 200);
  assert.match(response.headers.getSetCookie()[0]!, /^__Host-switchboard_session=sbs_[^;]+; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
  const crossSite = await signIn(admin, { origin: 'https://evil.example' });
  assert.equal(crossSite.status, 403, 'a sign-in posted from another site is refused');
});

test('CSRF: every cookie-authenticated change needs the token; reads do not; API tokens need none', async (t) => {
  const { server, base, signIn } = await serverWithUsers(t);
  const signedIn = await signIn(admin);
  const cookie = cookieOf(signedIn);
  const { csrf_token: csrf } = await json(signedIn);
  const changes: [string, string, unknown][] = [
    ['POST', '/integrated-account', { integration: 'acme', context: { subdomain: 'b' }, credentials: { api_key: 'k' } }],
    ['POST', '/auth/tenant', { tenant_id: server.tenant.id }],
    ['POST', '/auth/sign-out', undefined],
    ['POST', '/oauth/authorization', { query: '', decision: 'approve' }],
    ['DELETE', '/integrated-account/some-id', undefined],
  ];
  for (const [method, path, body] of changes) {
    for (const [label, headers] of [['no token', {}], ['a wrong token', { 'x-csrf-token': `${csrf.slice(0, -2)}xx` }], ['a foreign Origin', { 'x-csrf-token': csrf, origin: 'https://evil.example' }]] as const) {
      const response = await fetch(`${base}${path}`, { method, headers: { cookie, 'content-type': 'application/json', ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      assert.equal(response.status, 403, `${method} ${path} with ${label}`);
      assert.match((await json(response)).error.message, /CSRF|Cross-site/, `${method} ${path} with ${label}`);
    }
  }
  assert.equal((await fetch(`${base}/integrated-account`, { headers: { cookie } })).status, 200, 'a read needs no token');
  const created = await fetch(`${base}/integrated-account`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify({ integration: 'acme', context: { subdomain: 'b' }, credentials: { api_key: 'k' } }) });
  assert.equal(created.status, 201, 'with the token the change goes through');
  const byToken = await server.api('/integrated-account', { method: 'POST', body: { integration: 'acme', context: { subdomain: 'b' }, credentials: { api_key: 'k' } } });
  assert.equal(byToken.status, 201, 'API tokens are not cookies: no CSRF token needed');
});

test('members read; changes and the Proxy API are for admins', async (t) => {
  const { base, signIn } = await serverWithUsers(t);
  const signedIn = await signIn({ email: 'member@acme.example', password: 'a long member password' });
  const cookie = cookieOf(signedIn);
  const { csrf_token: csrf, role } = await json(signedIn);
  assert.equal(role, 'member');
  assert.equal((await fetch(`${base}/integrated-account`, { headers: { cookie } })).status, 200);
  const create = await fetch(`${base}/integrated-account`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: '{}' });
  assert.equal(create.status, 403);
  assert.match((await json(create)).error.message, /Only admins/);
  assert.equal((await fetch(`${base}/proxy/widgets?integrated_account_id=x`, { headers: { cookie } })).status, 403);
});

test('sign-in rate limit: past the limit of failures, per address and per email, even the right password gets 429', async (t) => {
  const { base, signIn } = await serverWithUsers(t);
  for (let attempt = 1; attempt <= 3; attempt++) {
    const wrong = await signIn({ email: admin.email, password: `wrong password ${attempt}` });
    assert.equal(wrong.status, 401);
    assert.equal((await json(wrong)).error.message, 'The email or password is wrong.');
  }
  const blocked = await signIn(admin);
  assert.equal(blocked.status, 429);
  assert.ok(Number(blocked.headers.get('retry-after')) > 0);
  assert.match((await json(blocked)).error.message, /Too many failed sign-ins/);
  const unknown = await signIn({ email: 'nobody@acme.example', password: 'whatever password' });
  assert.equal(unknown.status, 429, 'the address is blocked for other emails too');
  const response = await fetch(`${base}/auth/session`);
  assert.equal(response.status, 401);
});

test('changing a password (switchboard user create on an existing email) ends every session of that user; the same password again ends none', async (t) => {
  const { server, base, signIn } = await serverWithUsers(t);
  const { users } = server.running.identity;
  const sessionOf = async (credentials: { email: string; password: string }) => cookieOf(await signIn(credentials));
  const alive = async (cookie: string) => (await fetch(`${base}/auth/session`, { headers: { cookie } })).status === 200;
  const first = await sessionOf(admin);
  const second = await sessionOf(admin);
  const colleague = await sessionOf({ email: 'member@acme.example', password: 'a long member password' });

  const same = await users.ensureMember({ ...admin, tenantId: server.tenant.id, role: 'admin' });
  assert.equal(same.passwordChanged, false);
  assert.ok(await alive(first) && await alive(second), 'the same password is no change');

  const changed = await users.ensureMember({ email: admin.email, password: 'a brand new admin password', tenantId: server.tenant.id, role: 'admin' });
  assert.equal(changed.passwordChanged, true);
  assert.equal(await alive(first), false, 'signed out');
  assert.equal(await alive(second), false, 'every session of the user');
  assert.equal(await alive(colleague), true, "another user's session stays");
  assert.equal((await signIn({ email: admin.email, password: 'a brand new admin password' })).status, 200);
});
