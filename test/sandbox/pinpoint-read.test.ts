import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { startPinpointSandbox } from '../../src/sandbox/index.ts';
import type { PinpointSandbox } from '../../src/sandbox/index.ts';
import { call, pinpointClient } from './client.ts';
import type { ManyDocument, OneDocument, PinpointErrors } from './client.ts';

describe('Pinpoint sandbox: reading', async () => {
  const sandbox = await startPinpointSandbox({ disabledApiKeys: ['switched-off-key'] });
  const api = pinpointClient(sandbox);
  after(() => sandbox.close());

  test('a missing or wrong X-API-KEY is a 401 with the exact Pinpoint error body', async () => {
    const missing = await call<PinpointErrors>(`${sandbox.url}/jobs`);
    assert.equal(missing.status, 401);
    assert.deepEqual(missing.body, {
      errors: [{ title: 'Unauthorized', code: 'unauthorized', status: '401', detail: 'X-API-KEY header not provided' }],
    });
    const wrong = await call<PinpointErrors>(`${sandbox.url}/jobs`, { headers: { 'X-API-KEY': 'nope' } });
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.body, { errors: [{ title: 'Unauthorized', code: 'unauthorized', status: '401', detail: 'Invalid API key' }] });
    const disabled = await call<PinpointErrors>(`${sandbox.url}/jobs`, { headers: { 'X-API-KEY': 'switched-off-key' } });
    assert.equal(disabled.status, 403);
    assert.equal(disabled.body.errors[0]?.detail, 'Integration not enabled');
  });

  test('answers use the JSON:API media type and end collections with an empty meta', async () => {
    const reply = await api<ManyDocument>('GET', '/departments');
    assert.equal(reply.status, 200);
    assert.equal(reply.headers.get('content-type'), 'application/vnd.api+json');
    assert.deepEqual(reply.body.meta, {});
    assert.ok(!('links' in reply.body));
    assert.ok(reply.body.data.every((record) => typeof record.id === 'string' && record.type === 'departments'));
  });

  test('include puts related records in `included`; relationships not asked for say included:false', async () => {
    const jobId = sandbox.state.planted.seniorBackendDeveloper.jobId;
    const reply = await api<ManyDocument>('GET', `/applications?filter[job_id]=${jobId}&include=stage,job`);
    assert.equal(reply.status, 200);
    assert.equal(reply.body.data.length, sandbox.state.planted.seniorBackendDeveloper.applicationIds.length);
    const included = reply.body.included ?? [];
    for (const application of reply.body.data) {
      const stage = application.relationships?.stage;
      assert.ok(stage && 'data' in stage && stage.data && !Array.isArray(stage.data));
      assert.equal(stage.data.id, application.attributes.stage_id);
      assert.ok(included.some((record) => record.type === 'stages' && record.id === application.attributes.stage_id));
      assert.deepEqual(application.relationships?.comments, { meta: { included: false } });
      assert.ok(!('candidate' in (application.relationships ?? {})) && !('candidate_id' in application.attributes), 'applications name no candidate, as documented');
    }
    assert.equal(included.filter((record) => record.type === 'jobs').length, 1, 'the shared job is included once');
  });

  test('dot paths include nested records, and jobs?include=stages lists the pipeline', async () => {
    const { applicationId, productManagerJobId } = sandbox.state.planted.sarahJenkins;
    const application = await api<OneDocument>('GET', `/applications/${applicationId}?include=job.stages`);
    const job = application.body.included?.find((record) => record.type === 'jobs' && record.id === productManagerJobId);
    assert.equal(job?.attributes.title, 'Product Manager');
    assert.equal(application.body.included?.filter((record) => record.type === 'stages').length, 6);
    const jobs = await api<ManyDocument>('GET', `/jobs?filter[id]=${productManagerJobId}&include=stages`);
    const stageTypes = (jobs.body.included ?? []).map((stage) => stage.attributes.basic_type);
    assert.deepEqual(stageTypes, ['applied', 'review', 'interview', 'offer', 'hired', 'rejected']);
  });

  test('an unknown include is a 400 naming it', async () => {
    const reply = await api<PinpointErrors>('GET', '/jobs?include=stages.nonsense');
    assert.equal(reply.status, 400);
    assert.match(reply.body.errors[0]?.detail ?? '', /stages\.nonsense/);
  });

  test('sparse fieldsets limit attributes; extra_fields adds expensive ones', async () => {
    const applicationId = sandbox.state.planted.application5566.applicationId;
    const sparse = await api<OneDocument>('GET', `/applications/${applicationId}?fields[applications]=first_name,stage_id`);
    assert.deepEqual(Object.keys(sparse.body.data.attributes).sort(), ['first_name', 'stage_id']);
    const plain = await api<OneDocument>('GET', `/applications/${applicationId}`);
    assert.ok(!('attachments' in plain.body.data.attributes));
    const extra = await api<OneDocument>('GET', `/applications/${applicationId}?extra_fields[applications]=attachments`);
    assert.ok(Array.isArray(extra.body.data.attributes.attachments));
  });

  test('confidential jobs and their applications are left out unless asked for', async () => {
    const { jobId, applicationIds } = sandbox.state.planted.vpOfEngineering;
    const jobs = await api<ManyDocument>('GET', '/jobs?page[size]=1000');
    assert.ok(jobs.body.data.every((job) => job.attributes.visibility !== 'confidential'));
    assert.ok(!jobs.body.data.some((job) => job.id === jobId));
    const confidential = await api<ManyDocument>('GET', '/jobs?filter[visibility]=confidential');
    assert.ok(confidential.body.data.some((job) => job.id === jobId && job.attributes.title === 'VP of Engineering'));

    const hidden = await api<ManyDocument>('GET', `/applications?filter[job_id]=${jobId}`);
    assert.equal(hidden.body.data.length, 0);
    const shown = await api<ManyDocument>('GET', `/applications?filter[job_id]=${jobId}&filter[job_visibility]=confidential,external,internal`);
    assert.deepEqual(shown.body.data.map((application) => application.id).sort(), [...applicationIds].sort());
  });

  test('page[size] above 1000 is a 400 naming the limit', async () => {
    const reply = await api<PinpointErrors>('GET', '/candidates?page[size]=1001');
    assert.equal(reply.status, 400);
    assert.equal(reply.body.errors[0]?.code, 'bad_request');
    assert.match(reply.body.errors[0]?.detail ?? '', /1000/);
    assert.equal((await api('GET', '/candidates?page[size]=1000')).status, 200);
  });

  test('paging through all candidates returns each exactly once, and stats[total] counts them', async () => {
    const seen: string[] = [];
    let total = 0;
    for (let page = 1; ; page += 1) {
      const reply = await api<ManyDocument>('GET', `/candidates?page[size]=37&page[number]=${page}&stats[total]=count`);
      seen.push(...reply.body.data.map((candidate) => candidate.id));
      total = (reply.body.meta as { stats: { total: { count: number } } }).stats.total.count;
      if (reply.body.data.length < 37) break;
    }
    assert.ok(seen.length >= 260);
    assert.equal(new Set(seen).size, seen.length);
    assert.equal(seen.length, total);
    assert.equal(seen.length, sandbox.state.candidates.size);
  });

  test('filters: job title search, stage type, dates, sort; unknown filters are ignored as by default, or a 400 naming them', async () => {
    const analysts = await api<ManyDocument>('GET', '/jobs?filter[search]=junior%20analyst');
    assert.deepEqual(analysts.body.data.map((job) => job.id), [sandbox.state.planted.juniorAnalyst.jobId]);

    const juniorAnalyst = sandbox.state.planted.juniorAnalyst;
    const active = await api<ManyDocument>('GET', `/applications?filter[job_id]=${juniorAnalyst.jobId}&filter[stage_basic_type]=applied,review,interview,offer`);
    assert.deepEqual(active.body.data.map((application) => application.id).sort(), [...juniorAnalyst.activeApplicationIds].sort());
    const hired = await api<ManyDocument>('GET', `/applications?filter[job_id]=${juniorAnalyst.jobId}&filter[stage_basic_type]=hired`);
    assert.deepEqual(hired.body.data.map((application) => application.id), [juniorAnalyst.hiredApplicationId]);

    const recent = await api<ManyDocument>('GET', '/applications?filter[created_at][gt]=2026-10-01T00:00:00Z&sort=-created_at&page[size]=1000');
    const times = recent.body.data.map((application) => Date.parse(String(application.attributes.created_at)));
    assert.ok(times.length > 0 && times.every((time) => time > Date.parse('2026-10-01T00:00:00Z')));
    assert.deepEqual(times, [...times].sort((a, b) => b - a));

    // The candidate list takes no filter: filter[search] is an unknown filter, so every candidate comes back.
    const everyone = await api<ManyDocument>('GET', '/candidates?filter[search]=sarah%20jenkins&stats[total]=count');
    assert.equal(everyone.status, 200);
    assert.deepEqual(everyone.body.meta, { stats: { total: { count: sandbox.state.candidates.size } } });
    const strict = await startPinpointSandbox({ unknownFilters: 'reject' });
    try {
      const unknown = await pinpointClient(strict)<PinpointErrors>('GET', '/applications?filter[candidate_id]=1');
      assert.equal(unknown.status, 400);
      assert.match(unknown.body.errors[0]?.detail ?? '', /filter\[candidate_id\] is not supported on applications/);
    } finally {
      await strict.close();
    }
  });

  test('interviews take no stats[total]; jobs filter by structure names, managers and remote', async () => {
    const interviews = await api<ManyDocument>('GET', '/interviews?stats[total]=count');
    assert.deepEqual(interviews.body.meta, {});
    const jobs = sandbox.state.jobs.all().filter((job) => job.visibility !== 'confidential');
    const department = sandbox.state.departments.get(jobs[0]!.department_id!)!;
    const byDepartment = await api<ManyDocument>('GET', `/jobs?filter[department_name]=${encodeURIComponent(department.name)}`);
    assert.deepEqual(byDepartment.body.data.map((job) => job.id).sort(), jobs.filter((job) => job.department_id === department.id).map((job) => String(job.id)).sort());
    const remote = await api<ManyDocument>('GET', '/jobs?filter[remote]=true');
    assert.ok(remote.body.data.length > 0 && remote.body.data.every((job) => job.attributes.remote === true));
    const manager = jobs.find((job) => job.recruitment_manager_user_id !== null)!.recruitment_manager_user_id!;
    const managed = await api<ManyDocument>('GET', `/jobs?filter[recruitment_manager_user_id]=${manager}`);
    assert.deepEqual(managed.body.data.map((job) => job.id).sort(), jobs.filter((job) => job.recruitment_manager_user_id === manager).map((job) => String(job.id)).sort());
  });

  test('structure links, custom groups and equality monitoring categories are read with their includes', async () => {
    const links = await api<ManyDocument>('GET', '/structure_links?include=department,structure_custom_group_one&extra_fields[structure_links]=names,in_use');
    assert.equal(links.body.data.length, sandbox.state.structureLinks.size);
    assert.ok(links.body.data.every((link) => Array.isArray(link.attributes.names) && link.attributes.in_use === true));
    assert.ok((links.body.included ?? []).some((record) => record.type === 'structure_custom_group_ones' && record.attributes.title === 'Sub Department'));
    const categories = await api<ManyDocument>('GET', '/equality_monitoring_categories?filter[enabled]=true&include=equality_monitoring_options');
    assert.deepEqual(categories.body.data.map((category) => category.attributes.name), ['Gender', 'Ethnicity']);
    assert.ok((categories.body.included ?? []).some((record) => record.type === 'equality_monitoring_options' && record.attributes.name === 'Prefer not to say'));
  });

  test('comments filter by commentable; Sarah Jenkins has interviewer feedback', async () => {
    const { applicationId, commentIds } = sandbox.state.planted.sarahJenkins;
    const reply = await api<ManyDocument>('GET', `/comments?filter[commentable_id]=${applicationId}&filter[commentable_type]=Application&include=user`);
    assert.deepEqual(reply.body.data.map((comment) => comment.id), commentIds);
    const authors = new Set(reply.body.data.map((comment) => comment.attributes.user_id));
    assert.ok(authors.size >= 2);
    assert.ok(!authors.has(sandbox.state.planted.systemUserId));
  });

  test('job_seekers is an alias of candidates for reads', async () => {
    const id = sandbox.state.planted.candidate98765.candidateId;
    const reply = await api<OneDocument>('GET', `/job_seekers/${id}`);
    assert.equal(reply.status, 200);
    assert.equal(reply.body.data.attributes.full_name, 'Marcus Reid');
    assert.equal((await api('POST', '/job_seekers', { data: { type: 'job_seekers' } })).status, 405);
  });

  test('unknown records are 404 "Record not found"; unknown paths are 404 too', async () => {
    const reply = await api<PinpointErrors>('GET', '/jobs/999999');
    assert.equal(reply.status, 404);
    assert.deepEqual(reply.body, { errors: [{ title: 'Not Found', code: 'not_found', status: '404', detail: 'Record not found' }] });
    assert.equal((await api('GET', '/stages')).status, 404);
  });

  test('the same seed gives the same data, another seed different data', async () => {
    const again = await startPinpointSandbox({ seed: 1 });
    const other = await startPinpointSandbox({ seed: 2 });
    try {
      const names = (s: PinpointSandbox) => s.state.candidates.all().map((row) => `${row.first_name} ${row.last_name}`);
      assert.deepEqual(names(again), names(sandbox));
      assert.notDeepEqual(names(other), names(sandbox));
      assert.equal(other.state.planted.seniorBackendDeveloper.jobId, '1234');
    } finally {
      await Promise.all([again.close(), other.close()]);
    }
  });
});
