// The MCP endpoint over node:http, hand-written (no SDK server classes on the hot path), stateless.
//
//   POST   /mcp/<token>            Streamable HTTP, every revision from 2025-03-26 to 2026-07-28, negotiated per request;
//                                 each request is answered with one application/json object
//   GET    /mcp/<token>            405 (no server-initiated messages), except a bare GET that asks for text/event-stream
//                                 without any Streamable HTTP header: that is an HTTP+SSE client → legacy stream
//   DELETE /mcp/<token>            405: there are no sessions to end
//   GET    /mcp/<token>/sse        legacy HTTP+SSE stream (2024-11-05), see legacy-sse.ts
//   POST   /mcp/<token>/messages   legacy HTTP+SSE messages
//   OPTIONS                        CORS preflight for allowed origins
//
// Order of checks: path → Origin/Host (403) → too many unknown tokens from this client (429) → method (405) →
// Accept (406) → Content-Type (415) → token (404, counted per client) → API token or OAuth access token when the
// server's auth mode asks for one (401; for "oauth" with WWW-Authenticate pointing at its resource metadata) →
// body size (413) → JSON (-32700) → batch size (400) → protocol version and headers (400) → room in the request
// log (503) → method.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tooManyGuessesMessage } from '../security/guess-limiter.ts';
import { parseJsonMessage } from '../util/json-message.ts';
import { maxEntries } from '../execution/validate.ts';
import { clientInfoFrom, decodeSessionId, encodeSessionId } from './client-info.ts';
import {
  acceptsEventStream, defaultMaxBodyBytes, discardRest, header, isJsonContentType, readBody, refuse, replyFormat, sendAccepted, sendJson,
  sendSseReply, type Body,
} from './http.ts';
import { classify, ErrorCode, errorBody, isObject, serializeReply, type Incoming, type Reply, type RpcError } from './jsonrpc.ts';
import { logUnexpected } from '../util/error-id.ts';
import { defaultSseLimits, expiryOf, SseSessions, type SseSession } from './legacy-sse.ts';
import { checkOrigin, corsHeaders, originPolicy, preflightHeaders } from './origin.ts';
import { handleRequest, type CallContext } from './protocol.ts';
import { toolSetFor } from './tools-list.ts';
import type { ResolvedMcpServer } from '../services/access.ts';
import type { Change, McpDependencies, OAuthCaller } from './types.ts';
import { authModeOf } from './auth-mode.ts';
import { switchboardVersion } from '../util/version.ts';
import { secretPrefixes } from '../auth/tokens.ts';
import { resourceMetadataUrl } from '../oauth/resource.ts';
import {
  allowsBatches, headerlessVersion, isLegacyVersion, isModernVersion, metaKeys, supportedVersions,
} from './versions.ts';

export type McpHandler = ((req: IncomingMessage, res: ServerResponse) => void) & {
  /** Ends the open legacy SSE streams (call on shutdown so connections can drain). */
  close(): void;
};

/** Tool arguments may nest 64 levels (execution/validate.ts); the JSON-RPC envelope adds a few. */
const maxMessageDepth = 80;
/** Entries of all objects and lists in one message (a batch of 50 calls of 20 arguments each is 1,000). */
const maxMessageEntries = 10_000;

const pathPattern = /^\/mcp\/([A-Za-z0-9._~-]{1,512})(\/sse|\/messages)?\/?$/;
const accessTokenPrefix = secretPrefixes.accessToken;

type BearerCheck = { ok: true; caller?: OAuthCaller } | { ok: false; problem?: string; expired?: true };

/** The URL token of a request that matched pathPattern. */
function tokenOf(req: IncomingMessage): string {
  return (req.url ?? '').split('?')[0]!.split('/')[2]!;
}
export const defaultMaxBatch = 50;

