// Issue 14 acceptance for Workable, an integration that came as data only: the official SDK MCP client against MCP
// URLs made through the management API, the engine against the Workable sandbox. Paging candidates to the last one by
// paging.next URLs, the recruiting workflow from a person's candidate records to a comment read back from the
// timeline with a stage move the sandbox records, a validation error and a 429 as tool errors with Workable's
// details, and read tools marked read-only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { startGateway, toolCaller } from '../mcp/harness.ts';
import { listAll, type Json } from './seed-workflows.ts';

type ToolResult = Awaited<ReturnType<Client['callTool']>>;

const text = (result: ToolResult) => (result.content as { text?: string }[]).map((block) => block.text ?? '').join('\n');

test('Workable through an MCP client', async (t) => {
  const gateway = await startGateway(t);
  const { workable } = gateway;
  const { planted } = workable.state;
  const server = await gateway.createMcpServer('workable', { name: 'Recruiting agent (Workable)' });
  const client = await gateway.connect(server.url, { name: 'claude-desktop', version: '1.0' });
  const call = toolCaller(client);
  const apiCalls = (path: string) => workable.requests.filter((request) => request.path === `/spi/v3/${path}`);

  await t.test('paging candidates to the last one returns each exactly once, following paging.next as given', async () => {
    const ids = (await listAll(call, 'list_all_workable_candidates', { limit: 100 })).map((candidate) => String(candidate.id));
    assert.equal(new Set(ids).size, ids.length, 'no repeats');
    assert.deepEqual(ids, workable.state.candidates.all().map((candidate) => candidate.id));
    assert.ok(ids.length >= 200, `${ids.length} candidates`);
    // Results cut short by the result budget continue inside the same page, so a page may be asked for twice.
    const queries = apiCalls('candidates').map((request) => new URLSearchParams(request.query));
    assert.deepEqual([...queries[0]!.entries()], [['limit', '100']]);
    const pageStarts = new Set(queries.slice(1).map((query) => query.get('since_id')));
    assert.ok(pageStarts.size >= 2, 'at least three pages');
    for (const query of queries) assert.equal(query.get('limit'), '100');
    for (const start of pageStarts) {
      if (start !== null) assert.equal(ids.indexOf(start) % 100, 0, `since_id ${start} is the first record of a page of 100`);
    }
  });

  await t.test("the workflow: find a candidate, their applications, the job's stages, move, add a comment, read it back", async () => {
    const records = (await call('list_all_workable_candidates', { email: planted.amara.email })).result as Json[];
    assert.ok(records.length >= 1 && records.every((record) => record.email === planted.amara.email), 'every record of that person');
    const application = records.find((record) => (record.job as Json).shortcode === planted.amara.shortcode)!;
    assert.equal(application.stage, 'Phone Screen');
    const stages = (await call('list_all_workable_job_stages', { shortcode: (application.job as Json).shortcode })).result as Json[];
    const next = stages[stages.findIndex((stage) => stage.name === application.stage) + 1]!;
    assert.equal(next.slug, planted.amara.nextStageSlug);
    const [admin] = (await call('list_all_workable_members', { role: 'admin' })).result as Json[];
    assert.equal(admin!.id, planted.memberId);

    const moved = await client.callTool({ name: 'create_a_workable_candidate_move', arguments: { candidate_id: application.id, member_id: admin!.id, target_stage: next.slug } });
    assert.notEqual(moved.isError, true, text(moved));
    assert.deepEqual(JSON.parse(text(moved)), { success: true }, 'Workable answers 202 without a body');
    assert.equal(workable.state.candidates.get(String(application.id))!.stage, 'Assessment', 'the sandbox moved it');
    const after = await call('get_single_workable_candidate_by_id', { id: application.id });
    assert.deepEqual([after.stage, after.stage_kind], ['Assessment', 'assessment']);

    const body = 'Moved to the assessment after a strong phone screen; send the take-home today.';
    const comment = await client.callTool({ name: 'create_a_workable_candidate_comment', arguments: { candidate_id: application.id, member_id: admin!.id, comment: { body, policy: ['admin', 'simple'] } } });
    assert.notEqual(comment.isError, true, text(comment));
    const timeline = await listAll(call, 'list_all_workable_candidate_activities', { candidate_id: application.id, limit: 2 });
    const comments = timeline.filter((entry) => entry.action === 'comment');
    assert.deepEqual(comments.map((entry) => entry.body), [...planted.amara.commentBodies, body]);
    assert.deepEqual(comments.at(-1)!.member, { id: admin!.id, name: 'Dana Whitfield' });
    assert.deepEqual(timeline.filter((entry) => entry.action === 'moved').at(-1)!.stage_name, 'Assessment');
    assert.ok(apiCalls(`candidates/${application.id}/activities`).length >= 3, 'the timeline was paged, two entries at a time');
  });

  await t.test("a refused move is a tool error with Workable's 422 message and validation_errors", async () => {
    const result = await client.callTool({ name: 'create_a_workable_candidate_move', arguments: { candidate_id: planted.amara.candidateId, member_id: planted.memberId, target_stage: 'final-round' } });
    assert.equal(result.isError, true);
    assert.match(text(result), /Workable answered 422: Validation failed: target stage is not a stage of job/);
    assert.match(text(result), /"validation_errors":\{"target_stage":\["is not a stage of job/);
    const missing = await client.callTool({ name: 'create_a_workable_candidate_move', arguments: { candidate_id: planted.amara.candidateId, target_stage: 'offer' } });
    assert.equal(missing.isError, true);
    assert.match(text(missing), /member_id/, 'bad input is named before anything is sent');
    assert.equal(workable.state.candidates.get(planted.amara.candidateId)!.stage, 'Assessment', 'nothing moved');
  });

  await t.test('a 429 is a tool error saying how long to wait, from X-Rate-Limit-Reset; the headers are normalized', async () => {
    workable.setRateLimit({ limit: 2, windowSeconds: 600 });
    try {
      await call('list_all_workable_stages', {});
      const proxied = await gateway.api(`/proxy/stages?integrated_account_id=${gateway.accounts.workable}`);
      assert.equal(proxied.status, 200);
      assert.deepEqual([proxied.headers.get('ratelimit-limit'), proxied.headers.get('ratelimit-remaining')], ['2', '0']);
      const limited = await client.callTool({ name: 'list_all_workable_stages', arguments: {} });
      assert.equal(limited.isError, true);
      assert.match(text(limited), /Workable answered 429: Rate limit exceeded/);
      assert.match(text(limited), /wait (59\d|60[01]) seconds/, 'from the epoch second in X-Rate-Limit-Reset (no Retry-After)');
      assert.equal((limited.structuredContent as Json).upstream_status, 429);
    } finally {
      workable.setRateLimit(null);
    }
  });

  await t.test('reads are read-only tools; the move and the comment are writes', async () => {
    const { tools } = await client.listTools();
    const reads = tools.filter((tool) => tool.annotations?.readOnlyHint === true).map((tool) => tool.name).sort();
    assert.deepEqual(reads, [
      'get_single_workable_candidate_by_id', 'get_single_workable_job', 'list_all_workable_candidate_activities', 'list_all_workable_candidates',
      'list_all_workable_job_stages', 'list_all_workable_jobs', 'list_all_workable_members', 'list_all_workable_stages',
    ]);
    assert.deepEqual(tools.filter((tool) => !reads.includes(tool.name)).map((tool) => tool.name).sort(), ['create_a_workable_candidate_comment', 'create_a_workable_candidate_move']);
  });
});
