// GET /integrated-account/:id/tools: the same method and tag filters MCP servers apply.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { json, startTestServer } from './harness.ts';

test('tools of an account, filtered by methods (read, write, custom, exact name) and tags, combined with AND', async (t) => {
  const { api } = await startTestServer(t);
  const { id } = await json(await api('/integrated-account', { method: 'POST', body: { integration: 'acme', context: { subdomain: 'acme' }, credentials: { api_key: 'k' } } }));
  const names = async (query = '') => {
    const response = await api(`/integrated-account/${id}/tools${query}`);
    assert.equal(response.status, 200, query);
    const body = await json(response);
    assert.equal(body.next_cursor, null);
    return body.result.map((tool: { name: string }) => tool.name).sort();
  };

  assert.deepEqual(await names(), [
    'archive_a_acme_widget_by_id', 'create_a_acme_widget', 'delete_a_acme_widget_by_id', 'get_single_acme_widget_by_id',
    'list_all_acme_gadgets', 'list_all_acme_widgets', 'update_a_acme_widget_by_id',
  ], 'undocumented methods (gadgets.get) are not tools');
  assert.deepEqual(await names('?methods=read'), ['get_single_acme_widget_by_id', 'list_all_acme_gadgets', 'list_all_acme_widgets']);
  assert.deepEqual(await names('?methods=write'), ['create_a_acme_widget', 'delete_a_acme_widget_by_id', 'update_a_acme_widget_by_id']);
  assert.deepEqual(await names('?methods=custom'), ['archive_a_acme_widget_by_id']);
  assert.deepEqual(await names('?methods=archive'), ['archive_a_acme_widget_by_id']);
  assert.deepEqual(await names('?methods=list,delete'), ['delete_a_acme_widget_by_id', 'list_all_acme_gadgets', 'list_all_acme_widgets']);
  assert.deepEqual(await names('?methods=list&methods=delete'), ['delete_a_acme_widget_by_id', 'list_all_acme_gadgets', 'list_all_acme_widgets'], 'repeated parameters join like a comma list');
  assert.deepEqual(await names('?tags=gadgets'), ['list_all_acme_gadgets']);
  assert.deepEqual(await names('?tags=writes'), ['create_a_acme_widget', 'delete_a_acme_widget_by_id', 'update_a_acme_widget_by_id'], 'method tags count');
  assert.deepEqual(await names('?methods=read&tags=widgets'), ['get_single_acme_widget_by_id', 'list_all_acme_widgets']);
  assert.deepEqual(await names('?methods=custom&tags=gadgets'), []);
  assert.deepEqual(await names('?methods=nothing'), []);
});

test('each tool carries what an agent sees; bad filters are named', async (t) => {
  const { api } = await startTestServer(t);
  const { id } = await json(await api('/integrated-account', { method: 'POST', body: { integration: 'acme', context: { subdomain: 'acme' }, credentials: { api_key: 'k' } } }));
  const { result } = await json(await api(`/integrated-account/${id}/tools?methods=create`));
  assert.deepEqual(result, [{
    name: 'create_a_acme_widget',
    title: 'Acme HR: Create widget',
    description: 'Create a widget.',
    method: 'create',
    kind: 'create',
    tags: ['widgets', 'writes'],
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    inputSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
  }]);

  const bad = await api(`/integrated-account/${id}/tools?method=read`);
  assert.equal(bad.status, 400);
  assert.deepEqual((await json(bad)).error.details, [{ field: 'method', message: 'is not a known field' }]);
  assert.equal((await api('/integrated-account/00000000-0000-0000-0000-000000000000/tools')).status, 404);
});
