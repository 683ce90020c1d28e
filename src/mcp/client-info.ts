// Who is calling, for the request log, without server-side sessions.
//
// Modern (2026-07-28) requests name their client in _meta on every request. Legacy clients name themselves only in
// initialize; so the initialize response carries an Mcp-Session-Id that *is* that name: "ci1." + base64url(JSON [name, version, random]).
// Clients echo the session id on every later request, and any node can read it back: nothing is stored, nothing is
// required (a request without it, or with any other value, is served the same way), so load balancers need no
// affinity. The value is self-reported client identity, used for logs only, never for decisions.
import { randomBytes } from 'node:crypto';
import { isObject } from './jsonrpc.ts';

export interface ClientInfo {
  name: string;
  version: string;
}

const prefix = 'ci1.';
const maxField = 100;

export function clientInfoFrom(value: unknown): ClientInfo | undefined {
  if (!isObject(value) || typeof value.name !== 'string') return undefined;
  return { name: value.name.slice(0, maxField), version: typeof value.version === 'string' ? value.version.slice(0, maxField) : '' };
}

/** Unique per initialize (a random part, as the spec asks of session ids), readable by any node. */
export function encodeSessionId(client: ClientInfo | undefined): string {
  const nonce = randomBytes(12).toString('base64url');
  return prefix + Buffer.from(JSON.stringify(client ? [client.name, client.version, nonce] : ['', '', nonce]), 'utf8').toString('base64url');
}

export function decodeSessionId(header: string | undefined): ClientInfo | undefined {
  if (!header?.startsWith(prefix) || header.length > 1_000) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(header.slice(prefix.length), 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || typeof parsed[0] !== 'string' || parsed[0] === '') return undefined;
    return { name: parsed[0].slice(0, maxField), version: typeof parsed[1] === 'string' ? parsed[1].slice(0, maxField) : '' };
  } catch {
    return undefined;
  }
}
