// The opaque next_cursor handed to agents and Proxy API callers. It is self-contained (no server memory, so it
// survives restarts and works on any node) and signed: HMAC-SHA256 over the issuer (the MCP server, or the Proxy
// caller's account), the tool and the content, with a key derived from the encryption key every node shares.
// A cursor altered by one byte, or taken to another server or tool, is refused before anything goes upstream.
//
// Content: the tool's arguments it continues (validated again on use), the page size, and the position (see
// pagination/kind.ts). The arguments are what the agent sent, so a cursor can never carry more than the tool allows.
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { isObject } from '../util/objects.ts';
import type { Position } from './pagination/index.ts';

export interface CursorState {
  arguments: Record<string, unknown>;
  /** The upstream page size. */
  size: number;
  position: Position;
  /** Records to return per call when it differs from the page size (a scan by Switchboard-side filters). */
  limit?: number;
}

/** Who issued a cursor and for which tool; a cursor is valid only where both match. */
export interface CursorBinding {
  /** "mcp:<server id>" for an MCP server, "account:<account id>" for the Proxy API. */
  scope: string;
  tool: string;
}

export class CursorError extends Error {}

const macBytes = 16;
/** Longer strings are not cursors of ours (ours carry a tool's arguments and an upstream token of at most 4 KiB). */
const maxCursorLength = 64 * 1024;

/** The cursor key of every node sharing an encryption key. */
export function cursorKeyFrom(encryptionKey: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', encryptionKey, Buffer.alloc(0), 'switchboard next_cursor v2', 32));
}

export class CursorCodec {
  private readonly key: Buffer;

  /** Without a key (the engine used as a library), cursors are valid in this process only. */
  constructor(key: Uint8Array = randomBytes(32)) {
    this.key = Buffer.from(key);
  }

  encode(state: CursorState, binding: CursorBinding): string {
    const payload = Buffer.from(JSON.stringify({ a: state.arguments, s: state.size, p: state.position, l: state.limit })).toString('base64url');
    return `${payload}.${this.mac(payload, binding).toString('base64url')}`;
  }

  decode(cursor: string, binding: CursorBinding): CursorState {
    const refuse = () => new CursorError(`is not a cursor this server issued for ${binding.tool}; pass next_cursor back exactly as received`);
    const dot = cursor.length > maxCursorLength ? -1 : cursor.indexOf('.');
    if (dot === -1) throw refuse();
    const payload = cursor.slice(0, dot);
    const mac = Buffer.from(cursor.slice(dot + 1), 'base64url');
    const expected = this.mac(payload, binding);
    if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) throw refuse();
    const state = parseState(Buffer.from(payload, 'base64url').toString('utf8'));
    if (!state) throw refuse();
    return state;
  }

  private mac(payload: string, binding: CursorBinding): Buffer {
    return createHmac('sha256', this.key).update(`${binding.scope}\n${binding.tool}\n${payload}`).digest().subarray(0, macBytes);
  }
}

function parseState(json: string): CursorState | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!isObject(value) || !isObject(value.a) || !Number.isSafeInteger(value.s) || (value.s as number) < 1 || !isObject(value.p)) return undefined;
  const position = value.p;
  const limit = Number.isSafeInteger(value.l) && (value.l as number) >= 1 ? { limit: value.l as number } : {};
  if (Number.isSafeInteger(position.index) && (position.index as number) >= 0) {
    return { arguments: value.a, size: value.s as number, position: { index: position.index as number }, ...limit };
  }
  if (typeof position.token === 'string' && Number.isSafeInteger(position.skip) && (position.skip as number) >= 0) {
    return { arguments: value.a, size: value.s as number, position: { token: position.token, skip: position.skip as number }, ...limit };
  }
  return undefined;
}
