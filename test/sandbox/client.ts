import type { JsonApiDocument, ResourceObject } from '../../src/sandbox/pinpoint/document.ts';
import type { RunningSandbox } from '../../src/sandbox/index.ts';

export interface Reply<Body> {
  status: number;
  headers: Headers;
  body: Body;
}

export type ManyDocument = JsonApiDocument & { data: ResourceObject[] };
export type OneDocument = JsonApiDocument & { data: ResourceObject };
export interface PinpointErrors {
  errors: { title: string; code: string; status: string; detail: string }[];
}
export interface PolymerPage<Item> {
  items: Item[];
  meta: { count: number; is_first: boolean; is_last: boolean; page: number; per_page: number; total: number };
}
export interface PolymerError {
  message: string;
}

interface CallOptions {
  method?: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is. */
  raw?: string;
}

/** One HTTP call; the body is parsed as JSON when there is one. */
export async function call<Body>(url: string, options: CallOptions = {}): Promise<Reply<Body>> {
  const response = await fetch(url, {
    method: options.method ?? 'GET',
    headers: options.headers,
    body: options.raw ?? (options.json === undefined ? undefined : JSON.stringify(options.json)),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text === '' ? null : JSON.parse(text)) as Body };
}

type Client = <Body>(method: string, path: string, json?: unknown, headers?: Record<string, string>) => Promise<Reply<Body>>;

function client(sandbox: RunningSandbox<unknown>, defaults: Record<string, string>): Client {
  return (method, path, json, headers = {}) => call(`${sandbox.url}${path}`, { method, json, headers: { ...defaults, ...headers } });
}

export const pinpointClient = (sandbox: RunningSandbox<unknown>) =>
  client(sandbox, { 'X-API-KEY': 'sandbox-pinpoint-key', 'Content-Type': 'application/vnd.api+json', Accept: 'application/vnd.api+json' });

export const polymerClient = (sandbox: RunningSandbox<unknown>) =>
  client(sandbox, { Authorization: 'Bearer sandbox-polymer-key', 'Content-Type': 'application/json' });

export const workableClient = (sandbox: RunningSandbox<unknown>) =>
  client(sandbox, { Authorization: 'Bearer sandbox-workable-token', 'Content-Type': 'application/json' });

export const teamtailorClient = (sandbox: RunningSandbox<unknown>) =>
  client(sandbox, { Authorization: 'Token token=sandbox-teamtailor-key', 'X-Api-Version': '20240404', 'Content-Type': 'application/vnd.api+json' });
