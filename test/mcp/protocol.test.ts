// Streamable HTTP edge cases on the raw wire: versions, status codes, media types, Origin/Host, tokens, batches,
// JSON-RPC errors, statelessness.
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { initializeRequest, post, startMcpTestServer, type McpTestServer } from './harness.ts';

let mcp: McpTestServer;
before(async () => {
  mcp = await startMcpTestServer();
});
after(() => mcp.close());

const listRequest = (id: number | string = 2) => ({ jsonrpc: '2.0', id, method: 'tools/list' });

describe('initialize and version negotiation', () => {
  test('answers the client\'s revision when supported, the latest legacy one otherwise', async () => {
    const { url } = mcp.add();
    for (const version of ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05']) {
      const response = await post(url, initializeRequest(version));
      assert.equal(response.status, 200);
      const body = await response.json();
      assert.equal(body.result.protocolVersion, version);
      assert.deepEqual(body.result.capabilities, { tools: { listChanged: false } });
      assert.equal(body.result.serverInfo.name, 'switchboard');
      assert.match(body.result.instructions, /next_cursor/);
    }
    for (const version of ['2099-01-01', '2024-10-07', '2026-07-28']) {
      const body = await (await post(url, initializeRequest(version))).json();
      assert.equal(body.result.protocolVersion, '2025-11-25', version);
    }
  });

  test('a protocolVersion that is not a revision is -32602 with supported and requested', async () => {
    const { url } = mcp.add();
    for (const version of ['1.0.0', undefined, 42]) {
      const request = initializeRequest();
      const body = await (await post(url, { ...request, params: { ...request.params, protocolVersion: version } })).json();
      assert.equal(body.error.code, -32602, String(version));
      assert.equal(body.error.message, 'Unsupported protocol version');
      assert.ok(body.error.data.supported.includes('2025-11-25'));
      assert.deepEqual(body.error.data.requested, version ?? null);
    }
  });

  test('stateless: requests need no initialize and no session; any session id is accepted', async () => {
    const { url } = mcp.add();
    const init = await post(url, initializeRequest());
    const session = init.headers.get('mcp-session-id');
    assert.ok(session && /^[\x21-\x7e]+$/.test(session), 'the session id is visible ASCII');
    const variants: Record<string, string>[] = [{}, { 'mcp-session-id': session! }, { 'mcp-session-id': 'from-another-node' }, { 'mcp-protocol-version': '2025-11-25' }];
    for (const headers of variants) {
      const response = await post(url, listRequest(), headers);
      assert.equal(response.status, 200, JSON.stringify(headers));
      assert.ok((await response.json()).result.tools.length > 0);
    }
  });

  test('MCP-Protocol-Version: missing means 2025-03-26, unsupported is 400', async () => {
    const { url } = mcp.add();
    assert.equal((await post(url, listRequest())).status, 200);
    const response = await post(url, listRequest(), { 'mcp-protocol-version': '2024-01-01' });
    assert.equal(response.status, 400);
    const body = await response.json();
    assert.equal(body.error.code, -32022);
    assert.equal(body.error.data.requested, '2024-01-01');
    assert.equal(body.id, 2);
    // initialize takes its revision from the body, whatever the header says
    assert.equal((await post(url, initializeRequest('2025-06-18'), { 'mcp-protocol-version': 'garbage' })).status, 200);
  });

  test('ping answers an empty result', async () => {
    const { url } = mcp.add();
    const body = await (await post(url, { jsonrpc: '2.0', id: 'p', method: 'ping' }, { 'mcp-protocol-version': '2025-11-25' })).json();
    assert.deepEqual(body, { jsonrpc: '2.0', id: 'p', result: {} });
  });
});

