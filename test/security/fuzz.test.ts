// Fuzzing: 12,000 seeded hostile requests against the MCP endpoint and the admin API of Switchboard running as its
// own process. Zero 5xx, every MCP answer a well-formed JSON-RPC reply (an error where the request was invalid) or
// an HTTP 4xx, every admin answer a 2xx or a 4xx with the API's error shape, every oversized body a 413, and the
// process alive and serving a normal call at the end. FUZZ_SEED and FUZZ_CASES change the run.
import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import { after, before, test } from 'node:test';
import { adminClient, callTool, pool } from '../helpers/gateway-client.ts';
import { startFaultUpstream, type FaultUpstream } from '../helpers/fault-upstream.ts';
import { generateCases, type FuzzCase } from '../helpers/fuzz.ts';
import { httpRequest, rawRequest, type RawAnswer } from '../helpers/raw-http.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

const seed = Number(process.env.FUZZ_SEED ?? 0x5eed_2026);
const caseCount = Number(process.env.FUZZ_CASES ?? 12_000);
const maxBodyBytes = 1024 * 1024;

let upstream: FaultUpstream;
let server: ServerProcess;

before(async () => {
  upstream = await startFaultUpstream();
  // No brute-force limit here: fuzzing sends thousands of bad tokens from one address, and a 429 would hide the rest.
  server = await startServerProcess({ env: { SWITCHBOARD_UPSTREAM_ALLOWLIST: upstream.origin, SWITCHBOARD_TOKEN_MISS_LIMIT: '0', UPSTREAM_TIMEOUT_MS: '2000', LOG_LEVEL: 'warn' } });
});
after(async () => {
  await server?.dispose();
  await upstream?.close();
});

/** Bodies over 64 KiB. */
const large = (fuzz: FuzzCase) => (fuzz.body?.length ?? 0) > 65_536;

const isObject = (value: unknown): value is Record<string, any> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What is wrong with one JSON-RPC reply, or undefined. */
function replyProblem(reply: unknown, mustBeError: boolean): string | undefined {
  if (!isObject(reply)) return 'a reply that is not an object';
  if (reply.jsonrpc !== '2.0') return 'jsonrpc is not "2.0"';
  if (('result' in reply) === ('error' in reply)) return 'not exactly one of result and error';
  if ('id' in reply && !['string', 'number'].includes(typeof reply.id) && reply.id !== null) return 'an id that is not a string, number or null';
  if ('error' in reply) {
    if (!isObject(reply.error) || !Number.isInteger(reply.error.code) || typeof reply.error.message !== 'string') return 'a malformed error object';
    return undefined;
  }
  if (mustBeError) return 'a result for an invalid request';
  return isObject(reply.result) ? undefined : 'a result that is not an object';
}

function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

function mcpProblem(fuzz: FuzzCase, answer: RawAnswer): string | undefined {
  const type = String(answer.headers['content-type'] ?? '');
  if (answer.status === 200) {
    const text = type.startsWith('text/event-stream') ? answer.body.replace(/^event: message\ndata: /, '').trim() : answer.body;
    const parsed = parseJson(text);
    if (!parsed) return `200 with a body that is not JSON: ${answer.body.slice(0, 120)}`;
    const replies = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
    for (const reply of replies) {
      const problem = replyProblem(reply, fuzz.expect === 'error');
      if (problem) return `200 with ${problem}: ${text.slice(0, 160)}`;
    }
    return undefined;
  }
  if (answer.status === 202) return answer.body === '' ? undefined : '202 with a body';
  if (answer.status >= 400 && answer.status < 500) {
    // The endpoint's own refusals carry a JSON-RPC error; Node's HTTP parser answers framing errors with no body;
    // a request that is not for /mcp/<token> after all (absolute-form target, /mcp alone) gets the admin API's error.
    if (answer.body === '' || fuzz.method === 'HEAD') return undefined;
    const parsed = parseJson(answer.body);
    if (parsed && (!replyProblem(parsed.value, true) || isObject(parsed.value) && isObject(parsed.value.error) && typeof parsed.value.error.message === 'string')) return undefined;
    return `${answer.status} without a JSON-RPC error body: ${answer.body.slice(0, 120)}`;
  }
  if (answer.status === 204 && fuzz.method === 'OPTIONS') return undefined;
  return `status ${answer.status}`;
}

function adminProblem(fuzz: FuzzCase, answer: RawAnswer): string | undefined {
  if (answer.status >= 500 || answer.status < 200 || (answer.status >= 300 && answer.status < 400)) return `status ${answer.status}`;
  if (fuzz.method === 'HEAD' || answer.body === '' ) return undefined;
  const parsed = parseJson(answer.body);
  if (!parsed) return `${answer.status} with a body that is not JSON: ${answer.body.slice(0, 120)}`;
  if (answer.status >= 400 && !(isObject(parsed.value) && isObject(parsed.value.error) && typeof parsed.value.error.message === 'string')) {
    return `${answer.status} without {error: {message}}: ${answer.body.slice(0, 120)}`;
  }
  return undefined;
}

