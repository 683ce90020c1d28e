// Switchboard-side filters: filters an API lacks are applied by the engine over pages of the upstream list, never
// sent upstream, with the scan reported; next_cursor continues the scan without skipping or repeating a record.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Engine } from '../../src/execution/engine.ts';
import type { AccountConnection, CallOutcome } from '../../src/execution/types.ts';
import { compileIntegration, type Integration } from '../../src/tools/catalog.ts';
import { json, startUpstream } from '../helpers/upstream.ts';

const people = Array.from({ length: 57 }, (_, i) => ({
  id: String(i + 1),
  first_name: i % 10 === 3 ? 'Sarah' : `Person${i + 1}`,
  last_name: i % 10 === 3 ? `Jenkins${i}` : 'Smith',
  email: `person${i + 1}@example.com`,
}));

function people_(pagination: string, scanBound = 2000): Integration {
  return compileIntegration('integrations/people/definition.yaml', `
format_version: 2
name: people
label: People
description: Test integration whose list takes no filters at all.
base_url: https://people.example/api
credentials: { api_key: { label: API key } }
auth: { kind: bearer, token: "{api_key}" }
pagination: ${pagination}
response: { kind: json, records_path: items }
resources:
  people:
    methods:
      list:
        http_method: GET
        path: /people
        switchboard_filters:
          search: { description: Words found in the name or email., match: contains, fields: [first_name, last_name, email] }
          email: { description: The exact email address., match: equals_ignore_case, fields: [email] }
        switchboard_filter_scan: { max_records: ${scanBound} }
        docs:
          description: List people.
          response_schema: { type: object, properties: { id: { type: string }, first_name: { type: string }, last_name: { type: string }, email: { type: string } } }
`);
}

const pageNumber = '{ kind: page_number, page_param: page, size_param: per_page, default_size: 10, max_size: 20, total: { path: total } }';
const cursor = '{ kind: cursor, cursor_param: cursor, next_cursor_path: next, size_param: limit, default_size: 10, max_size: 20 }';

