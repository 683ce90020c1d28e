// Issue 15 acceptance for Greenhouse, an integration on OAuth client credentials that came as data only: the official
// SDK MCP client against MCP URLs made through the management API, the engine getting its tokens from the Greenhouse
// sandbox's token endpoint. Paging candidates to the last one, the recruiting workflow with a stage move that changes
// the sandbox, a validation error and a 429 as tool errors with Greenhouse's details, and a revoked client that puts
// the account in needs_reauth until it is reconnected.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { json } from '../api/harness.ts';
import { startGateway, toolCaller, type Gateway } from '../mcp/harness.ts';
import { listAll, type Json } from './seed-workflows.ts';

type ToolResult = Awaited<ReturnType<Client['callTool']>>;

const text = (result: ToolResult) => (result.content as { text?: string }[]).map((block) => block.text ?? '').join('\n');

async function greenhouseClient(gateway: Gateway, config: Record<string, unknown> = {}): Promise<Client> {
  const server = await gateway.createMcpServer('greenhouse', { name: 'Recruiting agent (Greenhouse)', config });
  return gateway.connect(server.url, { name: 'claude-desktop', version: '1.0' });
}

test('Greenhouse through an MCP client', async (t) => {
  const gateway = await startGateway(t);
  const { greenhouse } = gateway;
  const { planted } = greenhouse.state;
  const client = await greenhouseClient(gateway);
  const call = toolCaller(client);
  const apiCalls = (path: string) => greenhouse.requests.filter((request) => request.path === `/v3/${path}`);

  await t.test('paging candidates to the last one returns each exactly once; later pages send only the cursor', async () => {
    const ids = (await listAll(call, 'list_all_greenhouse_candidates', { limit: 100 })).map((candidate) => Number(candidate.id));
    assert.equal(new Set(ids).size, ids.length, 'no repeats');
    assert.deepEqual(ids, greenhouse.state.candidates.all().map((candidate) => candidate.id));
    assert.ok(ids.length >= 200);
    const queries = apiCalls('candidates').map((request) => new URLSearchParams(request.query));
    assert.deepEqual([...queries[0]!.keys()], ['per_page'], 'per_page on the first page');
    assert.equal(queries[0]!.get('per_page'), '100');
    assert.ok(queries.length >= 3);
    for (const query of queries.slice(1)) assert.deepEqual([...query.keys()], ['cursor'], 'the cursor alone on later pages');
    assert.ok(greenhouse.state.oauth.issued.length >= 1, 'tokens came from the token endpoint');
  });

  await t.test("the workflow: find a candidate, their applications, the job's stages, move the application, add a note, read it back", async () => {
    const [candidate] = (await call('list_all_greenhouse_candidates', { email: planted.elena.email })).result as Json[];
    assert.deepEqual([candidate?.first_name, candidate?.last_name], ['Elena', 'Marchetti']);
    const applications = (await call('list_all_greenhouse_applications', { candidate_ids: [candidate!.id] })).result as Json[];
    const [application] = applications;
    assert.equal(applications.length, 1);
    const stages = (await call('list_all_greenhouse_job_interview_stages', { job_ids: [application!.job_id] })).result as Json[];
    const current = stages.findIndex((stage) => stage.id === application!.job_interview_stage_id);
    const next = stages[current + 1]!;
    assert.equal(next.name, 'Face to Face');

    const moved = await client.callTool({ name: 'create_a_greenhouse_application_stage_move', arguments: { application_id: String(application!.id), from_stage_id: application!.job_interview_stage_id, to_stage_id: next.id } });
    assert.notEqual(moved.isError, true, text(moved));
    assert.deepEqual(JSON.parse(text(moved)), { success: true }, 'Greenhouse answers 204 without a body');
    assert.equal(greenhouse.state.applications.get(planted.elena.applicationId)!.job_interview_stage_id, planted.elena.nextStageId, 'the sandbox moved it');
    const [after] = (await call('list_all_greenhouse_applications', { ids: [application!.id] })).result as Json[];
    assert.equal(after!.job_interview_stage_id, next.id);
    const history = (await call('list_all_greenhouse_application_stages', { application_ids: [application!.id], current: true })).result as Json[];
    assert.deepEqual(history.map((visit) => visit.job_interview_stage_id), [next.id]);

    const body = 'Moved to Face to Face after a strong phone interview; schedule with the payments team.';
    const note = await call('create_a_greenhouse_note', { application_id: application!.id, body, visibility: 'public' });
    assert.equal(note.user_id, planted.actingUserId, "written as the account's acting user (its sub)");
    const notes = await listAll(call, 'list_all_greenhouse_notes', { candidate_ids: [candidate!.id] });
    assert.deepEqual(notes.map((record) => record.id), [...planted.elena.noteIds, note.id]);
    assert.equal(notes.at(-1)!.body, body);
    assert.equal(greenhouse.state.notes.get(Number(note.id))?.body, body, 'the note is in Greenhouse');
  });

  await t.test("a refused move is a tool error with Greenhouse's 422 message and field, and changes nothing", async () => {
    const stale = await client.callTool({ name: 'create_a_greenhouse_application_stage_move', arguments: { application_id: String(planted.elena.applicationId), from_stage_id: planted.elena.currentStageId } });
    assert.equal(stale.isError, true);
    assert.match(text(stale), new RegExp(`Greenhouse answered 422: The application is not in stage ${planted.elena.currentStageId}; it is in stage ${planted.elena.nextStageId}`));
    assert.match(text(stale), /"field":"from_stage_id"/);
    assert.match(text(stale), /"message":"Validation error"/);
    const invalid = await client.callTool({ name: 'create_a_greenhouse_note', arguments: { candidate_id: planted.elena.candidateId, body: 'x', visibility: 'everyone' } });
    assert.equal(invalid.isError, true);
    assert.match(text(invalid), /visibility/, 'bad input is named before anything is sent');
    assert.equal(greenhouse.state.applications.get(planted.elena.applicationId)!.job_interview_stage_id, planted.elena.nextStageId, 'nothing moved');
  });

  await t.test("a 429 is a tool error saying how long to wait, with Greenhouse's message; its headers are normalized", async () => {
    greenhouse.setRateLimit({ limit: 2, windowSeconds: 600 });
    try {
      await call('list_all_greenhouse_jobs', { limit: 1 });
      // The Proxy API shows what Greenhouse's X-RateLimit-* headers said, normalized.
      const proxied = await gateway.api(`/proxy/jobs?integrated_account_id=${gateway.accounts.greenhouse}&limit=1`);
      assert.equal(proxied.status, 200);
      assert.deepEqual([proxied.headers.get('ratelimit-limit'), proxied.headers.get('ratelimit-remaining')], ['2', '0']);
      const limited = await client.callTool({ name: 'list_all_greenhouse_jobs', arguments: { limit: 1 } });
      assert.equal(limited.isError, true);
      assert.match(text(limited), /Greenhouse answered 429: Too many requests: rate limit exceeded/);
      assert.match(text(limited), /wait (59\d|600) seconds/, 'from Retry-After');
      assert.equal((limited.structuredContent as Json).upstream_status, 429);
    } finally {
      greenhouse.setRateLimit(null);
    }
  });

  await t.test('list tools are read-only and the move and the note are writes', async () => {
    const { tools } = await client.listTools();
    const reads = tools.filter((tool) => tool.annotations?.readOnlyHint === true).map((tool) => tool.name).sort();
    assert.deepEqual(reads, [
      'list_all_greenhouse_application_stages', 'list_all_greenhouse_applications', 'list_all_greenhouse_candidates', 'list_all_greenhouse_job_interview_stages',
      'list_all_greenhouse_jobs', 'list_all_greenhouse_notes', 'list_all_greenhouse_scorecards', 'list_all_greenhouse_users',
    ]);
    assert.deepEqual(tools.filter((tool) => !reads.includes(tool.name)).map((tool) => tool.name).sort(), ['create_a_greenhouse_application_stage_move', 'create_a_greenhouse_note']);
  });
});

