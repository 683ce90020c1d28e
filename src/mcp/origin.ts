// DNS-rebinding protection: which Origin and Host headers the MCP endpoint accepts, and CORS for allowed origins.
//
// - An Origin header, when present, must be the public URL's origin, one of the configured allowed origins, or
//   (without a configured public URL) the request's own host. Without a public URL and on a loopback host, a
//   loopback Origin is same-site too. Anything else, including "null", is refused with 403.
// - When the server is bound to a loopback address, the Host header must name a loopback host or the public URL's
//   host: a browser tricked by a rebinding DNS name sends Host: evil.example, which is refused even without Origin.
import type { IncomingMessage } from 'node:http';
import { header } from './http.ts';

export interface OriginPolicy {
  /** Lower-case origins (scheme://host[:port]) always accepted. */
  origins: Set<string>;
  /** Lower-case host names (without port) accepted in Host on loopback bindings. */
  hostnames: Set<string>;
  /** True when a public URL is known: then the request's own Host is not trusted as an origin. */
  hasPublicUrl: boolean;
}

const loopbackNames = ['localhost', '127.0.0.1', '[::1]', '::1'];

export function originPolicy(publicUrl: string | undefined, allowedOrigins: readonly string[]): OriginPolicy {
  const origins = new Set<string>();
  const hostnames = new Set<string>(loopbackNames);
  for (const value of [publicUrl, ...allowedOrigins]) {
    if (!value) continue;
    if (value === 'null') {
      origins.add('null');
      continue;
    }
    try {
      const url = new URL(value);
      origins.add(url.origin.toLowerCase());
      hostnames.add(url.hostname.toLowerCase());
    } catch {
      origins.add(value.replace(/\/+$/, '').toLowerCase());
    }
  }
  return { origins, hostnames, hasPublicUrl: Boolean(publicUrl) };
}

function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

function hostnameOf(host: string): string {
  // "[::1]:8080" → "[::1]", "localhost:8080" → "localhost"
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1).toLowerCase();
  return host.split(':')[0]!.toLowerCase();
}

export type OriginCheck = { ok: true; origin: string | undefined } | { ok: false; message: string };

export function checkOrigin(req: IncomingMessage, policy: OriginPolicy): OriginCheck {
  const host = header(req, 'host') ?? '';
  const hostname = hostnameOf(host);
  if (isLoopbackAddress(req.socket.localAddress) && !policy.hostnames.has(hostname)) {
    return { ok: false, message: `Forbidden: Host "${host}" is not served here (DNS-rebinding protection). Set PUBLIC_URL to the address clients use.` };
  }
  const origin = header(req, 'origin');
  if (origin === undefined) return { ok: true, origin: undefined };
  const normalized = origin.replace(/\/+$/, '').toLowerCase();
  if (policy.origins.has(normalized)) return { ok: true, origin };
  if (normalized !== 'null' && !policy.hasPublicUrl) {
    try {
      const url = new URL(normalized);
      if (url.host === host.toLowerCase()) return { ok: true, origin };
      if (loopbackNames.includes(url.hostname) && loopbackNames.includes(hostname)) return { ok: true, origin };
    } catch {
      // not a URL: refused below
    }
  }
  if (policy.hasPublicUrl && loopbackNames.includes(hostname)) {
    // Local use of a server whose public URL is elsewhere (e.g. curl or the Inspector on the same machine).
    try {
      if (loopbackNames.includes(new URL(normalized).hostname)) return { ok: true, origin };
    } catch {
      // refused below
    }
  }
  return { ok: false, message: `Forbidden: Origin "${origin}" is not allowed (DNS-rebinding protection). Add it to SWITCHBOARD_ALLOWED_ORIGINS to allow it.` };
}

/** CORS response headers for an allowed cross-origin caller (browser-based MCP clients). */
export function corsHeaders(origin: string | undefined): Record<string, string> {
  if (!origin) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': 'mcp-session-id, mcp-protocol-version, www-authenticate',
    vary: 'Origin',
  };
}

export const preflightHeaders = {
  'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type, accept, last-event-id, mcp-protocol-version, mcp-session-id, mcp-method, mcp-name',
  'access-control-max-age': '600',
};
