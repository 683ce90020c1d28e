// The seed workflows, run through the definitions and the engine against the sandboxes (accounts point at them
// with a base_url override): the tools an agent would call return what the next step needs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { executeTool } from '../../src/execution/execute.ts';
import type { AccountConnection, CallOutcome } from '../../src/execution/types.ts';
import { DEFAULT_PINPOINT_API_KEY, startPinpointSandbox, type PinpointSandbox } from '../../src/sandbox/pinpoint/server.ts';
import { DEFAULT_POLYMER_API_KEY, startPolymerSandbox, type PolymerSandbox } from '../../src/sandbox/polymer/server.ts';
import { loadIntegration, type Integration } from '../../src/tools/catalog.ts';

const load = (name: string) => loadIntegration(new URL(`../../integrations/${name}/definition.yaml`, import.meta.url).pathname);
const integrations: Record<string, Integration> = { pinpoint: await load('pinpoint'), polymer: await load('polymer') };
let pinpoint: PinpointSandbox;
let polymer: PolymerSandbox;
const accounts: Record<string, AccountConnection> = {};

before(async () => {
  pinpoint = await startPinpointSandbox({ rateLimit: null });
  polymer = await startPolymerSandbox({ rateLimit: null });
  accounts.pinpoint = { id: 'p', integration: 'pinpoint', context: { subdomain: 'sandbox', base_url: pinpoint.url }, credentials: { api_key: DEFAULT_PINPOINT_API_KEY } };
  accounts.polymer = { id: 'm', integration: 'polymer', context: { base_url: polymer.url }, credentials: { api_key: DEFAULT_POLYMER_API_KEY } };
});
after(async () => {
  await pinpoint?.close();
  await polymer?.close();
});

type Row = Record<string, any>;
async function call(integration: 'pinpoint' | 'polymer', toolName: string, args: Record<string, unknown>): Promise<CallOutcome> {
  const tool = integrations[integration]!.toolsByName.get(toolName);
  assert.ok(tool, `no tool ${toolName}`);
  return executeTool({ integration: integrations[integration]!, tool, account: accounts[integration]!, arguments: args, resultBudgetBytes: 200_000 });
}
async function list(integration: 'pinpoint' | 'polymer', toolName: string, args: Record<string, unknown>): Promise<Row[]> {
  const outcome = await call(integration, toolName, args);
  assert.ok(outcome.ok && outcome.shape === 'list', `${toolName}: ${JSON.stringify(outcome)}`);
  return outcome.result as Row[];
}
async function record(integration: 'pinpoint' | 'polymer', toolName: string, args: Record<string, unknown>): Promise<Row> {
  const outcome = await call(integration, toolName, args);
  assert.ok(outcome.ok && outcome.shape === 'record', `${toolName}: ${JSON.stringify(outcome)}`);
  return outcome.result as Row;
}

test('Pinpoint: interview briefing (candidate → application → job → comments)', async () => {
  const [sarah] = await list('pinpoint', 'list_all_pinpoint_candidates', { filter_search: 'Sarah Jenkins' });
  assert.equal(sarah?.full_name, 'Sarah Jenkins');
  const applications = await list('pinpoint', 'list_all_pinpoint_applications', { filter_candidate_id: sarah!.id });
  const application = applications.find((row) => row.job?.title === 'Product Manager');
  assert.ok(application, 'the PM application, with its job embedded by default');
  assert.ok(application.stage?.name, 'the stage is embedded by default');
  const job = await record('pinpoint', 'get_single_pinpoint_job_by_id', { id: application.job_id, include: ['stages'] });
  assert.ok(job.stages.length > 0);
  const comments = await list('pinpoint', 'list_all_pinpoint_comments', { filter_commentable_type: ['Application'], filter_commentable_id: application.id, include: ['user'] });
  assert.ok(comments.length > 0 && comments.every((comment) => comment.commentable_id === application.id && comment.user?.id));
});

test('Pinpoint: confidential jobs and their applications appear only when asked for', async () => {
  const visible = await list('pinpoint', 'list_all_pinpoint_jobs', { fields_jobs: ['title', 'visibility'], limit: 1000 });
  assert.ok(visible.every((job) => job.visibility !== 'confidential'));
  const all = await list('pinpoint', 'list_all_pinpoint_jobs', { filter_visibility: ['confidential', 'external', 'internal'], fields_jobs: ['title', 'visibility'], limit: 1000 });
  const confidential = all.filter((job) => job.visibility === 'confidential');
  assert.ok(confidential.length > 0);
  const jobId = confidential[0]!.id;
  assert.equal((await list('pinpoint', 'list_all_pinpoint_applications', { filter_job_id: jobId })).length, 0);
  assert.ok((await list('pinpoint', 'list_all_pinpoint_applications', { filter_job_id: jobId, filter_job_visibility: ['confidential'] })).length > 0);
});

