import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonApiRequestBody } from '../../src/execution/jsonapi-request.ts';
import { nextLink } from '../../src/execution/pagination/link-header.ts';
import { upstreamMessage } from '../../src/execution/response/errors.ts';
import { flattenDocument } from '../../src/execution/response/jsonapi.ts';
import { normalizeRateLimit } from '../../src/execution/rate-limit.ts';

const rule = { reset_format: 'seconds' as const, retry_after_header: 'Retry-After' };

test('JSON:API writes: attributes, relationships, polymorphic types and sideposted records', () => {
  const bodySchema = {
    type: 'object',
    properties: {
      body_text: { type: 'string' },
      commentable_type: { type: 'string' },
      commentable_id: { type: 'string', 'x-jsonapi': { relationship: 'commentable', type_argument: 'commentable_type' } },
      job_id: { type: 'string', 'x-jsonapi': { relationship: 'job', type: 'jobs' } },
      custom_attributes: {
        type: 'array', items: { type: 'object' },
        'x-jsonapi': { sidepost: 'custom_attributes', type: 'custom_attributes', relationships: { custom_field_id: { relationship: 'custom_field', type: 'custom_fields' } } },
      },
    },
  };
  assert.deepEqual(jsonApiRequestBody('comments', undefined, { body_text: 'Great', commentable_type: 'applications', commentable_id: 5566 }, bodySchema), {
    data: { type: 'comments', attributes: { body_text: 'Great' }, relationships: { commentable: { data: { type: 'applications', id: '5566' } } } },
  });
  assert.deepEqual(jsonApiRequestBody('candidates', '98765', { custom_attributes: [{ custom_field_id: 25, varchar_value: 'EST' }, { id: 9, text_value: 'x' }] }, bodySchema), {
    data: {
      type: 'candidates', id: '98765', attributes: {},
      relationships: { custom_attributes: { data: [
        { type: 'custom_attributes', 'temp-id': 'custom_attributes-1', method: 'create' },
        { type: 'custom_attributes', id: '9', method: 'update' },
      ] } },
    },
    included: [
      { type: 'custom_attributes', 'temp-id': 'custom_attributes-1', attributes: { varchar_value: 'EST' }, relationships: { custom_field: { data: { type: 'custom_fields', id: '25' } } } },
      { type: 'custom_attributes', id: '9', attributes: { text_value: 'x' } },
    ],
  });
});

test('JSON:API reads: included records are inlined, unrequested relationships dropped, cycles stopped', () => {
  const document = {
    data: [{
      id: '1', type: 'applications', attributes: { first_name: 'Sarah' },
      relationships: { job: { data: { type: 'jobs', id: '7' } }, stage: { data: { type: 'stages', id: '3' } }, offers: { meta: { included: false } } },
    }],
    included: [{ id: '7', type: 'jobs', attributes: { title: 'PM' }, relationships: { applications: { data: [{ type: 'applications', id: '1' }] } } }],
  };
  assert.deepEqual(flattenDocument(document).value, [{
    id: '1', first_name: 'Sarah',
    job: { id: '7', title: 'PM', applications: [{ id: '1', type: 'applications' }] },
    stage: { id: '3', type: 'stages' },
  }]);
  assert.equal(flattenDocument({ meta: null }).value, null);
});

test('rate-limit headers are normalized from seconds, epoch times and Retry-After dates', () => {
  const now = Date.parse('2026-11-22T00:00:00Z');
  const headers = (values: Record<string, string>) => (name: string) => values[name.toLowerCase()];
  assert.deepEqual(normalizeRateLimit({ ...rule, limit_header: 'X-Limit', remaining_header: 'X-Left', reset_header: 'X-Reset', reset_format: 'epoch_seconds' },
    headers({ 'x-limit': '50', 'x-left': '49', 'x-reset': String(now / 1000 + 30) }), 200, now), {
    'ratelimit-limit': '50', 'ratelimit-remaining': '49', 'ratelimit-reset': '30', 'ratelimit-policy': '"default";q=50', ratelimit: '"default";r=49;t=30',
  });
  // The policy's window is the window's length, never the time left until reset: it stays the same as reset runs down.
  const windowed = { ...rule, limit_header: 'X-Limit', reset_header: 'X-Reset', window_seconds: 60 };
  const policies = [57, 25].map((left) => normalizeRateLimit(windowed, headers({ 'x-limit': '50', 'x-reset': String(left) }), 200, now)['ratelimit-policy']);
  assert.deepEqual(policies, ['"default";q=50;w=60', '"default";q=50;w=60']);
  assert.deepEqual(normalizeRateLimit(rule, headers({ 'retry-after': 'Sun, 22 Nov 2026 00:00:12 GMT' }), 429, now), {
    'ratelimit-remaining': '0', 'ratelimit-reset': '12', ratelimit: '"default";r=0;t=12', 'retry-after': '12',
  });
  assert.deepEqual(normalizeRateLimit({ ...rule, limit: 600, window_seconds: 60 }, headers({ 'retry-after': '5' }), 429, now), {
    'ratelimit-limit': '600', 'ratelimit-remaining': '0', 'ratelimit-reset': '5', 'ratelimit-policy': '"default";q=600;w=60', ratelimit: '"default";r=0;t=5', 'retry-after': '5',
  });
  assert.deepEqual(normalizeRateLimit(rule, headers({}), 200, now), {});
  // A hostile or broken header never asks the caller to wait longer than a day.
  for (const retryAfter of ['99999999999999999999', 'Thu, 01 Jan 2099 00:00:00 GMT']) {
    assert.equal(normalizeRateLimit(rule, headers({ 'retry-after': retryAfter }), 429, now)['retry-after'], '86400', retryAfter);
  }
});

test('an upstream error message is passed on up to 2,000 characters', () => {
  const errors = { message_paths: ['error'], in_body: [] };
  assert.equal(upstreamMessage(errors, { error: 'Stage not found' }), 'Stage not found');
  const cut = upstreamMessage(errors, { error: 'x'.repeat(200_000) })!;
  assert.equal(cut.length, 2_000 + '… (cut)'.length);
  assert.match(cut, /… \(cut\)$/);
});

test('Link headers: rel="next" among several relations', () => {
  assert.equal(nextLink('<https://a.example/x?page=1>; rel="prev", <https://a.example/x?page=3>; rel="next"'), 'https://a.example/x?page=3');
  assert.equal(nextLink('<https://a.example/x?page=3>; rel="last"'), undefined);
});
