// What a user or an agent does against a running gateway, over HTTP only: admin API calls with an API token, MCP
// JSON-RPC posts to an MCP URL, tool calls with their timing. Shared by the security tests and the load script.
import assert from 'node:assert/strict';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: any;
  /** Milliseconds from sending to the whole body read. */
  ms: number;
}

export async function request(url: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
    ...(init.body !== undefined ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) } : {}),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json, ms: performance.now() - started };
}

export const mcpHeaders = { accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-06-18' };

/** One JSON-RPC message POSTed to an MCP URL as a 2025-06-18 client sends it. */
export function rpc(mcpUrl: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return request(mcpUrl, { method: 'POST', body, headers: { ...mcpHeaders, ...headers } });
}

export interface ToolAnswer extends Answer {
  isError: boolean;
  /** The text blocks of the result, joined. */
  toolText: string;
}

let nextId = 1;

/** tools/call over raw JSON-RPC; asserts a JSON-RPC result came back (tool errors are results too). */
export async function callTool(mcpUrl: string, name: string, args: Record<string, unknown>): Promise<ToolAnswer> {
  const answer = await rpc(mcpUrl, { jsonrpc: '2.0', id: nextId++, method: 'tools/call', params: { name, arguments: args } });
  assert.equal(answer.status, 200, answer.text);
  assert.ok(answer.json?.result, `a JSON-RPC result: ${answer.text.slice(0, 300)}`);
  const content = (answer.json.result.content ?? []) as { text?: string }[];
  return { ...answer, isError: answer.json.result.isError === true, toolText: content.map((block) => block.text ?? '').join('\n') };
}

export interface AdminClient {
  api(path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }): Promise<Answer>;
  /** POST /integrated-account, asserting 201; the account id. */
  createAccount(body: Record<string, unknown>): Promise<string>;
  /** POST /integrated-account/:id/mcp, asserting 201; the server with its one-time token and URL. */
  createMcpServer(accountId: string, body?: Record<string, unknown>): Promise<{ id: string; token: string; url: string }>;
  /** /proxy/<path> for an account. */
  proxy(accountId: string, path: string, init?: { method?: string; body?: unknown }): Promise<Answer>;
}

export function adminClient(baseUrl: string, apiToken: string): AdminClient {
  const api: AdminClient['api'] = (path, init = {}) => request(`${baseUrl}${path}`, { ...init, headers: { authorization: `Bearer ${apiToken}`, ...init.headers } });
  return {
    api,
    async createAccount(body) {
      const answer = await api('/integrated-account', { method: 'POST', body });
      assert.equal(answer.status, 201, answer.text);
      return answer.json.id as string;
    },
    async createMcpServer(accountId, body = {}) {
      const answer = await api(`/integrated-account/${accountId}/mcp`, { method: 'POST', body: { name: 'test agent', ...body } });
      assert.equal(answer.status, 201, answer.text);
      return answer.json;
    },
    proxy(accountId, path, init = {}) {
      return api(`/proxy/${path}${path.includes('?') ? '&' : '?'}integrated_account_id=${accountId}`, init);
    },
  };
}

/** Runs `count` tasks with at most `concurrency` at a time; resolves with their results in order. */
export async function pool<T>(count: number, concurrency: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  }));
  return results;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
