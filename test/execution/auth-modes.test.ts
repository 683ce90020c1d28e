// An integration with several ways to authenticate (an API key, or OAuth for partners): each account picks its mode
// with the auth_mode context field, needs only that mode's credentials, and its requests carry that mode's auth.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Engine } from '../../src/execution/engine.ts';
import type { AccountConnection } from '../../src/execution/types.ts';
import { checkContext, checkCredentials } from '../../src/services/account-fields.ts';
import { compileIntegration } from '../../src/tools/catalog.ts';
import { json, startUpstream } from '../helpers/upstream.ts';

const integration = compileIntegration('integrations/dual/definition.yaml', `
format_version: 2
name: dual
label: Dual
description: Test integration with two auth modes.
base_url: https://api.dual.example/v1
credentials:
  api_key: { label: API key, modes: [api_key] }
  token: { label: Personal token, modes: [token] }
auth:
  kind: modes
  default: api_key
  modes:
    api_key: { kind: basic, username: "{api_key}" }
    token: { kind: bearer, token: "{token}" }
response: { kind: json }
resources:
  jobs:
    methods:
      get: { http_method: GET, path: "/jobs/{id}", docs: { description: One job. } }
`);

let upstream: Awaited<ReturnType<typeof startUpstream>>;
const engine = new Engine();
before(async () => {
  upstream = await startUpstream((_request, response) => json(response, 200, { id: '1' }));
});
after(async () => {
  await upstream.close();
  await engine.close();
});

const sentAuthorization = async (account: AccountConnection) => {
  const outcome = await engine.execute({ integration, tool: integration.toolsByName.get('get_single_dual_job_by_id')!, account, arguments: { id: '1' }, cursorScope: 'mcp:d' });
  assert.ok(outcome.ok, JSON.stringify(outcome));
  return upstream.requests.at(-1)!.headers.authorization;
};

test('each account authenticates in its own mode, the default one when it names none', async () => {
  const base = { integration: 'dual', id: 'a' };
  assert.equal(await sentAuthorization({ ...base, context: { base_url: upstream.url }, credentials: { api_key: 'k1' } }), `Basic ${Buffer.from('k1:').toString('base64')}`);
  assert.equal(await sentAuthorization({ ...base, id: 'b', context: { base_url: upstream.url, auth_mode: 'token' }, credentials: { token: 't1' } }), 'Bearer t1');
});

test('an account needs the credentials of its mode only, and a mode that exists', () => {
  const { definition } = integration;
  assert.deepEqual(checkCredentials(definition, { token: 't' }, { auth_mode: 'token' }), []);
  assert.deepEqual(checkCredentials(definition, { token: 't' }, {}).map((problem) => problem.field), ['credentials.api_key']);
  assert.deepEqual(checkContext(definition, { auth_mode: 'password' }, []).map((problem) => `${problem.field}: ${problem.message}`), ['context.auth_mode: must be one of api_key, token']);
  assert.throws(() => compileIntegration('integrations/dual/definition.yaml', `
format_version: 2
name: dual
label: Dual
description: Broken.
base_url: https://api.dual.example/v1
credentials: { api_key: { label: API key, modes: [apikey] } }
auth: { kind: modes, default: api_key, modes: { api_key: { kind: basic, username: "{api_key}" }, other: { kind: bearer, token: "{api_key}" } } }
resources: { jobs: { methods: { get: { http_method: GET, path: "/jobs/{id}" } } } }
`), /credentials\.api_key\.modes.*"apikey" is not an auth mode/);
});