export function createMcpHandler(deps: McpDependencies): McpHandler {
  const policy = originPolicy(deps.publicUrl, deps.allowedOrigins);
  const maxBodyBytes = deps.maxBodyBytes ?? defaultMaxBodyBytes;
  const basePath = deps.publicUrl ? new URL(deps.publicUrl).pathname.replace(/\/+$/, '') : '';
  const maxBatch = deps.maxBatch ?? defaultMaxBatch;
  const sessions = new SseSessions({ keepAliveMs: deps.sseKeepAliveMs ?? 15_000, limits: { ...defaultSseLimits, ...deps.sseLimits }, now: deps.now ?? Date.now });
  deps.watchChanges?.((change) => void recheckStreams(change));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const match = pathPattern.exec(queryAt === -1 ? url : url.slice(0, queryAt));
    if (!match) return refuse(res, 404, 'Not found: MCP server URLs look like /mcp/<token>.');
    const token = match[1]!;
    const sub = match[2];

    const origin = checkOrigin(req, policy);
    if (!origin.ok) return refuse(res, 403, origin.message);
    const cors = corsHeaders(origin.origin);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...cors, ...(origin.origin ? preflightHeaders : {}) });
      res.end();
      return;
    }
    const wait = deps.guesses ? deps.guesses.retryAfter(deps.guesses.clientOf(req)) : 0;
    if (wait > 0) return refuse(res, 429, tooManyGuessesMessage(wait), { 'retry-after': String(wait), ...cors });

    if (sub === '/sse') {
      if (req.method !== 'GET') return refuse(res, 405, 'Method not allowed: open the legacy SSE stream with GET.', { allow: 'GET', ...cors });
      return openLegacyStream(req, res, token, `${basePath}/mcp/${token}/messages`, cors);
    }
    if (sub === '/messages') {
      if (req.method !== 'POST') return refuse(res, 405, 'Method not allowed: send legacy SSE messages with POST.', { allow: 'POST', ...cors });
      const sessionId = queryAt === -1 ? null : new URLSearchParams(url.slice(queryAt + 1)).get('sessionId');
      return legacyMessage(req, res, token, sessionId, cors);
    }
    switch (req.method) {
      case 'POST':
        return streamablePost(req, res, token, cors);
      case 'GET':
        if (isLegacySseGet(req)) return openLegacyStream(req, res, token, `${basePath}/mcp/${token}/messages`, cors);
        return refuse(res, 405, 'Method not allowed: this server sends no server-initiated messages, so it offers no GET stream. POST JSON-RPC messages to this URL.', { allow: 'POST', ...cors });
      case 'DELETE':
        return refuse(res, 405, 'Method not allowed: this server is stateless and has no sessions to end.', { allow: 'POST', ...cors });
      default:
        return refuse(res, 405, `Method not allowed: ${req.method}.`, { allow: 'POST', ...cors });
    }
  }

  /** Resolves the URL token and checks who may call (auth mode); answers 404/401/503 itself and returns undefined. */
  async function authorize(req: IncomingMessage, res: ServerResponse, resolved: ResolvedMcpServer | undefined, cors: Record<string, string>) {
    if (!resolved) {
      deps.guesses?.miss(deps.guesses.clientOf(req));
      refuse(res, 404, 'Not found: this MCP server URL is unknown, was deleted or has expired.', cors);
      return undefined;
    }
    const mode = authModeOf(resolved.server.config);
    let caller: OAuthCaller | undefined;
    let bearer: string | undefined;
    if (mode !== 'url') {
      bearer = header(req, 'authorization')?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
      const checked: BearerCheck = mode === 'oauth'
        ? await checkOAuthBearer(bearer, resolved)
        : bearer !== undefined && await deps.verifyApiToken(bearer, resolved.server.tenant_id) ? { ok: true } : { ok: false };
      if (!checked.ok) {
        if (bearer && !('expired' in checked)) deps.guesses?.miss(deps.guesses.clientOf(req));
        if (mode === 'api_token') {
          // No WWW-Authenticate: that header sends MCP clients into OAuth discovery, which this server does not use.
          refuse(res, 401, 'Unauthorized: this MCP server requires the header "Authorization: Bearer <API token>" with an API token of its tenant.', cors);
        } else {
          const metadata = resourceMetadataUrl(deps.publicUrl ?? `http://${header(req, 'host') ?? 'localhost'}`, tokenOf(req));
          const problem = 'problem' in checked ? `, error="invalid_token", error_description="${checked.problem}"` : '';
          refuse(res, 401, `Unauthorized: this MCP server requires sign-in. ${'problem' in checked ? `${checked.problem}. ` : ''}MCP clients that support OAuth (Claude.ai, ChatGPT, the MCP SDKs) sign in through ${metadata}; others may send "Authorization: Bearer <API token>" with an API token of its team.`,
            { ...cors, 'www-authenticate': `Bearer resource_metadata="${metadata}", scope="mcp"${problem}` });
        }
        return undefined;
      }
      caller = checked.caller;
    }
    const integration = deps.catalog.get(resolved.account.integration);
    if (!integration) {
      refuse(res, 503, `Unavailable: the integration "${resolved.account.integration}" of this MCP server is not loaded.`, cors);
      return undefined;
    }
    return { resolved, integration, toolSet: toolSetFor(integration, resolved.server.config), caller, bearer };
  }

  /** auth "oauth": an access token granted for this very server, or an API token of its tenant. */
  async function checkOAuthBearer(bearer: string | undefined, resolved: ResolvedMcpServer): Promise<BearerCheck> {
    if (bearer === undefined) return { ok: false };
    if (bearer.startsWith(accessTokenPrefix)) {
      const grant = await deps.verifyAccessToken?.(bearer);
      if (!grant) return { ok: false, problem: 'The access token is unknown, expired or revoked', expired: true };
      if (grant.mcp_server_id !== resolved.server.id) return { ok: false, problem: 'The access token was issued for another MCP server' };
      return { ok: true, caller: { user_id: grant.user_id, user_email: grant.user_email, client_id: grant.client_id, client_name: grant.client_name } };
    }
    return await deps.verifyApiToken(bearer, resolved.server.tenant_id) ? { ok: true } : { ok: false, problem: 'The bearer token is not an access token or API token of this server' };
  }

  async function readAndResolve(req: IncomingMessage, token: string): Promise<[Body, ResolvedMcpServer | undefined]> {
    const [body, resolved] = await Promise.all([readBody(req, maxBodyBytes), deps.resolveServer(token)]);
    // Whatever the answer (413, 404, 401), the rest of a refused body is read and dropped, within bounds.
    if (!body.ok && body.reason === 'too-large') discardRest(req);
    return [body, resolved];
  }

  /** 413 / aborted / -32700 handling shared by both POST flavours; returns the parsed JSON or undefined when answered. */
  async function parseBody(res: ServerResponse, body: Body, cors: Record<string, string>, signal: AbortSignal): Promise<{ value: unknown } | undefined> {
    if (!body.ok) {
      if (body.reason === 'too-large') {
        refuse(res, 413, `Payload too large: the body is over ${maxBodyBytes} bytes.`, cors);
      } else res.destroy();
      return undefined;
    }
    const parsed = await parseJsonMessage(body.bytes, { depth: maxMessageDepth, entries: maxEntries, totalEntries: maxMessageEntries }, signal);
    if (parsed.ok) return { value: parsed.value };
    if (parsed.problem === 'abandoned') {
      // A legacy message whose stream closed while it waited; its POST may still be open.
      if (!res.closed) refuse(res, 404, 'Session not found: the SSE stream of this session closed while the message waited. Open a new stream with GET /mcp/<token>/sse.', cors);
      return undefined;
    }
    if (parsed.problem === 'not_json') {
      sendJson(res, 400, errorBody(ErrorCode.ParseError, 'Parse error: the body is not valid JSON.'), cors);
    } else {
      const what = parsed.problem === 'too_deep' ? `nests deeper than ${maxMessageDepth} levels`
        : `has an object or list of more than ${maxEntries} entries, or more than ${maxMessageEntries} in all`;
      sendJson(res, 400, errorBody(ErrorCode.InvalidRequest, `Invalid Request: the message ${what}; no tool argument needs that.`), cors);
    }
    return undefined;
  }

  /** Aborted when the client goes away before its answer is sent; taken as the request arrives, so no close is missed. */
  function abortOnClose(res: ServerResponse): AbortSignal {
    const controller = new AbortController();
    const abortUnlessAnswered = () => {
      if (!res.writableFinished) controller.abort();
    };
    if (res.closed) abortUnlessAnswered();
    else res.once('close', abortUnlessAnswered);
    return controller.signal;
  }

  // --- Streamable HTTP -----------------------------------------------------------------------------------------

  async function streamablePost(req: IncomingMessage, res: ServerResponse, token: string, cors: Record<string, string>): Promise<void> {
    const format = replyFormat(header(req, 'accept'));
    if (!format) return refuse(res, 406, 'Not acceptable: the client must accept application/json (and text/event-stream).', cors);
    if (!isJsonContentType(header(req, 'content-type'))) {
      return refuse(res, 415, 'Unsupported media type: send the JSON-RPC message with Content-Type: application/json.', cors);
    }
    const signal = abortOnClose(res);
    const [body, found] = await readAndResolve(req, token);
    const access = await authorize(req, res, found, cors);
    if (!access) return;
    const parsed = await parseBody(res, body, cors, signal);
    if (!parsed) return;

    const send = (status: number, json: string, headers: Record<string, string> = {}) => {
      if (format === 'sse' && status === 200) sendSseReply(res, status, json, { ...cors, ...headers });
      else sendJson(res, status, json, { ...cors, ...headers });
    };
    const headerVersion = header(req, 'mcp-protocol-version');
    const { bearer: _bearer, ...granted } = access;
    const base = { deps, ...granted, signal, serverVersion: switchboardVersion };
    const sessionClient = decodeSessionId(header(req, 'mcp-session-id'));

    if (Array.isArray(parsed.value)) {
      const version = headerVersion ?? headerlessVersion;
      if (parsed.value.length === 0) return send(400, errorBody(ErrorCode.InvalidRequest, 'Invalid Request: an empty batch.'));
      if (parsed.value.length > maxBatch) return send(400, batchTooLarge(parsed.value.length));
      if (!isLegacyVersion(version) && !isModernVersion(version)) return send(400, unsupportedVersion(version));
      if (!allowsBatches(version)) {
        return send(400, errorBody(ErrorCode.InvalidRequest, `Invalid Request: JSON-RPC batches are not part of protocol ${version} (only 2025-03-26); send one message per POST.`));
      }
      const ctx: CallContext = { ...base, era: 'legacy', version, client: sessionClient };
      const messages = parsed.value.map(classify);
      if (!reserveLogRoom(messages.filter(isLoggedInBatch).length)) return send(503, logFull(), retryAfter());
      const replies = await handleBatch(ctx, messages);
      if (replies.length === 0) return sendAccepted(res, cors);
      return send(200, `[${replies.map(serializeReply).join(',')}]`);
    }

    const message = classify(parsed.value);
    if (message.kind === 'invalid') return send(message.error.code === ErrorCode.InvalidParams ? 200 : 400, serializeReply({ id: message.id, error: message.error }));
    if (message.kind === 'response' || message.kind === 'notification') {
      if (headerVersion !== undefined && !isLegacyVersion(headerVersion) && !isModernVersion(headerVersion)) return send(400, unsupportedVersion(headerVersion));
      return sendAccepted(res, cors);
    }

    const meta = isObject(message.params._meta) ? message.params._meta : undefined;
    const envelopeVersion = meta?.[metaKeys.protocolVersion];
    let ctx: CallContext;
    if (typeof envelopeVersion === 'string' && !isLegacyVersion(envelopeVersion)) {
      // Modern: version, client and capabilities travel with the request; headers must mirror the body.
      const mismatch = modernHeaderProblem(req, headerVersion, envelopeVersion, message.method, message.params);
      if (mismatch) return send(400, serializeReply({ id: message.id, error: mismatch }));
      if (!isModernVersion(envelopeVersion)) return send(400, unsupportedVersion(envelopeVersion, message.id));
      if (!isObject(meta?.[metaKeys.clientCapabilities])) return send(400, missingMeta(message.id, metaKeys.clientCapabilities));
      ctx = { ...base, era: 'modern', version: envelopeVersion, client: clientInfoFrom(meta?.[metaKeys.clientInfo]) };
    } else {
      // A modern request carries its revision in _meta as well as in the header.
      if (headerVersion !== undefined && isModernVersion(headerVersion)) return send(400, missingMeta(message.id, metaKeys.protocolVersion));
      // initialize negotiates from its body; any other request names its revision in the header (default 2025-03-26).
      if (message.method !== 'initialize' && headerVersion !== undefined && !isLegacyVersion(headerVersion)) {
        return send(400, unsupportedVersion(headerVersion, message.id));
      }
      ctx = { ...base, era: 'legacy', version: headerVersion ?? headerlessVersion, client: sessionClient };
    }
    if (!reserveLogRoom(1)) return send(503, logFull(message.id), retryAfter());
    const handled = await handleRequest(ctx, message.id, message.method, message.params);
    const status = handled.status ?? 200;
    const extra: Record<string, string> = handled.initialized ? { 'mcp-session-id': encodeSessionId(handled.initialized.client) } : {};
    return send(status, serializeReply(handled.reply), extra);
  }

  /** Takes room in the request log for the entries `count` requests will write; true when there is room. */
  function reserveLogRoom(count: number): boolean {
    return count === 0 || !deps.logRoom || deps.logRoom.reserve(count);
  }

  function retryAfter(): Record<string, string> {
    return { 'retry-after': String(deps.logRoom?.retryAfterSeconds() ?? 1) };
  }

  function logFull(id?: string | number): string {
    return serializeReply({
      id,
      error: { code: ErrorCode.Transport, message: `Unavailable: the request log is not keeping up (its database writes are slow or failing), so nothing was run. Retry after ${deps.logRoom?.retryAfterSeconds() ?? 1} s.` },
    });
  }

  function batchTooLarge(size: number): string {
    return errorBody(ErrorCode.InvalidRequest, `Invalid Request: this batch has ${size} messages; a batch may hold at most ${maxBatch}. Nothing in it was run: send it again in smaller batches.`);
  }

  async function handleBatch(ctx: CallContext, messages: Incoming[]): Promise<Reply[]> {
    const replies = await Promise.all(messages.map(async (message): Promise<Reply | undefined> => {
      if (message.kind === 'invalid') return { id: message.id, error: message.error };
      if (message.kind !== 'request') return undefined;
      if (message.method === 'initialize') {
        return { id: message.id, error: { code: ErrorCode.InvalidRequest, message: 'Invalid Request: initialize must not be part of a batch.' } };
      }
      return (await handleRequest(ctx, message.id, message.method, message.params)).reply;
    }));
    return replies.filter((reply): reply is Reply => reply !== undefined);
  }

  // --- legacy HTTP+SSE -----------------------------------------------------------------------------------------

  async function openLegacyStream(req: IncomingMessage, res: ServerResponse, token: string, endpoint: string, cors: Record<string, string>): Promise<void> {
    if (!acceptsEventStream(header(req, 'accept'))) return refuse(res, 406, 'Not acceptable: the legacy SSE stream is text/event-stream.', cors);
    if (sessions.full) return refuse(res, 503, 'Unavailable: too many open SSE streams on this node; use Streamable HTTP (POST to this URL).', { 'retry-after': '5', ...cors });
    const access = await authorize(req, res, await deps.resolveServer(token), cors);
    if (!access) return;
    const refusal = sessions.refusal(access.resolved.server);
    if (refusal) return refuse(res, 429, `Too many streams: ${refusal}. Close one, or use Streamable HTTP (POST to this URL), which holds no stream.`, { 'retry-after': '30', ...cors });
    sessions.open(res, { token, server: access.resolved.server, bearer: access.bearer }, endpoint, cors);
  }

  /**
   * After a change somewhere in the cluster: streams whose server is gone or expired, whose auth mode now asks for a
   * bearer they were not opened with, or whose API token or OAuth grant was revoked, end.
   */
  async function recheckStreams(change: Change): Promise<void> {
    const byToken = Map.groupBy(sessions.affectedBy(change), (session) => session.token);
    await Promise.all([...byToken].map(async ([token, affected]) => {
      try {
        const resolved = await deps.resolveServer(token);
        for (const session of affected) {
          if (resolved) session.expiresAt = expiryOf(resolved.server);
          if (!resolved || !await stillAuthorized(session, resolved)) session.close();
        }
      } catch (error) {
        logUnexpected(deps.logger, error, 'checking open SSE streams after a change failed; they stay open until the next change or their expiry');
      }
    }));
  }

  /** The stream's bearer would still be let in by the server's auth mode as it is now. */
  async function stillAuthorized(session: SseSession, resolved: ResolvedMcpServer): Promise<boolean> {
    const mode = authModeOf(resolved.server.config);
    if (mode === 'url') return true;
    if (session.bearer === undefined) return false;
    if (mode === 'oauth') return (await checkOAuthBearer(session.bearer, resolved)).ok;
    return deps.verifyApiToken(session.bearer, resolved.server.tenant_id);
  }

  async function legacyMessage(req: IncomingMessage, res: ServerResponse, token: string, sessionId: string | null, cors: Record<string, string>): Promise<void> {
    if (!isJsonContentType(header(req, 'content-type'))) {
      return refuse(res, 415, 'Unsupported media type: send the JSON-RPC message with Content-Type: application/json.', cors);
    }
    const session = sessions.get(sessionId);
    if (!session || session.token !== token) {
      return refuse(res, 404, 'Session not found: the SSE stream of this session is closed or was opened on another server node. Open a new stream with GET /mcp/<token>/sse.', cors);
    }
    const [body, found] = await readAndResolve(req, token);
    const access = await authorize(req, res, found, cors);
    if (!access) {
      if (!found) session.close();
      return;
    }
    // The answer goes out on the stream: the message is wanted while the stream is open, whatever becomes of its POST.
    const parsed = await parseBody(res, body, cors, session.signal);
    if (!parsed) return;
    if (Array.isArray(parsed.value) && parsed.value.length > maxBatch) return sendJson(res, 400, batchTooLarge(parsed.value.length), cors);
    const messages = Array.isArray(parsed.value) ? parsed.value.map(classify) : [classify(parsed.value)];
    if (!reserveLogRoom(messages.filter((message) => message.kind === 'request').length)) return sendJson(res, 503, logFull(), { ...retryAfter(), ...cors });
    sendAccepted(res, cors);
    const { bearer: _bearer, ...granted } = access;
    const replies = await Promise.all(messages.map((message) => legacySessionMessage(session, { deps, ...granted, signal: session.signal, serverVersion: switchboardVersion }, message)));
    const sent = replies.filter((reply): reply is Reply => reply !== undefined).map(serializeReply);
    if (sent.length === 0) return;
    session.send(Array.isArray(parsed.value) ? `[${sent.join(',')}]` : sent[0]!);
  }

  async function legacySessionMessage(session: SseSession, base: Omit<CallContext, 'era' | 'version' | 'client'>, message: Incoming): Promise<Reply | undefined> {
    if (message.kind === 'invalid') return { id: message.id, error: message.error };
    if (message.kind !== 'request') return undefined;
    const handled = await handleRequest({ ...base, era: 'legacy', version: session.version, client: session.client }, message.id, message.method, message.params);
    if (handled.initialized) {
      session.version = handled.initialized.version;
      session.client = handled.initialized.client;
    }
    return handled.reply;
  }

  const handler = ((req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      const errorId = logUnexpected(deps.logger, error, 'MCP request failed', { method: req.method });
      if (!res.headersSent) refuse(res, 500, `Internal error (error id ${errorId}); the server log has the details.`);
      else res.destroy();
    });
  }) as McpHandler;
  handler.close = () => sessions.closeAll();
  return handler;
}

