// The dashboard's pure helpers: schema rows, client snippets, tool grouping and search, log buckets.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bucketize, niceMax, summarize } from '../../dashboard/src/logs.ts';
import { schemaRows, typeLabel } from '../../dashboard/src/schema.ts';
import { serverKey, snippets } from '../../dashboard/src/snippets.ts';
import { describeFilter, exactMethods, methodGroups, tagCounts, toolMatchesSearch } from '../../dashboard/src/tools.ts';

test('schema rows: names, types, required, enums, defaults, nesting', () => {
  const rows = schemaRows({
    type: 'object',
    required: ['id'],
    properties: {
      id: { type: 'string', description: 'The record id' },
      'filter[status]': { type: 'array', items: { type: 'string', enum: ['open', 'closed'] } },
      limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
      when: { type: ['string', 'null'], format: 'date-time' },
      address: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      answers: { type: 'array', items: { type: 'object', properties: { question_id: { type: 'string' } } } },
      kind: { anyOf: [{ const: 'a' }, { const: 'b' }] },
    },
  });
  const by = (path: string) => rows.find((row) => row.path === path)!;
  assert.deepEqual(rows.map((row) => row.path), ['id', 'filter[status]', 'limit', 'when', 'address', 'address.city', 'answers', 'answers[].question_id', 'kind']);
  assert.equal(by('id').required, true);
  assert.equal(by('id').description, 'The record id');
  assert.equal(by('filter[status]').type, 'array of string');
  assert.deepEqual(by('filter[status]').values, ['open', 'closed']);
  assert.equal(by('limit').defaultValue, '20');
  assert.deepEqual(by('limit').constraints, ['min 1', 'max 100']);
  assert.equal(by('when').type, 'string (date-time) | null');
  assert.equal(by('address.city').depth, 1);
  assert.equal(by('address.city').required, true);
  assert.equal(by('answers[].question_id').depth, 1);
  assert.deepEqual(by('kind').values, ['a', 'b']);
  assert.deepEqual(schemaRows(undefined), []);
  assert.equal(typeLabel({}), 'any');
});

test('snippets: mcp-remote for Claude Desktop, URL for ChatGPT, url config for Cursor; never the API token', () => {
  const url = 'https://switchboard.example.com/mcp/abc123';
  const [claude, chatgpt, cursor] = snippets({ name: 'Recruiting (read-only)', url, requireApiToken: false });
  assert.deepEqual(JSON.parse(claude!.code), { mcpServers: { recruiting_read_only: { command: 'npx', args: ['-y', 'mcp-remote', url, '--transport', 'http-only'] } } });
  assert.equal(chatgpt!.code, url);
  assert.deepEqual(JSON.parse(cursor!.code), { mcpServers: { recruiting_read_only: { url } } });

  const withToken = snippets({ name: 'x', url: 'http://10.0.0.5:8080/mcp/t', requireApiToken: true });
  const claudeConfig = JSON.parse(withToken[0]!.code).mcpServers.x;
  assert.ok(claudeConfig.args.includes('--allow-http'), 'plain HTTP off loopback needs --allow-http');
  assert.ok(claudeConfig.args.includes('Authorization:${SWITCHBOARD_AUTH_HEADER}'), 'no spaces in args');
  assert.equal(claudeConfig.env.SWITCHBOARD_AUTH_HEADER, 'Bearer <your Switchboard API token>');
  assert.equal(JSON.parse(withToken[2]!.code).mcpServers.x.headers.Authorization, 'Bearer ${env:SWITCHBOARD_API_TOKEN}');
  assert.ok(withToken[1]!.steps.some((step) => step.includes('cannot send')), 'ChatGPT cannot send the header');
  assert.ok(withToken[1]!.steps.some((step) => step.includes('public HTTPS')), 'a private address does not work from ChatGPT');

  const local = snippets({ name: 'y', url: 'http://localhost:8080/mcp/t', requireApiToken: false });
  assert.equal(JSON.parse(local[0]!.code).mcpServers.y.args.includes('--allow-http'), false, 'loopback is allowed over http');
  assert.equal(serverKey('  !!  '), 'switchboard');
  assert.equal(serverKey('Pinpoint — Jobs & Candidates'), 'pinpoint_jobs_candidates');
});

test('tools: method groups, tag counts, search, filter description', () => {
  const tools = [
    { name: 'list_all_pinpoint_jobs', title: 'List jobs', description: 'Jobs', method: 'list', kind: 'list', tags: ['jobs'] },
    { name: 'get_single_pinpoint_job_by_id', description: 'One job', method: 'get', kind: 'get', tags: ['jobs'] },
    { name: 'create_a_pinpoint_comment', description: 'Comment on an application', method: 'create', kind: 'create', tags: ['comments', 'applications'] },
    { name: 'create_a_polymer_job_application_stage_move', description: 'Move', method: 'stage_move', kind: 'custom', tags: ['applications'] },
  ];
  assert.deepEqual(methodGroups(tools).map((group) => [group.id, group.count]), [['read', 2], ['write', 1], ['custom', 1]]);
  assert.deepEqual(exactMethods(tools), [{ method: 'list', count: 1 }, { method: 'get', count: 1 }, { method: 'create', count: 1 }, { method: 'stage_move', count: 1 }]);
  assert.deepEqual(tagCounts(tools), [{ tag: 'applications', count: 2 }, { tag: 'comments', count: 1 }, { tag: 'jobs', count: 2 }]);
  assert.equal(toolMatchesSearch(tools[0]!, 'list jobs'), true);
  assert.equal(toolMatchesSearch(tools[0]!, 'LIST candidates'), false);
  assert.equal(toolMatchesSearch(tools[2]!, 'application'), true);
  assert.equal(toolMatchesSearch(tools[3]!, ''), true);
  assert.equal(describeFilter({}), 'all tools');
  assert.equal(describeFilter({ methods: ['read'], tags: ['jobs', 'candidates'] }), 'read · tags: jobs, candidates');
});

test('logs: buckets over the range, summary, axis maximum', () => {
  const now = Date.parse('2030-01-01T12:00:00Z');
  const at = (minutesAgo: number, error = false) => ({ time: new Date(now - minutesAgo * 60_000).toISOString(), is_error: error, latency_ms: minutesAgo });
  const entries = [at(1), at(2, true), at(30), at(59), at(61), at(24 * 60 + 5)];
  const hour = bucketize(entries, '1h', now);
  assert.equal(hour.length, 12);
  assert.equal(hour.reduce((sum, bucket) => sum + bucket.calls, 0), 4, 'only the last hour');
  assert.equal(hour.at(-1)!.calls, 2);
  assert.equal(hour.at(-1)!.errors, 1);
  const day = bucketize(entries, '24h', now);
  assert.equal(day.reduce((sum, bucket) => sum + bucket.calls, 0), 5);
  assert.deepEqual(summarize(entries), { calls: 6, errors: 1, errorRate: 1 / 6, p50: 30, p95: 1445 });
  assert.deepEqual(summarize([]), { calls: 0, errors: 0, errorRate: 0, p50: undefined, p95: undefined });
  assert.deepEqual([0, 1, 3, 7, 12, 51, 100, 101].map(niceMax), [1, 1, 5, 10, 20, 100, 100, 200]);
});
