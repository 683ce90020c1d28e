// A seeded generator of hostile HTTP requests for the MCP endpoint and the admin API: broken JSON, wrong JSON-RPC
// shapes and types, huge, wide and deep bodies, unicode edge cases (lone surrogates, invalid UTF-8, RTL, NUL) and
// header abuse (floods, giant values, duplicates, CR/LF, broken framing). The same seed gives the same cases.

export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** mulberry32: a uniform float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** `length` code units drawn from `alphabet`, or from all of UTF-16 (surrogates included) when none is given. */
  text(length: number, alphabet?: string): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet ? alphabet[this.int(alphabet.length)] : String.fromCharCode(this.int(0x10000));
    return out;
  }
}

export interface FuzzTargets {
  /** Paths of live MCP servers, e.g. /mcp/<token> (all tools, discovery, API-token auth). */
  mcpPaths: string[];
  /** The one among them that requires the API token. */
  guardedPath: string;
  /** The tenant's API token (the admin API is fuzzed mostly authenticated, to reach the validation code). */
  apiToken: string;
  /** Real ids of objects the admin fuzzing may change (never delete). */
  accountId: string;
  serverId: string;
  /** Bodies over this many bytes must be refused with 413. */
  maxBodyBytes: number;
}

export interface FuzzCase {
  index: number;
  target: 'mcp' | 'admin';
  kind: string;
  method: string;
  path: string;
  headers: [string, string][];
  body?: Buffer;
  /** The whole request as bytes, for what node:http refuses to send. */
  raw?: Buffer;
  /** 'error': a 200 must carry JSON-RPC errors only; 'any': any well-formed answer; 413: exactly that. */
  expect: 'error' | 'any' | 413;
}

// --- building blocks -------------------------------------------------------------------------------------------

const hostileStrings = [
  '', ' ', '\u0000', '\ud800', '\udfff', '\udc00\ud800', '\ud83e\udd84', '\u202e\u0041\u0042', '\ufeff', '\u2028\u2029', 'n\u0303', 'İı',
  '../..', '..%2f..%2f', '%00', '%', '%%', '\r\nX-Injected: 1', '\n', '<script>alert(1)</script>', "'; DROP TABLE tenants; --",
  '${jndi:ldap://x/a}', '{{7*7}}', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'null', 'undefined', 'NaN', '-1',
  '1e309', '0x10', 'tools/call', 'TOOLS/CALL', 'tools/call\u0000', ' tools/list', 'initialize', 'get_single_acme_widget_by_id',
  'list_all_acme_widgets', 'create_a_acme_widget', 'search_tools', 'call_tool', 'get_tool_schema', 'x'.repeat(5000),
];

const numbers = [0, -0, 1, -1, 1.5, 2 ** 53 + 1, -(2 ** 63), 1e308, -1e308, 5e-324, 4294967296];

export function hostileString(rng: Rng): string {
  switch (rng.int(4)) {
    case 0: return rng.text(rng.int(40)); // any UTF-16 code units, lone surrogates included
    case 1: return rng.text(rng.int(30) + 1, 'abcdefghijklmnopqrstuvwxyz0123456789-_.~/%?#@:');
    default: return rng.pick(hostileStrings);
  }
}