test(`${caseCount} seeded hostile requests: no 5xx, well-formed answers, 413 over the limit, still serving`, { timeout: 180_000 }, async (t) => {
  const admin = adminClient(server.url, server.tenants[0]!.token);
  const account = { subdomain: 'acme', base_url: upstream.url };
  const mcpAccount = await admin.createAccount({ integration: 'acme', context: account, credentials: { api_key: 'fuzz-key' } });
  const adminAccount = await admin.createAccount({ integration: 'acme', context: account, credentials: { api_key: 'fuzz-key' } });
  const all = await admin.createMcpServer(mcpAccount);
  const discovery = await admin.createMcpServer(mcpAccount, { config: { tool_exposure: 'discovery' } });
  const guarded = await admin.createMcpServer(mcpAccount, { config: { require_api_token_auth: true } });
  const adminServer = await admin.createMcpServer(adminAccount);
  const targets = {
    mcpPaths: [all, discovery, guarded].map((created) => new URL(created.url).pathname),
    guardedPath: new URL(guarded.url).pathname,
    apiToken: server.tenants[0]!.token, accountId: adminAccount, serverId: adminServer.id, maxBodyBytes,
  };

  const cases = [...generateCases(seed, caseCount, targets)];
  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  const statuses = new Map<number, number>();
  const kinds = new Map<string, number>();
  const failures: string[] = [];
  let serverErrors = 0;
  let mcpErrors = 0;
  let mcpResults = 0;
  let tooLarge = 0;
  let closedEarly = 0;
  const started = performance.now();

  await pool(cases.length, 24, async (index) => {
    const fuzz = cases[index]!;
    kinds.set(`${fuzz.target}:${fuzz.kind}`, (kinds.get(`${fuzz.target}:${fuzz.kind}`) ?? 0) + 1);
    let answer: RawAnswer;
    try {
      // Large bodies go on their own connection: a server may answer before reading them and close.
      answer = fuzz.raw
        ? await rawRequest(server.url, fuzz.raw, 5_000)
        : await httpRequest(server.url, { method: fuzz.method, path: fuzz.path, headers: fuzz.headers, body: fuzz.body, timeoutMs: 15_000, ...(large(fuzz) ? {} : { agent }) });
    } catch (error) {
      // The server may close a connection while a large body is still being sent (after answering 413).
      answer = { status: 0, headers: {}, body: String((error as Error).message) };
    }
    statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    if (answer.status >= 500) serverErrors++;
    let problem: string | undefined;
    if (fuzz.expect === 413) {
      if (answer.status === 413) tooLarge++;
      else problem = `expected 413, got ${answer.status} ${answer.body.slice(0, 80)}`;
    } else if (answer.status === 0) {
      // No answer: broken framing the server's HTTP parser dropped (or whose body it still awaits), or a large body
      // the server answered before reading and whose connection it closed while the client was still sending.
      if (fuzz.raw || large(fuzz)) closedEarly++;
      else problem = `no answer: ${answer.body}`;
    } else {
      problem = fuzz.target === 'mcp' ? mcpProblem(fuzz, answer) : adminProblem(fuzz, answer);
    }
    if (fuzz.target === 'mcp' && answer.status === 200) {
      if (/"error":\{/.test(answer.body)) mcpErrors++;
      else mcpResults++;
    }
    if (problem && failures.length < 15) {
      const sent = (fuzz.raw ?? fuzz.body)?.subarray(0, 200).toString('latin1') ?? '';
      failures.push(`#${fuzz.index} ${fuzz.target}:${fuzz.kind} ${fuzz.method} ${fuzz.path.slice(0, 100)} → ${problem}\n    sent: ${JSON.stringify(sent)}`);
    } else if (problem) failures.push('…');
  });
  agent.destroy();
  const seconds = (performance.now() - started) / 1000;

  const histogram = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}: ${count}`).join(', ');
  t.diagnostic(`seed ${seed}: ${cases.length} requests in ${seconds.toFixed(1)} s; statuses ${histogram}`);
  t.diagnostic(`MCP 200 answers: ${mcpErrors} JSON-RPC errors, ${mcpResults} results; ${tooLarge} oversized bodies refused with 413; ` +
    `${closedEarly} connections closed without an answer (broken framing or unread large bodies)`);
  t.diagnostic(`kinds: ${[...kinds].sort().map(([kind, count]) => `${kind} ${count}`).join(', ')}`);

  assert.ok(cases.length >= 10_000, 'at least 10,000 requests');
  assert.deepEqual(failures, [], `seed ${seed}: reproduce with FUZZ_SEED=${seed}`);
  assert.equal(serverErrors, 0, `5xx answers: ${serverErrors}`);
  assert.ok(tooLarge >= 100, `oversized bodies were tried and refused (${tooLarge})`);

  assert.equal(server.exited(), null, 'the server process is alive');
  const normal = await callTool(all.url, 'get_single_acme_widget_by_id', { id: 'ok' });
  assert.equal(normal.isError, false, `a normal call still works: ${normal.toolText}`);
  t.diagnostic(`a normal call after the fuzzing: ${normal.ms.toFixed(1)} ms`);
  const logs = server.logs();
  assert.doesNotMatch(logs, /admin API request failed|"level":"fatal"|uncaught/i, 'no internal error was logged');
  for (const secret of [targets.apiToken, all.token, discovery.token, guarded.token, adminServer.token, 'fuzz-key']) {
    assert.equal(logs.includes(secret), false, `a secret in the log: ${secret.slice(0, 6)}…`);
  }
});
