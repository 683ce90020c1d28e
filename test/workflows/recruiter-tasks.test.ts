// Issue 13: recruiter questions answered the way a model answers them, from tool names, descriptions and schemas,
// through an official SDK client against MCP URLs. Each task asserts the right answer (computed from the sandbox's
// own state, never written down), at most five calls, and at most 32 KB of results; the o200k tokens each task
// spends on results are reported as a test diagnostic.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { PinpointSandbox, PolymerSandbox } from '../../src/sandbox/index.ts';
import { startGateway } from '../mcp/harness.ts';

type Json = Record<string, any>;
type Page = { result: Json[]; next_cursor?: string; total_count?: number };

interface Ledger { calls: number; bytes: number; tokens: number }

/** Calls tools like an agent and keeps the ledger of what the answers cost. */
function agent(clients: { pinpoint: Client; polymer: Client }, ledger: Ledger) {
  return async (name: string, args: Json): Promise<any> => {
    const client = name.includes('_pinpoint_') ? clients.pinpoint : clients.polymer;
    const result = await client.callTool({ name, arguments: args });
    const text = (result.content as { text?: string }[]).map((block) => block.text ?? '').join('\n');
    ledger.calls++;
    ledger.bytes += Buffer.byteLength(text);
    ledger.tokens += countTokens(text);
    assert.ok(!result.isError, `${name} failed: ${text}`);
    return result.structuredContent;
  };
}

type Call = ReturnType<typeof agent>;

interface Task {
  question: string;
  answer(call: Call): Promise<unknown>;
  expected(sandboxes: { pinpoint: PinpointSandbox; polymer: PolymerSandbox }): unknown;
}

const sorted = (values: unknown[]) => values.map(String).sort();
const maxCalls = 5;
const maxResultBytes = 32 * 1024;