export function hostileValue(rng: Rng, depth = 0): unknown {
  const roll = rng.int(depth > 3 ? 6 : 9);
  switch (roll) {
    case 0: return null;
    case 1: return rng.chance(0.5);
    case 2: return rng.pick(numbers);
    case 3: case 4: case 5: return hostileString(rng);
    case 6: return Array.from({ length: rng.int(4) }, () => hostileValue(rng, depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      for (let i = rng.int(4); i > 0; i--) Object.defineProperty(object, hostileString(rng), { value: hostileValue(rng, depth + 1), enumerable: true, configurable: true, writable: true });
      return object;
    }
  }
}

/** A JSON text nested `depth` levels deep, as arrays or objects. */
function deepJson(rng: Rng, depth: number): string {
  return rng.chance(0.5) ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

const validVersions = ['2025-03-26', '2025-06-18', '2025-11-25'];
const tools = ['get_single_acme_widget_by_id', 'list_all_acme_widgets', 'list_all_acme_gadgets', 'get_single_acme_gadget_by_id', 'search_tools', 'get_tool_schema', 'call_tool'];

/** A JSON-RPC message with every part possibly wrong, and whether it is certainly invalid. */
function rpcMessage(rng: Rng): { value: unknown; invalid: boolean } {
  const message: Record<string, unknown> = {};
  let invalid = false;
  const jsonrpc = rng.chance(0.75) ? '2.0' : rng.pick(['1.0', 2, 2.0, null, '', '2.0 ', ['2.0'], { v: '2.0' }]);
  if (jsonrpc !== '2.0') invalid = true;
  if (!rng.chance(0.05)) message.jsonrpc = jsonrpc;
  else invalid = true;
  const id = rng.chance(0.7) ? rng.int(1000) : rng.pick([null, true, 1.5, -1, 'x', '', {}, [], 1e308, 'a'.repeat(2000)]);
  const idValid = typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id));
  if (!rng.chance(0.1)) message.id = id;
  if ('id' in message && !idValid) invalid = true;
  const method = rng.chance(0.7) ? rng.pick(['tools/call', 'tools/list', 'initialize', 'ping', 'resources/list', 'prompts/get', 'notifications/initialized', 'logging/setLevel'])
    : rng.chance(0.5) ? hostileString(rng) : hostileValue(rng);
  if (!rng.chance(0.05)) message.method = method;
  if (typeof method !== 'string' || method === '' || !('method' in message)) invalid = true;
  else if (!['tools/call', 'tools/list', 'initialize', 'ping'].includes(method)) invalid = true; // unknown methods are errors
  const params = rng.chance(0.3) ? hostileValue(rng) : method === 'tools/call'
    ? { name: rng.chance(0.6) ? rng.pick(tools) : hostileValue(rng), arguments: rng.chance(0.5) ? hostileArguments(rng) : hostileValue(rng) }
    : method === 'initialize'
      ? { protocolVersion: rng.chance(0.5) ? rng.pick(validVersions) : hostileValue(rng), capabilities: hostileValue(rng), clientInfo: hostileValue(rng) }
      : hostileValue(rng);
  if (rng.chance(0.9)) message.params = params;
  if (rng.chance(0.1)) message.result = hostileValue(rng);
  if (rng.chance(0.05)) message.error = hostileValue(rng);
  // Responses and notifications without an id are answered 202, which is not an error either way.
  if (!('id' in message)) invalid = false;
  return { value: message, invalid };
}

function hostileArguments(rng: Rng): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  const names = ['id', 'limit', 'next_cursor', 'tool_name', 'arguments', 'query', 'tool_names', 'name', 'page', rng.pick(hostileStrings)];
  for (let i = rng.int(4) + 1; i > 0; i--) {
    const name = rng.pick(names);
    Object.defineProperty(args, name, {
      value: name === 'id' && rng.chance(0.5) ? hostileString(rng) : name === 'arguments' ? hostileArguments(rng) : hostileValue(rng),
      enumerable: true, configurable: true, writable: true,
    });
  }
  return args;
}

const mcpBaseHeaders = (): [string, string][] => [['content-type', 'application/json'], ['accept', 'application/json, text/event-stream'], ['mcp-protocol-version', '2025-06-18']];

