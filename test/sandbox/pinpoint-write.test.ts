import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { startPinpointSandbox } from '../../src/sandbox/index.ts';
import { call, pinpointClient } from './client.ts';
import type { ManyDocument, OneDocument, PinpointErrors } from './client.ts';

const validationError = (detail: string): PinpointErrors => ({
  errors: [{ title: 'Validation Error', code: 'unprocessable_entity', status: '422', detail }],
});

describe('Pinpoint sandbox: writing', async () => {
  const sandbox = await startPinpointSandbox();
  const api = pinpointClient(sandbox);
  after(() => sandbox.close());

  test('a comment is created on an application, attributed to the system user, and read back', async () => {
    const applicationId = sandbox.state.planted.application5566.applicationId;
    const body = 'Candidate passed the technical screen with flying colors. Recommended for final round.';
    const created = await api<OneDocument>('POST', '/comments', {
      data: {
        type: 'comments',
        attributes: { body_text: body, private_comment: true },
        relationships: { commentable: { data: { type: 'applications', id: applicationId } } },
      },
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.data.type, 'comments');
    const attributes = created.body.data.attributes;
    assert.deepEqual(Object.keys(attributes).sort(), ['body_text', 'commentable_id', 'commentable_type', 'created_at', 'private_comment', 'updated_at', 'user_id']);
    assert.equal(attributes.body_text, body);
    assert.equal(attributes.commentable_id, applicationId);
    assert.equal(attributes.commentable_type, 'Application');
    assert.equal(attributes.private_comment, true);
    assert.equal(attributes.user_id, sandbox.state.planted.systemUserId);

    const listed = await api<ManyDocument>('GET', `/comments?filter[commentable_id]=${applicationId}&filter[commentable_type]=Application`);
    assert.ok(listed.body.data.some((comment) => comment.id === created.body.data.id && comment.attributes.body_text === body));
  });

  test('a comment on a candidate points at job_seekers and is a JobSeeker comment; candidates is not a commentable type', async () => {
    const candidateId = sandbox.state.planted.candidate98765.candidateId;
    const comment = (type: string) => ({ data: { type: 'comments', attributes: { body_text: `Note via ${type}` }, relationships: { commentable: { data: { type, id: candidateId } } } } });
    const created = await api<OneDocument>('POST', '/comments', comment('job_seekers'));
    assert.equal(created.status, 201);
    assert.equal(created.body.data.attributes.commentable_type, 'JobSeeker');
    assert.equal(created.body.data.attributes.commentable_id, candidateId);
    assert.equal((await api<PinpointErrors>('POST', '/comments', comment('candidates'))).status, 422);
  });

  test('comment validation: blank body_text, missing or unknown commentable are 422', async () => {
    const applicationId = sandbox.state.planted.application5566.applicationId;
    const commentable = { commentable: { data: { type: 'applications', id: applicationId } } };
    const blank = await api<PinpointErrors>('POST', '/comments', { data: { type: 'comments', attributes: {}, relationships: commentable } });
    assert.equal(blank.status, 422);
    assert.deepEqual(blank.body, validationError("body_text can't be blank"));
    const orphan = await api<PinpointErrors>('POST', '/comments', { data: { type: 'comments', attributes: { body_text: 'x' } } });
    assert.deepEqual(orphan.body, validationError("commentable can't be blank"));
    const missing = await api<PinpointErrors>('POST', '/comments', {
      data: { type: 'comments', attributes: { body_text: 'x' }, relationships: { commentable: { data: { type: 'applications', id: '424242' } } } },
    });
    assert.equal(missing.status, 422);
    assert.match(missing.body.errors[0]?.detail ?? '', /424242 does not exist/);
  });

  test('writes need the JSON:API (or JSON) content type; anything else is a 415', async () => {
    const reply = await call<PinpointErrors>(`${sandbox.url}/departments`, {
      method: 'POST',
      headers: { 'X-API-KEY': 'sandbox-pinpoint-key', 'Content-Type': 'text/plain' },
      raw: JSON.stringify({ data: { type: 'departments', attributes: { name: 'Legal' } } }),
    });
    assert.equal(reply.status, 415);
    assert.equal(reply.body.errors[0]?.code, 'unsupported_media_type');
    const json = await api('POST', '/departments', { data: { type: 'departments', attributes: { name: 'Legal' } } }, { 'Content-Type': 'application/json' });
    assert.equal(json.status, 201);
  });

  test('an application is created with a new candidate in the applied stage; first missing field is named', async () => {
    const jobId = sandbox.state.planted.juniorAnalyst.jobId;
    const relationships = { job: { data: { type: 'jobs', id: jobId } } };
    const noFirstName = await api<PinpointErrors>('POST', '/applications', {
      data: { type: 'applications', attributes: { last_name: 'Lovelace' }, relationships },
    });
    assert.deepEqual(noFirstName.body, validationError("first_name can't be blank"));
    const noEmail = await api<PinpointErrors>('POST', '/applications', {
      data: { type: 'applications', attributes: { first_name: 'Ada', last_name: 'Lovelace' }, relationships },
    });
    assert.deepEqual(noEmail.body, validationError("email can't be blank"));
    const noJob = await api<PinpointErrors>('POST', '/applications', {
      data: { type: 'applications', attributes: { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com' } },
    });
    assert.deepEqual(noJob.body, validationError("job can't be blank"));

    const candidatesBefore = sandbox.state.candidates.size;
    const created = await api<OneDocument>('POST', '/applications?include=stage', {
      data: { type: 'applications', attributes: { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com' }, relationships },
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.data.attributes.job_id, jobId);
    assert.equal(created.body.included?.[0]?.attributes.basic_type, 'applied');
    assert.equal(sandbox.state.candidates.size, candidatesBefore + 1);
    assert.equal(sandbox.state.candidates.find((candidate) => candidate.email === 'ada@example.com')?.first_name, 'Ada');
  });

  test('PUT moves an application to another stage of its job, not of another job; tags are added and removed', async () => {
    const applicationId = sandbox.state.planted.application5566.applicationId;
    const application = sandbox.state.applications.get(Number(applicationId));
    assert.ok(application);
    const offer = sandbox.state.stages.find((stage) => stage.job_id === application.job_id && stage.basic_type === 'offer');
    const foreign = sandbox.state.stages.find((stage) => stage.job_id !== application.job_id);
    assert.ok(offer && foreign);

    const wrong = await api<PinpointErrors>('PUT', `/applications/${applicationId}`, {
      data: { type: 'applications', id: applicationId, relationships: { stage: { data: { type: 'stages', id: String(foreign.id) } } } },
    });
    assert.equal(wrong.status, 422);
    assert.match(wrong.body.errors[0]?.detail ?? '', /must belong to the application's job/);

    const moved = await api<OneDocument>('PUT', `/applications/${applicationId}`, {
      data: {
        type: 'applications',
        id: applicationId,
        attributes: { add_tags_with_context: [{ tag: 'fast-track', context: 'application' }] },
        relationships: { stage: { data: { type: 'stages', id: String(offer.id) } } },
      },
    });
    assert.equal(moved.status, 200);
    assert.equal(moved.body.data.attributes.stage_id, String(offer.id));
    assert.deepEqual(moved.body.data.attributes.tags, [{ tag: 'fast-track', context: 'application' }]);

    const untagged = await api<OneDocument>('PUT', `/applications/${applicationId}`, {
      data: { type: 'applications', id: applicationId, attributes: { remove_tag_with_context: { tag: 'fast-track', context: 'application' } } },
    });
    assert.deepEqual(untagged.body.data.attributes.tags, []);

    const summary = await api<PinpointErrors>('PUT', `/applications/${applicationId}`, {
      data: { type: 'applications', id: applicationId, attributes: { summary: 'new' } },
    });
    assert.equal(summary.status, 422);
    assert.match(summary.body.errors[0]?.detail ?? '', /summary cannot be changed/);
  });

  test('updates are PUT only and need data.id matching the URL', async () => {
    const jobId = sandbox.state.planted.juniorAnalyst.jobId;
    const patch = await api<PinpointErrors>('PATCH', `/jobs/${jobId}`, { data: { type: 'jobs', id: jobId, attributes: { title: 'x' } } });
    assert.equal(patch.status, 405);
    assert.match(patch.headers.get('allow') ?? '', /PUT/);
    const noId = await api<PinpointErrors>('PUT', `/jobs/${jobId}`, { data: { type: 'jobs', attributes: { title: 'x' } } });
    assert.equal(noId.status, 400);
    assert.match(noId.body.errors[0]?.detail ?? '', /data\.id/);
    const otherId = await api<PinpointErrors>('PUT', `/jobs/${jobId}`, { data: { type: 'jobs', id: '1', attributes: { title: 'x' } } });
    assert.equal(otherId.status, 400);
    const renamed = await api<OneDocument>('PUT', `/jobs/${jobId}`, { data: { type: 'jobs', id: jobId, attributes: { title: 'Junior Data Analyst' } } });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.data.attributes.title, 'Junior Data Analyst');
    assert.equal((await api('POST', `/interviews`, { data: { type: 'interviews' } })).status, 405);
  });

  test('DELETE answers {"meta": null}; a job with applications is a 422, a structure link jobs use a 409 "Record is in use"', async () => {
    const created = await api<OneDocument>('POST', '/jobs', { data: { type: 'jobs', attributes: { title: 'Temporary Role', visibility: 'internal' } } });
    assert.equal(created.status, 201);
    assert.equal(created.body.data.attributes.status, 'draft');
    const stages = sandbox.state.stages.where((stage) => stage.job_id === Number(created.body.data.id));
    assert.equal(stages.length, 6);

    const deleted = await api<unknown>('DELETE', `/jobs/${created.body.data.id}`);
    assert.equal(deleted.status, 200);
    assert.deepEqual(deleted.body, { meta: null });
    const gone = await api<PinpointErrors>('GET', `/jobs/${created.body.data.id}`);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.errors[0]?.detail, 'Record not found');
    assert.equal(sandbox.state.stages.where((stage) => stage.job_id === Number(created.body.data.id)).length, 0);

    const inUse = await api<PinpointErrors>('DELETE', `/jobs/${sandbox.state.planted.seniorBackendDeveloper.jobId}`);
    assert.equal(inUse.status, 422);
    assert.deepEqual(inUse.body, { errors: [{ title: 'Validation Error', code: 'unprocessable_entity', status: '422', detail: 'Record is in use' }] });
    for (const path of [`/departments/${sandbox.state.jobs.all()[0]!.department_id}`, `/structure_custom_group_ones/${sandbox.state.structureCustomGroups.all()[0]!.id}`]) {
      assert.equal((await api<PinpointErrors>('DELETE', path)).status, 422, path);
    }
    const link = await api<PinpointErrors>('DELETE', `/structure_links/${sandbox.state.jobs.all()[0]!.structure_link_id}`);
    assert.equal(link.status, 409);
    assert.deepEqual(link.body, { errors: [{ title: 'Conflict', code: 'conflict', status: '409', detail: 'Record is in use' }] });
  });

  test('candidate PUT sideposts custom attributes (create and update) and reads them back as value/field_name', async () => {
    const { candidateId } = sandbox.state.planted.candidate98765;
    const fields = sandbox.state.planted.candidateCustomFieldIds;
    const existing = sandbox.state.customAttributes.find(
      (row) => row.custom_attributable_id === Number(candidateId) && row.custom_field_id === Number(fields.integer),
    );
    assert.ok(existing);

    const reply = await api<OneDocument>('PUT', `/candidates/${candidateId}`, {
      data: {
        type: 'candidates',
        id: candidateId,
        attributes: { summary: 'Prefers to work in EST hours.' },
        relationships: {
          custom_attributes: {
            data: [
              { type: 'custom_attributes', 'temp-id': 't1', method: 'create' },
              { type: 'custom_attributes', id: String(existing.id), method: 'update' },
            ],
          },
        },
      },
      included: [
        { type: 'custom_attributes', 'temp-id': 't1', attributes: { varchar_value: 'America/New_York' }, relationships: { custom_field: { data: { type: 'custom_fields', id: fields.varchar } } } },
        { type: 'custom_attributes', id: String(existing.id), attributes: { integer_value: 6 } },
      ],
    });
    assert.equal(reply.status, 200);
    assert.equal(reply.body.data.attributes.summary, 'Prefers to work in EST hours.');
    const values = Object.fromEntries((reply.body.included ?? []).map((record) => [record.attributes.field_name, record.attributes.value]));
    assert.equal(values['Preferred timezone'], 'America/New_York');
    assert.equal(values['Notice period (weeks)'], '6');

    const listed = await api<ManyDocument>('GET', `/custom_attributes?filter[custom_attributable_id]=${candidateId}&filter[custom_attributable_type]=JobSeeker`);
    const readBack = listed.body.data.map((record) => `${record.attributes.field_name}=${record.attributes.value}`).sort();
    assert.deepEqual(readBack, ['Languages=English and Portuguese', 'Notice period (weeks)=6', 'Preferred timezone=America/New_York']);
  });

  test('sidepost validation: a job field on a candidate, or the wrong value key, is a 422', async () => {
    const candidateId = sandbox.state.planted.sarahJenkins.candidateId;
    const sidepost = (fieldId: string, attributes: Record<string, unknown>) =>
      api<PinpointErrors>('PUT', `/candidates/${candidateId}`, {
        data: { type: 'candidates', id: candidateId, relationships: { custom_attributes: { data: [{ type: 'custom_attributes', 'temp-id': 'a', method: 'create' }] } } },
        included: [{ type: 'custom_attributes', 'temp-id': 'a', attributes, relationships: { custom_field: { data: { type: 'custom_fields', id: fieldId } } } }],
      });
    const jobField = await sidepost(sandbox.state.planted.jobCustomFieldId, { varchar_value: 'CC-1' });
    assert.equal(jobField.status, 422);
    assert.match(jobField.body.errors[0]?.detail ?? '', /resource_type job/);
    const wrongKey = await sidepost(sandbox.state.planted.candidateCustomFieldIds.boolean, { varchar_value: 'yes' });
    assert.equal(wrongKey.status, 422);
    assert.match(wrongKey.body.errors[0]?.detail ?? '', /boolean_value/);
    const before = sandbox.state.customAttributes.size;
    const valid = await sidepost(sandbox.state.planted.candidateCustomFieldIds.boolean, { boolean_value: true });
    assert.equal(valid.status, 200);
    assert.equal(sandbox.state.customAttributes.size, before + 1);
  });
});

describe('Pinpoint sandbox: rate limit and request log', () => {
  test('after the configured limit: 429 with Retry-After and the Pinpoint error body, no X-RateLimit headers', async () => {
    const sandbox = await startPinpointSandbox({ rateLimit: { limit: 3, windowSeconds: 30 } });
    try {
      const api = pinpointClient(sandbox);
      for (let index = 0; index < 3; index += 1) {
        const ok = await api('GET', '/users');
        assert.equal(ok.status, 200);
        assert.equal(ok.headers.get('x-ratelimit-limit'), null);
      }
      const limited = await api<PinpointErrors>('GET', '/users');
      assert.equal(limited.status, 429);
      assert.deepEqual(limited.body, {
        errors: [{ title: 'Too Many Requests', code: 'too_many_requests', status: '429', detail: 'Rate limit exceeded' }],
      });
      const retryAfter = Number(limited.headers.get('retry-after'));
      assert.ok(retryAfter >= 1 && retryAfter <= 30);
      assert.equal(limited.headers.get('x-ratelimit-remaining'), null);

      sandbox.resetRateLimit();
      assert.equal((await api('GET', '/users')).status, 200);
      sandbox.setRateLimit(null);
      for (let index = 0; index < 5; index += 1) assert.equal((await api('GET', '/users')).status, 200);
    } finally {
      await sandbox.close();
    }
  });

  test('every request is logged with method, path, query and status', async () => {
    const sandbox = await startPinpointSandbox();
    try {
      await pinpointClient(sandbox)('GET', '/jobs?filter[status]=open');
      assert.deepEqual(sandbox.requests, [{ method: 'GET', path: '/api/v1/jobs', query: 'filter[status]=open', status: 200 }]);
      await call(`${sandbox.url}/jobs`);
      assert.equal(sandbox.requests.length, 2);
      assert.equal(sandbox.requests[1]?.status, 401);
    } finally {
      await sandbox.close();
    }
  });
});