const tasks: Task[] = [
  {
    question: 'How many open jobs do we have (leaving confidential ones out)?',
    async answer(call) {
      return ((await call('list_all_pinpoint_jobs', { filter_status: ['open'], limit: 1, fields: ['id'] })) as Page).total_count;
    },
    expected: ({ pinpoint }) => pinpoint.state.jobs.where((job) => job.status === 'open' && job.visibility !== 'confidential').length,
  },
  {
    question: 'How many applications has the Junior Analyst job had, and how many were hired?',
    async answer(call) {
      const jobs = (await call('list_all_pinpoint_jobs', { filter_search: 'Junior Analyst', fields: ['id', 'title'] })) as Page;
      const job = jobs.result.find((record) => record.title === 'Junior Analyst')!;
      const all = (await call('list_all_pinpoint_applications', { filter_job_id: job.id, limit: 1, fields: ['id'] })) as Page;
      const hired = (await call('list_all_pinpoint_applications', { filter_job_id: job.id, filter_stage_basic_type: 'hired', limit: 1, fields: ['id'] })) as Page;
      return { all: all.total_count, hired: hired.total_count };
    },
    expected({ pinpoint }) {
      const jobId = Number(pinpoint.state.planted.juniorAnalyst.jobId);
      const applications = pinpoint.state.applications.where((application) => application.job_id === jobId);
      const hired = applications.filter((application) => pinpoint.state.stages.get(application.stage_id)?.basic_type === 'hired');
      return { all: applications.length, hired: hired.length };
    },
  },
  {
    question: 'Which applications to the Senior Backend Developer job are at the interview stage?',
    async answer(call) {
      const jobs = (await call('list_all_pinpoint_jobs', { filter_search: 'Senior Backend Developer', fields: ['id', 'title'] })) as Page;
      const job = jobs.result.find((record) => record.title === 'Senior Backend Developer')!;
      const page = (await call('list_all_pinpoint_applications', { filter_job_id: job.id, filter_stage_basic_type: 'interview', fields: ['id'], limit: 100 })) as Page;
      return sorted(page.result.map((application) => application.id));
    },
    expected({ pinpoint }) {
      const jobId = Number(pinpoint.state.planted.seniorBackendDeveloper.jobId);
      return sorted(pinpoint.state.applications
        .where((application) => application.job_id === jobId && pinpoint.state.stages.get(application.stage_id)?.basic_type === 'interview')
        .map((application) => application.id));
    },
  },
  {
    question: 'What are the stages of the VP of Engineering role, in order? (It is confidential.)',
    async answer(call) {
      const jobs = (await call('list_all_pinpoint_jobs', {
        filter_search: 'VP of Engineering', filter_visibility: ['confidential', 'external', 'internal'], include: ['stages'], fields: ['title', 'stages.name', 'stages.position'],
      })) as Page;
      const job = jobs.result.find((record) => record.title === 'VP of Engineering')!;
      return [...job.stages].sort((a: Json, b: Json) => a.position - b.position).map((stage: Json) => stage.name);
    },
    expected({ pinpoint }) {
      const jobId = Number(pinpoint.state.planted.vpOfEngineering.jobId);
      return pinpoint.state.stages.where((stage) => stage.job_id === jobId).sort((a, b) => a.position - b.position).map((stage) => stage.name);
    },
  },
  {
    question: 'Leave the note "Called, waiting for references" on application 5566, then show me every comment on it.',
    async answer(call) {
      const id = (await call('get_single_pinpoint_application_by_id', { id: '5566', fields: ['id'] })).id as string;
      await call('create_a_pinpoint_comment', { body_text: 'Called, waiting for references', commentable_type: 'applications', commentable_id: id });
      const page = (await call('list_all_pinpoint_comments', { filter_commentable_id: id, filter_commentable_type: 'Application', fields: ['body_text'], limit: 100 })) as Page;
      return sorted(page.result.map((comment) => comment.body_text));
    },
    expected({ pinpoint }) {
      const applicationId = Number(pinpoint.state.planted.application5566.applicationId);
      return sorted(pinpoint.state.comments
        .where((comment) => comment.commentable_type === 'Application' && comment.commentable_id === applicationId)
        .map((comment) => comment.body_text));
    },
  },
  {
    question: 'How many interviews start between 2 and 9 November 2026? (dates as models send them: plain days)',
    async answer(call) {
      const page = (await call('list_all_pinpoint_interviews', {
        filter_start_at_gt: '2026-11-02', filter_start_at_lt: '2026-11-09', filter_job_visibility: ['confidential', 'external', 'internal'], limit: 100, fields: ['id'],
      })) as Page;
      assert.equal(page.next_cursor, undefined);
      return page.result.length;
    },
    expected: ({ pinpoint }) => pinpoint.state.interviews.where((interview) => interview.start_at > '2026-11-02T00:00:00Z' && interview.start_at < '2026-11-09T00:00:00Z').length,
  },
  {
    question: 'Which of our published jobs are listed on the public job board, by title?',
    async answer(call) {
      const page = (await call('list_all_polymer_jobs', { status: 'public', fields: ['title'], limit: 100 })) as Page;
      return sorted(page.result.map((job) => job.title));
    },
    expected: ({ polymer }) => sorted(polymer.state.jobs.where((job) => job.status === 'published' && job.is_public).map((job) => job.title)),
  },
  {
    question: 'What is the latest review on job application 55432, and who wrote it?',
    async answer(call) {
      const page = (await call('list_all_polymer_job_application_reviews', { job_application_id: '55432', fields: ['rating', 'created_at', 'author'], limit: 100 })) as Page;
      const latest = [...page.result].sort((a, b) => String(a.created_at).localeCompare(String(b.created_at))).at(-1)!;
      return { rating: latest.rating, author: latest.author.email };
    },
    expected({ polymer }) {
      const reviews = polymer.state.reviews.where((review) => review.job_application_id === 55432);
      const latest = [...reviews].sort((a, b) => a.created_at.localeCompare(b.created_at)).at(-1)!;
      return { rating: latest.rating, author: polymer.state.organizationUsers.get(latest.author_id)!.email };
    },
  },
  {
    question: 'When did job application 55432 reach the stage it is in now?',
    async answer(call) {
      const page = (await call('list_all_polymer_job_application_hiring_stage_events', { job_application_id: '55432', limit: 100 })) as Page;
      const application = await call('get_single_polymer_job_application_by_id', { id: '55432', fields: ['hiring_stage_id'] });
      const arrivals = page.result.filter((event) => event.to_hiring_stage?.id === application.hiring_stage_id);
      return arrivals.map((event) => event.created_at).sort().at(-1);
    },
    expected({ polymer }) {
      const application = polymer.state.jobApplications.get(55432)!;
      return polymer.state.hiringStageEvents
        .where((event) => event.job_application_id === 55432 && event.to_hiring_stage_id === application.hiring_stage_id)
        .map((event) => event.created_at).sort().at(-1);
    },
  },
  {
    question: "What was the subject of the last message we sent about Jane Smith's (jane.smith@gmail.com) applications?",
    async answer(call) {
      const candidates = (await call('list_all_polymer_candidates', { email: 'jane.smith@gmail.com', fields: ['id'] })) as Page;
      const applications = (await call('list_all_polymer_job_applications', { candidate_id: candidates.result[0]!.id, fields: ['id'] })) as Page;
      const outbound: Json[] = [];
      for (const application of applications.result) {
        const messages = (await call('list_all_polymer_job_application_messages', { job_application_id: String(application.id), fields: ['direction', 'subject', 'created_at'], limit: 100 })) as Page;
        outbound.push(...messages.result.filter((message) => message.direction === 'outbound'));
      }
      return outbound.sort((a, b) => String(a.created_at).localeCompare(String(b.created_at))).at(-1)?.subject;
    },
    expected({ polymer }) {
      const jane = polymer.state.candidates.find((candidate) => candidate.email === 'jane.smith@gmail.com')!;
      const applicationIds = new Set(polymer.state.jobApplications.where((application) => application.candidate_id === jane.id).map((application) => application.id));
      return polymer.state.messages.where((message) => applicationIds.has(message.job_application_id) && message.direction === 'outbound')
        .sort((a, b) => a.created_at.localeCompare(b.created_at)).at(-1)?.subject;
    },
  },
  {
    question: 'For the job of application 55432, how many active applications sit in each hiring stage?',
    async answer(call) {
      const application = await call('get_single_polymer_job_application_by_id', { id: '55432', fields: ['job_id'] });
      const stages = (await call('list_all_polymer_job_hiring_stages', { job_id: String(application.job_id), fields: ['id', 'name'], limit: 100 })) as Page;
      const applications = (await call('list_all_polymer_job_applications', { job_id: application.job_id, fields: ['hiring_stage_id', 'status'], limit: 100 })) as Page;
      assert.equal(applications.next_cursor, undefined, 'one page holds the job\'s applications');
      const counts: Record<string, number> = {};
      for (const stage of stages.result) counts[stage.name] = applications.result.filter((a) => a.status === 'active' && a.hiring_stage_id === stage.id).length;
      return counts;
    },
    expected({ polymer }) {
      const jobId = polymer.state.jobApplications.get(55432)!.job_id;
      const counts: Record<string, number> = {};
      for (const stage of polymer.state.hiringStages.where((row) => row.job_id === jobId)) {
        counts[stage.name] = polymer.state.jobApplications.where((a) => a.job_id === jobId && a.status === 'active' && a.hiring_stage_id === stage.id).length;
      }
      return counts;
    },
  },
];