/** Batch members that reach handleRequest and so write a log entry: requests, but initialize (refused in a batch). */
function isLoggedInBatch(message: Incoming): boolean {
  return message.kind === 'request' && message.method !== 'initialize';
}

/** A GET that is an HTTP+SSE (2024-11-05) client opening its stream, not a Streamable HTTP client. */
function isLegacySseGet(req: IncomingMessage): boolean {
  const accept = header(req, 'accept') ?? '';
  return /text\/event-stream/i.test(accept)
    && header(req, 'mcp-protocol-version') === undefined
    && header(req, 'mcp-session-id') === undefined
    && header(req, 'last-event-id') === undefined;
}

/** 2026-07-28: a request whose _meta lacks a required member is Invalid params, with HTTP 400. */
function missingMeta(id: string | number, key: string): string {
  return serializeReply({ id, error: { code: ErrorCode.InvalidParams, message: `Invalid params: params._meta["${key}"] is required in protocol 2026-07-28.` } });
}

function unsupportedVersion(requested: string, id?: string | number): string {
  const error: RpcError = {
    code: ErrorCode.UnsupportedProtocolVersion,
    message: `Unsupported protocol version: ${requested}`,
    data: { supported: [...supportedVersions], requested },
  };
  return serializeReply({ id, error });
}