function headerAbuse(rng: Rng): { headers: [string, string][]; invalid: boolean } {
  const headers = mcpBaseHeaders();
  const set = (name: string, value: string) => {
    const at = headers.findIndex(([existing]) => existing === name);
    if (at === -1) headers.push([name, value]);
    else headers[at] = [name, value];
  };
  switch (rng.int(12)) {
    case 0: set('accept', rng.pick(['text/html', '*/*;q=0', 'application/json;q=0', ',,;;', 'application/xml', 'image/*', `${'application/x-a, '.repeat(500)}text/plain`])); break;
    case 1: set('content-type', rng.pick(['text/plain', 'application/jsonp', 'application/json-seq', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', 'APPLICATION/JSON', ';', ''])); break;
    case 2: headers.push(['content-type', rng.pick(['text/plain', 'application/json', 'text/html'])]); break;
    case 3: set('mcp-protocol-version', rng.pick(['2026-07-28', '2024-11-05', '1999-01-01', '', 'latest', '2025-06-18, 2025-03-26', hostileString(rng).replace(/[^\x20-\x7e]/g, '?')])); break;
    case 4: set('mcp-session-id', rng.pick(['', 'x'.repeat(8000), '!!!', 'eyJub3QiOiJqc29uIn0', Buffer.from('{"name":').toString('base64url'), rng.text(40, 'abcdefghijklmnopqrstuvwxyz0123456789-_=+/')])); break;
    case 5: set('mcp-method', rng.pick(['tools/call', 'tools/list', '', 'x'])); set('mcp-name', rng.pick(['=?base64?@@@?=', '=?base64??=', '=?base64?' + Buffer.from('\ud800').toString('base64') + '?=', 'get_single_acme_widget_by_id'])); break;
    case 6: set('origin', rng.pick(['null', 'http://evil.example', 'https://evil.example:443', 'file://', 'http://localhost.evil.example', 'x'.repeat(4000), 'http://[::1]'])); break;
    case 7: set('authorization', rng.pick(['Bearer', 'Bearer ', 'Bearer a b', `Bearer ${'a'.repeat(8000)}`, 'Basic YTpi', 'bearer sb_x', 'Token x'])); break;
    case 8: for (let i = 0; i < 60; i++) headers.push([`x-flood-${i}`, 'y'.repeat(200)]); break;
    case 9: set('host', rng.pick(['evil.example', 'localhost:1', '[::1]', 'a'.repeat(300)])); break;
    case 10: set('last-event-id', hostileString(rng).replace(/[^\x20-\x7e]/g, '?')); break;
    default: set('cookie', 'a='.repeat(2000)); break;
  }
  return { headers, invalid: false };
}

/** A well-formed HTTP/1.1 request as bytes, framed by Content-Length or as 64 KiB chunks. */
function serialize(method: string, path: string, headers: [string, string][], body: Buffer, chunked: boolean): Buffer {
  // Keep-alive: a client that announces Connection: close lets the server close at once, and that close, with body
  // bytes still arriving, resets the connection and can destroy the answer in flight.
  const head = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', ...headers.map(([name, value]) => `${name}: ${value}`),
    chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${body.length}`].join('\r\n');
  if (!chunked) return Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), body]);
  const parts: Buffer[] = [Buffer.from(`${head}\r\n\r\n`, 'latin1')];
  for (let at = 0; at < body.length; at += 65_536) {
    const chunk = body.subarray(at, at + 65_536);
    parts.push(Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}

/** Requests below what node:http will send: broken framing and header syntax, as raw bytes. */
function rawAbuse(rng: Rng, path: string, body: string): Buffer {
  const line = (method = 'POST', target = path, version = 'HTTP/1.1') => `${method} ${target} ${version}\r\n`;
  const common = 'Host: 127.0.0.1\r\nAccept: application/json, text/event-stream\r\nConnection: close\r\n';
  const json = `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`;
  const variants: (() => string | Buffer)[] = [
    () => `${line()}${common}${json}X-Giant: ${'g'.repeat(20_000)}\r\n\r\n${body}`,
    () => `${line()}${common}${json}${Array.from({ length: 3000 }, (_, i) => `X-H${i}: v\r\n`).join('')}\r\n${body}`,
    () => `${line()}${common}${json}X-Bad: a\rb\r\n\r\n${body}`,
    () => `${line()}${common}${json}X-Bad: a\nInjected: b\r\n\r\n${body}`,
    () => `${line()}${common}${json}X-Nul: a\u0000b\r\n\r\n${body}`,
    () => `${line()}${common}${json}NoColonHere\r\n\r\n${body}`,
    () => `${line()}${common}${json}Bad Name: x\r\n\r\n${body}`,
    () => `${line()}${common}${json}X-Fold: a\r\n  folded\r\n\r\n${body}`,
    () => `${line()}${common}Content-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n${body}`,
    () => `${line()}${common}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n${body}\r\n0\r\n\r\n`,
    () => `${line()}${common}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${(Buffer.byteLength(body) + 7).toString(16)}\r\n${body}\r\n0\r\n\r\n`,
    () => `${line()}${common}Content-Type: application/json\r\nContent-Length: -1\r\n\r\n${body}`,
    () => `${line()}${common}Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n${body}`,
    () => `${line()}${common}Content-Type: application/json\r\nContent-Length: ${'9'.repeat(30)}\r\n\r\n${body}`,
    () => `${line()}Host: a\r\nHost: b\r\nAccept: */*\r\nConnection: close\r\n${json}\r\n${body}`,
    () => `${line()}Accept: */*\r\nConnection: close\r\n${json}\r\n${body}`,
    () => `${line('POST', path, 'HTTP/1.0')}${common}${json}\r\n${body}`,
    () => `${line('POST', path, 'HTTP/2.0')}${common}${json}\r\n${body}`,
    () => `${line('POST', `http://evil.example${path}`)}${common}${json}\r\n${body}`,
    () => `${line('post')}${common}${json}\r\n${body}`,
    () => `${line('F\u00f6O')}${common}${json}\r\n${body}`,
    () => `${line('POST', `${path}/${'a'.repeat(70_000)}`)}${common}${json}\r\n${body}`,
    () => `${line('POST', `${path} extra`)}${common}${json}\r\n${body}`,
    () => `${line('POST', `${path}\u00e9`)}${common}${json}\r\n${body}`,
    () => Buffer.concat([Buffer.from(`${line()}${common}X-Latin: `), Buffer.from([0xe9, 0xff, 0x80]), Buffer.from(`\r\n${json}\r\n${body}`)]),
    () => `${line()}${common}${json.replace('\r\n', '\n')}\n${body}`,
    () => `${line().replace(/\r\n$/, '\n')}${common.replace(/\r\n/g, '\n')}${json.replace(/\r\n/g, '\n')}\n${body}`,
    () => `\r\n\r\n${line()}${common}${json}\r\n${body}`,
  ];
  const built = rng.pick(variants)();
  // UTF-8, so a body's bytes match its Content-Length (computed on UTF-8); header lines are ASCII unless meant not to be.
  return typeof built === 'string' ? Buffer.from(built, 'utf8') : built;
}

/** encodeURIComponent, except that lone surrogates (which it refuses) become the bytes of an encoded surrogate: invalid UTF-8. */
function enc(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return `${encodeURIComponent(text.replace(/[\ud800-\udfff]/g, ''))}%ED%A0%80`;
  }
}

// --- the cases -------------------------------------------------------------------------------------------------

/** `count` cases from `seed`; the MCP endpoint gets about two thirds, the admin API the rest. */
export function* generateCases(seed: number, count: number, targets: FuzzTargets): Generator<FuzzCase> {
  const rng = new Rng(seed);
  for (let index = 0; index < count; index++) {
    yield rng.chance(0.65) ? mcpCase(rng, index, targets) : adminCase(rng, index, targets);
  }
}

function mcpCase(rng: Rng, index: number, targets: FuzzTargets): FuzzCase {
  const path = rng.pick(targets.mcpPaths);
  // The server that requires API-token auth gets the token mostly, so fuzzing reaches past its 401.
  const auth = (headers: [string, string][]): [string, string][] =>
    path === targets.guardedPath && rng.chance(0.8) && !headers.some(([name]) => name === 'authorization') ? [...headers, ['authorization', `Bearer ${targets.apiToken}`]] : headers;
  const post = (kind: string, body: Buffer, expect: FuzzCase['expect'], headers = mcpBaseHeaders()): FuzzCase =>
    ({ index, target: 'mcp', kind, method: 'POST', path, headers: auth(headers), body, expect });
  const roll = rng.int(100);
  if (roll < 10) {
    // Not JSON, or JSON that breaks: random bytes, a valid message cut short, trailing data, a BOM, JS-only syntax.
    const valid = JSON.stringify(rpcMessage(rng).value);
    const body = rng.pick([
      () => Buffer.from(rng.text(rng.int(200) + 1), 'utf8'),
      () => Buffer.from(Array.from({ length: rng.int(300) + 1 }, () => rng.int(256))),
      () => Buffer.from(valid.slice(0, Math.max(1, rng.int(valid.length - 1)))),
      () => Buffer.from(`${valid}${rng.pick(['}', ']', ',', 'x', '{}'])}`),
      () => Buffer.from(`\ufeff${valid}`),
      () => Buffer.from(rng.pick(["{'jsonrpc':'2.0'}", '{"id":NaN}', '{"id":Infinity}', '/* c */{}', '{"a":1,}', '[1,]', '{"a" 1}', '"\\ud800', '\u0000', '{"\\x41":1}'])),
    ])();
    return post('bad-json', body, 'error');
  }
  if (roll < 40) {
    const { value, invalid } = rpcMessage(rng);
    return post('rpc-shape', Buffer.from(JSON.stringify(value)), invalid ? 'error' : 'any');
  }
  if (roll < 48) {
    const batch = Array.from({ length: rng.pick([0, 1, 2, 50, 1000]) }, () => (rng.chance(0.7) ? rpcMessage(rng).value : hostileValue(rng)));
    const headers = mcpBaseHeaders();
    if (rng.chance(0.5)) headers[2] = ['mcp-protocol-version', '2025-03-26'];
    return post('batch', Buffer.from(JSON.stringify(batch)), 'any', headers);
  }
  if (roll < 56) {
    // Deep nesting, alone or as a tool argument (validation, encoding and logging must not overflow the stack).
    const depth = rng.pick([100, 1_000, 10_000, 100_000, 200_000]);
    const deep = deepJson(rng, depth);
    const body = rng.chance(0.5) ? deep
      : `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"${rng.pick(tools)}","arguments":{"id":"x","${rng.pick(['limit', 'next_cursor', 'extra', 'arguments'])}":${deep}}}}`;
    return post('deep', Buffer.from(body), 'any');
  }
  if (roll < 62) {
    const wide = rng.pick([
      () => `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_single_acme_widget_by_id","arguments":{"id":"${'x'.repeat(900_000)}"}}}`,
      () => `{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{${Array.from({ length: 40_000 }, (_, i) => `"k${i}":${i}`).join(',')}}}`,
      () => `{"jsonrpc":"2.0","id":"${'i'.repeat(500_000)}","method":"ping"}`,
      () => `[${Array.from({ length: 20_000 }, (_, i) => `{"jsonrpc":"2.0","id":${i},"method":"ping"}`).join(',')}]`,
    ])();
    return post('wide', Buffer.from(wide), 'any');
  }
  if (roll < 66) {
    const size = targets.maxBodyBytes + 1 + rng.pick([0, 1, 1024, 256 * 1024]);
    const body = Buffer.alloc(size, rng.pick(['{', ' ', 'a', '[']));
    const headers: [string, string][] = [...mcpBaseHeaders(), ['authorization', `Bearer ${targets.apiToken}`]];
    // On its own connection: the server answers 413 and closes without reading the rest.
    return { index, target: 'mcp', kind: 'too-large', method: 'POST', path, headers, raw: serialize('POST', path, headers, body, rng.chance(0.4)), expect: 413 };
  }
  if (roll < 74) {
    // Unicode: invalid UTF-8 bytes, lone surrogates (as escapes), RTL and NUL in names, arguments and ids.
    const base = `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"NAME","arguments":{"id":"ID"}}}`;
    const pieces = [Buffer.from([0xff, 0xfe]), Buffer.from([0xc0, 0xaf]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf4, 0x90, 0x80, 0x80]), Buffer.from('\\ud800'), Buffer.from('\\udc00\\ud800'), Buffer.from('\u202e'), Buffer.from('\\u0000'), Buffer.from('\u0085')];
    const [before, rest] = base.split('NAME') as [string, string];
    const [middle, after] = rest.split('ID') as [string, string];
    const name = rng.chance(0.5) ? Buffer.concat([Buffer.from('get_single_acme_widget_by_id'), rng.pick(pieces)]) : Buffer.from('get_single_acme_widget_by_id');
    return post('unicode', Buffer.concat([Buffer.from(before), name, Buffer.from(middle), rng.pick(pieces), Buffer.from('x'), rng.pick(pieces), Buffer.from(after)]), 'any');
  }
  if (roll < 86) {
    const { value } = rpcMessage(rng);
    const { headers } = headerAbuse(rng);
    return post('headers', Buffer.from(JSON.stringify(value)), 'any', headers);
  }
  if (roll < 93) {
    const body = JSON.stringify(rpcMessage(rng).value);
    return { index, target: 'mcp', kind: 'raw', method: 'POST', path, headers: [], raw: rawAbuse(rng, path, body), expect: 'any' };
  }
  // Other methods and paths under /mcp/: unknown or mangled tokens, sub-paths, query strings.
  const token = path.slice('/mcp/'.length);
  const target = rng.pick([
    () => `/mcp/${rng.text(rng.int(600) + 1, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~')}`,
    () => `/mcp/${token}/messages?sessionId=${enc(hostileString(rng))}`,
    () => `/mcp/${token}/${rng.pick(['x', '..', '%2e%2e', 'sse/x', 'messages/'])}`,
    () => `/mcp/${token}?${enc(hostileString(rng))}=${enc(hostileString(rng))}`,
    () => `/mcp/${enc(hostileString(rng))}`,
    () => `/mcp/${token}%00`,
    () => '/mcp/',
    () => '/mcp',
  ])();
  const method = rng.pick(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'POST', 'TRACE']);
  const headers = mcpBaseHeaders();
  // A GET that asks for an event stream on a live URL opens a (never-ending) legacy SSE stream: a valid request, not fuzz.
  if (method === 'GET') headers[1] = ['accept', 'application/json'];
  const live = target.startsWith(`/mcp/${token}`) && (target.endsWith('/sse') || target === `/mcp/${token}`);
  return { index, target: 'mcp', kind: 'method-path', method: live && method === 'GET' ? 'DELETE' : method, path: target, headers, body: method === 'GET' || method === 'HEAD' ? undefined : Buffer.from(JSON.stringify(rpcMessage(rng).value)), expect: 'any' };
}

