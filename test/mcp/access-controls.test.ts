// Issue 3 acceptance, access controls: MCP servers created through the management API of a real startServer, used
// with the official SDK client against the sandboxes. For each filter kind, require_api_token_auth, expires_at and
// revocation: what is allowed and what is refused (a filtered-out tool is not listed and cannot be called by name).
// Then the request log: metadata of those calls, never their argument values.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { json, readDataFiles } from '../api/harness.ts';
import { eventually } from '../helpers/eventually.ts';
import { post, startGateway, toolCaller, type Gateway, type Integrations, type NewMcpServerBody } from './harness.ts';

const listRequest = { jsonrpc: '2.0', id: 1, method: 'tools/list' };

async function toolNames(client: Client): Promise<string[]> {
  return (await client.listTools()).tools.map((tool) => tool.name).sort();
}

/** Calling a tool the server does not expose is the JSON-RPC error -32602 "Unknown tool", as for a made-up name. */
async function assertUnknownTool(client: Client, name: string, args: Record<string, unknown> = {}): Promise<void> {
  await assert.rejects(client.callTool({ name, arguments: args }), (error: unknown) => {
    assert.ok(error instanceof McpError, String(error));
    assert.equal(error.code, ErrorCode.InvalidParams);
    assert.match(error.message, new RegExp(`Unknown tool: ${name}`));
    return true;
  }, `${name} is refused`);
}

async function serverWith(gateway: Gateway, integration: Integrations, body: NewMcpServerBody) {
  const created = await gateway.createMcpServer(integration, body);
  const client = await gateway.connect(created.url);
  return { created, client, call: toolCaller(client) };
}

