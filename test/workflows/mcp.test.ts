// Issue 3 acceptance: the seed documents' four workflows again, this time as an agent runs them: an official SDK
// MCP client against MCP URLs made through the management API (one Pinpoint server, one Polymer server), each
// filtered to what the workflows need. The sandbox state afterwards is checked as in engine.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { json } from '../api/harness.ts';
import { startGateway, toolCaller } from '../mcp/harness.ts';
import { bulkDisposition, feedbackSynthesis, interviewPrepBriefing, stageAdvancement, type CallTool } from './seed-workflows.ts';

test('the four seed workflows through MCP clients against MCP URLs', async (t) => {
  const gateway = await startGateway(t);
  const { pinpoint, polymer } = gateway;
  // As in the seeds: read everything, write only comments (Pinpoint), comments and stage moves (Polymer).
  const pinpointServer = await gateway.createMcpServer('pinpoint', { name: 'Recruiting agent (Pinpoint)', config: { methods: ['read', 'create'], tags: ['candidates', 'applications', 'jobs', 'comments'] } });
  const polymerServer = await gateway.createMcpServer('polymer', { name: 'Recruitment ops (Polymer)', config: { methods: ['read', 'create'] } });
  const tools: Record<'pinpoint' | 'polymer', CallTool> = {
    pinpoint: toolCaller(await gateway.connect(pinpointServer.url, { name: 'claude-desktop', version: '1.0' })),
    polymer: toolCaller(await gateway.connect(polymerServer.url, { name: 'chatgpt', version: '1.0' })),
  };
  const call: CallTool = (name, args) => tools[name.includes('_pinpoint_') ? 'pinpoint' : 'polymer'](name, args);

  await t.test("interview-prep briefing finds Sarah Jenkins, her application, the job and the interviewers' comments", async () => {
    const planted = pinpoint.state.planted.sarahJenkins;
    const briefing = await interviewPrepBriefing(call);
    assert.equal(briefing.candidateId, planted.candidateId);
    assert.equal(briefing.applicationId, planted.applicationId);
    assert.match(briefing.jobTitle, /Product Manager/);
    assert.deepEqual(briefing.commentIds.sort(), [...planted.commentIds].sort());
  });

  await t.test('bulk disposition comments on exactly the active Junior Analyst applications', async () => {
    const planted = pinpoint.state.planted.juniorAnalyst;
    const note = 'Role filled internally, keep on file for future ops';
    const touched = await bulkDisposition(call, planted.jobId, note);
    assert.deepEqual(touched.sort(), [...planted.activeApplicationIds].sort());
    const commented = pinpoint.state.comments.where((c) => c.body_text === note);
    assert.deepEqual(commented.map((c) => String(c.commentable_id)).sort(), [...planted.activeApplicationIds].sort());
    assert.ok(commented.every((c) => c.commentable_type === 'Application'));
  });

  await t.test("feedback synthesis reads Jane Smith's reviews and posts the summary on her application", async () => {
    const planted = polymer.state.planted.janeSmith;
    const outcome = await feedbackSynthesis(call);
    assert.equal(outcome.jobApplicationId, planted.jobApplicationId);
    assert.equal(outcome.reviewCount, planted.reviewIds.length);
    const posted = polymer.state.comments.where((c) => c.body.includes(outcome.summary));
    assert.equal(posted.length, 1);
    assert.equal(posted[0]!.job_application_id, planted.jobApplicationId);
  });

  await t.test('stage advancement moves application 55432 to the next stage of its job', async () => {
    const planted = polymer.state.planted.jobApplication55432;
    const outcome = await stageAdvancement(call, planted.jobApplicationId);
    assert.deepEqual(outcome, { moved: true, toStageId: planted.nextHiringStageId });
    assert.equal(polymer.state.jobApplications.get(planted.jobApplicationId)!.hiring_stage_id, planted.nextHiringStageId);
  });

  await t.test('the calls are in the request log under each server', async () => {
    for (const [server, client] of [[pinpointServer, 'claude-desktop'], [polymerServer, 'chatgpt']] as const) {
      let entries: { tool_name: string; client_name: string; is_error: boolean }[] = [];
      for (let attempt = 0; attempt < 50 && entries.length === 0; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100));
        entries = (await json(await gateway.api(`/log?log_type=mcp&rpc_method=tools/call&mcp_server_id=${server.id}&limit=100`))).result;
      }
      assert.ok(entries.length > 3, `${server.name}: ${entries.length} calls logged`);
      assert.ok(entries.every((entry) => entry.client_name === client && !entry.is_error));
    }
  });
});