/** 2026-07-28: MCP-Protocol-Version, Mcp-Method and (for tools/call) Mcp-Name must be present and match the body. */
function modernHeaderProblem(req: IncomingMessage, headerVersion: string | undefined, bodyVersion: string, method: string, params: Record<string, unknown>): RpcError | undefined {
  const mismatch = (message: string): RpcError => ({ code: ErrorCode.HeaderMismatch, message: `Header mismatch: ${message}` });
  if (headerVersion === undefined) return mismatch('the MCP-Protocol-Version header is required');
  if (headerVersion !== bodyVersion) return mismatch(`MCP-Protocol-Version header value '${headerVersion}' does not match body value '${bodyVersion}'`);
  if (!isModernVersion(bodyVersion)) return undefined;
  const methodHeader = header(req, 'mcp-method');
  if (methodHeader === undefined) return mismatch('the Mcp-Method header is required');
  if (methodHeader !== method) return mismatch(`Mcp-Method header value '${methodHeader}' does not match body value '${method}'`);
  if (method === 'tools/call' || method === 'resources/read' || method === 'prompts/get') {
    const bodyName = method === 'resources/read' ? params.uri : params.name;
    const nameHeader = header(req, 'mcp-name');
    if (nameHeader === undefined) return mismatch('the Mcp-Name header is required');
    const decoded = decodeHeaderValue(nameHeader);
    if (decoded === undefined) return mismatch('the Mcp-Name header is not valid Base64 sentinel encoding');
    if (decoded !== bodyName) return mismatch(`Mcp-Name header value '${decoded}' does not match body value '${String(bodyName)}'`);
  }
  return undefined;
}

/** `=?base64?…?=` values are Base64 of UTF-8; anything else is the value itself. */
function decodeHeaderValue(value: string): string | undefined {
  const encoded = /^=\?base64\?(.*)\?=$/.exec(value);
  if (!encoded) return value;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded[1]!)) return undefined;
  return Buffer.from(encoded[1]!, 'base64').toString('utf8');
}

