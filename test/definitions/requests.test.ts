// What the definitions make the engine send upstream: JSON:API mapping for Pinpoint writes (x-jsonapi), query
// defaults and arrays, nested Polymer paths, auth headers, and the subdomain guard.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RequestBuilder } from '../../src/execution/request.ts';
import { splitArguments } from '../../src/execution/split.ts';
import type { AccountConnection } from '../../src/execution/types.ts';
import { validateArguments } from '../../src/execution/validate.ts';
import { loadIntegration, type Integration } from '../../src/tools/catalog.ts';

const load = (name: string) => loadIntegration(new URL(`../../integrations/${name}/definition.yaml`, import.meta.url).pathname);
const integrations: Record<string, Integration> = { pinpoint: await load('pinpoint'), polymer: await load('polymer') };
const accounts: Record<string, AccountConnection> = {
  pinpoint: { id: 'a1', integration: 'pinpoint', context: { subdomain: 'acme' }, credentials: { api_key: 'pk' } },
  polymer: { id: 'a2', integration: 'polymer', context: {}, credentials: { api_key: 'sk' } },
};

function request(integration: string, toolName: string, args: Record<string, unknown>, account = accounts[integration]!) {
  const { definition, toolsByName } = integrations[integration]!;
  const tool = toolsByName.get(toolName)!;
  const validation = validateArguments(tool, args);
  assert.ok(validation.ok, JSON.stringify(validation));
  const parts = splitArguments(tool.routes, validation.arguments, 'query');
  const built = new RequestBuilder().build({ definition, tool, account, parts });
  return { ...built, json: built.body === undefined ? undefined : JSON.parse(built.body) };
}

test('a Pinpoint comment maps the polymorphic commentable from type and id', () => {
  const sent = request('pinpoint', 'create_a_pinpoint_comment', { commentable_type: 'applications', commentable_id: '5566', body_text: 'Great screen.' });
  assert.equal(sent.method, 'POST');
  assert.equal(sent.url.href, 'https://acme.pinpointhq.com/api/v1/comments');
  assert.equal(sent.headers['X-API-KEY'], 'pk');
  assert.equal(sent.headers.Accept, 'application/vnd.api+json');
  assert.equal(sent.headers['content-type'], 'application/vnd.api+json');
  assert.deepEqual(sent.json, {
    data: {
      type: 'comments',
      attributes: { body_text: 'Great screen.' },
      relationships: { commentable: { data: { type: 'applications', id: '5566' } } },
    },
  });
});

test('candidate custom attributes are sideposted: create by custom field, update by id', () => {
  const sent = request('pinpoint', 'update_a_pinpoint_candidate_by_id', {
    id: '98765',
    summary: 'Prefers EST.',
    custom_attributes: [{ custom_field_id: '25', varchar_value: 'EST' }, { id: '84', boolean_value: true }],
  });
  assert.equal(sent.method, 'PUT');
  assert.equal(sent.url.href, 'https://acme.pinpointhq.com/api/v1/candidates/98765');
  const { data, included } = sent.json;
  assert.equal(data.type, 'candidates');
  assert.equal(data.id, '98765');
  assert.deepEqual(data.attributes, { summary: 'Prefers EST.' });
  const [created, updated] = data.relationships.custom_attributes.data;
  assert.equal(created.type, 'custom_attributes');
  assert.equal(created.method, 'create');
  assert.ok(created['temp-id']);
  assert.deepEqual(updated, { type: 'custom_attributes', id: '84', method: 'update' });
  assert.deepEqual(included, [
    { type: 'custom_attributes', 'temp-id': created['temp-id'], attributes: { varchar_value: 'EST' }, relationships: { custom_field: { data: { type: 'custom_fields', id: '25' } } } },
    { type: 'custom_attributes', id: '84', attributes: { boolean_value: true } },
  ]);
});

test('moving a Pinpoint application sets relationships.stage', () => {
  const sent = request('pinpoint', 'update_a_pinpoint_application_by_id', { id: '5566', stage_id: '1000172' });
  assert.deepEqual(sent.json, { data: { type: 'applications', id: '5566', attributes: {}, relationships: { stage: { data: { type: 'stages', id: '1000172' } } } } });
});

test('creating a Pinpoint application relates its job', () => {
  const sent = request('pinpoint', 'create_a_pinpoint_application', { job_id: '1234', first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com' });
  assert.deepEqual(sent.json.data.relationships, { job: { data: { type: 'jobs', id: '1234' } } });
  assert.deepEqual(sent.json.data.attributes, { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com' });
});

test('application lists ask for confidential jobs when told, with job and stage embedded by default', () => {
  const sent = request('pinpoint', 'list_all_pinpoint_applications', { filter_job_visibility: ['confidential', 'external', 'internal'], filter_job_id: '1234' });
  const query = Object.fromEntries(sent.url.searchParams);
  assert.equal(query['filter[job_visibility]'], 'confidential,external,internal');
  assert.equal(query['filter[job_id]'], '1234');
  assert.equal(query.include, 'job,stage');
  assert.equal(query['fields[jobs]'], 'title,status,visibility');
});

test('a bare string is accepted where a visibility list is expected', () => {
  const sent = request('pinpoint', 'list_all_pinpoint_jobs', { filter_visibility: 'confidential' });
  assert.equal(sent.url.searchParams.get('filter[visibility]'), 'confidential');
});

test('the subdomain cannot move requests to another host', () => {
  for (const subdomain of ['evil.com/x', 'a.b', '-acme', 'acme-', 'ACME']) {
    assert.throws(() => request('pinpoint', 'list_all_pinpoint_jobs', {}, { ...accounts.pinpoint!, context: { subdomain } }), /subdomain/, subdomain);
  }
});

test('an account base_url points a definition at a sandbox', () => {
  const sandbox = { ...accounts.pinpoint!, context: { base_url: 'http://127.0.0.1:4010/api/v1' } };
  const sent = request('pinpoint', 'get_single_pinpoint_job_by_id', { id: '7', include: ['stages'] }, sandbox);
  assert.equal(sent.url.href, 'http://127.0.0.1:4010/api/v1/jobs/7?include=stages');
});

test('a Polymer stage move posts to the nested path with bearer auth', () => {
  const sent = request('polymer', 'create_a_polymer_job_application_stage_move', { job_application_id: '44321', hiring_stage_id: '7' });
  assert.equal(sent.method, 'POST');
  assert.equal(sent.url.href, 'https://api.polymer.co/v1/hire/job_applications/44321/move_stage');
  assert.equal(sent.headers.authorization, 'Bearer sk');
  assert.deepEqual(sent.json, { hiring_stage_id: '7' });
});

test('Polymer comment edits address both the application and the comment', () => {
  const sent = request('polymer', 'update_a_polymer_job_application_comment_by_id', { job_application_id: '44321', id: '9', body: '<p>Edited</p>' });
  assert.equal(sent.method, 'PUT');
  assert.equal(sent.url.href, 'https://api.polymer.co/v1/hire/job_applications/44321/comments/9');
  assert.deepEqual(sent.json, { body: '<p>Edited</p>' });
});