const adminRoutes = [
  ['GET', '/integrations'], ['POST', '/integrated-account'], ['GET', '/integrated-account'], ['GET', '/integrated-account/:id'],
  ['PATCH', '/integrated-account/:id'], ['DELETE', '/integrated-account/:id'], ['GET', '/integrated-account/:id/tools'],
  ['POST', '/integrated-account/:id/mcp'], ['GET', '/integrated-account/:id/mcp'], ['GET', '/integrated-account/:id/mcp/:mcp_id'],
  ['PATCH', '/integrated-account/:id/mcp/:mcp_id'], ['DELETE', '/integrated-account/:id/mcp/:mcp_id'], ['GET', '/log'],
  ['GET', '/proxy/:resource'], ['POST', '/proxy/:resource'], ['GET', '/proxy/:resource/:id'], ['PUT', '/proxy/:resource/:id'],
  ['PATCH', '/proxy/:resource/:id'], ['DELETE', '/proxy/:resource/:id'], ['POST', '/proxy/:resource/:id/:method'],
] as const;

function adminBody(rng: Rng, path: string): unknown {
  if (rng.chance(0.3)) return hostileValue(rng);
  if (path === '/integrated-account') {
    return { integration: rng.chance(0.6) ? 'acme' : hostileValue(rng), name: hostileValue(rng), context: rng.chance(0.5) ? { subdomain: hostileString(rng), base_url: hostileString(rng) } : hostileValue(rng), credentials: rng.chance(0.5) ? { api_key: hostileString(rng) } : hostileValue(rng), ...(rng.chance(0.2) ? { extra: 1 } : {}) };
  }
  if (path.endsWith('/mcp')) {
    return { name: rng.chance(0.5) ? 'fuzz' : hostileValue(rng), config: rng.chance(0.5) ? { methods: [hostileString(rng)], tags: hostileValue(rng), tool_exposure: hostileValue(rng), require_api_token_auth: hostileValue(rng) } : hostileValue(rng), expires_at: rng.pick([null, '2030-01-01T00:00:00Z', '1970-01-01T00:00:00Z', 'tomorrow', hostileString(rng), 1e20]) };
  }
  if (path.includes('/mcp/')) return { name: hostileValue(rng), config: rng.chance(0.5) ? { methods: null, tags: null, tool_exposure: hostileValue(rng) } : hostileValue(rng), expires_at: hostileValue(rng) };
  if (path.startsWith('/integrated-account/')) return { name: hostileValue(rng), context: rng.chance(0.5) ? { subdomain: hostileString(rng), region: null } : hostileValue(rng), credentials: hostileValue(rng) };
  return hostileArguments(rng);
}

