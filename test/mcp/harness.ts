// A real MCP endpoint for tests: createMcpHandler on node:http (127.0.0.1, port 0) with the shipped integrations,
// the real engine and real Pinpoint/Polymer sandboxes; MCP servers live in an in-memory map instead of the store,
// so each test adds exactly the servers (filters, exposure, auth) it needs. startGateway is the whole product instead:
// startServer with its store and management API, sandbox accounts, MCP servers created through the API.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Engine } from '../../src/execution/engine.ts';
import { createMcpHandler, type McpHandler } from '../../src/mcp/handler.ts';
import type { McpDependencies } from '../../src/mcp/types.ts';
import type { ResolvedMcpServer } from '../../src/services/access.ts';
import {
  DEFAULT_ASHBY_API_KEY, DEFAULT_GREENHOUSE_CLIENT_ID, DEFAULT_LEVER_API_KEY, DEFAULT_PINPOINT_API_KEY, DEFAULT_POLYMER_API_KEY, DEFAULT_TEAMTAILOR_API_KEY,
  DEFAULT_WORKABLE_TOKEN, sandboxClientSecret, startAshbySandbox, startGreenhouseSandbox, startLeverSandbox, startPinpointSandbox, startPolymerSandbox,
  startTeamtailorSandbox, startWorkableSandbox,
  type AshbySandbox, type GreenhouseSandbox, type LeverSandbox, type PinpointSandbox, type PolymerSandbox, type TeamtailorSandbox, type WorkableSandbox,
} from '../../src/sandbox/index.ts';
import type { ServerOverrides } from '../../src/server.ts';
import type { McpLogEntry, McpServerConfig } from '../../src/store/types.ts';
import { Catalog, loadIntegration } from '../../src/tools/catalog.ts';
import { json, shippedIntegrations, startTestServer, upstreamAllowlist, type TestServer } from '../api/harness.ts';

export const integrationsDir = new URL('../../integrations/', import.meta.url).pathname;

/** How many read-only tools the shipped Pinpoint definition makes: what a server limited to `read` lists. */
export const pinpointReadTools = (await loadIntegration(`${integrationsDir}pinpoint/definition.yaml`)).tools.filter((tool) => tool.annotations.readOnlyHint).length;
export const nodeBin = new URL('../../node_modules/.bin/node', import.meta.url).pathname;
export const binDir = new URL('../../node_modules/.bin/', import.meta.url).pathname;

export interface AddedServer {
  token: string;
  url: string;
  tenantId: string;
  id: string;
}

export interface McpTestServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** http://localhost:<port>: what a user would paste. */
  localhostOrigin: string;
  pinpoint: PinpointSandbox;
  polymer: PolymerSandbox;
  logs: McpLogEntry[];
  deps: McpDependencies;
  add(options?: { integration?: 'pinpoint' | 'polymer'; config?: McpServerConfig; name?: string; tenantId?: string }): AddedServer;
  remove(token: string): void;
  /** An API token of a tenant, for require_api_token_auth. */
  apiToken(tenantId: string): string;
  close(): Promise<void>;
}

export async function startMcpTestServer(overrides: Partial<McpDependencies> = {}): Promise<McpTestServer> {
  const [catalog, pinpoint, polymer] = await Promise.all([
    Catalog.load(integrationsDir),
    startPinpointSandbox({ rateLimit: null }),
    startPolymerSandbox({ rateLimit: null }),
  ]);
  const engine = new Engine();
  const servers = new Map<string, ResolvedMcpServer>();
  const apiTokens = new Map<string, string>();
  const logs: McpLogEntry[] = [];
  const deps: McpDependencies = {
    catalog,
    resolveServer: async (token) => servers.get(token),
    verifyApiToken: async (bearer, tenantId) => apiTokens.get(bearer) === tenantId,
    execute: (call) => engine.execute(call),
    log: (entry) => void logs.push(entry),
    allowedOrigins: ['https://allowed.example'],
    resultBudgetBytes: 60_000,
    sseKeepAliveMs: 1_000,
    ...overrides,
  };
  const handler: McpHandler = createMcpHandler(deps);
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/mcp/')) handler(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  let counter = 0;

  return {
    origin,
    localhostOrigin: `http://localhost:${port}`,
    pinpoint,
    polymer,
    logs,
    deps,
    add(options = {}) {
      const integration = options.integration ?? 'pinpoint';
      const token = randomBytes(32).toString('base64url');
      const id = `srv-${++counter}`;
      const tenantId = options.tenantId ?? 'tenant-1';
      const time = new Date().toISOString();
      servers.set(token, {
        server: {
          id, tenant_id: tenantId, integrated_account_id: `acct-${counter}`, name: options.name ?? `Test ${integration}`,
          config: options.config ?? {}, expires_at: null, created_by: null, created_at: time, updated_at: time,
        },
        account: integration === 'pinpoint'
          ? { id: `acct-${counter}`, integration, context: { subdomain: 'acme', base_url: pinpoint.url }, credentials: { api_key: DEFAULT_PINPOINT_API_KEY } }
          : { id: `acct-${counter}`, integration, context: { base_url: polymer.url }, credentials: { api_key: DEFAULT_POLYMER_API_KEY } },
      });
      return { token, url: `${origin}/mcp/${token}`, tenantId, id };
    },
    remove(token) {
      servers.delete(token);
    },
    apiToken(tenantId) {
      const token = `sb_${randomBytes(16).toString('base64url')}`;
      apiTokens.set(token, tenantId);
      return token;
    },
    async close() {
      handler.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([pinpoint.close(), polymer.close()]);
    },
  };
}