describe('HTTP status codes', () => {
  test('notifications and responses: 202 with no body', async () => {
    const { url } = mcp.add();
    for (const body of [
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 1 } },
      { jsonrpc: '2.0', id: 7, result: {} },
    ]) {
      const response = await post(url, body, { 'mcp-protocol-version': '2025-11-25' });
      assert.equal(response.status, 202);
      assert.equal(await response.text(), '');
    }
  });

  test('GET without SSE intent, DELETE and other methods: 405 with Allow', async () => {
    const { url } = mcp.add();
    const get = await fetch(url, { headers: { accept: 'text/event-stream', 'mcp-protocol-version': '2025-11-25' } });
    assert.equal(get.status, 405);
    assert.equal(get.headers.get('allow'), 'POST');
    assert.equal((await fetch(url, { headers: { accept: 'application/json' } })).status, 405);
    const del = await fetch(url, { method: 'DELETE', headers: { 'mcp-session-id': 'x' } });
    assert.equal(del.status, 405);
    assert.equal(((await del.json()) as { error: { code: number } }).error.code, -32000);
    assert.equal((await fetch(url, { method: 'PUT', body: '{}' })).status, 405);
    assert.equal((await fetch(`${url}/sse`, { method: 'POST', body: '{}' })).status, 405);
    assert.equal((await fetch(`${url}/messages`)).status, 405);
  });

  test('Accept: 406 only when the client takes neither JSON nor an event stream', async () => {
    const { url } = mcp.add();
    assert.equal((await post(url, listRequest(), { accept: 'text/html' })).status, 406);
    assert.equal((await post(url, listRequest(), { accept: 'application/json;q=0, text/html' })).status, 406);
    for (const accept of ['application/json', '*/*', 'application/*', '']) {
      const response = await post(url, listRequest(), { accept });
      assert.equal(response.status, 200, accept);
      assert.equal(response.headers.get('content-type'), 'application/json');
    }
    const sse = await post(url, listRequest(), { accept: 'text/event-stream' });
    assert.equal(sse.status, 200);
    assert.equal(sse.headers.get('content-type'), 'text/event-stream');
    const text = await sse.text();
    assert.match(text, /^event: message\ndata: \{"jsonrpc":"2.0","id":2,"result":\{"tools":/);
  });

  test('Content-Type other than JSON: 415', async () => {
    const { url } = mcp.add();
    assert.equal((await post(url, listRequest(), { 'content-type': 'text/plain' })).status, 415);
    const missing = await fetch(url, { method: 'POST', headers: { accept: 'application/json' }, body: new Blob([JSON.stringify(listRequest())]) });
    assert.equal(missing.status, 415);
    assert.equal((await post(url, listRequest(), { 'content-type': 'application/json; charset=utf-8' })).status, 200);
  });

  test('unknown, deleted or mistyped tokens: 404, never 401', async () => {
    const { url, token } = mcp.add();
    assert.equal((await post(`${mcp.origin}/mcp/not-a-real-token`, listRequest())).status, 404);
    assert.equal((await post(`${mcp.origin}/mcp/bad%20token`, listRequest())).status, 404);
    assert.equal((await post(`${mcp.origin}/mcp/${token}/extra/parts`, listRequest())).status, 404);
    assert.equal((await post(url, listRequest())).status, 200);
    mcp.remove(token);
    const gone = await post(url, listRequest());
    assert.equal(gone.status, 404);
    assert.equal(gone.headers.get('www-authenticate'), null);
    assert.equal((await gone.json()).error.code, -32000);
  });

  test('body over 1 MiB: 413', async () => {
    const { url } = mcp.add();
    const big = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'x', arguments: { pad: 'x'.repeat(1024 * 1024) } } });
    const response = await post(url, big);
    assert.equal(response.status, 413);
  });

  test('require_api_token_auth: 401 without a Bearer API token of the same tenant, and no OAuth challenge', async () => {
    const { url, tenantId } = mcp.add({ config: { require_api_token_auth: true }, tenantId: 'tenant-a' });
    const other = mcp.apiToken('tenant-b');
    const own = mcp.apiToken(tenantId);
    const variants: Record<string, string>[] = [{}, { authorization: `Bearer ${other}` }, { authorization: own }, { authorization: 'Basic abc' }];
    for (const headers of variants) {
      const response = await post(url, listRequest(), headers);
      assert.equal(response.status, 401, JSON.stringify(headers));
      assert.equal(response.headers.get('www-authenticate'), null);
      const body = await response.json();
      assert.equal(body.jsonrpc, '2.0');
      assert.match(body.error.message, /Authorization: Bearer/);
    }
    assert.equal((await post(url, listRequest(), { authorization: `Bearer ${own}` })).status, 200);
  });
});

