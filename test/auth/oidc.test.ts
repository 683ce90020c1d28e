// Issue 16.1: single sign-on through an OpenID Connect provider, configured by environment. The provider is
// oidc-provider, started by the test on loopback with its development login pages; headless Chromium signs in the
// way a person would. A known user (matched by verified email) lands in the dashboard, linked for next time; an
// unknown one is refused with the reason.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, type TestContext } from 'node:test';
import Provider from 'oidc-provider';
import { json, startTestServer } from '../api/harness.ts';
import { launchBrowser, member } from '../helpers/oauth.ts';

const people: Record<string, { email: string; name: string }> = {
  recruiter: { email: member.email, name: 'Rita Recruiter' },
  stranger: { email: 'stranger@elsewhere.example', name: 'Sam Stranger' },
};

/** The provider's HTTP server starts first (its URL is the issuer); the provider itself once Switchboard's callback is known. */
async function startIdentityProvider(t: TestContext) {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server = createServer((req, res) => (handler ? handler(req, res) : res.writeHead(503).end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    configure(redirectUri: string) {
      const provider = new Provider(issuer, {
        clients: [{ client_id: 'switchboard', client_secret: 'switchboard-test-secret', redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
        findAccount: async (_ctx: unknown, id: string) => ({
          accountId: id,
          claims: async () => ({ sub: id, email: people[id]?.email ?? `${id}@unknown.example`, email_verified: true, name: people[id]?.name ?? id }),
        }),
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
        features: { devInteractions: { enabled: true } },
        cookies: { keys: ['oidc-test-cookie-key'] },
      });
      handler = provider.callback();
    },
  };
}

async function switchboardWithSso(t: TestContext, env: Record<string, string> = {}) {
  const idp = await startIdentityProvider(t);
  const server = await startTestServer(t, {
    env: { SWITCHBOARD_OIDC_ISSUER: idp.issuer, SWITCHBOARD_OIDC_CLIENT_ID: 'switchboard', SWITCHBOARD_OIDC_CLIENT_SECRET: 'switchboard-test-secret', SWITCHBOARD_OIDC_NAME: 'Acme SSO', ...env },
  });
  idp.configure(`${server.running.publicUrl}/auth/oidc/callback`);
  return { idp, server };
}

async function signInWithSso(t: TestContext, base: string, login: string) {
  const browser = await launchBrowser(t);
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`${base}/sign-in`);
  await page.getByTestId('sso').click();
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('anything');
  await page.locator('button[type=submit]').click();
  await page.locator('button[type=submit]', { hasText: 'Continue' }).click();
  await page.waitForURL((url) => url.href.startsWith(base) && !url.pathname.startsWith('/auth/'));
  return { page, context };
}

test('single sign-on: a known user signs in by verified email and is linked; an unknown one is refused with the reason', async (t) => {
  const { server, idp } = await switchboardWithSso(t);
  const base = server.running.publicUrl;
  assert.deepEqual(await json(await fetch(`${base}/auth/options`)), { password: true, oidc: { name: 'Acme SSO' } });
  const { user } = await server.running.identity.users.ensureMember({ email: member.email, password: undefined, tenantId: server.tenant.id, role: 'admin' });

  const { page, context } = await signInWithSso(t, base, 'recruiter');
  assert.equal(new URL(page.url()).pathname, '/accounts', page.url());
  await page.getByTestId('signed-in-user').waitFor();
  assert.match((await page.getByTestId('signed-in-user').textContent()) ?? '', /recruiter@acme\.example/);
  const cookie = (await context.cookies()).find((candidate) => candidate.name === 'switchboard_session')!;
  assert.equal(cookie.httpOnly, true);
  const session = await json(await fetch(`${base}/auth/session`, { headers: { cookie: `switchboard_session=${cookie.value}` } }));
  assert.equal(session.user.id, user.id);
  assert.equal((await server.running.store.auth.findUserByIdentity(idp.issuer, 'recruiter'))?.id, user.id, 'the provider identity is linked for next time');

  const stranger = await signInWithSso(t, base, 'stranger');
  assert.equal(new URL(stranger.page.url()).pathname, '/sign-in');
  await stranger.page.getByText(/No Switchboard user has the email stranger@elsewhere\.example/).waitFor();
});

test('with an https PUBLIC_URL the sign-on flow cookie is __Host- prefixed (Secure, Path=/), and the callback reads it under that name', async (t) => {
  const { server } = await switchboardWithSso(t, { PUBLIC_URL: 'https://switchboard.example' });
  const base = server.running.url;
  const started = await fetch(`${base}/auth/oidc/start`, { redirect: 'manual' });
  assert.equal(started.status, 302);
  const [flow] = started.headers.getSetCookie();
  assert.match(flow!, /^__Host-switchboard_oidc=[^;]+; Max-Age=600; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
  const sealed = flow!.split(';')[0]!;

  const plain = await fetch(`${base}/auth/oidc/callback?code=c&state=s`, { redirect: 'manual', headers: { cookie: sealed.replace('__Host-', '') } });
  assert.match(decodeURIComponent(plain.headers.get('location') ?? ''), /it was not started in this browser/, 'an unprefixed cookie is not read');
  const back = await fetch(`${base}/auth/oidc/callback?code=c&state=s`, { redirect: 'manual', headers: { cookie: sealed } });
  const location = decodeURIComponent(back.headers.get('location') ?? '');
  assert.match(location, /^\/sign-in\?error=The identity provider did not confirm the sign-in/, 'the flow was read; the made-up code and state were refused');
  assert.match(back.headers.getSetCookie().join('\n'), /^__Host-switchboard_oidc=; Max-Age=0; Path=\/; Secure/m, 'and the flow cookie is cleared');
});
