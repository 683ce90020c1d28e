// What the OAuth tests share: a gateway with a member who can sign in and an MCP server with auth "oauth", an
// in-memory OAuthClientProvider for the official SDK's auth(), a loopback callback server that catches the
// redirect, and a headless Chromium that signs in on the consent page and allows (or denies) the client.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import type { OAuthClientInformationMixed, OAuthClientMetadata, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildDashboard } from '../../dashboard/build.ts';
import { startGateway, type Gateway } from '../mcp/harness.ts';

export const chromiumPath = '/usr/bin/chromium';
export const member = { email: 'recruiter@acme.example', password: 'correct horse battery staple' };

export interface OAuthGateway extends Gateway {
  /** An MCP server with auth "oauth" (read tools of the Pinpoint sandbox account). */
  protectedServer: { id: string; url: string; token: string };
  userId: string;
}

export async function startOAuthGateway(t: TestContext, options: Parameters<typeof startGateway>[1] = {}): Promise<OAuthGateway> {
  const gateway = await startGateway(t, options);
  const { user } = await gateway.running.identity.users.ensureMember({ ...member, tenantId: gateway.tenant.id, role: 'member' });
  const protectedServer = await gateway.createMcpServer('pinpoint', { name: 'Recruiting assistant', config: { methods: ['read'], auth: 'oauth' } });
  return { ...gateway, protectedServer: { id: protectedServer.id, url: protectedServer.url, token: protectedServer.token }, userId: user.id };
}

/** A loopback server for the OAuth redirect: next() resolves with the full callback URL of the next visit. */
export async function startCallbackServer(t: TestContext): Promise<{ url: string; next(): Promise<URL> }> {
  const waiting: ((url: URL) => void)[] = [];
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('You can close this window.');
    waiting.shift()?.(new URL(req.url ?? '/', `http://${req.headers.host}`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`,
    next: () => new Promise((resolve) => waiting.push(resolve)),
  };
}

/** The SDK's client side of one MCP server's OAuth, kept in memory. */
export class MemoryOAuthProvider implements OAuthClientProvider {
  readonly redirectUrl: string;
  readonly clientMetadataUrl: string | undefined;
  information: OAuthClientInformationMixed | undefined;
  saved: OAuthTokens | undefined;
  verifier = '';
  authorizationUrl: URL | undefined;

  constructor(redirectUrl: string, options: { clientMetadataUrl?: string } = {}) {
    this.redirectUrl = redirectUrl;
    this.clientMetadataUrl = options.clientMetadataUrl;
  }

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: 'SDK test client', redirect_uris: [this.redirectUrl], grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'], token_endpoint_auth_method: 'none',
    };
  }

  clientInformation() { return this.information; }
  saveClientInformation(information: OAuthClientInformationMixed) { this.information = information; }
  tokens() { return this.saved; }
  saveTokens(tokens: OAuthTokens) { this.saved = tokens; }
  redirectToAuthorization(url: URL) { this.authorizationUrl = url; }
  saveCodeVerifier(verifier: string) { this.verifier = verifier; }
  codeVerifier() { return this.verifier; }
}

export async function launchBrowser(t: TestContext): Promise<Browser> {
  await buildDashboard({ quiet: true });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  t.after(() => browser.close());
  return browser;
}

/**
 * Opens the authorization URL in a fresh browser context, signs in on the consent page when asked, checks the
 * question, and allows or denies. Resolves with the consent question the page asked.
 */
export async function answerConsent(browser: Browser, authorizationUrl: string, options: { allow?: boolean; credentials?: { email: string; password: string } } = {}): Promise<string> {
  const context = await browser.newContext();
  const page: Page = await context.newPage();
  page.setDefaultTimeout(20_000);
  try {
    await page.goto(authorizationUrl);
    const credentials = options.credentials ?? member;
    await page.getByLabel('Email').fill(credentials.email);
    await page.getByLabel('Password').fill(credentials.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const question = page.getByTestId('consent-question');
    await question.waitFor();
    const text = (await question.textContent()) ?? '';
    await page.getByRole('button', { name: options.allow === false ? 'Deny' : 'Allow' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/authorize'));
    return text;
  } finally {
    await context.close();
  }
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** A form POST to the token endpoint; answers status and JSON body. */
export async function tokenRequest(base: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(`${base}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form) });
  return { status: response.status, body: await response.json() };
}

export function assertOAuthError(answer: { status: number; body: any }, status: number, error: string, description?: RegExp, label = ''): void {
  assert.equal(answer.status, status, `${label} ${JSON.stringify(answer.body)}`);
  assert.equal(answer.body.error, error, `${label} ${JSON.stringify(answer.body)}`);
  if (description) assert.match(answer.body.error_description, description, label);
}

/** Signs in through the API as a browser would: the session cookie and the CSRF token. */
export async function signIn(base: string, credentials = member): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${base}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials) });
  assert.equal(response.status, 200, await response.clone().text());
  const cookie = response.headers.getSetCookie().map((line) => line.split(';')[0]!).join('; ');
  return { cookie, csrf: ((await response.json()) as { csrf_token: string }).csrf_token };
}

/**
 * Answers an authorization request the way the consent page does (posting its query string), without a browser;
 * resolves with the server's answer. Pairs are for queries that repeat a parameter.
 */
export async function decide(base: string, session: { cookie: string; csrf: string }, params: Record<string, string> | [string, string][], decision: 'approve' | 'deny' = 'approve'): Promise<any> {
  const response = await fetch(`${base}/oauth/authorization`, {
    method: 'POST', headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
    body: JSON.stringify({ query: `?${new URLSearchParams(params)}`, decision }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  return response.json();
}

/** Registers a public client by DCR with these redirect URIs; resolves with its client_id. */
export async function registerClient(base: string, redirectUris: string[], name = 'Test client'): Promise<string> {
  const response = await fetch(`${base}/register`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_name: name, redirect_uris: redirectUris, token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'] }),
  });
  const body: any = await response.json();
  assert.equal(response.status, 201, JSON.stringify(body));
  return body.client_id;
}

/** A whole grant without a browser: authorize, allow, exchange the code. Resolves with the token response. */
export async function obtainTokens(base: string, session: { cookie: string; csrf: string }, input: { clientId: string; redirectUri: string; resource: string }): Promise<any> {
  const { verifier, challenge } = pkcePair();
  const answer = await decide(base, session, {
    response_type: 'code', client_id: input.clientId, redirect_uri: input.redirectUri, code_challenge: challenge, code_challenge_method: 'S256',
    state: 'st', resource: input.resource,
  });
  assert.equal(answer.status, 'redirect', JSON.stringify(answer));
  const code = new URL(answer.redirect_to).searchParams.get('code')!;
  const tokens = await tokenRequest(base, { grant_type: 'authorization_code', code, redirect_uri: input.redirectUri, code_verifier: verifier, client_id: input.clientId, resource: input.resource });
  assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
  return tokens.body;
}

/** tools/list on an MCP URL with a bearer token: the status and the WWW-Authenticate header. */
export async function listWith(url: string, bearer: string | undefined): Promise<{ status: number; challenge: string | null; body: any }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: '{"jsonrpc":"2.0","id":1,"method":"tools/list"}',
  });
  return { status: response.status, challenge: response.headers.get('www-authenticate'), body: await response.json() };
}

/** A port nothing listens on right now, for a client's own loopback callback server. */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
