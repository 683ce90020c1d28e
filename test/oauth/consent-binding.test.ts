// Issue 16 review: the consent page must approve exactly the request it showed. An authorization request that
// repeats a parameter is refused on both GET (what the page shows) and POST (the decision), so "show the first
// value, approve the last" cannot happen; and the decision carries the query string the page checked, nothing else.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { json } from '../api/harness.ts';
import { decide, launchBrowser, listWith, member, pkcePair, registerClient, signIn, startOAuthGateway, tokenRequest } from '../helpers/oauth.ts';

const shownCallback = 'http://127.0.0.1:33418/callback';
const attackerCallback = 'http://127.0.0.1:33419/steal';

test('a repeated client_id, redirect_uri or resource is refused by the consent check and by the decision; no code is issued', async (t) => {
  const gateway = await startOAuthGateway(t);
  const base = gateway.running.publicUrl;
  const session = await signIn(base);
  const other = await gateway.createMcpServer('polymer', { name: 'Never shown', config: { methods: ['read'], auth: 'oauth' } });
  const shown = await registerClient(base, [shownCallback, attackerCallback], 'Friendly client');
  const attacker = await registerClient(base, [shownCallback, attackerCallback], 'Attacker');
  const { challenge } = pkcePair();
  const single: [string, string][] = [
    ['response_type', 'code'], ['client_id', shown], ['redirect_uri', shownCallback], ['code_challenge', challenge], ['code_challenge_method', 'S256'],
    ['resource', gateway.protectedServer.url], ['state', 'st'],
  ];
  for (const [name, second] of [['client_id', attacker], ['redirect_uri', attackerCallback], ['resource', other.url]] as const) {
    const query: [string, string][] = [...single, [name, second]];
    const shownAnswer = await json(await fetch(`${base}/oauth/authorization?${new URLSearchParams(query)}`, { headers: { cookie: session.cookie } }));
    assert.equal(shownAnswer.status, 'error', `${name}: ${JSON.stringify(shownAnswer)}`);
    assert.equal(shownAnswer.error, 'invalid_request', name);
    assert.match(shownAnswer.error_description, new RegExp(`repeats ${name}; send each parameter once`), name);
    assert.equal(shownAnswer.redirect_to, undefined, `${name}: an ambiguous request is never redirected`);

    const decided = await decide(base, session, query);
    assert.equal(decided.status, 'error', `${name}: ${JSON.stringify(decided)}`);
    assert.match(decided.error_description, new RegExp(`repeats ${name}`), name);
    assert.equal(decided.redirect_to, undefined, `${name}: no code, no redirect`);
  }
  const emptyTwice = await decide(base, session, [...single, ['resource', '']]);
  assert.match(emptyTwice.error_description, /repeats resource/, 'an empty second value is a repeat too');
});

test('the decision is on the query string the consent page checked: its code works on the server shown, not on another', async (t) => {
  const gateway = await startOAuthGateway(t);
  const base = gateway.running.publicUrl;
  const session = await signIn(base);
  const other = await gateway.createMcpServer('polymer', { name: 'Never shown', config: { methods: ['read'], auth: 'oauth' } });
  const clientId = await registerClient(base, [shownCallback]);
  const { verifier, challenge } = pkcePair();
  const query = `?${new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: shownCallback, code_challenge: challenge, code_challenge_method: 'S256', resource: gateway.protectedServer.url, state: 'st' })}`;

  const shown = await json(await fetch(`${base}/oauth/authorization${query}`, { headers: { cookie: session.cookie } }));
  assert.equal(shown.status, 'consent', JSON.stringify(shown));
  assert.equal(shown.details.server.id, gateway.protectedServer.id);
  const response = await fetch(`${base}/oauth/authorization`, {
    method: 'POST', headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf }, body: JSON.stringify({ query, decision: 'approve' }),
  });
  const decided = await json(response);
  assert.equal(decided.status, 'redirect', JSON.stringify(decided));
  const back = new URL(decided.redirect_to);
  assert.equal(back.origin + back.pathname, shownCallback);
  const tokens = await tokenRequest(base, { grant_type: 'authorization_code', code: back.searchParams.get('code')!, redirect_uri: shownCallback, code_verifier: verifier, client_id: clientId });
  assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
  assert.equal((await listWith(gateway.protectedServer.url, tokens.body.access_token)).status, 200, 'the server the page showed');
  assert.equal((await listWith(other.url, tokens.body.access_token)).status, 401, 'not another one');

  const oldShape = await fetch(`${base}/oauth/authorization`, {
    method: 'POST', headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
    body: JSON.stringify({ params: Object.fromEntries(new URLSearchParams(query)), decision: 'approve' }),
  });
  assert.equal(oldShape.status, 400, 'a decision on parameters rebuilt by the page (not the checked query string) is refused');
});

test('in the browser, a consent page for a request that repeats resource shows why it cannot be allowed, and offers no Allow', async (t) => {
  const gateway = await startOAuthGateway(t);
  const base = gateway.running.publicUrl;
  const other = await gateway.createMcpServer('polymer', { name: 'Never shown', config: { methods: ['read'], auth: 'oauth' } });
  const clientId = await registerClient(base, [shownCallback]);
  const query = new URLSearchParams([
    ['response_type', 'code'], ['client_id', clientId], ['redirect_uri', shownCallback], ['code_challenge', pkcePair().challenge], ['code_challenge_method', 'S256'],
    ['resource', gateway.protectedServer.url], ['resource', other.url],
  ]);
  const browser = await launchBrowser(t);
  const page = await browser.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`${base}/authorize?${query}`);
  await page.getByLabel('Email').fill(member.email);
  await page.getByLabel('Password').fill(member.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByTestId('consent-error').waitFor();
  assert.match((await page.getByTestId('consent-error').textContent()) ?? '', /repeats resource; send each parameter once/);
  assert.equal(await page.getByRole('button', { name: 'Allow' }).count(), 0);
  assert.equal(await page.getByTestId('consent-question').count(), 0);
});
