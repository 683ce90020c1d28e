// Fetching a Client ID Metadata Document: the URL comes from whoever starts an authorization request, so the fetch
// must not become a way into the operator's network (SSRF). It connects only to public addresses (checked on the
// addresses actually connected to, so DNS rebinding cannot swap them), over https, never follows redirects, reads at
// most maxBytes and gives up after timeoutMs. Loopback may be allowed for tests and local development only.
import { lookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { Agent, request, type Dispatcher } from 'undici';

export interface FetchPolicy {
  /** Allow loopback addresses, and plain http to them (tests, local development). */
  allowLoopback: boolean;
  timeoutMs: number;
  maxBytes: number;
}

/**
 * Why a fetch did not happen or failed. `refused`: the URL alone was refused, before any lookup or connection (the
 * message says nothing the URL does not). `failed`: DNS, the connection or the answer went wrong; the message holds
 * network facts (what a name resolves to, which ports answer), for the logs only, never for the caller.
 */
export class GuardedFetchError extends Error {
  readonly kind: 'refused' | 'failed';
  constructor(kind: GuardedFetchError['kind'], message: string) {
    super(message);
    this.name = 'GuardedFetchError';
    this.kind = kind;
  }
}

const nonPublic = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24],
  ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) nonPublic.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128], ['::1', 128], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 23], ['2001:db8::', 32], ['2002::', 16],
  ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) nonPublic.addSubnet(network, prefix, 'ipv6');

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');
loopback.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');

export function addressAllowed(address: string, policy: Pick<FetchPolicy, 'allowLoopback'>): boolean {
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  if (policy.allowLoopback && loopback.check(address, family)) return true;
  return !nonPublic.check(address, family);
}

/** A DNS lookup that drops the addresses the policy refuses, and fails when none is left. */
function guardedLookup(policy: FetchPolicy): LookupFunction {
  return ((hostname: string, options: { all?: boolean }, callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void) => {
    lookup(hostname, { all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const allowed = addresses.filter((entry) => addressAllowed(entry.address, policy));
      if (allowed.length === 0) return callback(new GuardedFetchError('failed', `${hostname} resolves only to private, loopback or reserved addresses`), []);
      if (options.all) return callback(null, allowed);
      return callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  }) as LookupFunction;
}

/** Why the URL may not be fetched at all, or undefined. */
export function urlProblem(url: URL, policy: Pick<FetchPolicy, 'allowLoopback'>): string | undefined {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const literal = isIP(host) !== 0;
  const isLoopbackHost = host === 'localhost' || host.endsWith('.localhost') || (literal && loopback.check(host, isIP(host) === 6 ? 'ipv6' : 'ipv4'));
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowLoopback && isLoopbackHost)) return 'must be an https URL';
  if (literal && !addressAllowed(host, policy)) return `${host} is a private, loopback or reserved address`;
  if (!policy.allowLoopback && isLoopbackHost) return `${url.hostname} is a loopback host`;
  return undefined;
}

export interface FetchedJson {
  body: unknown;
  /** Seconds the answer may be cached for (Cache-Control max-age), when it said. */
  maxAgeSeconds: number | undefined;
}

export function createGuardedFetcher(policy: FetchPolicy) {
  const agent = new Agent({ connect: { lookup: guardedLookup(policy), timeout: policy.timeoutMs }, headersTimeout: policy.timeoutMs, bodyTimeout: policy.timeoutMs });

  async function fetchJson(url: URL): Promise<FetchedJson> {
    const problem = urlProblem(url, policy);
    if (problem) throw new GuardedFetchError('refused', problem);
    let response;
    try {
      response = await request(url, {
        dispatcher: agent, method: 'GET', headers: { accept: 'application/json' }, signal: AbortSignal.timeout(policy.timeoutMs),
      });
    } catch (error) {
      if (error instanceof GuardedFetchError) throw error;
      const cause = (error as { cause?: unknown }).cause;
      if (cause instanceof GuardedFetchError) throw cause;
      throw new GuardedFetchError('failed', `could not be fetched: ${(error as Error).message}`);
    }
    if (response.statusCode !== 200) {
      await response.body.dump();
      throw new GuardedFetchError('failed', `answered HTTP ${response.statusCode}${response.statusCode >= 300 && response.statusCode < 400 ? ' (redirects are not followed)' : ''}`);
    }
    const text = await readBounded(response.body, policy.maxBytes);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new GuardedFetchError('failed', 'is not valid JSON');
    }
    const cacheControl = String(response.headers['cache-control'] ?? '');
    const maxAge = /(?:^|,)\s*max-age=(\d+)/i.exec(cacheControl)?.[1];
    const noStore = /no-store|no-cache/i.test(cacheControl);
    return { body, maxAgeSeconds: noStore ? 0 : maxAge === undefined ? undefined : Number(maxAge) };
  }

  return { policy, fetchJson, close: () => agent.close() };
}

/** The body as text, at most maxBytes; a body that stalls past the time limit (or breaks off) is a GuardedFetchError too. */
async function readBounded(body: Dispatcher.ResponseData['body'], maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) throw new GuardedFetchError('failed', `is larger than ${maxBytes} bytes`);
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    body.destroy();
    if (error instanceof GuardedFetchError) throw error;
    throw new GuardedFetchError('failed', `could not be read in full: ${(error as Error).message}`);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export type GuardedFetcher = ReturnType<typeof createGuardedFetcher>;
