// Integrations are data: adding a documented method to a definition file makes a new tool appear on the running
// server (admin API and MCP tools/list) with no restart; a broken edit is reported and the previous version serves.
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { eventually } from '../helpers/eventually.ts';
import { tempDir } from '../store/temp-dir.ts';
import { json, shippedIntegrations, startTestServer, upstreamAllowlist } from './harness.ts';

const newMethod = `
  organization_settings:
    tags: [organization]
    methods:
      get:
        http_method: GET
        path: /organization/settings
        docs:
          description: Settings of the organization that owns the API key.
`;

/** The first value `probe` gives; the reload is asynchronous (a file watcher), so it is polled. */
async function waitFor<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  let value: T | undefined;
  await eventually(what, async () => (value = await probe()) !== undefined);
  return value!;
}

test('a documented method added to a definition file becomes a tool on the running server', async (t) => {
  const integrations = tempDir(t);
  cpSync(shippedIntegrations, integrations, { recursive: true });
  const definition = join(integrations, 'polymer', 'definition.yaml');
  const server = await startTestServer(t, {
    integrationsDir: integrations,
    env: upstreamAllowlist('http://127.0.0.1:9'),
    overrides: { watchIntegrations: true },
  });
  const created = await server.api('/integrated-account', {
    method: 'POST',
    body: { integration: 'polymer', context: { base_url: 'http://127.0.0.1:9/v1/hire' }, credentials: { api_key: 'k' } },
  });
  assert.equal(created.status, 201);
  const account = await json(created);
  const mcp = await json(await server.api(`/integrated-account/${account.id}/mcp`, { method: 'POST', body: { name: 'reader', config: { methods: ['read'] } } }));
  const toolNames = async () => (await json(await server.api(`/integrated-account/${account.id}/tools`))).result.map((tool: { name: string }) => tool.name) as string[];
  const mcpToolNames = async () => {
    const client = new Client({ name: 'hot-reload-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(mcp.url)));
    try {
      return (await client.listTools()).tools.map((tool) => tool.name);
    } finally {
      await client.close();
    }
  };
  const before = await toolNames();
  assert.equal(before.includes('get_single_polymer_organization_setting'), false);

  appendFileSync(definition, newMethod);
  const after = await waitFor(async () => {
    const names = await toolNames();
    return names.includes('get_single_polymer_organization_setting') ? names : undefined;
  }, 'the new tool in the admin API');
  assert.equal(after.length, before.length + 1);
  assert.ok((await mcpToolNames()).includes('get_single_polymer_organization_setting'), 'the MCP URL lists it too');

  const working = readFileSync(definition, 'utf8');
  writeFileSync(definition, working.replace('http_method: GET\n        path: /organization/settings', 'http_method: FETCH\n        path: /organization/settings'));
  await waitFor(async () => (server.logs.text().includes('http_method') ? true : undefined), 'the reload error in the log');
  assert.match(server.logs.text(), /definition\.yaml.*resources\.organization_settings\.methods\.get\.http_method/s);
  assert.deepEqual(await toolNames(), after, 'the previous version keeps serving');
});