describe('Origin and Host (DNS-rebinding protection)', () => {
  test('a foreign Origin is 403; own host, loopback and configured origins pass with CORS headers', async () => {
    const { url } = mcp.add();
    const evil = await post(url, listRequest(), { origin: 'https://evil.example' });
    assert.equal(evil.status, 403);
    assert.equal((await evil.json()).error.code, -32000);
    assert.equal((await post(url, listRequest(), { origin: 'null' })).status, 403);
    const allowed = await post(url, listRequest(), { origin: 'https://allowed.example' });
    assert.equal(allowed.status, 200);
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://allowed.example');
    assert.equal((await post(url, listRequest(), { origin: mcp.origin })).status, 200);
    assert.equal((await post(url, listRequest(), { origin: mcp.localhostOrigin })).status, 200);
  });

  test('on a loopback binding a foreign Host is 403 even without Origin', async () => {
    const { token } = mcp.add();
    const port = new URL(mcp.origin).port;
    const status = (host: string) => new Promise<number>((resolve, reject) => {
      const body = JSON.stringify(listRequest());
      const req = httpRequest({
        host: '127.0.0.1', port, path: `/mcp/${token}`, method: 'POST',
        headers: { host, 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'content-length': Buffer.byteLength(body) },
      }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.end(body);
    });
    assert.equal(await status('evil.example.com'), 403);
    assert.equal(await status(`evil.example.com:${port}`), 403);
    assert.equal(await status(`localhost:${port}`), 200);
    assert.equal(await status(`127.0.0.1:${port}`), 200);
    assert.equal(await status(`[::1]:${port}`), 200);
  });

  test('CORS preflight for allowed origins only', async () => {
    const { url } = mcp.add();
    const ok = await fetch(url, { method: 'OPTIONS', headers: { origin: 'https://allowed.example', 'access-control-request-method': 'POST' } });
    assert.equal(ok.status, 204);
    assert.match(ok.headers.get('access-control-allow-headers') ?? '', /mcp-protocol-version/);
    const refused = await fetch(url, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    assert.equal(refused.status, 403);
  });
});

describe('JSON-RPC', () => {
  test('parse error -32700, invalid request -32600, unknown method -32601', async () => {
    const { url } = mcp.add();
    const parse = await post(url, '{"jsonrpc": "2.0", "id": 1, "method": ');
    assert.equal(parse.status, 400);
    assert.equal((await parse.json()).error.code, -32700);
    for (const body of [{ jsonrpc: '1.0', id: 1, method: 'ping' }, { jsonrpc: '2.0', id: null, method: 'ping' }, { jsonrpc: '2.0', id: 1 }, 'null', '"text"']) {
      const response = await post(url, body);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal((await response.json()).error.code, -32600, JSON.stringify(body));
    }
    const unknown = await post(url, { jsonrpc: '2.0', id: 9, method: 'resources/list' }, { 'mcp-protocol-version': '2025-11-25' });
    assert.equal(unknown.status, 200);
    assert.deepEqual(await unknown.json(), { jsonrpc: '2.0', id: 9, error: { code: -32601, message: 'Method not found: resources/list' } });
    const params = await (await post(url, { jsonrpc: '2.0', id: 3, method: 'tools/list', params: [1] })).json();
    assert.equal(params.error.code, -32602);
  });

  test('batches only in 2025-03-26 (and with no version header, which means 2025-03-26)', async () => {
    const { url } = mcp.add();
    const batch = [listRequest(1), { jsonrpc: '2.0', method: 'notifications/initialized' }, { jsonrpc: '2.0', id: 2, method: 'ping' }, { jsonrpc: '2.0', id: 3, method: 'nope' }];
    const variants: Record<string, string>[] = [{}, { 'mcp-protocol-version': '2025-03-26' }];
    for (const headers of variants) {
      const response = await post(url, batch, headers);
      assert.equal(response.status, 200);
      const replies = await response.json();
      assert.equal(replies.length, 3);
      assert.ok(replies[0].result.tools.length > 0);
      assert.deepEqual(replies[1], { jsonrpc: '2.0', id: 2, result: {} });
      assert.equal(replies[2].error.code, -32601);
    }
    for (const version of ['2025-06-18', '2025-11-25']) {
      const response = await post(url, batch, { 'mcp-protocol-version': version });
      assert.equal(response.status, 400, version);
      assert.equal((await response.json()).error.code, -32600);
    }
    const notifications = await post(url, [{ jsonrpc: '2.0', method: 'notifications/initialized' }]);
    assert.equal(notifications.status, 202);
    assert.equal((await post(url, [])).status, 400);
    const withInitialize = await (await post(url, [initializeRequest()])).json();
    assert.equal(withInitialize[0].error.code, -32600);
  });
});

describe('tools/list', () => {
  test('one page with every filtered tool; identical for the same URL whatever came before', async () => {
    const { url } = mcp.add({ config: { methods: ['read'], tags: ['candidates'] } });
    const first = await (await post(url, listRequest(1))).text();
    await post(url, { jsonrpc: '2.0', id: 5, method: 'tools/call', params: { name: 'list_all_pinpoint_candidates', arguments: { limit: 1 } } });
    await post(url, initializeRequest('2025-03-26'));
    const second = await (await post(url, listRequest(1), { 'mcp-protocol-version': '2025-11-25' })).text();
    assert.equal(second, first);
    const { result } = JSON.parse(first);
    assert.equal(result.nextCursor, undefined);
    const names = result.tools.map((tool: { name: string }) => tool.name);
    assert.ok(names.includes('list_all_pinpoint_candidates') && names.includes('get_single_pinpoint_application_by_id'));
    assert.ok(names.every((name: string) => /^(list_all|get_single)_/.test(name)), 'methods: read keeps get and list only');
    for (const tool of result.tools) {
      assert.ok(tool.title && tool.description, tool.name);
      assert.equal(tool.inputSchema.type, 'object');
      assert.deepEqual(Object.keys(tool.annotations).sort(), ['destructiveHint', 'idempotentHint', 'openWorldHint', 'readOnlyHint']);
      assert.equal(tool.annotations.readOnlyHint, true);
    }
    assert.ok(result.tools.find((tool: { name: string }) => tool.name === 'list_all_pinpoint_candidates').outputSchema);
  });

  test('a cursor is accepted only empty (all tools are on one page)', async () => {
    const { url } = mcp.add();
    assert.ok((await (await post(url, { jsonrpc: '2.0', id: 1, method: 'tools/list', params: { cursor: null } })).json()).result);
    const bad = await (await post(url, { jsonrpc: '2.0', id: 1, method: 'tools/list', params: { cursor: 'abc' } })).json();
    assert.equal(bad.error.code, -32602);
  });
});
