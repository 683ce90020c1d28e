// Lever, an integration that came as data only, through the official SDK MCP client in both of its auth modes: an
// account with an API key (HTTP Basic), and an account connected by OAuth authorization code at the sandbox's
// authorization page (the engine's own authorization request and code exchange, the tenant's OAuth app pointing at
// the sandbox). Paging opportunities to the last one, the recruiting workflow with a stage move and a note read
// back, a 429 and refused writes as tool errors with Lever's details, reads marked read-only; for the OAuth account,
// access tokens refreshed as they expire with the rotated refresh token stored, and a reused refresh token that
// revokes the grant putting the account in needs_reauth.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test, type TestContext } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { authorizationRequest, exchangeCode, type AuthorizationCodeAuth } from '../../src/execution/auth/oauth2-authorization-code.ts';
import type { TokenSet } from '../../src/execution/auth/tokens.ts';
import { DEFAULT_LEVER_CLIENT_ID, leverClientSecret } from '../../src/sandbox/index.ts';
import { json } from '../api/harness.ts';
import { startGateway, toolCaller, type Gateway } from '../mcp/harness.ts';
import { listAll, type Json } from './seed-workflows.ts';

type ToolResult = Awaited<ReturnType<Client['callTool']>>;

const text = (result: ToolResult) => (result.content as { text?: string }[]).map((block) => block.text ?? '').join('\n');
const redirectUri = 'https://app.example.com/connect/callback';

/** The definition's OAuth mode, as the engine reads it. */
function oauthMode(gateway: Gateway): AuthorizationCodeAuth {
  const { auth } = gateway.running.catalog.get('lever')!.definition;
  assert.equal(auth.kind, 'modes');
  return (auth as Extract<typeof auth, { kind: 'modes' }>).modes.oauth as AuthorizationCodeAuth;
}

/**
 * What connecting a Lever account by OAuth does: the tenant's OAuth app (here the sandbox's client), the user sent to
 * the authorization page with the engine's own request, "Allow" clicked, the code exchanged by the engine's exchange
 * function, and the first tokens stored sealed for the account.
 */
async function connectByAuthorizationCode(gateway: Gateway): Promise<{ accountId: string; firstTokens: TokenSet }> {
  const { lever, running, tenant } = gateway;
  const { store, services } = running;
  await store.saveOAuthApp({
    tenant_id: tenant.id, integration: 'lever', client_id: DEFAULT_LEVER_CLIENT_ID, client_secret_encrypted: services.secrets.encrypt(leverClientSecret(DEFAULT_LEVER_CLIENT_ID)),
    authorize_url: lever.authorizeUrl, token_url: lever.tokenUrl,
  });
  const app = { client_id: DEFAULT_LEVER_CLIENT_ID, client_secret: leverClientSecret(DEFAULT_LEVER_CLIENT_ID), authorize_url: lever.authorizeUrl, token_url: lever.tokenUrl };
  const auth = oauthMode(gateway);
  const state = randomBytes(12).toString('base64url');
  const authorize = authorizationRequest(auth, app, { redirectUri, state });
  assert.equal(authorize.searchParams.get('audience'), 'https://api.lever.co/v1/');
  assert.ok(authorize.searchParams.get('scope')!.split(' ').includes('offline_access'));

  const consent = await fetch(authorize, { redirect: 'manual' });
  assert.equal(consent.status, 200);
  const page = await consent.text();
  assert.match(page, /<button[^>]*value="allow"[^>]*>Allow<\/button>/);
  // Clicking Allow posts the page's form.
  const form = new URLSearchParams([...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(([, name, value]): [string, string] => [name!, value!.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)))]));
  form.set('decision', 'allow');
  const allowed = await fetch(new URL(lever.authorizeUrl), { method: 'POST', body: form, redirect: 'manual' });
  assert.equal(allowed.status, 302);
  const back = new URL(allowed.headers.get('location')!);
  assert.equal(`${back.origin}${back.pathname}`, redirectUri);
  assert.equal(back.searchParams.get('state'), state);

  const firstTokens = await exchangeCode((request) => running.engine.upstream.send(request), auth, app, new URL(lever.tokenUrl), { code: back.searchParams.get('code')!, redirectUri });
  assert.ok(firstTokens.refresh_token, 'offline_access gave a refresh token');
  const created = await gateway.api('/integrated-account', { method: 'POST', body: { integration: 'lever', name: 'Lever (OAuth)', context: { base_url: lever.url, auth_mode: 'oauth' }, credentials: {} } });
  const account = await json(created);
  assert.equal(created.status, 201, JSON.stringify(account));
  await store.saveUpstreamTokens(account.id, {
    tokens_encrypted: services.secrets.encrypt(firstTokens), expires_at: firstTokens.expires_at === undefined ? null : new Date(firstTokens.expires_at).toISOString(),
  });
  return { accountId: account.id, firstTokens };
}