test('method and tag filters: exactly the matching tools are listed, and only those can be called', async (t) => {
  const gateway = await startGateway(t);
  const { pinpoint, polymer } = gateway;
  const sarah = pinpoint.state.planted.sarahJenkins;
  const pinpointComments = () => pinpoint.state.comments.all().length;

  await t.test('methods read: list and get tools; create_a_pinpoint_comment is refused by name', async () => {
    const { client, call } = await serverWith(gateway, 'pinpoint', { config: { methods: ['read'] } });
    const names = await toolNames(client);
    assert.ok(names.includes('list_all_pinpoint_candidates') && names.includes('get_single_pinpoint_job_by_id'));
    assert.ok(names.every((name) => /^(list_all|get_single)_pinpoint_/.test(name)), names.join(', '));
    assert.equal((await call('get_single_pinpoint_candidate_by_id', { id: sarah.candidateId })).first_name, 'Sarah');
    const before = pinpointComments();
    await assertUnknownTool(client, 'create_a_pinpoint_comment', { body_text: 'x', commentable_type: 'applications', commentable_id: sarah.applicationId });
    await assertUnknownTool(client, 'delete_a_pinpoint_job_by_id', { id: sarah.productManagerJobId });
    assert.equal(pinpointComments(), before, 'nothing reached the upstream');
  });

  await t.test('methods write: create, update and delete tools; reads are refused', async () => {
    const { client, call } = await serverWith(gateway, 'pinpoint', { config: { methods: ['write'] } });
    const names = await toolNames(client);
    assert.ok(names.includes('create_a_pinpoint_comment') && names.includes('update_a_pinpoint_candidate_by_id') && names.includes('delete_a_pinpoint_job_by_id'));
    assert.ok(names.every((name) => /^(create_a|update_a|delete_a)_pinpoint_/.test(name)), names.join(', '));
    const before = pinpointComments();
    await call('create_a_pinpoint_comment', { body_text: 'Allowed by write', commentable_type: 'applications', commentable_id: sarah.applicationId });
    assert.equal(pinpointComments(), before + 1);
    await assertUnknownTool(client, 'list_all_pinpoint_candidates');
    await assertUnknownTool(client, 'get_single_pinpoint_candidate_by_id', { id: sarah.candidateId });
  });

  await t.test('methods custom: the non-CRUD methods only; a stage move is a create and is refused', async () => {
    const { client, call } = await serverWith(gateway, 'polymer', { config: { methods: ['custom'] } });
    assert.deepEqual(await toolNames(client), ['archive_a_polymer_job_application_by_id', 'import_a_polymer_job_application']);
    const { jobApplicationId } = polymer.state.planted.jobApplication44321;
    assert.equal((await call('archive_a_polymer_job_application_by_id', { id: String(jobApplicationId) })).status, 'archived');
    assert.equal(polymer.state.jobApplications.get(jobApplicationId)!.status, 'archived');
    const planted = polymer.state.planted.jobApplication55432;
    await assertUnknownTool(client, 'create_a_polymer_job_application_stage_move', { job_application_id: String(planted.jobApplicationId), hiring_stage_id: String(planted.nextHiringStageId) });
    assert.equal(polymer.state.jobApplications.get(planted.jobApplicationId)!.hiring_stage_id, planted.currentHiringStageId, 'not moved');
    await assertUnknownTool(client, 'list_all_polymer_job_applications');
  });

  await t.test('an exact method name: only that method of every resource', async () => {
    const archive = await serverWith(gateway, 'polymer', { config: { methods: ['archive'] } });
    assert.deepEqual(await toolNames(archive.client), ['archive_a_polymer_job_application_by_id']);
    await assertUnknownTool(archive.client, 'import_a_polymer_job_application', {});
    const { client, call } = await serverWith(gateway, 'pinpoint', { config: { methods: ['get'] } });
    const names = await toolNames(client);
    assert.ok(names.length > 5 && names.every((name) => name.startsWith('get_single_pinpoint_')), names.join(', '));
    assert.equal((await call('get_single_pinpoint_candidate_by_id', { id: sarah.candidateId })).last_name, 'Jenkins');
    await assertUnknownTool(client, 'list_all_pinpoint_candidates');
  });

  await t.test('tags: a tool passes with at least one listed tag', async () => {
    const { client, call } = await serverWith(gateway, 'pinpoint', { config: { tags: ['comments', 'interviews'] } });
    assert.deepEqual(await toolNames(client), [
      'create_a_pinpoint_comment', 'get_single_pinpoint_comment_by_id', 'get_single_pinpoint_interview_by_id',
      'list_all_pinpoint_comments', 'list_all_pinpoint_interviews',
    ]);
    const comments = await call('list_all_pinpoint_comments', { filter_commentable_id: sarah.applicationId, filter_commentable_type: 'Application' });
    assert.ok((comments.result as unknown[]).length >= sarah.commentIds.length);
    await assertUnknownTool(client, 'list_all_pinpoint_jobs');
    await assertUnknownTool(client, 'get_single_pinpoint_candidate_by_id', { id: sarah.candidateId });
  });

  await t.test('methods AND tags: both must match', async () => {
    const { client, call } = await serverWith(gateway, 'pinpoint', { config: { methods: ['read'], tags: ['comments'] } });
    assert.deepEqual(await toolNames(client), ['get_single_pinpoint_comment_by_id', 'list_all_pinpoint_comments']);
    assert.ok(await call('get_single_pinpoint_comment_by_id', { id: sarah.commentIds[0] }));
    await assertUnknownTool(client, 'create_a_pinpoint_comment', { body_text: 'x', commentable_type: 'applications', commentable_id: sarah.applicationId });
    await assertUnknownTool(client, 'list_all_pinpoint_jobs');
  });

  await t.test('discovery exposure searches, describes and calls only the filtered tools', async () => {
    const { client, call } = await serverWith(gateway, 'pinpoint', { config: { tool_exposure: 'discovery', methods: ['read'], tags: ['comments'] } });
    assert.deepEqual(await toolNames(client), ['call_tool', 'get_tool_schema', 'search_tools']);
    const found = await call('search_tools', { query: 'create a comment on an application', limit: 10 });
    assert.deepEqual((found.tools as { name: string }[]).map((tool) => tool.name).sort(), ['get_single_pinpoint_comment_by_id', 'list_all_pinpoint_comments']);
    const schema = await client.callTool({ name: 'get_tool_schema', arguments: { tool_names: ['create_a_pinpoint_comment'] } });
    assert.equal(schema.isError, true);
    const before = pinpointComments();
    const refused = await client.callTool({ name: 'call_tool', arguments: { tool_name: 'create_a_pinpoint_comment', arguments: { body_text: 'x', commentable_type: 'applications', commentable_id: sarah.applicationId } } });
    assert.equal(refused.isError, true);
    assert.match(JSON.stringify(refused.content), /Unknown tool: create_a_pinpoint_comment/);
    assert.equal(pinpointComments(), before);
    const listed = await call('call_tool', { tool_name: 'list_all_pinpoint_comments', arguments: { limit: 1 } });
    assert.equal(listed.result_count, 1);
    await assertUnknownTool(client, 'list_all_pinpoint_comments', { limit: 1 });
  });
});