function adminCase(rng: Rng, index: number, targets: FuzzTargets): FuzzCase {
  const [routeMethod, template] = rng.pick(adminRoutes);
  const method = rng.chance(0.8) ? routeMethod : rng.pick(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
  // Real ids reach the validation and store code; hostile ids the routing and lookups. Real objects are never deleted.
  const real = method !== 'DELETE' && rng.chance(0.5);
  const param = (realId: string) => (real ? realId : enc(hostileString(rng)) || 'x');
  let path = template.replace(':mcp_id', param(targets.serverId)).replace(':id/:method', `${param('1')}/${enc(hostileString(rng)) || 'm'}`)
    .replace(':resource', rng.chance(0.6) ? 'widgets' : enc(hostileString(rng)) || 'r').replace(':id', param(targets.accountId));
  const query: string[] = [];
  if (path.startsWith('/proxy')) query.push(`integrated_account_id=${real ? targets.accountId : enc(hostileString(rng))}`);
  if (path === '/log') query.push(`log_type=${rng.chance(0.7) ? 'mcp' : enc(hostileString(rng))}`);
  for (let i = rng.int(3); i > 0; i--) {
    query.push(`${rng.pick(['limit', 'cursor', 'since', 'until', 'tool_name', 'methods', 'tags', 'mcp_server_id', enc(hostileString(rng))])}=${enc(rng.chance(0.5) ? hostileString(rng) : String(rng.pick(numbers)))}`);
  }
  if (query.length) path += `?${query.join('&')}`;
  const headers: [string, string][] = [['authorization', `Bearer ${targets.apiToken}`]];
  const roll = rng.int(100);
  if (roll < 8) headers[0] = ['authorization', rng.pick(['', 'Bearer', `Bearer ${targets.apiToken}x`, `Basic ${targets.apiToken}`, `Bearer ${'a'.repeat(6000)}`, `Bearer sb_${rng.text(43, 'abcdefghijklmnopqrstuvwxyz')}`, 'Bearer \u00e9'.replace(/[^\x20-\x7e]/g, '?')])];
  if (roll >= 8 && roll < 12) {
    const size = targets.maxBodyBytes + 1 + rng.pick([0, 1, 1024, 256 * 1024]);
    headers.push(['content-type', 'application/json']);
    const method = rng.pick(['POST', 'PATCH', 'PUT']);
    const path = rng.pick(['/integrated-account', `/integrated-account/${targets.accountId}`, `/proxy/widgets?integrated_account_id=${targets.accountId}`]);
    return { index, target: 'admin', kind: 'admin-too-large', method, path, headers, raw: serialize(method, path, headers, Buffer.alloc(size, '{'), rng.chance(0.4)), expect: 413 };
  }
  if (roll >= 12 && roll < 20) {
    const raw = rawAbuse(rng, path, JSON.stringify(adminBody(rng, template)) ?? 'null').toString('latin1')
      .replace('Connection: close\r\n', `Connection: close\r\nAuthorization: Bearer ${targets.apiToken}\r\n`);
    return { index, target: 'admin', kind: 'admin-raw', method, path, headers, raw: Buffer.from(raw, 'latin1'), expect: 'any' };
  }
  let body: Buffer | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    body = roll < 30 ? Buffer.from(rng.pick(['{', '{"name":', '[', 'null', '"x"', '1', '{"a":1,}', deepJson(rng, rng.pick([1_000, 100_000])), rng.text(50)]))
      : Buffer.from(JSON.stringify(adminBody(rng, template)) ?? 'null');
    headers.push(['content-type', rng.chance(0.9) ? 'application/json' : rng.pick(['text/plain', 'application/x-www-form-urlencoded', ''])]);
  }
  return { index, target: 'admin', kind: 'admin-route', method, path, headers, body, expect: 'any' };
}
