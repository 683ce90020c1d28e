// Inputs as models send them, and results that explain themselves (issue 13, points 1, 3 and 4), through the engine
// against a local upstream: nulls, id arrays, plain dates, another tool's spelling of a value, field selection,
// an empty result that names the argument to change, and a refusal that names the tool listing valid values.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Engine } from '../../src/execution/engine.ts';
import type { AccountConnection, CallOutcome } from '../../src/execution/types.ts';
import { compileIntegration, type Integration } from '../../src/tools/catalog.ts';
import { json, startUpstream } from '../helpers/upstream.ts';

const definition = (queryArrays: 'comma' | 'repeat') => compileIntegration('integrations/hire/definition.yaml', `
format_version: 2
name: hire
label: Hire
description: Test integration.
base_url: https://hire.example/api
credentials: { api_key: { label: API key } }
auth: { kind: bearer, token: "{api_key}" }
request: { format: json, query_arrays: ${queryArrays} }
pagination: { kind: page_number, page_param: page, size_param: per_page, default_size: 10, max_size: 50 }
response: { kind: json, records_path: items }
resources:
  applications:
    methods:
      list:
        http_method: GET
        path: /applications
        fields_parameter: fields
        empty_notice: { text: Applications to confidential jobs are left out unless visibility includes confidential., unless_argument: visibility }
        docs:
          description: List applications.
          query_schema:
            type: object
            properties:
              job_id: { type: string, description: A job, x-values-from: list_all_hire_jobs }
              visibility: { type: array, items: { type: string, enum: [public, confidential] }, description: Visibilities. }
              created_after: { type: string, format: date-time, description: Created after. }
              owner_type: { type: string, enum: [Application, JobSeeker], x-aliases: { applications: Application, job_seekers: JobSeeker }, description: Owner type. }
              note: { type: string, description: Free text. }
              since_ms: { type: integer, description: Created at or after (epoch milliseconds)., x-timestamp: epoch_milliseconds }
              since_s: { type: integer, x-timestamp: epoch_seconds }
          response_schema:
            type: object
            properties:
              id: { type: string }
              name: { type: string }
              email: { type: string }
              job: { type: object, properties: { id: { type: string }, title: { type: string }, salary: { type: string } } }
      update:
        http_method: PUT
        path: /applications/{id}
        docs:
          description: Move an application.
          body_schema:
            type: object
            properties:
              stage_id: { type: string, description: The stage., x-values-from: list_all_hire_jobs }
  jobs:
    methods:
      list:
        http_method: GET
        path: /jobs
        docs: { description: List jobs. }
`);

const applications = [
  { id: '1', name: 'Ada', email: 'ada@example.com', secret: 'x', job: { id: '7', title: 'Engineer', salary: '100' } },
  { id: '2', name: 'Bo', email: 'bo@example.com', secret: 'y', job: { id: '8', title: 'Analyst', salary: '90' } },
];

