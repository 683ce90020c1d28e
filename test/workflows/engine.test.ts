// Issue 2 acceptance through the execution engine against the sandbox upstreams.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Engine } from '../../src/execution/engine.ts';

const engine = new Engine();
import type { AccountConnection, CallOutcome } from '../../src/execution/types.ts';
import { startPinpointSandbox, startPolymerSandbox, type PinpointSandbox, type PolymerSandbox } from '../../src/sandbox/index.ts';
import { Catalog } from '../../src/tools/catalog.ts';
import { checkedSeedWorkflows, listAll, type CallTool, type Json } from './seed-workflows.ts';

/** A tool's definition with a smaller Switchboard-side scan bound, to see a scan stop before the end of the list. */
function boundedScan(catalog: Catalog, toolName: string, maxRecords: number) {
  const { definition } = catalog.get('pinpoint')!.toolsByName.get(toolName)!;
  return { ...definition, method: { ...definition.method, switchboard_filter_scan: { max_records: maxRecords } } };
}

describe('seed workflows and paging through the engine', () => {
  let catalog: Catalog;
  let pinpoint: PinpointSandbox;
  let polymer: PolymerSandbox;
  let accounts: Record<'pinpoint' | 'polymer', AccountConnection>;

  before(async () => {
    catalog = await Catalog.load('integrations');
    pinpoint = await startPinpointSandbox({ rateLimit: null });
    polymer = await startPolymerSandbox({ rateLimit: null, rateLimitHeaders: true }); // the 429 test checks header normalization
    accounts = {
      pinpoint: { id: 'a1', integration: 'pinpoint', context: { subdomain: 'demo', base_url: pinpoint.url }, credentials: { api_key: 'sandbox-pinpoint-key' } },
      polymer: { id: 'a2', integration: 'polymer', context: { base_url: polymer.url }, credentials: { api_key: 'sandbox-polymer-key' } },
    };
  });
  after(async () => {
    await pinpoint.close();
    await polymer.close();
  });

  const run = (name: string, args: Json): Promise<CallOutcome> => {
    const integrationName = name.includes('_pinpoint_') ? 'pinpoint' : 'polymer';
    const integration = catalog.get(integrationName)!;
    const tool = integration.toolsByName.get(name);
    assert.ok(tool, `tool ${name} exists`);
    return engine.execute({ integration, tool, account: accounts[integrationName], arguments: args, cursorScope: 'mcp:workflows' });
  };
  const call: CallTool = async (name, args) => {
    const outcome = await run(name, args);
    if (!outcome.ok) throw new Error(`${name} failed: ${outcome.error.message}`);
    return outcome.shape === 'list'
      ? { result: outcome.result, result_count: outcome.result_count, ...(outcome.next_cursor ? { next_cursor: outcome.next_cursor } : {}) }
      : outcome.result as Json;
  };

  for (const [name, run] of checkedSeedWorkflows(call, () => ({ pinpoint, polymer }))) test(name, run);

  test('paging candidates with limit 50 returns every candidate exactly once, on both integrations', async () => {
    const pinpointIds = (await listAll(call, 'list_all_pinpoint_candidates', { limit: 50 })).map((c) => String(c.id));
    assert.equal(new Set(pinpointIds).size, pinpointIds.length, 'no duplicates');
    assert.deepEqual(pinpointIds.sort(), pinpoint.state.candidates.all().map((c) => String(c.id)).sort());
    assert.ok(pinpointIds.length >= 250);
    const polymerIds = (await listAll(call, 'list_all_polymer_candidates', { limit: 50 })).map((c) => String(c.id));
    assert.equal(new Set(polymerIds).size, polymerIds.length, 'no duplicates');
    assert.deepEqual(polymerIds.sort(), polymer.state.candidates.all().map((c) => String(c.id)).sort());
  });

  test('a Switchboard-side filter keeps only matching records of an upstream that ignores the parameter, and reports its scan', async () => {
    const planted = pinpoint.state.planted.sarahJenkins;
    const sarah = pinpoint.state.candidates.get(Number(planted.candidateId))!;
    pinpoint.requests.length = 0;
    const found = await run('list_all_pinpoint_candidates', { filter_email: sarah.email.toUpperCase() });
    assert.ok(found.ok && found.shape === 'list', JSON.stringify(found));
    assert.deepEqual(found.result.map((c) => String((c as Json).id)), [planted.candidateId]);
    assert.equal(found.scanned_count, pinpoint.state.candidates.size, 'every candidate was looked at');
    assert.equal(found.scan_complete, true);
    assert.equal(found.total_count, undefined, 'the total Pinpoint reports counts the candidates scanned, not the matches');
    assert.match(found.notice ?? '', /Switchboard applied filter_email itself and scanned the list to its end/);
    assert.ok(pinpoint.requests.length > 0);
    for (const request of pinpoint.requests) assert.ok(!decodeURIComponent(request.query).includes('filter'), `nothing of the filter goes upstream: ${request.query}`);
    // The sandbox ignores unknown filters as the default: the same request with the filter sent upstream answers everyone.
    const unfiltered = await fetch(`${pinpoint.url}/candidates?filter[email]=${encodeURIComponent(sarah.email)}&page[size]=1000`, { headers: { 'X-API-KEY': 'sandbox-pinpoint-key' } });
    assert.equal(((await unfiltered.json()) as { data: unknown[] }).data.length, pinpoint.state.candidates.size);

    const bounded = await engine.execute({
      integration: catalog.get('pinpoint')!,
      tool: { ...catalog.get('pinpoint')!.toolsByName.get('list_all_pinpoint_applications')!, definition: boundedScan(catalog, 'list_all_pinpoint_applications', 40) },
      account: accounts.pinpoint, arguments: { candidate_email: sarah.email }, cursorScope: 'mcp:workflows',
    });
    assert.ok(bounded.ok && bounded.shape === 'list');
    assert.equal(bounded.scanned_count, 40);
    assert.equal(bounded.scan_complete, false);
    assert.ok(bounded.next_cursor, 'an incomplete scan continues with next_cursor');
    assert.ok(bounded.result.every((a) => String((a as Json).email).toLowerCase() === sarah.email.toLowerCase()));
  });

  test('confidential jobs and their applications appear only when asked for', async () => {
    const vp = pinpoint.state.planted.vpOfEngineering;
    const jobs = await listAll(call, 'list_all_pinpoint_jobs', { limit: 100 });
    assert.ok(!jobs.some((job) => String(job.id) === vp.jobId), 'hidden by default');
    const withConfidential = await listAll(call, 'list_all_pinpoint_jobs', { filter_visibility: ['confidential', 'external', 'internal'], limit: 100 });
    assert.ok(withConfidential.some((job) => String(job.id) === vp.jobId));
    const hiddenApplications = await listAll(call, 'list_all_pinpoint_applications', { filter_job_id: vp.jobId });
    assert.equal(hiddenApplications.length, 0);
    const applications = await listAll(call, 'list_all_pinpoint_applications', { filter_job_id: vp.jobId, filter_job_visibility: 'confidential' });
    assert.deepEqual(applications.map((a) => String(a.id)).sort(), [...vp.applicationIds].sort());
  });

  test('a candidate custom attribute is written by its field and read back', async () => {
    const { candidateId } = pinpoint.state.planted.sarahJenkins;
    const fields = await listAll(call, 'list_all_pinpoint_custom_fields', {});
    const current = await call('get_single_pinpoint_candidate_by_id', { id: candidateId, include: ['custom_attributes'] });
    const used = new Set((current.custom_attributes as Json[]).map((row) => row.field_name));
    const field = fields.find((row) => row.resource_type === 'candidate' && row.field_type === 'integer' && !used.has(row.name));
    assert.ok(field, 'an unused integer candidate field');
    const updated = await call('update_a_pinpoint_candidate_by_id', { id: candidateId, locale: 'en', custom_attributes: [{ custom_field_id: field.id, integer_value: 6 }] });
    assert.ok((updated.custom_attributes as Json[]).some((row) => row.field_name === field.name && row.value === '6'), JSON.stringify(updated.custom_attributes));
  });

  test('a Pinpoint application moves to a stage of its own job, and another job\'s stage is refused with 422', async () => {
    const { applicationId, jobId } = pinpoint.state.planted.application5566;
    const job = await call('get_single_pinpoint_job_by_id', { id: jobId, include: ['stages'] });
    const offer = (job.stages as Json[]).find((stage) => stage.basic_type === 'offer')!;
    const moved = await call('update_a_pinpoint_application_by_id', { id: applicationId, stage_id: offer.id });
    assert.equal(moved.stage_id, offer.id);
    const foreign = pinpoint.state.stages.find((stage) => String(stage.job_id) !== jobId)!;
    const refused = await run('update_a_pinpoint_application_by_id', { id: applicationId, stage_id: String(foreign.id) });
    assert.ok(!refused.ok && refused.error.upstream_status === 422);
  });

  test('an upstream validation error reaches the caller with its detail', async () => {
    const application = pinpoint.state.planted.sarahJenkins.applicationId;
    const outcome = await run('create_a_pinpoint_comment', { body_text: '', commentable_type: 'applications', commentable_id: application });
    assert.equal(outcome.ok, false);
    const { error } = outcome as Extract<CallOutcome, { ok: false }>;
    assert.equal(error.status, 422);
    assert.equal(error.is_remote, true);
    assert.match(error.message, /body_text can't be blank/);
    const moved = await run('create_a_polymer_job_application_stage_move', {
      job_application_id: String(polymer.state.planted.jobApplication44321.jobApplicationId),
      hiring_stage_id: polymer.state.planted.jobApplication55432.nextHiringStageId,
    });
    assert.equal(!moved.ok && moved.error.status, 422);
    assert.match(JSON.stringify(moved), /does not belong to the application's job/);
  });

  test('an upstream 429 reaches the caller once, with every normalized header', async () => {
    polymer.setRateLimit({ limit: 3, windowSeconds: 60 });
    try {
      for (let i = 0; i < 3; i++) assert.ok((await run('get_single_polymer_organization', {})).ok);
      const before = polymer.requests.length;
      const outcome = await run('get_single_polymer_organization', {});
      assert.equal(polymer.requests.length - before, 1, 'the sandbox saw exactly one request');
      assert.equal(outcome.ok, false);
      assert.equal((outcome as Extract<CallOutcome, { ok: false }>).error.status, 429);
      const headers = outcome.rateLimit;
      assert.equal(headers['ratelimit-limit'], '3');
      assert.equal(headers['ratelimit-remaining'], '0');
      assert.match(headers['ratelimit-reset'] ?? '', /^\d+$/);
      assert.match(headers['retry-after'] ?? '', /^\d+$/);
      assert.equal(headers['ratelimit-policy'], '"default";q=3', 'no w: the definition documents no window length');
      assert.match(headers.ratelimit ?? '', /^"default";r=0;t=\d+$/);
    } finally {
      polymer.setRateLimit(null);
    }
  });
});