test('Pinpoint: bulk disposition comments on every active application of a job', async () => {
  const { jobId } = pinpoint.state.planted.juniorAnalyst;
  const active = await list('pinpoint', 'list_all_pinpoint_applications', { filter_job_id: jobId, filter_stage_basic_type: ['applied', 'review', 'interview', 'offer'] });
  assert.ok(active.length > 0 && active.every((row) => !['hired', 'rejected'].includes(row.stage.basic_type)));
  for (const application of active) {
    const comment = await record('pinpoint', 'create_a_pinpoint_comment', { commentable_type: 'applications', commentable_id: application.id, body_text: 'Role filled internally, keep on file for future ops' });
    assert.equal(comment.commentable_id, application.id);
    assert.equal(comment.commentable_type, 'Application');
  }
});

test('Pinpoint: a candidate custom attribute is written by field and read back', async () => {
  const { candidateId } = pinpoint.state.planted.sarahJenkins;
  const fields = await list('pinpoint', 'list_all_pinpoint_custom_fields', {});
  const used = new Set(((await record('pinpoint', 'get_single_pinpoint_candidate_by_id', { id: candidateId, include: ['custom_attributes'] })).custom_attributes as Row[]).map((row) => row.field_name));
  const field = fields.find((row) => row.resource_type === 'candidate' && row.field_type === 'integer' && !used.has(row.name));
  assert.ok(field, 'an unused integer candidate field');
  const updated = await record('pinpoint', 'update_a_pinpoint_candidate_by_id', { id: candidateId, locale: 'en', custom_attributes: [{ custom_field_id: field.id, integer_value: 6 }] });
  assert.ok((updated.custom_attributes as Row[]).some((row) => row.field_name === field.name && row.value === '6'), JSON.stringify(updated.custom_attributes));
});

test('Pinpoint: an application moves only to a stage of its own job', async () => {
  const { applicationId, jobId } = pinpoint.state.planted.application5566;
  const job = await record('pinpoint', 'get_single_pinpoint_job_by_id', { id: jobId, include: ['stages'] });
  const offer = (job.stages as Row[]).find((stage) => stage.basic_type === 'offer')!;
  const moved = await record('pinpoint', 'update_a_pinpoint_application_by_id', { id: applicationId, stage_id: offer.id });
  assert.equal(moved.stage_id, offer.id);
  const foreign = pinpoint.state.stages.find((stage) => String(stage.job_id) !== jobId)!;
  const refused = await call('pinpoint', 'update_a_pinpoint_application_by_id', { id: applicationId, stage_id: String(foreign.id) });
  assert.ok(!refused.ok && refused.error.upstream_status === 422);
});

test('Polymer: interview feedback synthesis (candidate → application → reviews → comment)', async () => {
  const candidates = await list('polymer', 'list_all_polymer_candidates', { limit: 100 });
  const jane = candidates.find((row) => row.first_name === 'Jane' && row.last_name === 'Smith');
  assert.ok(jane);
  const [application] = (await list('polymer', 'list_all_polymer_job_applications', { candidate_id: String(jane.id) }))
    .filter((row) => row.job?.title === 'Frontend Developer');
  assert.ok(application);
  const reviews = await list('polymer', 'list_all_polymer_job_application_reviews', { job_application_id: String(application.id) });
  assert.ok(reviews.length > 0 && reviews.every((review) => review.rating && review.author));
  const comment = await record('polymer', 'create_a_polymer_job_application_comment', { job_application_id: String(application.id), body: 'Pros: strong React. Cons: light on testing.' });
  assert.equal(comment.job_application_id, application.id);
});

test('Polymer: stage advancement uses the stages of the application\'s job', async () => {
  const { jobApplicationId, nextHiringStageId } = polymer.state.planted.jobApplication55432;
  const application = await record('polymer', 'get_single_polymer_job_application_by_id', { id: String(jobApplicationId) });
  const stages = await list('polymer', 'list_all_polymer_job_hiring_stages', { job_id: String(application.job_id) });
  const current = stages.findIndex((stage) => stage.id === application.hiring_stage_id);
  const next = stages[current + 1]!;
  assert.equal(next.id, nextHiringStageId);
  const moved = await record('polymer', 'create_a_polymer_job_application_stage_move', { job_application_id: String(jobApplicationId), hiring_stage_id: String(next.id) });
  assert.equal(moved.hiring_stage_id, next.id);
  const history = await list('polymer', 'list_all_polymer_job_application_hiring_stage_events', { job_application_id: String(jobApplicationId) });
  assert.equal(history.at(-1)?.to_hiring_stage?.id, next.id);
});
