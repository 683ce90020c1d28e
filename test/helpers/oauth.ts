// What the OAuth tests share: a gateway with a member who can sign in and an MCP server with auth "oauth", an
// in-memory OAuthClientProvider for the official SDK's auth(), a loopback callback server that catches the
// redirect, and a headless Chromium that signs in on the consent page and allows (or denies) the client.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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

export async function startOAuthGateway(t: TestContext, options: { now?: () => number } = {}): Promise<OAuthGateway> {
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

export function assertOAuthError(answer: { status: number; body: any }, status: number, error: string, description?: RegExp): void {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.equal(answer.body.error, error, JSON.stringify(answer.body));
  if (description) assert.match(answer.body.error_description, description);
}
