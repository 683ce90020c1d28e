// Builds the upstream HTTP request: the account's base URL, the path with encoded placeholders, the query, the
// auth headers from the account's credentials, and the body in the integration's format. Every value that ends up
// in the URL is checked so that no argument or context value can move the request to another host or path.
import { isIP } from 'node:net';
import type { Definition } from '../definitions/format.ts';
import type { Tool } from '../tools/types.ts';
import { jsonApiRequestBody } from './jsonapi.ts';
import type { RequestParts } from './split.ts';
import type { AccountConnection } from './types.ts';

export class RequestBuildError extends Error {
  readonly argument: string | undefined;
  constructor(message: string, argument?: string) {
    super(message);
    this.argument = argument;
  }
}

export interface UpstreamRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string | undefined;
}

/** Origins an account's base_url override may use; undefined (the engine used as a library) checks nothing. */
let overrideOrigins: ReadonlySet<string> | undefined;

/** Set by the server from SWITCHBOARD_UPSTREAM_ALLOWLIST: overrides outside these origins are refused at call time. */
export function configureBaseUrlOverrides(origins: readonly string[] | undefined): void {
  overrideOrigins = origins && new Set(origins);
  connections = new WeakMap();
}

/** What every request of one account to one definition shares: the checked base URL and the fixed headers. */
interface Connection {
  definition: Definition;
  base: URL;
  /** The base URL without its trailing slashes, to which a method's path is appended. */
  prefix: string;
  headers: Readonly<Record<string, string>>;
}

/** Per account object (the access cache hands out the same one while it is fresh); a reloaded definition redoes it. */
let connections = new WeakMap<AccountConnection, Connection>();

function connectionOf(definition: Definition, account: AccountConnection): Connection {
  const known = connections.get(account);
  if (known?.definition === definition) return known;
  const base = baseUrl(definition, account);
  const connection = {
    definition,
    base,
    prefix: `${base.origin}${base.pathname.replace(/\/+$/, '')}`,
    headers: { ...definition.headers, ...authHeaders(definition, account) },
  };
  connections.set(account, connection);
  return connection;
}

export function baseUrl(definition: Definition, account: AccountConnection): URL {
  const override = account.context.base_url;
  const text = override ?? definition.base_url.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_match, name: string) => {
    const value = account.context[name];
    const field = definition.context[name];
    if (value === undefined || value === '') throw new RequestBuildError(`the account has no value for its "${name}" setting`);
    if ((field?.pattern && !new RegExp(`^(?:${field.pattern})$`).test(value)) || segmentProblem(value)) {
      throw new RequestBuildError(`the account's "${name}" setting is not valid for ${definition.label}`);
    }
    return encode(value, () => new RequestBuildError(`the account's "${name}" setting is not valid text`));
  });
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new RequestBuildError(override ? 'the account base URL is not a valid URL' : `the account's settings do not make a valid ${definition.label} URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new RequestBuildError('the account base URL must be http or https');
  if (override !== undefined && overrideOrigins && !overrideOrigins.has(url.origin)) {
    throw new RequestBuildError("the account's base_url override is not an upstream origin this server allows (SWITCHBOARD_UPSTREAM_ALLOWLIST); the account's owner must change it");
  }
  // A host built from context values must be a name: an IP literal or localhost would reach this machine's network.
  if (override === undefined && /\{/.test(hostOf(definition.base_url)) && isLocalOrIp(url.hostname)) {
    throw new RequestBuildError(`the account's settings make the host ${url.hostname}, an IP address or local name, which ${definition.label} URLs never are`);
  }
  return url;
}

/**
 * Why a value cannot be one path segment: "." and ".." move up, and a slash or backslash, even encoded, becomes a
 * separator again behind any proxy that decodes paths before routing. Control characters have no place in a URL.
 */
function segmentProblem(value: string): string | undefined {
  if (value === '.' || value === '..') return 'cannot be "." or ".."';
  if (/[/\\]/.test(value)) return 'cannot contain "/" or "\\" (it is one path segment, such as an id)';
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'contains control characters';
  return undefined;
}

