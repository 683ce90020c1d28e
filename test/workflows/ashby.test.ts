// Issue 14 acceptance for Ashby, an integration that came as data only: the official SDK MCP client against MCP URLs
// made through the management API, the engine against the Ashby sandbox. Paging to the last record, a write, a 429,
// invalid input and an error inside an HTTP 200 body as tool errors carrying Ashby's details, POST reads that are
// read-only, and the recruiting workflow from a candidate to a note read back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { startGateway, toolCaller, type Gateway } from '../mcp/harness.ts';
import { listAll, type Json } from './seed-workflows.ts';

type ToolResult = Awaited<ReturnType<Client['callTool']>>;

const text = (result: ToolResult) => (result.content as { text?: string }[]).map((block) => block.text ?? '').join('\n');

async function ashbyClient(gateway: Gateway, config: Record<string, unknown> = {}): Promise<Client> {
  const server = await gateway.createMcpServer('ashby', { name: 'Recruiting agent (Ashby)', config });
  return gateway.connect(server.url, { name: 'claude-desktop', version: '1.0' });
}

test('Ashby through an MCP client', async (t) => {
  const gateway = await startGateway(t);
  const { ashby } = gateway;
  const { planted } = ashby.state;
  const client = await ashbyClient(gateway);
  const call = toolCaller(client);

  await t.test('paging candidates to the last record returns each visible candidate exactly once', async () => {
    const ids = (await listAll(call, 'list_all_ashby_candidates', { limit: 100 })).map((candidate) => String(candidate.id));
    assert.equal(new Set(ids).size, ids.length, 'no repeats');
    const hidden = new Set(planted.confidential.candidateIds);
    assert.deepEqual(ids.sort(), ashby.state.candidates.all().filter((candidate) => !hidden.has(candidate.id)).map((candidate) => candidate.id).sort());
    assert.ok(ids.length >= 200);
    const bodies = ashby.requests.filter((request) => request.path === '/candidate.list').map((request) => request.body as Json);
    assert.deepEqual(bodies[0], { limit: 100 }, 'page parameters travel in the JSON body');
    assert.ok(bodies.every((body) => body.limit === 100 && (body.cursor === undefined || typeof body.cursor === 'string')));
    assert.ok(bodies.some((body) => typeof body.cursor === 'string'), "later pages send Ashby's nextCursor back");
  });

  await t.test('the workflow: find a candidate, their applications, the job\'s stages, move the application, add a note, read it back', async () => {
    const [candidate] = (await call('search_ashby_candidates', { email: planted.maya.email })).result as Json[];
    assert.equal(candidate?.name, 'Maya Lindqvist');
    const applicationIds = candidate.applicationIds as string[];
    const applications = await Promise.all(applicationIds.map((applicationId) => call('get_single_ashby_application', { applicationId })));
    const application = applications.find((record) => (record.job as Json).title === 'Senior Backend Engineer');
    assert.ok(application, 'her Senior Backend Engineer application');
    const filtered = (await call('list_all_ashby_applications', { candidate_id: candidate.id, limit: 10 })).result as Json[];
    assert.deepEqual(filtered.map((record) => record.id), applicationIds, 'the Switchboard-side candidate filter finds the same applications');

    const plan = await call('get_single_ashby_job_interview_plan', { jobId: (application.job as Json).id });
    const stages = plan.stages as Json[];
    const current = stages.findIndex((stage) => stage.id === (application.currentInterviewStage as Json).id);
    const next = stages[current + 1]!;
    assert.equal(next.title, 'Onsite');
    const moved = await call('create_a_ashby_application_stage_change', { applicationId: application.id, interviewStageId: next.id });
    assert.equal((moved.currentInterviewStage as Json).id, next.id);
    assert.equal(ashby.state.applications.get(planted.maya.applicationId)!.currentInterviewStageId, planted.maya.nextStageId);

    const note = 'Moved to Onsite after a strong technical interview; schedule with the platform team.';
    const created = await call('create_a_ashby_candidate_note', { candidateId: candidate.id, note });
    assert.equal((created.author as Json).id, planted.apiKeyUserId);
    const notes = await listAll(call, 'list_all_ashby_candidate_notes', { candidateId: candidate.id });
    assert.deepEqual(notes.map((record) => record.id), [...planted.maya.noteIds, created.id]);
    assert.equal(notes.at(-1)!.content, note);
    assert.equal(ashby.state.notes.get(String(created.id))?.content, note, 'the note is in Ashby');
  });

  await t.test('invalid input Ashby reports inside a 200 answer is a tool error with its code and message', async () => {
    const result = await client.callTool({ name: 'create_a_ashby_application_stage_change', arguments: { applicationId: planted.maya.applicationId, interviewStageId: planted.foreignStageId } });
    assert.equal(result.isError, true);
    assert.match(text(result), /reported an error in its 200 answer/);
    assert.match(text(result), /not a stage of the application's interview plan/);
    assert.match(text(result), /"code":"invalid_input"/);
    const archive = await client.callTool({ name: 'create_a_ashby_application_stage_change', arguments: { applicationId: planted.maya.applicationId, interviewStageId: planted.archivedStageId } });
    assert.match(text(archive), /archiveReasonId is required/);
    assert.equal(ashby.state.applications.get(planted.maya.applicationId)!.status, 'Active', 'nothing moved');
  });

  await t.test('an unknown record inside a 200 body is a tool error, in the current and in the older error shape', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const application = await client.callTool({ name: 'get_single_ashby_application', arguments: { applicationId: missing } });
    assert.equal(application.isError, true);
    assert.match(text(application), /reported an error in its 200 answer: No application with id/);
    assert.match(text(application), /"code":"application_not_found"/);
    const job = await client.callTool({ name: 'get_single_ashby_job', arguments: { id: missing } });
    assert.equal(job.isError, true);
    assert.match(text(job), /requested_job_not_found/);
    assert.match(text(job), /"errors":\["requested_job_not_found"\]/);
  });

  await t.test('a 429 is a tool error saying how long to wait', async () => {
    ashby.setRateLimit({ limit: 1, windowSeconds: 45 });
    try {
      await call('list_all_ashby_archive_reasons', {});
      const limited = await client.callTool({ name: 'list_all_ashby_archive_reasons', arguments: {} });
      assert.equal(limited.isError, true);
      assert.match(text(limited), /429/);
      assert.match(text(limited), /wait \d+ seconds/);
      assert.match(text(limited), /rate_limit_exceeded/);
    } finally {
      ashby.setRateLimit(null);
    }
  });

  await t.test('POST reads are read-only tools: annotated so, and exactly what a "read" server exposes', async () => {
    const { tools } = await client.listTools();
    const reads = tools.filter((tool) => tool.annotations?.readOnlyHint === true).map((tool) => tool.name).sort();
    assert.deepEqual(reads, [
      'get_single_ashby_application', 'get_single_ashby_candidate', 'get_single_ashby_interview_stage', 'get_single_ashby_job',
      'get_single_ashby_job_interview_plan', 'get_single_ashby_user', 'list_all_ashby_application_feedback', 'list_all_ashby_applications',
      'list_all_ashby_archive_reasons', 'list_all_ashby_candidate_notes', 'list_all_ashby_candidates', 'list_all_ashby_interview_plans',
      'list_all_ashby_interview_stages', 'list_all_ashby_jobs', 'list_all_ashby_users', 'search_ashby_candidates', 'search_ashby_jobs',
    ]);
    for (const tool of tools.filter((candidate) => !reads.includes(candidate.name))) {
      assert.equal(tool.annotations?.readOnlyHint, false, tool.name);
      assert.match(tool.name, /^create_a_ashby_/);
    }
    const readOnly = await ashbyClient(gateway, { methods: ['read'] });
    assert.deepEqual((await readOnly.listTools()).tools.map((tool) => tool.name).sort(), reads);
    await assert.rejects(readOnly.callTool({ name: 'create_a_ashby_candidate_note', arguments: { candidateId: planted.maya.candidateId, note: 'x' } }), /Unknown tool/);
    assert.equal(ashby.state.notes.where((note) => note.content === 'x').length, 0);
    const feedback = await toolCaller(readOnly)('list_all_ashby_application_feedback', { applicationId: planted.maya.applicationId });
    assert.equal((feedback.result as Json[]).length, 2, 'a POST read works through a read-only server');
  });
});