/** A fetch Response whose json() is untyped, as test assertions want it. */
export type JsonResponse = Omit<Response, 'json'> & { json(): Promise<any> };

/** POSTs one JSON-RPC body the way a spec-following client does, with overridable headers. */
export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<JsonResponse> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export const initializeRequest = (protocolVersion: unknown = '2025-11-25', id: number | string = 1) => ({
  jsonrpc: '2.0', id, method: 'initialize',
  params: { protocolVersion, capabilities: {}, clientInfo: { name: 'test-client', version: '1.2.3' } },
});

/** A 2026-07-28 request: the _meta envelope plus the mirrored headers. */
export function modernRequest(method: string, params: Record<string, unknown> = {}, id: number | string = 1) {
  const body = {
    jsonrpc: '2.0', id, method,
    params: {
      ...params,
      _meta: {
        'io.modelcontextprotocol/protocolVersion': '2026-07-28',
        'io.modelcontextprotocol/clientInfo': { name: 'modern-client', version: '9.9' },
        'io.modelcontextprotocol/clientCapabilities': {},
      },
    },
  };
  const headers: Record<string, string> = { 'mcp-protocol-version': '2026-07-28', 'mcp-method': method };
  if (typeof params.name === 'string') headers['mcp-name'] = params.name;
  return { body, headers };
}

// --- The whole gateway ------------------------------------------------------------------------------------------

export type Integrations = 'pinpoint' | 'polymer' | 'ashby' | 'greenhouse' | 'lever' | 'workable' | 'teamtailor';

/** The body of POST /integrated-account/:id/mcp. */
export interface NewMcpServerBody {
  name?: string;
  config?: McpServerConfig;
  expires_at?: string | null;
}

export interface Gateway extends TestServer {
  pinpoint: PinpointSandbox;
  polymer: PolymerSandbox;
  ashby: AshbySandbox;
  greenhouse: GreenhouseSandbox;
  lever: LeverSandbox;
  workable: WorkableSandbox;
  teamtailor: TeamtailorSandbox;
  /** The ids of the tenant's integrated accounts, connected to the sandboxes (Lever's with an API key). */
  accounts: Record<Integrations, string>;
  /** Creates an MCP server through the management API (asserting 201); the answer carries token and url. */
  createMcpServer(integration: Integrations, body?: NewMcpServerBody): Promise<{ id: string; token: string; url: string } & Record<string, any>>;
  /** An official SDK client connected to an MCP URL over Streamable HTTP, closed when the test ends. */
  connect(url: string, options?: { headers?: Record<string, string>; name?: string; version?: string }): Promise<Client>;
}

/**
 * startServer (store, management API, MCP endpoint, request log, sweeper) with the shipped integrations, real
 * Pinpoint, Polymer, Ashby, Greenhouse, Lever, Workable and Teamtailor sandboxes, and one account of each (Greenhouse's
 * on OAuth client credentials, its tokens from the sandbox's token endpoint; Lever's with an API key): MCP servers are
 * made the way users make them.
 */