async function leverClient(gateway: Gateway, accountId: string): Promise<Client> {
  const response = await gateway.api(`/integrated-account/${accountId}/mcp`, { method: 'POST', body: { name: 'Recruiting agent (Lever)' } });
  const server = await json(response);
  assert.equal(response.status, 201, JSON.stringify(server));
  return gateway.connect(server.url, { name: 'claude-desktop', version: '1.0' });
}

/** Every acceptance check that holds for an account whatever its auth mode. */
async function workflowChecks(t: TestContext, gateway: Gateway, client: Client, mode: 'api_key' | 'oauth') {
  const { lever } = gateway;
  const { planted } = lever.state;
  const call = toolCaller(client);

  await t.test(`${mode}: paging opportunities to the last one returns each exactly once, the offset token sent back as given`, async () => {
    const before = lever.requests.length;
    const ids = (await listAll(call, 'list_all_lever_opportunities', { limit: 100 })).map((opportunity) => String(opportunity.id));
    assert.equal(new Set(ids).size, ids.length, 'no repeats');
    const expected = lever.state.opportunities.where((row) => row.confidentiality === 'non-confidential')
      .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1)).map((row) => row.id);
    assert.deepEqual(ids, expected);
    assert.ok(ids.length >= 200, `${ids.length} opportunities`);
    const queries = lever.requests.slice(before).filter((request) => request.path === '/v1/opportunities').map((request) => new URLSearchParams(request.query));
    assert.deepEqual([...queries[0]!.entries()], [['limit', '100']]);
    // A page cut short by the response budget resumes inside it; the pages after it go by the token Lever returned.
    const offsets = queries.flatMap((query) => (query.has('offset') ? [query.get('offset')!] : []));
    assert.ok(offsets.length >= 2, `${offsets.length} pages by offset token`);
    for (const offset of offsets) assert.match(offset, /^0\.\d+\.[0-9a-f-]{36}$/, 'a token Lever returned');
  });

  await t.test(`${mode}: the workflow: find a candidate, their application, the stages, move them, add a note, read it back`, async () => {
    const found = (await call('list_all_lever_opportunities', { email: planted.amara.email })).result as Json[];
    assert.deepEqual(found.map((row) => row.id).sort(), [planted.amara.opportunityId, planted.amara.archivedOpportunityId].sort(), 'both candidacies of the person');
    const [opportunity] = (await call('list_all_lever_opportunities', { email: planted.amara.email, archived: false })).result as Json[];
    assert.equal(opportunity?.name, 'Amara Okafor');
    const [application] = (await call('list_all_lever_applications', { opportunity_id: opportunity!.id })).result as Json[];
    const posting = await call('get_single_lever_posting_by_id', { id: application!.posting });
    assert.equal(posting.text, 'Senior Backend Engineer');
    const stages = (await call('list_all_lever_stages', {})).result as Json[];
    const current = stages.findIndex((stage) => stage.id === opportunity!.stage);
    const next = stages[current + 1]!;

    const moved = await call('update_a_lever_opportunity_stage', { opportunity_id: opportunity!.id, stage: next.id });
    assert.equal(moved.stage, next.id);
    assert.equal(lever.state.opportunities.get(planted.amara.opportunityId)!.stage, next.id, 'the sandbox moved it');
    const mover = lever.state.opportunities.get(planted.amara.opportunityId)!.stageChanges.at(-1)!.userId;
    assert.equal(mover, mode === 'oauth' ? planted.adminUserId : null, 'recorded as the OAuth user; an API key without perform_as leaves it empty');

    const [recruiter] = (await call('list_all_lever_users', { email: lever.state.users.get(planted.adminUserId)!.email })).result as Json[];
    const value = `Moved to ${String(next.text)} (${mode}); schedule with the platform team.`;
    const created = await call('create_a_lever_note', { opportunity_id: opportunity!.id, value, score: 4, ...(mode === 'api_key' ? { perform_as: recruiter!.id } : {}) });
    const note = await call('get_single_lever_note_by_id', { opportunity_id: opportunity!.id, id: created.noteId });
    assert.equal((note.fields as Json[])[0]!.value, value);
    assert.equal(note.user, planted.adminUserId, 'written as perform_as, or as the OAuth user');
    const notes = await listAll(call, 'list_all_lever_notes', { opportunity_id: opportunity!.id });
    assert.equal(notes.at(-1)!.id, created.noteId);
    assert.ok(planted.amara.noteIds.every((id) => notes.some((row) => row.id === id)));
    const feedback = await listAll(call, 'list_all_lever_feedback', { opportunity_id: opportunity!.id });
    assert.deepEqual(feedback.map((form) => form.id), planted.amara.feedbackIds);
  });

  await t.test(`${mode}: refused writes are tool errors with Lever's code and message, and change nothing`, async () => {
    const future = await client.callTool({ name: 'create_a_lever_note', arguments: { opportunity_id: planted.amara.opportunityId, value: 'Back-dated the wrong way', createdAt: Date.now() + 86_400_000 } });
    assert.equal(future.isError, true);
    assert.match(text(future), /Lever answered 400: createdAt is in the future: you cannot create a note in the future/);
    assert.match(text(future), /"code":"BadRequestError"/);
    const stage = lever.state.opportunities.get(planted.amara.opportunityId)!.stage;
    const missing = '00000000-0000-4000-8000-000000000000';
    const unknownStage = await client.callTool({ name: 'update_a_lever_opportunity_stage', arguments: { opportunity_id: planted.amara.opportunityId, stage: missing } });
    assert.equal(unknownStage.isError, true);
    assert.match(text(unknownStage), new RegExp(`Lever answered 404: stages ${missing} was not found`));
    assert.match(text(unknownStage), /"code":"ResourceNotFound"/);
    const badScore = await client.callTool({ name: 'create_a_lever_note', arguments: { opportunity_id: planted.amara.opportunityId, value: 'x', score: 7 } });
    assert.equal(badScore.isError, true);
    assert.match(text(badScore), /score/, 'bad input is named before anything is sent');
    assert.equal(lever.state.opportunities.get(planted.amara.opportunityId)!.stage, stage, 'nothing moved');
  });

  await t.test(`${mode}: a 429 is a tool error with Lever's body; Lever sends no limit headers, so the advice is to back off`, async () => {
    lever.setRateLimit({ limit: 1, windowSeconds: 600 });
    try {
      await call('list_all_lever_stages', { limit: 1 });
      const limited = await client.callTool({ name: 'list_all_lever_stages', arguments: { limit: 1 } });
      assert.equal(limited.isError, true);
      assert.match(text(limited), /Lever answered 429: Rate limit exceeded: retry with exponential backoff\./);
      assert.match(text(limited), /Rate limited: wait before calling this tool again/);
      assert.match(text(limited), /"code":"TooManyRequestsError"/);
    } finally {
      lever.setRateLimit(null);
    }
  });

  await t.test(`${mode}: reads are read-only, the stage move and the note are writes`, async () => {
    const { tools } = await client.listTools();
    const reads = tools.filter((tool) => tool.annotations?.readOnlyHint === true).map((tool) => tool.name).sort();
    assert.deepEqual(reads, [
      'get_single_lever_note_by_id', 'get_single_lever_opportunity_by_id', 'get_single_lever_posting_by_id', 'get_single_lever_stage_by_id',
      'list_all_lever_applications', 'list_all_lever_archive_reasons', 'list_all_lever_feedback', 'list_all_lever_notes', 'list_all_lever_opportunities',
      'list_all_lever_postings', 'list_all_lever_stages', 'list_all_lever_users',
    ]);
    assert.deepEqual(tools.filter((tool) => !reads.includes(tool.name)).map((tool) => tool.name).sort(), ['create_a_lever_note', 'update_a_lever_opportunity_stage']);
  });
}