test('recruiter tasks through MCP clients: right answers, at most 5 calls and 32 KB of results each', async (t) => {
  assert.ok(tasks.length >= 10);
  const gateway = await startGateway(t);
  const pinpointServer = await gateway.createMcpServer('pinpoint', { name: 'Recruiter (Pinpoint)' });
  const polymerServer = await gateway.createMcpServer('polymer', { name: 'Recruiter (Polymer)' });
  const clients = { pinpoint: await gateway.connect(pinpointServer.url), polymer: await gateway.connect(polymerServer.url) };
  const report: string[] = [];
  for (const task of tasks) {
    await t.test(task.question, async () => {
      const ledger: Ledger = { calls: 0, bytes: 0, tokens: 0 };
      const answer = await task.answer(agent(clients, ledger));
      assert.deepEqual(answer, task.expected({ pinpoint: gateway.pinpoint, polymer: gateway.polymer }));
      assert.ok(answer !== undefined && !(Array.isArray(answer) && answer.length === 0), 'the question has an answer to find');
      assert.ok(ledger.calls <= maxCalls, `${ledger.calls} calls`);
      assert.ok(ledger.bytes <= maxResultBytes, `${ledger.bytes} bytes of results`);
      report.push(`${ledger.calls} calls, ${ledger.bytes} B, ${ledger.tokens} tokens: ${task.question}`);
    });
  }
  t.diagnostic(`results per task (o200k tokens):\n${report.join('\n')}`);
});

test('the traps, as the shipped definitions meet them: an empty list says why, both spellings work, a refused stage names where stages are', async (t) => {
  const gateway = await startGateway(t);
  const server = await gateway.createMcpServer('pinpoint', { name: 'Recruiter (Pinpoint)' });
  const client = await gateway.connect(server.url);
  const call = async (name: string, args: Json) => {
    const result = await client.callTool({ name, arguments: args });
    return { isError: Boolean(result.isError), text: (result.content as { text?: string }[]).map((block) => block.text ?? '').join('\n'), structured: result.structuredContent as Json };
  };
  const confidentialJob = gateway.pinpoint.state.planted.vpOfEngineering.jobId;
  const hidden = await call('list_all_pinpoint_applications', { filter_job_id: confidentialJob });
  assert.equal(hidden.structured.result_count, 0);
  assert.match(String(hidden.structured.notice), /CONFIDENTIAL jobs are left out unless filter_job_visibility includes "confidential"/);
  const shown = await call('list_all_pinpoint_applications', { filter_job_id: confidentialJob, filter_job_visibility: ['confidential'] });
  assert.equal(shown.structured.result_count, gateway.pinpoint.state.planted.vpOfEngineering.applicationIds.length);

  const application = gateway.pinpoint.state.planted.application5566.applicationId;
  const created = await call('create_a_pinpoint_comment', { body_text: 'Spelled as the list spells it', commentable_type: 'Application', commentable_id: application });
  assert.equal(created.isError, false, created.text);
  const listed = await call('list_all_pinpoint_comments', { filter_commentable_type: ['applications'], filter_commentable_id: application, fields: ['body_text'] });
  assert.ok((listed.structured.result as Json[]).some((comment) => comment.body_text === 'Spelled as the list spells it'));

  const refused = await call('update_a_pinpoint_application_by_id', { id: application, stage_id: '999999' });
  assert.equal(refused.isError, true);
  assert.match(refused.text, /get_single_pinpoint_job_by_id lists its valid values/);
});