test('require_api_token_auth: the URL alone, or with another tenant\'s API token, is 401; with its tenant\'s token it works', async (t) => {
  const gateway = await startGateway(t);
  const created = await gateway.createMcpServer('polymer', { config: { methods: ['read'], require_api_token_auth: true } });
  const other = await gateway.otherTenant();
  for (const [label, headers] of [
    ['no header', {}],
    ["another tenant's API token", { authorization: `Bearer ${other.token}` }],
    ['an unknown token', { authorization: 'Bearer sb_not-a-real-token-at-all' }],
    ['a malformed header', { authorization: gateway.token }],
  ] as [string, Record<string, string>][]) {
    const response = await post(created.url, listRequest, headers);
    assert.equal(response.status, 401, label);
    assert.match((await response.json()).error.message, /requires the header "Authorization: Bearer <API token>"/, label);
  }
  await assert.rejects(gateway.connect(created.url), 'the SDK client cannot connect without the token');

  const client = await gateway.connect(created.url, { headers: { authorization: `Bearer ${gateway.token}` } });
  assert.ok((await toolNames(client)).includes('list_all_polymer_jobs'));
  assert.equal((await toolCaller(client)('list_all_polymer_jobs', { limit: 2 })).result_count, 2);

  const open = await gateway.createMcpServer('polymer', { config: { methods: ['read'] } });
  assert.equal((await post(open.url, listRequest)).status, 200, 'without the option the URL is enough');
  gateway.logs.assertFree([created.token, gateway.token, other.token]);
});

test('expires_at: the URL stops the moment it passes, before any sweep; the sweeper then deletes the row', async (t) => {
  let skew = 0;
  const now = () => Date.now() + skew;
  const gateway = await startGateway(t, { now });
  const { running, tenant, accounts, api } = gateway;
  const expiresAt = new Date(now() + 61_000).toISOString();
  const created = await gateway.createMcpServer('pinpoint', { config: { methods: ['read'] }, expires_at: expiresAt });
  assert.equal(created.expires_at, expiresAt);
  const client = await gateway.connect(created.url);
  assert.ok((await toolNames(client)).length > 0, 'works before expiry');

  const path = `/integrated-account/${accounts.pinpoint}/mcp/${created.id}`;
  const closer = await api(path, { method: 'PATCH', body: { expires_at: new Date(now() + 30_000).toISOString() } });
  assert.equal(closer.status, 400, 'an expiry under 60 s ahead is refused');
  assert.match((await json(closer)).error.message, /at least 60 seconds/);

  skew += 60_000;
  assert.equal((await post(created.url, listRequest)).status, 200, 'still valid one second before');
  skew += 1_000;
  const refused = await post(created.url, listRequest);
  assert.equal(refused.status, 404, 'refused the moment expires_at passes');
  assert.match((await refused.json()).error.message, /unknown, was deleted or has expired/);
  await assert.rejects(client.listTools(), 'the connected client is refused too');
  assert.ok(await running.store.getMcpServer(tenant.id, accounts.pinpoint, created.id), 'the row is still there: no sweep has run');

  assert.equal(await running.expirySweeper.sweep(), 1);
  assert.equal(await running.store.getMcpServer(tenant.id, accounts.pinpoint, created.id), undefined, 'the sweeper deleted it');
  assert.equal((await api(path)).status, 404);
});

test('revoking (DELETE) refuses the URL at once; a PATCH of the filter changes the tools at once', async (t) => {
  const gateway = await startGateway(t); // the token cache is on (1 s): invalidation, not expiry of the cache, does this
  const created = await gateway.createMcpServer('pinpoint', { config: { methods: ['read'] } });
  const path = `/integrated-account/${gateway.accounts.pinpoint}/mcp/${created.id}`;
  const client = await gateway.connect(created.url);
  assert.ok((await toolNames(client)).includes('list_all_pinpoint_jobs'));

  assert.equal((await gateway.api(path, { method: 'PATCH', body: { config: { methods: ['create'], tags: ['comments'] } } })).status, 200);
  assert.deepEqual(await toolNames(client), ['create_a_pinpoint_comment']);
  await assertUnknownTool(client, 'list_all_pinpoint_jobs');

  assert.equal((await gateway.api(path, { method: 'DELETE' })).status, 204);
  assert.equal((await post(created.url, listRequest)).status, 404);
  await assert.rejects(client.listTools());
});

