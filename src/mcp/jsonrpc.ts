// JSON-RPC 2.0 as MCP uses it: classifying incoming messages, error codes, and serializing replies.
// Replies are built as strings so JSON already written (the cached tools/list, a tool result's text) is spliced in
// without re-encoding.
import { isObject } from '../util/objects.ts';

export type RequestId = string | number;

export const ErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
  /** Implementation-defined (-32000..-32019): transport-level refusals (Origin, method, media type, size, auth, URL). */
  Transport: -32000,
  /** 2026-07-28: HTTP headers and body disagree, or a required header is missing. */
  HeaderMismatch: -32020,
  /** 2026-07-28: the request's protocol version is not supported. */
  UnsupportedProtocolVersion: -32022,
} as const;

export interface RpcError {
  code: number;
  message: string;
  data?: unknown;
}

export type Params = Record<string, unknown>;

/** One incoming message after validation. */
export type Incoming =
  | { kind: 'request'; id: RequestId; method: string; params: Params }
  | { kind: 'notification'; method: string; params: Params }
  | { kind: 'response' }
  | { kind: 'invalid'; id: RequestId | undefined; error: RpcError };

export { isObject };

/** Validates one element of a POST body (a single message or a batch member). */
export function classify(message: unknown): Incoming {
  if (!isObject(message)) return invalid(undefined, 'a JSON-RPC message must be an object');
  const id = message.id;
  const validId = typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id));
  if (message.jsonrpc !== '2.0') return invalid(validId ? id : undefined, 'jsonrpc must be "2.0"');
  if ('method' in message) {
    if (typeof message.method !== 'string' || message.method === '') return invalid(validId ? id : undefined, 'method must be a non-empty string');
    const params = isObject(message.params) ? message.params : {};
    if (!('id' in message)) return { kind: 'notification', method: message.method, params };
    // MCP: a request id is a string or a number, never null.
    if (!validId) return invalid(undefined, 'id must be a string or a number');
    if (message.params !== undefined && !isObject(message.params)) {
      return { kind: 'invalid', id, error: { code: ErrorCode.InvalidParams, message: 'Invalid params: params must be an object' } };
    }
    return { kind: 'request', id, method: message.method, params };
  }
  if (validId && ('result' in message || 'error' in message)) return { kind: 'response' };
  return invalid(validId ? id : undefined, 'a message needs a method (request or notification) or a result/error (response)');
}

function invalid(id: RequestId | undefined, message: string): Incoming {
  return { kind: 'invalid', id, error: { code: ErrorCode.InvalidRequest, message: `Invalid Request: ${message}` } };
}

/** A reply to one request: a result value, a result already serialized, or an error. */
export type Reply =
  | { id: RequestId; result: unknown }
  | { id: RequestId; resultJson: string }
  | { id: RequestId | undefined; error: RpcError };

export function serializeReply(reply: Reply): string {
  const id = reply.id === undefined ? '' : `"id":${JSON.stringify(reply.id)},`;
  if ('error' in reply) return `{"jsonrpc":"2.0",${id}"error":${JSON.stringify(reply.error)}}`;
  const result = 'resultJson' in reply ? reply.resultJson : serializeResult(reply.result);
  return `{"jsonrpc":"2.0",${id}"result":${result}}`;
}

/** JSON text written once (a tool result's text) and spliced in as it is where it stands as a member of a result. */
export class RawJson {
  readonly json: string;
  constructor(json: string) {
    this.json = json;
  }
}

function serializeResult(result: unknown): string {
  if (!isObject(result)) return JSON.stringify(result);
  let members = '';
  for (const key in result) {
    const value = result[key];
    if (value === undefined) continue;
    members += `${members === '' ? '' : ','}${JSON.stringify(key)}:${value instanceof RawJson ? value.json : JSON.stringify(value)}`;
  }
  return `{${members}}`;
}

/** An error body for HTTP-level refusals, where no request id is known (the MCP schema makes id optional). */
export function errorBody(code: number, message: string, data?: unknown): string {
  return serializeReply({ id: undefined, error: data === undefined ? { code, message } : { code, message, data } });
}
