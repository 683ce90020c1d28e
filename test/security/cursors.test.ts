// next_cursor is signed and bound to the MCP server (or the Proxy API caller's account) and tool that issued it.
// An altered, foreign or hand-made cursor is a clear tool error, and nothing goes upstream.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { json } from '../api/harness.ts';
import { startGateway, type Gateway } from '../mcp/harness.ts';

async function callTool(gateway: Gateway, url: string, name: string, args: Record<string, unknown>) {
  const client = await gateway.connect(url);
  const result = await client.callTool({ name, arguments: args });
  const text = (result.content as { text: string }[]).map((block) => block.text).join('\n');
  return { result, text };
}

/** The same base64url JSON shape a format-v1 cursor had, asking for PII through an include outside the tool's enum. */
function handMadeCursor(tool: string): string {
  return Buffer.from(JSON.stringify({ v: 1, tool, query: { include: 'applications,candidate', 'fields[candidates]': 'email,phone' }, size: 5, position: { index: 0 } })).toString('base64url');
}

test('altered, foreign and hand-made cursors are refused before anything goes upstream', async (t) => {
  const gateway = await startGateway(t);
  const serverA = await gateway.createMcpServer('pinpoint', { config: { methods: ['read'] } });
  const serverB = await gateway.createMcpServer('pinpoint', { config: { methods: ['read'] } });
  const first = await callTool(gateway, serverA.url, 'list_all_pinpoint_candidates', { limit: 2 });
  const cursor = (first.result.structuredContent as { next_cursor: string }).next_cursor;
  assert.ok(cursor, 'a first page with a next_cursor');

  const flipped = (at: number) => cursor.slice(0, at) + (cursor[at] === 'A' ? 'B' : 'A') + cursor.slice(at + 1);
  const attempts: [string, string, string, string][] = [
    ['one byte altered in the content', serverA.url, 'list_all_pinpoint_candidates', flipped(3)],
    ['one byte altered in the signature', serverA.url, 'list_all_pinpoint_candidates', flipped(cursor.length - 2)],
    ['taken to another MCP server of the same account', serverB.url, 'list_all_pinpoint_candidates', cursor],
    ['taken to another tool', serverA.url, 'list_all_pinpoint_jobs', cursor],
    ['hand-made in the old unsigned format', serverA.url, 'list_all_pinpoint_jobs', handMadeCursor('list_all_pinpoint_jobs')],
    ['not a cursor at all', serverA.url, 'list_all_pinpoint_jobs', 'x'.repeat(70_000)],
  ];
  for (const [label, url, tool, attempt] of attempts) {
    const before = gateway.pinpoint.requests.length;
    const { result, text } = await callTool(gateway, url, tool, { next_cursor: attempt });
    assert.equal(result.isError, true, label);
    assert.match(text, new RegExp(`next_cursor: is not a cursor this server issued for ${tool}`), label);
    assert.equal(gateway.pinpoint.requests.length, before, `${label}: nothing went upstream`);
  }

  const second = await callTool(gateway, serverA.url, 'list_all_pinpoint_candidates', { next_cursor: cursor });
  assert.equal(second.result.isError, undefined, 'the untouched cursor still works where it was issued');
});

test('Proxy API cursors are bound to the account and method that issued them', async (t) => {
  const gateway = await startGateway(t);
  const page = async (path: string) => {
    const response = await gateway.api(path);
    return { status: response.status, body: await json(response) };
  };
  const first = await page(`/proxy/candidates?integrated_account_id=${gateway.accounts.pinpoint}&limit=2`);
  assert.equal(first.status, 200);
  const cursor = first.body.next_cursor as string;
  assert.ok(cursor);
  const next = await page(`/proxy/candidates?integrated_account_id=${gateway.accounts.pinpoint}&next_cursor=${cursor}`);
  assert.equal(next.status, 200);

  // A second Pinpoint account of the same tenant, on the same sandbox.
  const created = await gateway.api('/integrated-account', {
    method: 'POST',
    body: { integration: 'pinpoint', name: 'Second', context: { subdomain: 'other', base_url: gateway.pinpoint.url }, credentials: { api_key: 'sandbox-pinpoint-key' } },
  });
  const other = (await json(created)).id as string;
  const before = gateway.pinpoint.requests.length;
  for (const [label, path] of [
    ['another account', `/proxy/candidates?integrated_account_id=${other}&next_cursor=${cursor}`],
    ['another method', `/proxy/jobs?integrated_account_id=${gateway.accounts.pinpoint}&next_cursor=${cursor}`],
    ['an MCP-style hand-made cursor', `/proxy/jobs?integrated_account_id=${gateway.accounts.pinpoint}&next_cursor=${handMadeCursor('list_all_pinpoint_jobs')}`],
  ] as const) {
    const refused = await page(path);
    assert.equal(refused.status, 400, label);
    assert.match(refused.body.error.message, /next_cursor is not a cursor this server issued for list_all_pinpoint_/, label);
  }
  assert.equal(gateway.pinpoint.requests.length, before, 'nothing went upstream');

  const mcp = await gateway.createMcpServer('pinpoint');
  const viaMcp = await callTool(gateway, mcp.url, 'list_all_pinpoint_candidates', { limit: 2 });
  const mcpCursor = (viaMcp.result.structuredContent as { next_cursor: string }).next_cursor;
  const crossed = await page(`/proxy/candidates?integrated_account_id=${gateway.accounts.pinpoint}&next_cursor=${mcpCursor}`);
  assert.equal(crossed.status, 400, 'an MCP server\'s cursor is not the Proxy API\'s');
});