test('a revoked client puts the Greenhouse account in needs_reauth on its next call; reconnecting restores it', async (t) => {
  const gateway = await startGateway(t);
  const { greenhouse, accounts, api } = gateway;
  const client = await greenhouseClient(gateway);
  const call = toolCaller(client);
  const status = async () => (await json(await api(`/integrated-account/${accounts.greenhouse}`))).status as string;
  await call('list_all_greenhouse_jobs', { limit: 1 });
  assert.equal(await status(), 'active');

  // The customer deletes the API credential in Greenhouse: its tokens stop working and it gets no new ones.
  greenhouse.state.oauth.disableClient(greenhouse.state.oauth.issued[0]!.clientId);
  const refused = await client.callTool({ name: 'list_all_greenhouse_jobs', arguments: { limit: 1 } });
  assert.equal(refused.isError, true);
  assert.match(text(refused), /This Greenhouse account must be reconnected \(the provider refused its client credentials: the token endpoint answered 401 invalid_client/);
  assert.match(text(refused), /An admin of its tenant reconnects it from the dashboard \(Reconnect on the account\) or the admin API: PATCH \/integrated-account\/<id> with new credentials/);
  assert.match(text(refused), /A connect link would add a new account instead/, 'a connect link is not offered as a way to reconnect');
  assert.equal(await status(), 'needs_reauth');

  const tokenRequests = greenhouse.requests.filter((request) => request.path === '/token').length;
  const apiRequests = greenhouse.requests.length - tokenRequests;
  const blocked = await client.callTool({ name: 'list_all_greenhouse_candidates', arguments: { limit: 1 } });
  assert.equal(blocked.isError, true);
  assert.match(text(blocked), /must be reconnected .*Nothing was sent to Greenhouse/);
  assert.equal(greenhouse.requests.length, tokenRequests + apiRequests, 'a marked account calls neither the token endpoint nor the API');

  // A new credential, connected with PATCH: active again, and its calls work with a token of its own.
  greenhouse.state.oauth.addClient('replacement-client', 'replacement-secret');
  const patched = await api(`/integrated-account/${accounts.greenhouse}`, { method: 'PATCH', body: { credentials: { client_id: 'replacement-client', client_secret: 'replacement-secret' } } });
  assert.equal(patched.status, 200);
  assert.equal(await status(), 'active');
  const jobs = await call('list_all_greenhouse_jobs', { limit: 2 });
  assert.equal((jobs.result as Json[]).length, 2);
  assert.equal(greenhouse.state.oauth.issued.at(-1)!.clientId, 'replacement-client');
});