test('the MCP request log records metadata of each call, filterable, and never an argument value', async (t) => {
  const gateway = await startGateway(t);
  const { api, dataDir, logs, pinpoint } = gateway;
  const marker = `marker-${randomBytes(12).toString('hex')}`;
  const created = await gateway.createMcpServer('pinpoint', { config: { tags: ['comments', 'candidates'] } });
  const other = await gateway.createMcpServer('polymer', { config: { methods: ['read'] } });
  const client = await gateway.connect(created.url, { name: 'log-test-agent', version: '7.1.0' });
  const call = toolCaller(client);
  await call('list_all_pinpoint_candidates', { filter_search: marker, limit: 5 });
  await call('create_a_pinpoint_comment', { body_text: `Note ${marker}`, commentable_type: 'applications', commentable_id: pinpoint.state.planted.sarahJenkins.applicationId });
  await assert.rejects(call('create_a_pinpoint_comment', { body_text: '', commentable_type: 'applications', commentable_id: marker }), /failed/);
  await assertUnknownTool(client, 'list_all_pinpoint_jobs', { filter_search: marker });
  await toolCaller(await gateway.connect(other.url, { name: 'other-agent', version: '1' }))('list_all_polymer_jobs', { limit: 1 });
  assert.equal(pinpoint.state.comments.where((comment) => comment.body_text === `Note ${marker}`).length, 1, 'the argument did reach the upstream');

  // The writer flushes in batches; wait for the last call to arrive.
  const query = async (filter: string) => {
    const response = await api(`/log?log_type=mcp${filter}`);
    const text = await response.text();
    assert.equal(response.status, 200, text);
    assert.equal(text.includes(marker), false, 'no argument value in the log API');
    return JSON.parse(text).result as Record<string, unknown>[];
  };
  await eventually('the five calls reach the log', async () => (await query('&rpc_method=tools/call')).length >= 5);

  const calls = await query(`&mcp_server_id=${created.id}&rpc_method=tools/call`);
  assert.deepEqual(calls.map((entry) => [entry.tool_name, entry.upstream_status, entry.is_error]), [
    ['list_all_pinpoint_jobs', null, true],
    ['create_a_pinpoint_comment', 422, true],
    ['create_a_pinpoint_comment', 201, false],
    ['list_all_pinpoint_candidates', 200, false],
  ], 'newest first: tool, upstream status, error flag');
  for (const entry of calls) {
    assert.deepEqual(Object.keys(entry).sort(), [
      'client_name', 'client_version', 'id', 'integrated_account_id', 'is_error', 'latency_ms', 'mcp_server_id', 'oauth_client_id', 'oauth_client_name',
      'rpc_method', 'time', 'tool_name', 'upstream_status', 'user_email', 'user_id',
    ]);
    assert.equal(entry.client_name, 'log-test-agent');
    assert.equal(entry.client_version, '7.1.0');
    assert.equal(entry.integrated_account_id, gateway.accounts.pinpoint);
    assert.equal(typeof entry.latency_ms, 'number');
    assert.ok(!Number.isNaN(Date.parse(String(entry.time))));
  }
  const methods = new Set((await query(`&mcp_server_id=${created.id}`)).map((entry) => entry.rpc_method));
  assert.ok(methods.has('initialize') && methods.has('tools/call'), [...methods].join(', '));
  assert.equal((await query('&tool_name=create_a_pinpoint_comment')).length, 2);
  assert.deepEqual((await query('&client_name=other-agent&rpc_method=tools/call')).map((entry) => [entry.mcp_server_id, entry.tool_name]), [[other.id, 'list_all_polymer_jobs']]);
  assert.ok((await query(`&integrated_account_id=${gateway.accounts.polymer}`)).every((entry) => entry.mcp_server_id === other.id));

  assert.equal(readDataFiles(dataDir).includes(marker), false, 'no argument value in the database files');
  logs.assertFree([marker, created.token, other.token]);
});
