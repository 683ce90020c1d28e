// The four workflows of the seed documents, written the way an agent performs them: a sequence of tool calls
// where each step reads the previous results. `call` is whatever carries a tool call (the engine, an MCP client),
// so the same scripts prove the engine (issue 2) and the MCP endpoint (issue 3).
import assert from 'node:assert/strict';
import type { PinpointSandbox, PolymerSandbox } from '../../src/sandbox/index.ts';

export type Json = Record<string, unknown>;
/** Calls a tool and returns its structured result, throwing on a tool error. */
export type CallTool = (name: string, args: Json) => Promise<Json>;

type Page = { result: Json[]; next_cursor?: string };

/** Every record of a list tool, following next_cursor exactly as an agent is told to. */
export async function listAll(call: CallTool, tool: string, args: Json): Promise<Json[]> {
  const records: Json[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await call(tool, { ...args, ...(cursor ? { next_cursor: cursor } : {}) }) as Page;
    records.push(...page.result);
    cursor = page.next_cursor;
    if (!cursor) return records;
  }
  throw new Error(`${tool} did not stop paging`);
}

const idOf = (value: unknown): string => String((value as Json | null)?.id ?? value);

/**
 * Seed 1: "I have an interview with Sarah Jenkins for the Product Manager role tomorrow…" (read only). Pinpoint
 * filters neither candidates nor applications by person: both lookups are Switchboard-side filters, followed to
 * the end of their scan as the tools tell an agent.
 */
export async function interviewPrepBriefing(call: CallTool) {
  const candidates = await listAll(call, 'list_all_pinpoint_candidates', { filter_search: 'Sarah Jenkins', limit: 50 });
  const sarah = candidates.find((c) => c.first_name === 'Sarah' && c.last_name === 'Jenkins');
  assert.ok(sarah, 'Sarah Jenkins is found by search');
  const applications = await listAll(call, 'list_all_pinpoint_applications', { candidate_email: String(sarah.email), include: 'job,stage' });
  const application = applications.find((a) => /Product Manager/.test(String((a.job as Json | undefined)?.title)));
  assert.ok(application, 'her Product Manager application is found');
  const job = await call('get_single_pinpoint_job_by_id', { id: idOf(application.job) });
  const comments = (await call('list_all_pinpoint_comments', { filter_commentable_id: String(application.id), filter_commentable_type: 'Application' }) as Page).result;
  return {
    candidateId: String(sarah.id), applicationIds: applications.map((a) => String(a.id)), applicationId: String(application.id),
    jobTitle: String(job.title), commentIds: comments.map((c) => String(c.id)),
  };
}

/** Seed 2: "We just filled the Junior Analyst role (ID 8899)… add a comment to their applications…" */
export async function bulkDisposition(call: CallTool, jobId: string, note: string) {
  const applications = await listAll(call, 'list_all_pinpoint_applications', { filter_job_id: jobId, include: 'stage', limit: 50 });
  const active = applications.filter((a) => !['hired', 'rejected'].includes(String((a.stage as Json | undefined)?.basic_type)));
  for (const application of active) {
    await call('create_a_pinpoint_comment', { body_text: note, commentable_type: 'applications', commentable_id: String(application.id) });
  }
  return active.map((a) => String(a.id));
}

/** Seed 3: "Find the active job application for Jane Smith… synthesize the reviews… post that summary as a comment." */
export async function feedbackSynthesis(call: CallTool) {
  const candidates = await listAll(call, 'list_all_polymer_candidates', { limit: 100 });
  const jane = candidates.find((c) => c.first_name === 'Jane' && c.last_name === 'Smith');
  assert.ok(jane, 'Jane Smith is among the candidates');
  const applications = await listAll(call, 'list_all_polymer_job_applications', { candidate_id: String(jane.id) });
  const jobTitles = new Map<string, string>();
  for (const application of applications) {
    const job = await call('get_single_polymer_job_by_id', { id: String(application.job_id) });
    jobTitles.set(String(application.id), String(job.title));
  }
  const application = applications.find((a) => /Frontend Developer/.test(jobTitles.get(String(a.id)) ?? ''));
  assert.ok(application, 'her Frontend Developer application is found');
  const reviews = await listAll(call, 'list_all_polymer_job_application_reviews', { job_application_id: String(application.id) });
  const summary = `Summary of ${reviews.length} reviews: ${reviews.map((r) => r.rating).join(', ')}.`;
  await call('create_a_polymer_job_application_comment', { job_application_id: String(application.id), body: summary });
  return { jobApplicationId: Number(application.id), reviewCount: reviews.length, summary };
}

