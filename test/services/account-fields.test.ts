// Account context checks for OAuth integrations: the token endpoint may be overridden (a sandbox) under the same
// rules as base_url, and only where the auth kind gets tokens from one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkContext } from '../../src/services/account-fields.ts';
import { compileIntegration } from '../../src/tools/catalog.ts';

const definition = (auth: string) => compileIntegration('integrations/hire/definition.yaml', `
format_version: 2
name: hire
label: Hire
description: Test integration.
base_url: https://api.hire.example/v1
context:
  user_id: { label: Acting user id, pattern: '[0-9]+' }
credentials:
  client_id: { label: Client id }
  client_secret: { label: Client secret }
auth: ${auth}
resources:
  jobs:
    methods:
      get: { http_method: GET, path: '/jobs/{id}', docs: { description: One job. } }
`).definition;

const clientCredentials = definition('{ kind: oauth2_client_credentials, token_url: "https://auth.hire.example/token", client_id: "{client_id}", client_secret: "{client_secret}", token_parameters: { sub: "{user_id}" } }');
const basic = definition('{ kind: basic, username: "{client_id}", password: "{client_secret}" }');
const allowlist = ['http://127.0.0.1:4050'];
const fieldsOf = (problems: { field: string; message: string }[]) => Object.fromEntries(problems.map((problem) => [problem.field, problem.message]));

test('an OAuth account may point its token endpoint at an allowed origin, like its base URL', () => {
  const sandbox = { user_id: '4080', base_url: 'http://127.0.0.1:4050/v3', oauth_token_url: 'http://127.0.0.1:4050/token' };
  assert.deepEqual(checkContext(clientCredentials, sandbox, allowlist), []);
  assert.deepEqual(checkContext(clientCredentials, { user_id: '4080' }, allowlist), [], 'the definition\'s own endpoints need no override');

  const refused = fieldsOf(checkContext(clientCredentials, { user_id: '4080', oauth_token_url: 'http://10.0.0.5/token' }, allowlist));
  assert.match(refused['context.oauth_token_url']!, /http:\/\/10\.0\.0\.5 is not an upstream origin this server allows/);
  const off = fieldsOf(checkContext(clientCredentials, { user_id: '4080', oauth_token_url: 'http://127.0.0.1:4050/token' }, []));
  assert.equal(off['context.oauth_token_url'], 'http://127.0.0.1:4050 is not an upstream origin this server allows; the operator lists the origins base_url may use in SWITCHBOARD_UPSTREAM_ALLOWLIST',
    'an empty allowlist answers as any other, without revealing whether there is one');
  const malformed = fieldsOf(checkContext(clientCredentials, { user_id: '4080', oauth_token_url: 'http://id:secret@127.0.0.1:4050/token' }, allowlist));
  assert.match(malformed['context.oauth_token_url']!, /must not contain a user name or password/);
});

test('an integration without a token endpoint has no oauth_token_url to override', () => {
  const problems = fieldsOf(checkContext(basic, { user_id: '4080', oauth_token_url: 'http://127.0.0.1:4050/token' }, allowlist));
  assert.match(problems['context.oauth_token_url']!, /is not a context field of hire \(known: user_id, base_url\)/);
});