describe('inputs as models send them, results that explain themselves', () => {
  const engine = new Engine();
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let account: AccountConnection;
  let answerWith: { status: number; body: unknown } = { status: 200, body: { items: applications } };

  before(async () => {
    upstream = await startUpstream((_request, response) => json(response, answerWith.status, answerWith.body));
    account = { id: 'acct', integration: 'hire', context: { base_url: `${upstream.url}/api` }, credentials: { api_key: 'k' } };
  });
  after(async () => {
    await upstream.close();
    await engine.close();
  });

  const call = (integration: Integration, tool: string, args: Record<string, unknown>) =>
    engine.execute({ integration, tool: integration.toolsByName.get(tool)!, account, arguments: args, cursorScope: 'mcp:t' });
  const sent = () => upstream.requests.at(-1)!.url.searchParams;
  const failed = (outcome: CallOutcome) => {
    assert.equal(outcome.ok, false, JSON.stringify(outcome));
    return (outcome as Extract<CallOutcome, { ok: false }>).error;
  };

  test('null means absent for an optional argument; true is not text', async () => {
    const integration = definition('comma');
    answerWith = { status: 200, body: { items: applications } };
    const outcome = await call(integration, 'list_all_hire_applications', { job_id: null, visibility: null, limit: null, fields: null, next_cursor: null });
    assert.ok(outcome.ok, JSON.stringify(outcome));
    assert.deepEqual([...sent().keys()].sort(), ['page', 'per_page']);
    assert.equal(sent().get('per_page'), '10', 'limit null is the default');
    const boolean = failed(await call(integration, 'list_all_hire_applications', { note: false }));
    assert.deepEqual(boolean.invalid_arguments, [{ argument: 'note', message: 'must be text, not false' }]);
  });

  test('an id filter takes an array of ids, sent the way the API takes several', async () => {
    answerWith = { status: 200, body: { items: applications } };
    assert.ok((await call(definition('comma'), 'list_all_hire_applications', { job_id: ['7', 8] })).ok);
    assert.deepEqual(sent().getAll('job_id'), ['7,8']);
    assert.ok((await call(definition('repeat'), 'list_all_hire_applications', { job_id: ['7', '8'] })).ok);
    assert.deepEqual(sent().getAll('job_id'), ['7', '8']);
  });

  test('a plain date is that day at 00:00 UTC; another tool\'s spelling of a value is the same value', async () => {
    const integration = definition('comma');
    answerWith = { status: 200, body: { items: applications } };
    assert.ok((await call(integration, 'list_all_hire_applications', { created_after: '2026-10-25', owner_type: 'job_seekers' })).ok);
    assert.equal(sent().get('created_after'), '2026-10-25T00:00:00Z');
    assert.equal(sent().get('owner_type'), 'JobSeeker');
    const wrong = failed(await call(integration, 'list_all_hire_applications', { owner_type: 'people' }));
    assert.match(wrong.message, /owner_type must be one of: "Application", "JobSeeker"/);
  });

  test('a time since 1970 takes a date or date-time in its unit, and a number in the other unit is refused', async () => {
    const integration = definition('comma');
    answerWith = { status: 200, body: { items: applications } };
    assert.ok((await call(integration, 'list_all_hire_applications', { since_ms: '2026-01-01', since_s: '2026-01-01T12:00:00Z' })).ok);
    assert.equal(sent().get('since_ms'), String(Date.parse('2026-01-01T00:00:00Z')));
    assert.equal(sent().get('since_s'), String(Date.parse('2026-01-01T12:00:00Z') / 1000));
    assert.ok((await call(integration, 'list_all_hire_applications', { since_ms: 1767225600000 })).ok, 'milliseconds as they are');
    const seconds = failed(await call(integration, 'list_all_hire_applications', { since_ms: 1767225600 }));
    assert.deepEqual(seconds.invalid_arguments, [{ argument: 'since_ms', message: '1767225600 looks like seconds since 1970; this takes milliseconds (or a date such as 2026-01-01)' }]);
    const notADate = failed(await call(integration, 'list_all_hire_applications', { since_s: '2026-13-45' }));
    assert.match(notADate.message, /"2026-13-45" is not a date/);
    const listed = integration.toolsByName.get('list_all_hire_applications')!.inputSchema.properties as Record<string, { description?: string }>;
    assert.match(listed.since_ms!.description!, /epoch milliseconds\)\. Or a date \(2026-01-01\) or date-time\.$/);
  });

  test('fields: records keep their id and the chosen fields, embedded ones too; upstream is asked for less; unknown names are named', async () => {
    const integration = definition('comma');
    answerWith = { status: 200, body: { items: applications } };
    const outcome = await call(integration, 'list_all_hire_applications', { fields: ['name', 'job.title'] });
    assert.ok(outcome.ok && outcome.shape === 'list');
    assert.deepEqual(outcome.result, [{ id: '1', name: 'Ada', job: { id: '7', title: 'Engineer' } }, { id: '2', name: 'Bo', job: { id: '8', title: 'Analyst' } }]);
    assert.equal(sent().get('fields'), 'name,job');
    const unknown = failed(await call(integration, 'list_all_hire_applications', { fields: ['department_name'] }));
    assert.match(unknown.message, /fields\.0 must be one of: "id", "name", "email", "job", "job\.id", "job\.title", "job\.salary"/);
  });

  test('an empty list from a tool that leaves records out by default says so, naming the argument', async () => {
    const integration = definition('comma');
    answerWith = { status: 200, body: { items: [] } };
    const empty = await call(integration, 'list_all_hire_applications', { job_id: '9' });
    assert.ok(empty.ok && empty.shape === 'list');
    assert.equal(empty.notice, 'Applications to confidential jobs are left out unless visibility includes confidential.');
    const asked = await call(integration, 'list_all_hire_applications', { job_id: '9', visibility: ['confidential'] });
    assert.ok(asked.ok && asked.shape === 'list');
    assert.equal(asked.notice, undefined, 'not said when the argument was set');
  });

  test('an upstream refusal names the tool that lists valid values of the ids it was given', async () => {
    const integration = definition('comma');
    answerWith = { status: 422, body: { message: 'stage 5 does not belong to this job' } };
    const refused = failed(await call(integration, 'update_a_hire_application_by_id', { id: '1', stage_id: '5' }));
    assert.deepEqual(refused.hints, ['If stage_id is the problem: list_all_hire_jobs lists its valid values.']);
    answerWith = { status: 500, body: { message: 'down' } };
    assert.equal(failed(await call(integration, 'update_a_hire_application_by_id', { id: '1', stage_id: '5' })).hints, undefined, 'not for server errors');
  });

  test('x-values-from must name a tool of the integration', () => {
    assert.throws(() => compileIntegration('integrations/hire/definition.yaml', `
format_version: 2
name: hire
label: Hire
description: Test.
base_url: https://hire.example/api
credentials: { api_key: { label: API key } }
auth: { kind: bearer, token: "{api_key}" }
resources:
  jobs:
    methods:
      get:
        http_method: GET
        path: /jobs/{id}
        docs:
          description: Get a job.
          query_schema: { type: object, properties: { stage_id: { type: string, description: A stage., x-values-from: list_all_hire_stages } } }
`), /x-values-from of stage_id names list_all_hire_stages, which is not a tool of hire/);
  });
});