/** Seed 4: "Look up job application ID 55432. If the latest review indicates a Strong Hire… move the application forward." */
export async function stageAdvancement(call: CallTool, jobApplicationId: number) {
  const application = await call('get_single_polymer_job_application_by_id', { id: String(jobApplicationId) });
  const reviews = await listAll(call, 'list_all_polymer_job_application_reviews', { job_application_id: String(jobApplicationId) });
  const latest = [...reviews].sort((a, b) => String(a.created_at).localeCompare(String(b.created_at))).at(-1);
  if (latest?.rating !== 'strong_yes') return { moved: false as const };
  const stages = (await call('list_all_polymer_job_hiring_stages', { job_id: String(application.job_id) }) as Page).result;
  const current = stages.findIndex((stage) => String(stage.id) === String(application.hiring_stage_id));
  const next = stages[current + 1];
  assert.ok(next, 'there is a next stage');
  await call('create_a_polymer_job_application_stage_move', { job_application_id: String(jobApplicationId), hiring_stage_id: next.id });
  return { moved: true as const, toStageId: Number(next.id) };
}

/**
 * The four workflows with the sandbox state they must leave behind, for a test file to run through any carrier.
 * `sandboxes` is read when a check runs, so test files may start them in a before() hook.
 */
export function checkedSeedWorkflows(call: CallTool, sandboxes: () => { pinpoint: PinpointSandbox; polymer: PolymerSandbox }): [name: string, run: () => Promise<void>][] {
  return [
    ["interview-prep briefing finds Sarah Jenkins, her application, the job and the interviewers' comments", async () => {
      const { pinpoint } = sandboxes();
      const planted = pinpoint.state.planted.sarahJenkins;
      const briefing = await interviewPrepBriefing(call);
      assert.equal(briefing.candidateId, planted.candidateId);
      assert.equal(briefing.applicationId, planted.applicationId);
      const hers = pinpoint.state.applications.where((a) => a.candidate_id === Number(planted.candidateId)).map((a) => String(a.id));
      assert.deepEqual(briefing.applicationIds.sort(), hers.sort(), 'exactly her applications, though Pinpoint ignores an unknown filter');
      assert.match(briefing.jobTitle, /Product Manager/);
      assert.deepEqual(briefing.commentIds.sort(), [...planted.commentIds].sort());
    }],
    ['bulk disposition comments on exactly the active Junior Analyst applications', async () => {
      const { pinpoint } = sandboxes();
      const planted = pinpoint.state.planted.juniorAnalyst;
      const note = 'Role filled internally, keep on file for future ops';
      const touched = await bulkDisposition(call, planted.jobId, note);
      assert.deepEqual(touched.sort(), [...planted.activeApplicationIds].sort());
      const commented = pinpoint.state.comments.where((c) => c.body_text === note);
      assert.deepEqual(commented.map((c) => String(c.commentable_id)).sort(), [...planted.activeApplicationIds].sort());
      assert.ok(commented.every((c) => c.commentable_type === 'Application'));
    }],
    ["feedback synthesis reads Jane Smith's reviews and posts the summary on her application", async () => {
      const { polymer } = sandboxes();
      const planted = polymer.state.planted.janeSmith;
      const outcome = await feedbackSynthesis(call);
      assert.equal(outcome.jobApplicationId, planted.jobApplicationId);
      assert.equal(outcome.reviewCount, planted.reviewIds.length);
      const posted = polymer.state.comments.where((c) => c.body.includes(outcome.summary));
      assert.equal(posted.length, 1);
      assert.equal(posted[0]!.job_application_id, planted.jobApplicationId);
    }],
    ['stage advancement moves application 55432 to the next stage of its job', async () => {
      const { polymer } = sandboxes();
      const planted = polymer.state.planted.jobApplication55432;
      const outcome = await stageAdvancement(call, planted.jobApplicationId);
      assert.deepEqual(outcome, { moved: true, toStageId: planted.nextHiringStageId });
      assert.equal(polymer.state.jobApplications.get(planted.jobApplicationId)!.hiring_stage_id, planted.nextHiringStageId);
    }],
  ];
}
