// Issue 14 acceptance for Teamtailor, a JSON:API integration that came as data only: the official SDK MCP client
// against MCP URLs made through the management API, the engine against the Teamtailor sandbox. Paging candidates to
// the last one by links.next, the recruiting workflow with a stage change that the sandbox records and a note read
// back, a 422 and a 429 as tool errors with Teamtailor's JSON:API details, and read tools marked read-only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { startGateway, toolCaller } from '../mcp/harness.ts';
import { listAll, type Json } from './seed-workflows.ts';

type ToolResult = Awaited<ReturnType<Client['callTool']>>;

const text = (result: ToolResult) => (result.content as { text?: string }[]).map((block) => block.text ?? '').join('\n');

test('Teamtailor through an MCP client', async (t) => {
  const gateway = await startGateway(t);
  const { teamtailor } = gateway;
  const { planted } = teamtailor.state;
  const server = await gateway.createMcpServer('teamtailor', { name: 'Recruiting agent (Teamtailor)' });
  const client = await gateway.connect(server.url, { name: 'claude-desktop', version: '1.0' });
  const call = toolCaller(client);

  await t.test('paging candidates to the last one returns each exactly once, following links.next as given', async () => {
    const ids = (await listAll(call, 'list_all_teamtailor_candidates', { limit: 30 })).map((candidate) => Number(candidate.id));
    assert.equal(new Set(ids).size, ids.length, 'no repeats');
    assert.deepEqual(ids, teamtailor.state.candidates.all().map((candidate) => candidate.id));
    assert.ok(ids.length >= 200, `${ids.length} candidates`);
    const queries = teamtailor.requests.filter((request) => request.path === '/v1/candidates').map((request) => new URLSearchParams(request.query));
    assert.deepEqual([...queries[0]!.entries()], [['page[size]', '30']]);
    const pages = new Set(queries.slice(1).map((query) => query.get('page[number]')));
    assert.deepEqual([...pages].filter((number) => number !== null).map(Number).sort((a, b) => a - b), Array.from({ length: Math.ceil(ids.length / 30) - 1 }, (_, index) => index + 2));
    for (const query of queries) assert.equal(query.get('page[size]'), '30');
    const over = await client.callTool({ name: 'list_all_teamtailor_candidates', arguments: { limit: 31 } });
    assert.equal(over.isError, true);
    assert.match(text(over), /limit must be <= 30/, 'page[size] is at most 30');
  });

  await t.test("the workflow: find a candidate, their applications, the job's stages, move the application, add a note, read it back", async () => {
    const [candidate] = (await call('list_all_teamtailor_candidates', { filter_email: planted.lukas.email })).result as Json[];
    assert.deepEqual([candidate?.['first-name'], candidate?.['last-name']], ['Lukas', 'Brandt']);
    const [application, ...others] = (await call('list_all_teamtailor_candidate_job_applications', { candidate_id: candidate!.id })).result as Json[];
    assert.equal(others.length, 0);
    assert.deepEqual([(application!.job as Json).title, (application!.stage as Json).name], ['Senior Backend Engineer', 'Screening'], 'job and stage embedded by default');
    const stages = (await call('list_all_teamtailor_job_stages', { job_id: (application!.job as Json).id })).result as Json[];
    const next = stages[stages.findIndex((stage) => stage.id === (application!.stage as Json).id) + 1]!;
    assert.equal(next.name, 'Technical Interview');

    const moved = await call('update_a_teamtailor_job_application_by_id', { id: application!.id, stage_id: next.id });
    assert.equal(moved.id, String(planted.lukas.applicationId));
    assert.equal(teamtailor.state.jobApplications.get(planted.lukas.applicationId)!.stageId, planted.lukas.nextStageId, 'the sandbox moved it');
    const after = await call('get_single_teamtailor_job_application_by_id', { id: application!.id });
    assert.equal((after.stage as Json).name, 'Technical Interview');

    const [author] = (await call('list_all_teamtailor_users', { filter_email: teamtailor.state.users.get(planted.userId)!.email })).result as Json[];
    assert.equal(author?.id, String(planted.userId));
    const body = 'Moved to the technical interview after a good screening call; pair with the platform team.';
    const note = await call('create_a_teamtailor_note', { candidate_id: candidate!.id, user_id: author!.id, note: body });
    const notes = await listAll(call, 'list_all_teamtailor_candidate_notes', { candidate_id: candidate!.id, include: ['user'] });
    assert.deepEqual(notes.map((record) => Number(record.id)), [...planted.lukas.noteIds, Number(note.id)]);
    assert.deepEqual([notes.at(-1)!.note, (notes.at(-1)!.user as Json).name], [body, 'Ingrid Sørensen']);
    assert.equal(teamtailor.state.notes.get(Number(note.id))?.note, body, 'the note is in Teamtailor');
    const write = teamtailor.requests.find((request) => request.method === 'PATCH');
    assert.equal(write?.status, 200);
  });

  await t.test("a stage of another job is a tool error with Teamtailor's JSON:API error, and changes nothing", async () => {
    const result = await client.callTool({ name: 'update_a_teamtailor_job_application_by_id', arguments: { id: String(planted.lukas.applicationId), stage_id: String(planted.foreignStageId) } });
    assert.equal(result.isError, true);
    assert.match(text(result), /Teamtailor answered 422: stage - must be a stage of the application's job/);
    assert.match(text(result), /"source":\{"pointer":"\/data\/relationships\/stage"\}/);
    const blank = await client.callTool({ name: 'create_a_teamtailor_note', arguments: { candidate_id: String(planted.lukas.candidateId), note: ' ' } });
    assert.equal(blank.isError, true);
    assert.match(text(blank), /Teamtailor answered 422: note - can't be blank/);
    assert.equal(teamtailor.state.jobApplications.get(planted.lukas.applicationId)!.stageId, planted.lukas.nextStageId, 'nothing moved');
  });

  await t.test('rejected-at rejects an application and null un-rejects it (null is a value here, not an absent argument)', async () => {
    const { planted } = teamtailor.state;
    const id = String(planted.lukas.applicationId);
    await call('update_a_teamtailor_job_application_by_id', { id, 'rejected-at': '2026-12-01T00:00:00Z' });
    assert.ok(teamtailor.state.jobApplications.get(planted.lukas.applicationId)!.rejectedAt, 'rejected');
    await call('update_a_teamtailor_job_application_by_id', { id, 'rejected-at': null });
    assert.equal(teamtailor.state.jobApplications.get(planted.lukas.applicationId)!.rejectedAt, null, 'un-rejected');
  });

  await t.test('a 429 is a tool error saying how long to wait, from X-Rate-Limit-Reset in seconds; the headers are normalized', async () => {
    teamtailor.setRateLimit({ limit: 2, windowSeconds: 600 });
    try {
      await call('list_all_teamtailor_users', { limit: 1 });
      const proxied = await gateway.api(`/proxy/users?integrated_account_id=${gateway.accounts.teamtailor}`);
      assert.equal(proxied.status, 200);
      assert.deepEqual([proxied.headers.get('ratelimit-limit'), proxied.headers.get('ratelimit-remaining')], ['2', '0']);
      const limited = await client.callTool({ name: 'list_all_teamtailor_users', arguments: { limit: 1 } });
      assert.equal(limited.isError, true);
      assert.match(text(limited), /Teamtailor answered 429: Rate limit exceeded, retry after the reset/);
      assert.match(text(limited), /wait (59\d|600) seconds/, 'from X-Rate-Limit-Reset (no Retry-After)');
      assert.match(text(limited), /"title":"Too Many Requests"/);
    } finally {
      teamtailor.setRateLimit(null);
    }
  });

  await t.test('reads are read-only tools; the stage change and the note are writes', async () => {
    const { tools } = await client.listTools();
    const reads = tools.filter((tool) => tool.annotations?.readOnlyHint === true).map((tool) => tool.name).sort();
    assert.deepEqual(reads, [
      'get_single_teamtailor_candidate_by_id', 'get_single_teamtailor_job_application_by_id', 'get_single_teamtailor_job_by_id',
      'list_all_teamtailor_candidate_job_applications', 'list_all_teamtailor_candidate_notes', 'list_all_teamtailor_candidates',
      'list_all_teamtailor_job_applications', 'list_all_teamtailor_job_stages', 'list_all_teamtailor_jobs', 'list_all_teamtailor_users',
    ]);
    assert.deepEqual(tools.filter((tool) => !reads.includes(tool.name)).map((tool) => tool.name).sort(), ['create_a_teamtailor_note', 'update_a_teamtailor_job_application_by_id']);
  });
});