describe('Switchboard-side filters', () => {
  const engine = new Engine();
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let account: AccountConnection;

  before(async () => {
    // An upstream that ignores every parameter it does not know, as a real API may: a filter sent to it would
    // come back as every record.
    upstream = await startUpstream((request, response) => {
      const size = Number(request.url.searchParams.get('per_page') ?? request.url.searchParams.get('limit'));
      const start = request.url.searchParams.has('page') ? (Number(request.url.searchParams.get('page')) - 1) * size : Number(request.url.searchParams.get('cursor') ?? 0);
      const next = start + size < people.length ? String(start + size) : '';
      json(response, 200, { items: people.slice(start, start + size), next, total: people.length });
    });
    account = { id: 'acct', integration: 'people', context: { base_url: `${upstream.url}/api` }, credentials: { api_key: 'k' } };
  });
  after(async () => {
    await upstream.close();
    await engine.close();
  });

  const call = (integration: Integration, args: Record<string, unknown>, budget?: number) =>
    engine.execute({ integration, tool: integration.toolsByName.get('list_all_people_people')!, account, arguments: args, cursorScope: 'mcp:s', resultBudgetBytes: budget });
  const list = (outcome: CallOutcome) => {
    assert.ok(outcome.ok && outcome.shape === 'list', JSON.stringify(outcome));
    return outcome;
  };

  test('only matching records come back, the filter never goes upstream, and the scan is reported', async () => {
    const integration = people_(pageNumber);
    upstream.requests.length = 0;
    const outcome = list(await call(integration, { search: 'sarah JENKINS' }));
    const expected = people.filter((person) => person.first_name === 'Sarah').map((person) => person.id);
    assert.deepEqual(outcome.result.map((person) => (person as { id: string }).id), expected);
    assert.equal(outcome.scanned_count, people.length);
    assert.equal(outcome.scan_complete, true);
    assert.equal(outcome.total_count, undefined, 'the upstream total counts records scanned, not matches');
    assert.equal(outcome.next_cursor, undefined);
    assert.match(outcome.notice ?? '', /Switchboard applied search itself and scanned the list to its end \(57 records\)/);
    assert.equal(upstream.requests.length, 3, 'pages of the largest size (20): 3 pages for 57 records');
    for (const request of upstream.requests) {
      assert.equal(request.url.searchParams.get('per_page'), '20');
      assert.equal(request.url.search.includes('sarah'), false, 'the filter value never reaches upstream');
      assert.equal(request.url.searchParams.has('search'), false);
    }
    const byEmail = list(await call(integration, { email: 'PERSON42@example.com' }));
    assert.deepEqual(byEmail.result.map((person) => (person as { id: string }).id), ['42']);
  });

  test('a scan stops at limit matches, and next_cursor resumes right after the last record it looked at', async () => {
    for (const pagination of [pageNumber, cursor]) {
      const integration = people_(pagination);
      const seen: string[] = [];
      let next: string | undefined;
      let calls = 0;
      do {
        const outcome = list(await call(integration, { search: 'smith', limit: 7, ...(next ? { next_cursor: next } : {}) }));
        assert.ok(outcome.result.length <= 7);
        seen.push(...outcome.result.map((person) => (person as { id: string }).id));
        next = outcome.next_cursor;
        assert.equal(outcome.scan_complete, next === undefined);
        calls++;
      } while (next && calls < 20);
      assert.deepEqual(seen, people.filter((person) => person.last_name === 'Smith').map((person) => person.id), pagination);
    }
  });

  test('a scan reads at most its bound per call and says it is incomplete', async () => {
    const integration = people_(pageNumber, 15);
    upstream.requests.length = 0;
    const first = list(await call(integration, { search: 'sarah' }));
    assert.equal(first.scanned_count, 15);
    assert.equal(first.scan_complete, false);
    assert.equal(upstream.requests.length, 1, 'one page of 15 (the bound caps the page size)');
    assert.match(first.notice ?? '', /scanned 15 records of 57 so far; more may match: call again with next_cursor/);
    assert.deepEqual(first.result.map((person) => (person as { id: string }).id), ['4', '14']);
    const rest: string[] = [];
    let next = first.next_cursor;
    while (next) {
      const outcome = list(await call(integration, { next_cursor: next }));
      assert.ok(outcome.scanned_count! <= 15);
      rest.push(...outcome.result.map((person) => (person as { id: string }).id));
      next = outcome.next_cursor;
    }
    assert.deepEqual(rest, ['24', '34', '44', '54'], 'the cursor keeps the filter');
  });

  test('a result over the size budget resumes after the last match it returned', async () => {
    const integration = people_(pageNumber);
    const first = list(await call(integration, { search: 'example.com', limit: 20 }, 200));
    assert.ok(first.result.length >= 1 && first.result.length < 20);
    const second = list(await call(integration, { next_cursor: first.next_cursor, limit: 20 }, 200));
    const ids = [...first.result, ...second.result].map((person) => (person as { id: string }).id);
    assert.deepEqual(ids, people.slice(0, ids.length).map((person) => person.id), 'no record skipped or repeated');
    assert.equal(first.scanned_count, first.result.length, 'scanned as far as the last match returned, where the next call resumes');
    assert.match(first.notice ?? '', new RegExp(`scanned ${first.result.length} records of 57 so far, returning the matches that fit the size budget`));
  });

  test('a blank filter value is refused: it would match every record', async () => {
    const integration = people_(pageNumber);
    upstream.requests.length = 0;
    const blank = await call(integration, { search: '   ' });
    assert.equal(blank.ok, false);
    assert.match(JSON.stringify(blank), /search must not be blank: give the text to look for/);
    assert.equal(upstream.requests.length, 0);
  });

  test('filter values are bounded and typed', async () => {
    const integration = people_(pageNumber);
    const tooLong = await call(integration, { search: 'x'.repeat(201) });
    assert.equal(tooLong.ok, false);
    assert.match(JSON.stringify(tooLong), /search must NOT have more than 200 characters/);
    const tool = integration.toolsByName.get('list_all_people_people')!;
    assert.match(tool.description, /search, email are applied by Switchboard, not the API: a call scans up to 2000 records and keeps the matches; scan_complete false means more may match/);
  });
});
