// GET /openapi.json: a valid OpenAPI 3.1 document, served without credentials, that describes every admin route the
// Hono app registers (found by listing the app's routes and asking each one without credentials, not from a list
// written here), with the request schemas the routes validate with.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { json, startTestServer } from './harness.ts';

interface Document {
  openapi: string;
  security: unknown[];
  paths: Record<string, Record<string, { security?: unknown[]; parameters?: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[]; requestBody?: { content: Record<string, { schema: Record<string, unknown> }> } }>>;
}

const documentPath = (honoPath: string) => honoPath.replace(/:(\w+)/g, '{$1}');

test('the OpenAPI document validates as OpenAPI 3.1 and is served without credentials', async (t) => {
  const { running } = await startTestServer(t);
  const response = await fetch(`${running.url}/openapi.json`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  const served = await json(response);
  const document = served as Document;
  assert.equal(document.openapi, '3.1.0');

  const validator = new Validator();
  const result = await validator.validate(structuredClone(served));
  assert.deepEqual(result.errors, undefined, JSON.stringify(result.errors, null, 2)?.slice(0, 2000));
  assert.equal(result.valid, true);
  assert.equal(validator.version, '3.1');

  assert.deepEqual(document.paths['/openapi.json']!.get!.security, [], 'the document itself needs no credentials');
  assert.deepEqual(document.security, [{ apiToken: [] }, { session: [] }], 'everything else does');
});

test('every admin route registered in the app is in the document, and nothing else', async (t) => {
  const { running } = await startTestServer(t);
  const document = await json(await fetch(`${running.url}/openapi.json`)) as Document;

  // Admin routes are the ones behind the API-token-or-session check: asked without credentials, they answer its 401.
  // Wildcard routes (the dashboard's files, /.well-known/*) are catch-alls of other parts, not routes of the API.
  const registered = running.adminApi.routes.filter((route) => route.method !== 'ALL' && !route.path.includes('*'));
  const adminRoutes: string[] = [];
  for (const route of new Map(registered.map((entry) => [`${entry.method} ${entry.path}`, entry])).values()) {
    const answer = await fetch(`${running.url}${route.path.replace(/:\w+/g, 'x')}`, { method: route.method });
    const body = await answer.text();
    if (answer.status === 401 && body.includes('Missing API token')) adminRoutes.push(`${route.method.toLowerCase()} ${documentPath(route.path)}`);
  }
  assert.ok(adminRoutes.length >= 30, `found ${adminRoutes.length} admin routes: the probe works`);
  assert.ok(adminRoutes.includes('get /integrated-account/{id}/mcp/{mcp_id}/grants'));

  const documented = Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`));
  const missing = adminRoutes.filter((route) => !documented.includes(route));
  assert.deepEqual(missing, [], 'admin routes missing from the document');
  const unserved = documented.filter((operation) => !adminRoutes.includes(operation) && operation !== 'get /openapi.json');
  assert.deepEqual(unserved, [], 'documented operations that are not admin routes of the app');
});

test('request schemas in the document are the ones the routes validate with', async (t) => {
  const { running, api } = await startTestServer(t);
  const { paths } = await json(await fetch(`${running.url}/openapi.json`)) as Document;

  const createAccount = paths['/integrated-account']!.post!.requestBody!.content['application/json']!.schema;
  assert.deepEqual(createAccount.required, ['integration', 'credentials']);
  assert.equal(createAccount.additionalProperties, false);
  const unknownField = await api('/integrated-account', { method: 'POST', body: { integration: 'acme', credentials: {}, colour: 'red' } });
  assert.equal(unknownField.status, 400);
  assert.deepEqual((await json(unknownField)).error.details, [{ field: 'colour', message: 'is not a known field' }]);

  const logParameters = paths['/log']!.get!.parameters!;
  assert.deepEqual(logParameters.find((parameter) => parameter.name === 'log_type'), { name: 'log_type', in: 'query', required: true, schema: { type: 'string', enum: ['mcp'] } });
  assert.deepEqual(logParameters.find((parameter) => parameter.name === 'limit')?.schema, { type: 'integer', minimum: 1, maximum: 100 });
  assert.equal((await api('/log?log_type=mcp&limit=101')).status, 400);

  const proxy = paths['/proxy/{resource}/{id}']!.get!.parameters!.map(({ name, in: where, required }) => `${where} ${name} ${required}`);
  assert.deepEqual(proxy, ['path resource true', 'path id true', 'query integrated_account_id true']);
});