function isLocalOrIp(hostname: string): boolean {
  return isIP(hostname.replace(/^\[|\]$/g, '')) !== 0 || /(?:^|\.)localhost\.?$/i.test(hostname);
}

/** The authority part of a URL template (between "//" and the path). */
function hostOf(template: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(template)?.[1] ?? '';
}

/** encodeURIComponent, but a lone surrogate (not encodable) is a refusal instead of a URIError. */
function encode(value: string, refuse: () => RequestBuildError): string {
  try {
    return encodeURIComponent(value);
  } catch {
    throw refuse();
  }
}

export function buildRequest(options: {
  definition: Definition;
  tool: Pick<Tool, 'definition' | 'resource' | 'bodySchema'>;
  account: AccountConnection;
  parts: RequestParts;
  /** Extra query parameters for pagination. */
  pageQuery?: Record<string, string>;
  /** A next-page URL from a Link header, which replaces path and query. */
  nextUrl?: string;
}): UpstreamRequest {
  const { definition, tool, account, parts } = options;
  const method = tool.definition.method;
  const connection = connectionOf(definition, account);
  const url = options.nextUrl ? sameOriginUrl(connection.base, options.nextUrl) : new URL(`${connection.prefix}${fillPath(method.path, parts.path)}`);
  if (!options.nextUrl) appendQuery(url, { ...parts.query, ...options.pageQuery }, definition.request.query_arrays);
  const headers: Record<string, string> = { ...connection.headers };
  let body: string | undefined;
  if (parts.body !== undefined || (method.http_method !== 'GET' && method.http_method !== 'DELETE' && definition.request.format === 'jsonapi')) {
    headers['content-type'] = definition.request.content_type;
    body = JSON.stringify(definition.request.format === 'jsonapi' && !Array.isArray(parts.body)
      ? jsonApiRequestBody(tool.definition.resource.jsonapi_type ?? tool.resource, parts.path.id, parts.body ?? {}, tool.bodySchema)
      : parts.body);
  }
  return { method: method.http_method, url, headers, body };
}

function fillPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined || value === '') throw new RequestBuildError('is required', name);
    const problem = segmentProblem(value);
    if (problem) throw new RequestBuildError(problem, name);
    return encode(value, () => new RequestBuildError('is not valid text (it holds a lone UTF-16 surrogate)', name));
  });
}

/** A Link-header URL may only continue on the account's own host, so a hostile upstream cannot redirect credentials. */
function sameOriginUrl(base: URL, link: string): URL {
  const url = new URL(link, base);
  if (url.origin !== base.origin) throw new RequestBuildError('the next-page link points to another host; refusing to follow it', 'next_cursor');
  return url;
}

function appendQuery(url: URL, query: Record<string, unknown>, arrays: Definition['request']['query_arrays']): void {
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      if (arrays === 'comma') url.searchParams.append(name, value.map(String).join(','));
      else for (const item of value) url.searchParams.append(name, String(item));
    } else if (typeof value === 'object') {
      url.searchParams.append(name, JSON.stringify(value));
    } else {
      url.searchParams.append(name, String(value));
    }
  }
}

function authHeaders(definition: Definition, account: AccountConnection): Record<string, string> {
  /** `raw` values go into a header as they are, so must be visible ASCII; Basic auth base64-encodes its parts. */
  const fill = (template: string, raw = true) => template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_match, name: string) => {
    const value = account.credentials[name];
    if (value === undefined) throw new RequestBuildError(`the account has no "${name}" credential`);
    if (/[\r\n]/.test(value)) throw new RequestBuildError(`the account's "${name}" credential contains a line break`);
    if (raw && /[^\t\x20-\x7e]/.test(value)) throw new RequestBuildError(`the account's "${name}" credential holds a character not allowed in an HTTP header`);
    return value;
  });
  const { auth } = definition;
  switch (auth.kind) {
    case 'header': return { [auth.header]: fill(auth.value) };
    case 'bearer': return { authorization: `Bearer ${fill(auth.token)}` };
    case 'basic': return { authorization: `Basic ${Buffer.from(`${fill(auth.username, false)}:${fill(auth.password, false)}`).toString('base64')}` };
  }
}
