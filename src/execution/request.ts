// Builds the upstream HTTP request: the account's base URL, the path with encoded placeholders, the query, the
// headers (fixed, templated from the account, and the auth kind's), and the body in the integration's format. Every
// value that ends up in the URL is checked so that no argument, context value or upstream link can move the
// request to another host or path.
import { isIP } from 'node:net';
import type { Definition } from '../definitions/format.ts';
import type { Tool } from '../tools/types.ts';
import { fillTemplate } from '../util/templates.ts';
import { accountAuth, authKind } from './auth/index.ts';
import type { AuthParts, Fill } from './auth/kind.ts';
import type { TokenSource } from './auth/tokens.ts';
import { jsonApiRequestBody } from './jsonapi-request.ts';
import type { PageRequest } from './pagination/index.ts';
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

const contentTypes: Record<Definition['request']['format'], string> = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
  jsonapi: 'application/vnd.api+json',
};

/** The media type of the bodies a definition sends. */
export const requestContentType = (definition: Definition): string => definition.request.content_type ?? contentTypes[definition.request.format];

/** What every request of one account to one definition shares: the checked base URL, the fixed headers and auth. */
interface Connection {
  definition: Definition;
  base: URL;
  /** The base URL without its trailing slashes: a method's path is appended to it, and next links must stay under it. */
  prefix: string;
  headers: Readonly<Record<string, string>>;
  authQuery: Readonly<Record<string, string>>;
}

export class RequestBuilder {
  /** Origins an account's base_url override may use; undefined (the engine used as a library) checks nothing. */
  private readonly overrideOrigins: ReadonlySet<string> | undefined;
  /** Per account object (the access cache hands out the same one while it is fresh); a reloaded definition redoes it. */
  private readonly connections = new WeakMap<AccountConnection, Connection>();

  constructor(options: { baseUrlAllowlist?: readonly string[] | undefined } = {}) {
    this.overrideOrigins = options.baseUrlAllowlist && new Set(options.baseUrlAllowlist);
  }

  build(options: {
    definition: Definition;
    tool: Pick<Tool, 'definition' | 'resource' | 'bodySchema'>;
    account: AccountConnection;
    parts: RequestParts;
    page?: PageRequest | undefined;
    pageParametersIn?: 'query' | 'body' | undefined;
    /** Credentials that expire, from expiringAuth. */
    auth?: AuthParts | undefined;
  }): UpstreamRequest {
    const { definition, tool, account, parts, page } = options;
    const method = tool.definition.method;
    const connection = this.connectionOf(definition, account);
    let url: URL;
    let body = parts.body;
    if (page?.url) {
      url = this.nextPageUrl(definition, account, page.url);
    } else {
      url = new URL(`${connection.prefix}${fillPath(method.path, parts.path)}`);
      const pageParameters = page?.parameters ?? {};
      const inBody = options.pageParametersIn === 'body';
      appendQuery(url, { ...parts.query, ...(inBody ? {} : pageParameters), ...methodQuery(definition, account, method.query) }, definition.request.query_arrays);
      if (inBody && Object.keys(pageParameters).length > 0) body = { ...(body as Record<string, unknown> | undefined), ...pageParameters };
    }
    for (const [name, value] of Object.entries({ ...connection.authQuery, ...options.auth?.query })) url.searchParams.set(name, value);
    const headers: Record<string, string> = { ...connection.headers, ...options.auth?.headers, ...argumentHeaders(parts.headers) };
    let encoded: string | undefined;
    if (body !== undefined || (method.http_method !== 'GET' && method.http_method !== 'DELETE' && definition.request.format === 'jsonapi')) {
      headers['content-type'] = requestContentType(definition);
      encoded = encodeBody(definition, tool, parts.path.id, body);
    }
    return { method: method.http_method, url, headers, body: encoded };
  }

  /**
   * A next-page URL from upstream (a Link header, a body field) may only continue under the account's base URL:
   * same origin and path prefix. Anything else would send the account's credentials elsewhere.
   */
  nextPageUrl(definition: Definition, account: AccountConnection, link: string): URL {
    const { base, prefix } = this.connectionOf(definition, account);
    let url: URL;
    try {
      url = new URL(link, base);
    } catch {
      throw new RequestBuildError('the next-page link is not a valid URL; refusing to follow it', 'next_cursor');
    }
    const under = url.origin === base.origin && (`${url.origin}${url.pathname}` === prefix || `${url.origin}${url.pathname}`.startsWith(`${prefix}/`));
    // An encoded slash or backslash ("..%2f..%2fadmin") stays under the prefix here, but not behind a proxy that decodes it.
    const encodedSeparator = /%2f|%5c/i.test(url.pathname);
    if (!under || encodedSeparator || url.username || url.password) {
      throw new RequestBuildError(`the next-page link leaves ${definition.label}'s API (${base.origin}${base.pathname}); refusing to follow it`, 'next_cursor');
    }
    return url;
  }

