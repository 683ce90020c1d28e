// How a sandbox reads the API key off a request, and how its API answers a key that is missing, sent in another
// scheme, unknown, or deactivated.
import type { HttpProblem } from './http.ts';

/**
 * Where the key travels: its own header (X-API-KEY), `Authorization: Bearer <key>`, Basic with the key as user name,
 * or Rails' token scheme `Authorization: Token token=<key>` (the key may be quoted).
 */
export type KeyScheme = { kind: 'header'; header: string } | { kind: 'bearer' } | { kind: 'basic_username' } | { kind: 'token' };

export interface AuthSpec {
  /** One scheme, or several the API takes alike (an API key in Basic, or an OAuth access token as Bearer). */
  scheme: KeyScheme | readonly KeyScheme[];
  /** No key at all. */
  missing(): HttpProblem;
  /** Credentials in another scheme, or unreadable; a missing key when omitted. */
  malformed?(): HttpProblem;
  /** A key the sandbox does not know. */
  unknown(): HttpProblem;
  /** A key that exists but is deactivated (`disabledApiKeys`); an unknown key when omitted. */
  disabled?(): HttpProblem;
}

/** Keys by membership: a fixed set, or keys the sandbox issues itself and that expire (OAuth access tokens). */
export interface KeySet {
  has(key: string): boolean;
}

export interface KeyRing {
  keys: KeySet;
  disabled: KeySet;
}

type Read = { key: string } | { malformed: true } | undefined;

/** The accepted key of a request, or the API's problem with what it sent. */
export function authenticate(spec: AuthSpec, ring: KeyRing, header: (name: string) => string | undefined): string {
  const read = readKey(spec.scheme, header);
  if (read === undefined) throw spec.missing();
  if ('malformed' in read) throw (spec.malformed ?? spec.missing)();
  if (ring.disabled.has(read.key)) throw (spec.disabled ?? spec.unknown)();
  if (!ring.keys.has(read.key)) throw spec.unknown();
  return read.key;
}

function readKey(scheme: KeyScheme | readonly KeyScheme[], header: (name: string) => string | undefined): Read {
  if (isSchemeList(scheme)) {
    // The scheme the credentials are written in decides; credentials in none of them are malformed.
    const reads = scheme.map((one) => readKey(one, header));
    return reads.find((read) => read !== undefined && 'key' in read) ?? reads.find((read) => read !== undefined);
  }
  if (scheme.kind === 'header') {
    const value = header(scheme.header)?.trim();
    return value ? { key: value } : undefined;
  }
  const authorization = header('authorization')?.trim();
  if (!authorization) return undefined;
  const [name, credentials] = authorization.split(/\s+/, 2);
  if (scheme.kind === 'bearer') return name?.toLowerCase() === 'bearer' && credentials ? { key: credentials } : { malformed: true };
  if (scheme.kind === 'token') {
    const token = name?.toLowerCase() === 'token' ? /^token="?([^",\s]+)"?/i.exec(authorization.slice(name.length).trim()) : null;
    return token ? { key: token[1]! } : { malformed: true };
  }
  if (name?.toLowerCase() !== 'basic' || !credentials || !/^[A-Za-z0-9+/]+={0,2}$/.test(credentials)) return { malformed: true };
  const decoded = Buffer.from(credentials, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return { malformed: true };
  const user = decoded.slice(0, colon);
  return user === '' ? undefined : { key: user };
}

function isSchemeList(scheme: KeyScheme | readonly KeyScheme[]): scheme is readonly KeyScheme[] {
  return Array.isArray(scheme);
}