test('Lever through an MCP client with an API key, then with an OAuth account', async (t) => {
  const gateway = await startGateway(t);
  await workflowChecks(t, gateway, await leverClient(gateway, gateway.accounts.lever), 'api_key');
  const { accountId } = await connectByAuthorizationCode(gateway);
  await workflowChecks(t, gateway, await leverClient(gateway, accountId), 'oauth');
  assert.ok(gateway.lever.state.oauth.issued.length >= 1);
});

test('a Lever OAuth account: tokens refreshed as they expire and rotated; a reused refresh token revokes the grant and the account needs reauth', async (t) => {
  const gateway = await startGateway(t);
  const { lever, running, api } = gateway;
  const { oauth } = lever.state;
  // The first access token lives two seconds: the engine renews it halfway through its life. Later ones live an hour.
  oauth.lifetimeSeconds = 2;
  const { accountId, firstTokens } = await connectByAuthorizationCode(gateway);
  oauth.lifetimeSeconds = 3600;
  const client = await leverClient(gateway, accountId);
  const call = toolCaller(client);
  const status = async () => (await json(await api(`/integrated-account/${accountId}`))).status as string;
  const tokenRequests = () => lever.requests.filter((request) => request.path === '/oauth/token').length;
  const storedTokens = async () => running.services.secrets.decrypt<TokenSet>((await running.store.getUpstreamTokens(accountId))!.tokens_encrypted);

  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const before = tokenRequests();
  await call('list_all_lever_stages', {});
  assert.equal(tokenRequests(), before + 1, 'one refresh before the call');
  assert.ok(!lever.requests.some((request) => request.status === 401), 'no call went out with an expired token');
  const rotated = await storedTokens();
  assert.notEqual(rotated.refresh_token, firstTokens.refresh_token, 'the rotated refresh token is stored');
  assert.notEqual(rotated.access_token, firstTokens.access_token);

  // Lever stops accepting the access token early: one refresh on the 401, and the call succeeds.
  oauth.expireAll();
  const stages = await call('list_all_lever_stages', {});
  assert.ok((stages.result as Json[]).length > 0);
  assert.notEqual((await storedTokens()).refresh_token, rotated.refresh_token, 'rotated again on the 401');
  assert.equal(await status(), 'active');

  // The first refresh token leaks and is replayed: Lever's authorization server revokes the whole grant.
  const replay = await fetch(lever.tokenUrl, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: firstTokens.refresh_token!, client_id: DEFAULT_LEVER_CLIENT_ID, client_secret: leverClientSecret(DEFAULT_LEVER_CLIENT_ID) }),
  });
  assert.equal(replay.status, 400);
  assert.equal((await replay.json() as Json).error, 'invalid_grant');
  oauth.expireAll();
  const refused = await client.callTool({ name: 'list_all_lever_opportunities', arguments: { limit: 1 } });
  assert.equal(refused.isError, true);
  assert.match(text(refused), /This Lever account must be reconnected \(the provider refused its grant \(invalid_grant\)\)/);
  assert.equal(await status(), 'needs_reauth');

  const requests = lever.requests.length;
  const blocked = await client.callTool({ name: 'list_all_lever_stages', arguments: {} });
  assert.equal(blocked.isError, true);
  assert.match(text(blocked), /must be reconnected .*Nothing was sent to Lever/);
  assert.equal(lever.requests.length, requests, 'a marked account calls neither the token endpoint nor the API');
});
