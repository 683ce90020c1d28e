// Issue 16 review: the sign-in failure limit holds under concurrency. Each attempt takes its slot before the password
// is checked (scrypt, ~100 ms) and gives it back only when the password was right, so 40 simultaneous guesses for
// one email get the limit's worth of real checks and 429 for the rest; and at most SWITCHBOARD_SIGN_IN_CONCURRENCY
// checks run at once (503 past it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { json, startTestServer } from '../api/harness.ts';

const user = { email: 'admin@acme.example', password: 'a long admin password' };

async function serverWith(t: Parameters<typeof startTestServer>[0], env: Record<string, string>) {
  const server = await startTestServer(t, { env });
  await server.running.identity.users.ensureMember({ ...user, tenantId: server.tenant.id, role: 'admin' });
  const signIn = (body: unknown) => fetch(`${server.running.url}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { signIn };
}

function countOf(statuses: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

test('40 concurrent wrong passwords for one email: exactly the limit (3) are checked, the rest get 429; then even the right one does', async (t) => {
  const { signIn } = await serverWith(t, { SWITCHBOARD_SIGN_IN_LIMIT: '3', SWITCHBOARD_SIGN_IN_CONCURRENCY: '4' });
  const responses = await Promise.all(Array.from({ length: 40 }, (_, index) => signIn({ email: user.email, password: `wrong guess number ${index}` })));
  const counts = countOf(responses.map((response) => response.status));
  assert.deepEqual(counts, { 401: 3, 429: 37 }, JSON.stringify(counts));
  const limited = responses.find((response) => response.status === 429)!;
  assert.ok(Number(limited.headers.get('retry-after')) > 0);
  assert.match((await json(limited)).error.message, /^Too many failed sign-ins; try again in \d+ minutes?\.$/);
  assert.equal((await signIn(user)).status, 429, 'the right password is refused too until the window passes');
});

test('a right password gives its slot back: successes never use up the limit', async (t) => {
  const { signIn } = await serverWith(t, { SWITCHBOARD_SIGN_IN_LIMIT: '3' });
  for (let attempt = 1; attempt <= 5; attempt++) assert.equal((await signIn(user)).status, 200, `success ${attempt}`);
  for (let attempt = 1; attempt <= 3; attempt++) assert.equal((await signIn({ ...user, password: `wrong password ${attempt}` })).status, 401, `failure ${attempt}`);
  assert.equal((await signIn(user)).status, 429, 'three failures reach the limit of 3');
});

test('past SWITCHBOARD_SIGN_IN_CONCURRENCY password checks at once, a sign-in gets 503 with Retry-After and is not counted as a failure', async (t) => {
  // A limit of 12 failures per address: had the 503s counted, the 12 attempts would reach it.
  const { signIn } = await serverWith(t, { SWITCHBOARD_SIGN_IN_LIMIT: '12', SWITCHBOARD_SIGN_IN_CONCURRENCY: '1' });
  const responses = await Promise.all(Array.from({ length: 12 }, (_, index) => signIn({ email: `person${index}@acme.example`, password: 'not the password at all' })));
  const counts = countOf(responses.map((response) => response.status));
  assert.deepEqual(Object.keys(counts).sort(), ['401', '503'], JSON.stringify(counts));
  const busy = responses.find((response) => response.status === 503)!;
  assert.equal(busy.headers.get('retry-after'), '1');
  assert.equal((await json(busy)).error.message, 'Too many sign-ins are being checked at this moment; try again in a second.');
  assert.equal((await signIn(user)).status, 200, 'the 503s were not counted: the address is under its limit');
});
