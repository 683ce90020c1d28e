import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Engine } from '../../src/execution/engine.ts';
import type { AccountConnection, CallOutcome, ToolCall } from '../../src/execution/types.ts';
import { compileIntegration, type Integration } from '../../src/tools/catalog.ts';
import { json, startUpstream } from '../helpers/upstream.ts';

const widgets = Array.from({ length: 23 }, (_, i) => ({ id: String(i + 1), name: `widget ${i + 1}`, color: i % 2 ? 'red' : 'blue' }));

function acme(pagination: string, extra = ''): Integration {
  return compileIntegration('integrations/acme/definition.yaml', `
format_version: 2
name: acme
label: Acme
description: Test integration.
base_url: https://{tenant}.acme.example/api
context:
  tenant: { label: Tenant, pattern: "[a-z0-9-]+" }
credentials:
  api_key: { label: API key }
auth: { kind: header, header: X-Key, value: "{api_key}" }
pagination: ${pagination}
rate_limit:
  limit_header: X-RateLimit-Limit
  remaining_header: X-RateLimit-Remaining
  reset_header: X-RateLimit-Reset
  window_seconds: 60
errors: { message_paths: [errors.0.detail, message] }
response: { kind: json, records_path: items }
resources:
  widgets:
    tags: [widgets]
    methods:
      list:
        http_method: GET
        path: /widgets
        docs:
          description: List widgets.
          query_schema:
            type: object
            properties:
              "filter[color]": { type: array, items: { type: string, enum: [red, blue] }, description: Colors }
      get:
        http_method: GET
        path: /widgets/{id}
        docs: { description: Get one widget. }
      create:
        http_method: POST
        path: /widgets
        docs:
          description: Create a widget.
          body_schema:
            type: object
            required: [name]
            properties:
              name: { type: string, description: Name }
              size: { type: integer, description: Size }
      archive:
        http_method: POST
        path: /widgets/{id}/archive
        read_only: false
${extra}`);
}

const engine = new Engine();
const executeTool = (call: Omit<ToolCall, 'cursorScope'>) => engine.execute({ ...call, cursorScope: 'mcp:test' });

const pageNumber = '{ kind: page_number, page_param: "page[number]", size_param: "page[size]", default_size: 10, max_size: 50 }';