export async function startGateway(
  t: TestContext,
  options: Pick<ServerOverrides, 'now' | 'sweepIntervalMs' | 'clientMetadataFetch' | 'store' | 'cacheTtlMs'> & { env?: Record<string, string> } = {},
): Promise<Gateway> {
  const [pinpoint, polymer, ashby, greenhouse, lever, workable, teamtailor] = await Promise.all([
    startPinpointSandbox({ rateLimit: null }), startPolymerSandbox({ rateLimit: null }), startAshbySandbox({ rateLimit: null }), startGreenhouseSandbox({ rateLimit: null }),
    startLeverSandbox({ rateLimit: null }), startWorkableSandbox({ rateLimit: null }), startTeamtailorSandbox({ rateLimit: null }),
  ]);
  t.after(() => Promise.all([pinpoint.close(), polymer.close(), ashby.close(), greenhouse.close(), lever.close(), workable.close(), teamtailor.close()]));
  const { env, cacheTtlMs, ...overrides } = options;
  const server = await startTestServer(t, {
    integrationsDir: shippedIntegrations, overrides, cacheTtlMs,
    env: { ...upstreamAllowlist(pinpoint.url, polymer.url, ashby.url, greenhouse.url, lever.url, workable.url, teamtailor.url), ...env },
  });
  const connectAccount = async (body: unknown) => {
    const response = await server.api('/integrated-account', { method: 'POST', body });
    assert.equal(response.status, 201);
    return (await json(response)).id as string;
  };
  const accounts = {
    pinpoint: await connectAccount({ integration: 'pinpoint', context: { subdomain: 'acme', base_url: pinpoint.url }, credentials: { api_key: DEFAULT_PINPOINT_API_KEY } }),
    polymer: await connectAccount({ integration: 'polymer', context: { base_url: polymer.url }, credentials: { api_key: DEFAULT_POLYMER_API_KEY } }),
    ashby: await connectAccount({ integration: 'ashby', context: { base_url: ashby.url }, credentials: { api_key: DEFAULT_ASHBY_API_KEY } }),
    greenhouse: await connectAccount({ integration: 'greenhouse', ...greenhouseAccount(greenhouse) }),
    lever: await connectAccount({ integration: 'lever', context: { base_url: lever.url }, credentials: { api_key: DEFAULT_LEVER_API_KEY } }),
    workable: await connectAccount({ integration: 'workable', context: { subdomain: workable.state.account.subdomain, base_url: workable.url }, credentials: { api_key: DEFAULT_WORKABLE_TOKEN } }),
    teamtailor: await connectAccount({ integration: 'teamtailor', context: { api_host: 'api.teamtailor.com', api_version: '20240404', base_url: teamtailor.url }, credentials: { api_key: DEFAULT_TEAMTAILOR_API_KEY } }),
  };
  return {
    ...server,
    pinpoint,
    polymer,
    ashby,
    greenhouse,
    lever,
    workable,
    teamtailor,
    accounts,
    async createMcpServer(integration, body = {}) {
      const response = await server.api(`/integrated-account/${accounts[integration]}/mcp`, { method: 'POST', body: { name: `${integration} agent`, ...body } });
      const created = await json(response);
      assert.equal(response.status, 201, JSON.stringify(created));
      return created;
    },
    async connect(url, { headers, name = 'gateway-test', version = '1.0.0' } = {}) {
      const client = new Client({ name, version });
      await client.connect(new StreamableHTTPClientTransport(new URL(url), headers ? { requestInit: { headers } } : undefined));
      t.after(() => client.close());
      return client;
    },
  };
}

/** The context and credentials of an account on the Greenhouse sandbox: its API, its token endpoint, its acting user. */
export function greenhouseAccount(sandbox: GreenhouseSandbox, clientId = DEFAULT_GREENHOUSE_CLIENT_ID, clientSecret = sandboxClientSecret(clientId)) {
  return {
    context: { base_url: sandbox.url, oauth_token_url: sandbox.tokenUrl, user_id: String(sandbox.state.planted.actingUserId) },
    credentials: { client_id: clientId, client_secret: clientSecret },
  };
}

/** A tool call the way the seed workflows want it: the structured result, or an Error carrying the tool's error text. */
export function toolCaller(client: Client): (name: string, args: Record<string, unknown>) => Promise<Record<string, unknown>> {
  return async (name, args) => {
    const result = await client.callTool({ name, arguments: args });
    const text = (result.content as { type: string; text?: string }[] | undefined)?.map((block) => block.text ?? '').join('\n');
    if (result.isError) throw new Error(`${name} failed: ${text}`);
    assert.ok(result.structuredContent, `${name} returned structuredContent`);
    return result.structuredContent as Record<string, unknown>;
  };
}