  /** The parts of an auth kind whose credentials expire (OAuth access tokens), for one request. */
  async expiringAuth(definition: Definition, account: AccountConnection, tokens: TokenSource | undefined, refused?: string): Promise<AuthParts> {
    const auth = accountAuth(definition.auth, account);
    return authKind(auth).apply(auth, { fill: accountFill(definition, account), account, integration: definition.name, tokens, refused });
  }

  private connectionOf(definition: Definition, account: AccountConnection): Connection {
    const known = this.connections.get(account);
    if (known?.definition === definition) return known;
    const base = baseUrl(definition, account, this.overrideOrigins);
    const fill = accountFill(definition, account);
    const accountKind = accountAuth(definition.auth, account);
    const kind = authKind(accountKind);
    // Credentials that expire are put on each request (expiringAuth); the others are worked out once here.
    const auth = kind.expires ? {} : kind.apply(accountKind, { fill, account, integration: definition.name, tokens: undefined }) as AuthParts;
    const fixed = Object.fromEntries(Object.entries(definition.headers).map(([name, template]) => [name, fill(template, { raw: true })]));
    const connection: Connection = {
      definition,
      base,
      prefix: `${base.origin}${base.pathname.replace(/\/+$/, '')}`,
      headers: { ...fixed, ...auth.headers },
      authQuery: auth.query ?? {},
    };
    this.connections.set(account, connection);
    return connection;
  }
}

export function baseUrl(definition: Definition, account: AccountConnection, overrideOrigins?: ReadonlySet<string>): URL {
  const override = account.context.base_url;
  const text = override ?? fillTemplate(definition.base_url, (name) => {
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

/** The method's own query parameters (e.g. an acting user), filled from the account. */
function methodQuery(definition: Definition, account: AccountConnection, templates: Record<string, string>): Record<string, string> {
  const entries = Object.entries(templates);
  if (entries.length === 0) return {};
  const fill = accountFill(definition, account);
  return Object.fromEntries(entries.map(([name, template]) => [name, fill(template)]));
}

/** Fills templates from the account's credentials and context; a value that would break a header is refused. */
function accountFill(definition: Definition, account: AccountConnection): Fill {
  return (template, options = {}) => fillTemplate(template, (name) => {
    const isCredential = name in definition.credentials;
    const value = isCredential ? account.credentials[name] : account.context[name];
    const what = `the account's "${name}" ${isCredential ? 'credential' : 'setting'}`;
    if (value === undefined) throw new RequestBuildError(`the account has no "${name}" ${isCredential ? 'credential' : 'setting'}`);
    if (/[\r\n]/.test(value)) throw new RequestBuildError(`${what} contains a line break`);
    if (options.raw && /[^\t\x20-\x7e]/.test(value)) throw new RequestBuildError(`${what} holds a character not allowed in an HTTP header`);
    return value;
  });
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

function fillPath(template: string, values: Record<string, string>): string {
  return fillTemplate(template, (name) => {
    const value = values[name];
    if (value === undefined || value === '') throw new RequestBuildError('is required', name);
    const problem = segmentProblem(value);
    if (problem) throw new RequestBuildError(problem, name);
    return encode(value, () => new RequestBuildError('is not valid text (it holds a lone UTF-16 surrogate)', name));
  });
}

/** Header arguments an agent set; a value that is not visible ASCII would split or corrupt the request. */
function argumentHeaders(headers: Record<string, string>): Record<string, string> {
  for (const [name, value] of Object.entries(headers)) {
    if (/[^\t\x20-\x7e]/.test(value)) throw new RequestBuildError('holds a character not allowed in an HTTP header', name);
  }
  return headers;
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

function encodeBody(definition: Definition, tool: Pick<Tool, 'definition' | 'resource' | 'bodySchema'>, id: string | undefined, body: RequestParts['body']): string {
  switch (definition.request.format) {
    case 'json':
      return JSON.stringify(body);
    case 'jsonapi':
      return JSON.stringify(Array.isArray(body) ? body : jsonApiRequestBody(tool.definition.resource.jsonapi_type ?? tool.resource, id, body ?? {}, tool.bodySchema));
    case 'form': {
      const form = new URLSearchParams();
      for (const [name, value] of Object.entries(body ?? {})) {
        if (value === undefined || value === null) continue;
        if (Array.isArray(value)) for (const item of value) form.append(name, typeof item === 'object' ? JSON.stringify(item) : String(item));
        else form.append(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
      }
      return form.toString();
    }
  }
}