describe('execution engine', () => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let account: AccountConnection;
  let respond: (url: URL, method: string, body: string) => { status: number; body: unknown; headers?: Record<string, string> };

  before(async () => {
    upstream = await startUpstream((request, response) => {
      const answer = respond(request.url, request.method, request.body);
      if (typeof answer.body === 'string') {
        response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        response.end(answer.body);
      } else json(response, answer.status, answer.body, answer.headers);
    });
    account = { id: 'acct', integration: 'acme', context: { tenant: 'demo', base_url: `${upstream.url}/api` }, credentials: { api_key: 'k-123' } };
  });
  after(() => upstream.close());

  const call = (integration: Integration, tool: string, args: Record<string, unknown>, budget?: number) =>
    executeTool({ integration, tool: integration.toolsByName.get(tool)!, account, arguments: args, resultBudgetBytes: budget });

  const pagedBy = (pick: (url: URL) => { start: number; size: number }, extraBody: (start: number, size: number) => Record<string, unknown> = () => ({})) => {
    respond = (url) => {
      const { start, size } = pick(url);
      const color = url.searchParams.get('filter[color]');
      const rows = widgets.filter((w) => !color || color.split(',').includes(w.color));
      return { status: 200, body: { items: rows.slice(start, start + size), ...extraBody(start, size) } };
    };
  };

  async function collect(integration: Integration, args: Record<string, unknown>, budget?: number) {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 50; guard++) {
      const outcome = await call(integration, 'list_all_acme_widgets', { ...args, ...(cursor ? { next_cursor: cursor } : {}) }, budget);
      assert.ok(outcome.ok, JSON.stringify(outcome));
      assert.equal(outcome.shape, 'list');
      seen.push(...(outcome.result as { id: string }[]).map((w) => w.id));
      cursor = outcome.next_cursor;
      if (!cursor) return seen;
    }
    throw new Error('paging did not end');
  }

  test('page-number paging returns every record once and keeps filters in the cursor', async () => {
    const integration = acme(pageNumber);
    pagedBy((url) => {
      const size = Number(url.searchParams.get('page[size]'));
      return { start: (Number(url.searchParams.get('page[number]')) - 1) * size, size };
    });
    upstream.requests.length = 0;
    const ids = await collect(integration, { limit: 5, filter_color: ['red'] });
    assert.deepEqual(ids, widgets.filter((w) => w.color === 'red').map((w) => w.id));
    assert.ok(upstream.requests.every((r) => r.url.searchParams.get('filter[color]') === 'red'), 'filter carried by the cursor');
    assert.ok(upstream.requests.every((r) => r.headers['x-key'] === 'k-123'));
    assert.equal(upstream.requests[0]!.url.pathname, '/api/widgets');
  });

  test('a single string is accepted where an array is expected, and array query values are comma-joined', async () => {
    const integration = acme(pageNumber);
    pagedBy(() => ({ start: 0, size: 50 }));
    upstream.requests.length = 0;
    const outcome = await call(integration, 'list_all_acme_widgets', { filter_color: 'blue', limit: '3' });
    assert.ok(outcome.ok);
    assert.equal(upstream.requests[0]!.url.searchParams.get('filter[color]'), 'blue');
    assert.equal(upstream.requests[0]!.url.searchParams.get('page[size]'), '3');
    upstream.requests.length = 0;
    await call(integration, 'list_all_acme_widgets', { filter_color: ['blue', 'red'] });
    assert.equal(upstream.requests[0]!.url.searchParams.get('filter[color]'), 'blue,red');
  });

  test('offset, cursor and link-header paging also return every record once', async () => {
    const offset = acme('{ kind: offset, offset_param: offset, size_param: count, default_size: 4, max_size: 10 }');
    pagedBy((url) => ({ start: Number(url.searchParams.get('offset')), size: Number(url.searchParams.get('count')) }));
    assert.deepEqual(await collect(offset, { limit: 6 }), widgets.map((w) => w.id));

    const cursor = acme('{ kind: cursor, cursor_param: after, size_param: per_page, next_cursor_path: meta.next, default_size: 4, max_size: 10 }');
    pagedBy(
      (url) => ({ start: Number(url.searchParams.get('after') ?? 0), size: Number(url.searchParams.get('per_page')) }),
      (start, size) => ({ meta: { next: start + size < widgets.length ? String(start + size) : null } }),
    );
    assert.deepEqual(await collect(cursor, {}), widgets.map((w) => w.id));

    const link = acme('{ kind: link_header, size_param: per_page, default_size: 7, max_size: 10 }');
    respond = (url) => {
      const start = Number(url.searchParams.get('start') ?? 0);
      const size = Number(url.searchParams.get('per_page'));
      const more = start + size < widgets.length;
      return {
        status: 200, body: { items: widgets.slice(start, start + size) },
        headers: more ? { link: `<${upstream.url}/api/widgets?start=${start + size}&per_page=${size}>; rel="next", <${upstream.url}/api/widgets?start=0>; rel="first"` } : {} as Record<string, string>,
      };
    };
    assert.deepEqual(await collect(link, {}), widgets.map((w) => w.id));
  });

  test('a next link outside the base URL (another host, or another path of the same host) is never followed', async () => {
    const link = acme('{ kind: link_header, size_param: per_page, default_size: 5, max_size: 10 }');
    for (const target of ['http://169.254.169.254/latest/meta-data', `${upstream.url}/admin/users`, `${upstream.url}/apiary`, '//evil.example/api/widgets', `${upstream.url}/api/..%2f..%2fadmin`, `${upstream.url}/api/widgets%5C..%5C..%5Cadmin`]) {
      respond = () => ({ status: 200, body: { items: widgets.slice(0, 5) }, headers: { link: `<${target}>; rel="next"` } });
      const first = await call(link, 'list_all_acme_widgets', {});
      assert.ok(first.ok && first.shape === 'list', target);
      assert.equal(first.result.length, 5, 'the page itself is returned');
      assert.equal(first.next_cursor, undefined, `no cursor continues to ${target}`);
      assert.match(first.notice ?? '', /The list stops here: the next-page link leaves Acme's API/, target);
    }
    respond = () => ({ status: 200, body: { items: widgets.slice(0, 5) }, headers: { link: `<${upstream.url}/api/widgets?cursor=abc>; rel="next"` } });
    const inside = await call(link, 'list_all_acme_widgets', {});
    assert.ok(inside.ok && inside.shape === 'list' && inside.next_cursor, 'a link under the base URL is followed');
  });

  test('a page larger than the budget is cut at a record boundary and the cursor resumes after the cut', async () => {
    const integration = acme(pageNumber);
    pagedBy((url) => {
      const size = Number(url.searchParams.get('page[size]'));
      return { start: (Number(url.searchParams.get('page[number]')) - 1) * size, size };
    });
    const first = await call(integration, 'list_all_acme_widgets', { limit: 10 }, 150);
    assert.ok(first.ok && first.shape === 'list');
    assert.ok(first.result.length > 0 && first.result.length < 10);
    assert.match(first.notice ?? '', /size budget/);
    assert.deepEqual(await collect(integration, { limit: 10 }, 150), widgets.map((w) => w.id));
  });

  test('changing limit between pages neither skips nor repeats records', async () => {
    const integration = acme(pageNumber);
    pagedBy((url) => {
      const size = Number(url.searchParams.get('page[size]'));
      return { start: (Number(url.searchParams.get('page[number]')) - 1) * size, size };
    });
    const seen: string[] = [];
    let cursor: string | undefined;
    for (const limit of [3, 5, 4, 7, 2, 6, 5, 5, 5, 5, 5, 5]) {
      const outcome = await call(integration, 'list_all_acme_widgets', { limit, ...(cursor ? { next_cursor: cursor } : {}) });
      assert.ok(outcome.ok && outcome.shape === 'list');
      assert.ok(outcome.result.length <= limit);
      seen.push(...outcome.result.map((w) => (w as { id: string }).id));
      cursor = outcome.next_cursor;
      if (!cursor) break;
    }
    assert.deepEqual(seen, widgets.map((w) => w.id));
  });

  test('bad arguments are refused before any request, naming every field', async () => {
    const integration = acme(pageNumber);
    upstream.requests.length = 0;
    const outcome = await call(integration, 'create_a_acme_widget', { size: 'big', nmae: 'x' });
    assert.equal(outcome.ok, false);
    const error = (outcome as Extract<CallOutcome, { ok: false }>).error;
    assert.equal(error.status, 400);
    assert.equal(error.is_remote, false);
    const problems = Object.fromEntries(error.invalid_arguments!.map((p) => [p.argument, p.message]));
    assert.equal(problems.name, 'is required');
    assert.match(problems.nmae!, /did you mean name/);
    assert.match(problems.size!, /integer/);
    const bad = await call(integration, 'list_all_acme_widgets', { filter_color: ['green'] });
    assert.match(JSON.stringify(bad), /must be one of: \\"red\\", \\"blue\\"/);
    const tampered = await call(integration, 'list_all_acme_widgets', { next_cursor: 'not-a-cursor' });
    assert.match(JSON.stringify(tampered), /next_cursor is not a cursor this server issued/);
    assert.equal(upstream.requests.length, 0);
  });

  test('a cursor from one tool is refused by another', async () => {
    const integration = acme(pageNumber, `
  gadgets:
    methods:
      list:
        http_method: GET
        path: /gadgets
        docs: { description: List gadgets. }`);
    pagedBy(() => ({ start: 0, size: 10 }));
    const widgetsPage = await call(integration, 'list_all_acme_widgets', {});
    assert.ok(widgetsPage.ok && widgetsPage.shape === 'list');
    const gadgets = await call(integration, 'list_all_acme_gadgets', { next_cursor: widgetsPage.next_cursor });
    assert.match(JSON.stringify(gadgets), /next_cursor is not a cursor this server issued for list_all_acme_gadgets/);
  });

  test('an upstream 429 comes back once, with normalized rate-limit headers', async () => {
    const integration = acme(pageNumber);
    respond = () => ({ status: 429, body: { message: 'Too many requests' }, headers: { 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '17', 'Retry-After': '17' } });
    upstream.requests.length = 0;
    const outcome = await call(integration, 'get_single_acme_widget_by_id', { id: '1' });
    assert.equal(upstream.requests.length, 1, 'no retry');
    assert.equal(outcome.ok, false);
    assert.deepEqual(outcome.rateLimit, {
      'ratelimit-limit': '100', 'ratelimit-remaining': '0', 'ratelimit-reset': '17',
      'ratelimit-policy': '"default";q=100;w=60', ratelimit: '"default";r=0;t=17', 'retry-after': '17',
    });
    const error = (outcome as Extract<CallOutcome, { ok: false }>).error;
    assert.equal(error.status, 429);
    assert.equal(error.retry_after_seconds, 17);
    assert.equal(error.message, 'Acme answered 429: Too many requests.');
  });

  test('upstream errors carry status, remoteness, the upstream body and its message', async () => {
    const integration = acme(pageNumber);
    respond = () => ({ status: 422, body: { errors: [{ title: 'Validation Error', detail: "name can't be blank" }] } });
    const outcome = await call(integration, 'create_a_acme_widget', { name: 'x' });
    assert.deepEqual((outcome as Extract<CallOutcome, { ok: false }>).error, {
      kind: 'upstream', message: "Acme answered 422: name can't be blank.", status: 422, is_remote: true, upstream_status: 422, upstream_message: "name can't be blank",
      upstream_body: { errors: [{ title: 'Validation Error', detail: "name can't be blank" }] },
    });
  });

  test('redirects are not followed and invalid JSON is reported', async () => {
    const integration = acme(pageNumber);
    respond = () => ({ status: 302, body: '', headers: { location: 'http://elsewhere.example/steal' } });
    upstream.requests.length = 0;
    const redirected = await call(integration, 'get_single_acme_widget_by_id', { id: '1' });
    assert.equal(upstream.requests.length, 1);
    assert.match(JSON.stringify(redirected), /redirects are not followed/);
    respond = () => ({ status: 200, body: '{"items": [' });
    const broken = await call(integration, 'get_single_acme_widget_by_id', { id: '1' });
    assert.equal(broken.ok, false);
    assert.equal((broken as Extract<CallOutcome, { ok: false }>).error.status, 502);
    assert.match(JSON.stringify(broken), /not valid JSON/);
  });

  test('path arguments are encoded and cannot climb out of the API path', async () => {
    const integration = acme(pageNumber);
    respond = () => ({ status: 200, body: { id: 'x' } });
    upstream.requests.length = 0;
    await call(integration, 'get_single_acme_widget_by_id', { id: 'a %2e?x=1#y' });
    assert.equal(upstream.requests[0]!.url.pathname, '/api/widgets/a%20%252e%3Fx%3D1%23y');
    const dots = await call(integration, 'get_single_acme_widget_by_id', { id: '..' });
    assert.match(JSON.stringify(dots), /id cannot be/);
    // A slash is refused even though it would be encoded: proxies that decode paths would make it a separator again.
    const slash = await call(integration, 'get_single_acme_widget_by_id', { id: 'a/../../admin' });
    assert.match(JSON.stringify(slash), /id cannot contain/);
    assert.equal(upstream.requests.length, 1);
  });

  test('account context values must match their pattern before they reach the base URL', async () => {
    const integration = acme(pageNumber);
    const hostile = { ...account, context: { tenant: 'evil.example/x?' } };
    const outcome = await executeTool({ integration, tool: integration.toolsByName.get('get_single_acme_widget_by_id')!, account: hostile, arguments: { id: '1' } });
    assert.equal(outcome.ok, false);
    assert.match((outcome as Extract<CallOutcome, { ok: false }>).error.message, /"tenant" setting is not valid/);
  });

  test('unreachable and slow upstreams fail with 502 and 504 within the timeout', async () => {
    const integration = acme(pageNumber);
    const closed = { ...account, context: { ...account.context, base_url: 'http://127.0.0.1:9/api' } };
    const unreachable = await executeTool({ integration, tool: integration.toolsByName.get('get_single_acme_widget_by_id')!, account: closed, arguments: { id: '1' } });
    assert.equal((unreachable as Extract<CallOutcome, { ok: false }>).error.status, 502);
    const impatient = new Engine({ upstream: { timeoutMs: 200 } });
    try {
      const slow = await startUpstream(() => { /* never answers */ });
      const outcome = await impatient.execute({ integration, tool: integration.toolsByName.get('get_single_acme_widget_by_id')!, account: { ...account, context: { ...account.context, base_url: slow.url } }, arguments: { id: '1' }, cursorScope: 'mcp:test' });
      assert.equal((outcome as Extract<CallOutcome, { ok: false }>).error.status, 504);
      assert.match((outcome as Extract<CallOutcome, { ok: false }>).error.message, /did not answer within 200 ms/);
      await slow.close();
    } finally {
      await impatient.close();
    }
  });

  test('an unpaginated list returns its records as a list, without a cursor', async () => {
    const integration = acme(pageNumber, `
  colors:
    methods:
      list:
        http_method: GET
        path: /colors
        paginated: false
        docs: { description: List colors. }`);
    const tool = integration.toolsByName.get('list_all_acme_colors')!;
    assert.equal('limit' in (tool.inputSchema.properties as object), false);
    respond = () => ({ status: 200, body: { items: [{ id: 'red' }, { id: 'blue' }], meta: { total: 2 } } });
    upstream.requests.length = 0;
    const outcome = await call(integration, 'list_all_acme_colors', {});
    assert.deepEqual(outcome.ok && outcome.shape === 'list' && [outcome.result, outcome.next_cursor], [[{ id: 'red' }, { id: 'blue' }], undefined]);
    assert.equal(upstream.requests[0]!.url.search, '');
  });

  test('the Proxy API path reaches undocumented methods and reports unknown ones', async () => {
    const integration = acme(pageNumber);
    assert.equal(integration.toolsByName.has('archive_a_acme_widget_by_id'), false, 'undocumented methods are not tools');
    respond = () => ({ status: 200, body: { archived: true } });
    upstream.requests.length = 0;
    const archived = await engine.proxy({ integration, resource: 'widgets', method: 'archive', account, arguments: { id: '7', reason: 'old' } });
    assert.deepEqual(archived.ok && archived.result, { archived: true });
    assert.equal(upstream.requests[0]!.url.pathname, '/api/widgets/7/archive');
    assert.deepEqual(JSON.parse(upstream.requests[0]!.body), { reason: 'old' });
    const missing = await engine.proxy({ integration, resource: 'sprockets', method: 'list', account, arguments: {} });
    assert.equal(!missing.ok && missing.error.status, 404);
  });
});
