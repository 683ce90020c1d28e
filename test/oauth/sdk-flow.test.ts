// Issue 16 acceptance: the official SDK client completes OAuth against an MCP server with auth "oauth" — discovery
// from the 401's WWW-Authenticate, Dynamic Client Registration, its auth() flow with an OAuthClientProvider, the
// browser step done by headless Chromium signing in as a member and allowing — then lists and calls tools, and the
// request log names the user and the client; the member sees the client on the server's page and disconnects it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auth } from '@modelcontextprotocol/sdk/client/auth.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { json } from '../api/harness.ts';
import { answerConsent, launchBrowser, member, MemoryOAuthProvider, startCallbackServer, startOAuthGateway } from '../helpers/oauth.ts';
import { pinpointReadTools } from '../mcp/harness.ts';

test('the SDK client signs in through the browser, then lists and calls tools; the log records user and client', async (t) => {
  const gateway = await startOAuthGateway(t);
  const browser = await launchBrowser(t);
  const callback = await startCallbackServer(t);
  const { url } = gateway.protectedServer;

  const refused = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: '{"jsonrpc":"2.0","id":1,"method":"tools/list"}' });
  assert.equal(refused.status, 401);
  const challenge = refused.headers.get('www-authenticate') ?? '';
  const metadataUrl = `${gateway.running.publicUrl}/.well-known/oauth-protected-resource/mcp/${gateway.protectedServer.token}`;
  assert.equal(challenge, `Bearer resource_metadata="${metadataUrl}", scope="mcp"`);
  const metadata = await json(await fetch(metadataUrl));
  assert.equal(metadata.resource, url, 'the resource is the exact MCP URL');
  assert.deepEqual(metadata.authorization_servers, [gateway.running.publicUrl]);

  const provider = new MemoryOAuthProvider(callback.url);
  assert.equal(await auth(provider, { serverUrl: url }), 'REDIRECT');
  assert.ok(provider.information?.client_id, 'registered dynamically');
  const authorizationUrl = provider.authorizationUrl!;
  assert.equal(authorizationUrl.searchParams.get('resource'), url);
  assert.equal(authorizationUrl.searchParams.get('code_challenge_method'), 'S256');

  const redirected = callback.next();
  const question = await answerConsent(browser, authorizationUrl.href);
  assert.equal(question, `SDK test client wants to use the MCP server Recruiting assistant (Pinpoint account Pinpoint; ${pinpointReadTools} read-only tools).`);
  const back = await redirected;
  assert.equal(back.searchParams.get('iss'), gateway.running.publicUrl, 'RFC 9207 iss in the authorization response');
  assert.equal(back.searchParams.get('state'), authorizationUrl.searchParams.get('state'));
  assert.equal(await auth(provider, { serverUrl: url, authorizationCode: back.searchParams.get('code')! }), 'AUTHORIZED');
  assert.match(provider.saved!.access_token, /^sbat_/);
  assert.ok(provider.saved!.refresh_token);

  const client = new Client({ name: 'oauth-sdk-agent', version: '3.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { authProvider: provider }));
  t.after(() => client.close());
  const { tools } = await client.listTools();
  assert.equal(tools.length, pinpointReadTools);
  const result = await client.callTool({ name: 'list_all_pinpoint_candidates', arguments: { limit: 2 } });
  assert.equal((result.structuredContent as { result_count: number }).result_count, 2);

  let entries: any[] = [];
  for (let attempt = 0; attempt < 50 && entries.length === 0; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    entries = (await json(await gateway.api(`/log?log_type=mcp&rpc_method=tools/call&mcp_server_id=${gateway.protectedServer.id}`))).result;
  }
  assert.equal(entries.length, 1);
  assert.equal(entries[0].user_email, 'recruiter@acme.example');
  assert.equal(entries[0].user_id, gateway.userId);
  assert.equal(entries[0].oauth_client_id, provider.information!.client_id);
  assert.equal(entries[0].oauth_client_name, 'SDK test client');

  const grants = (await json(await gateway.api(`/integrated-account/${gateway.accounts.pinpoint}/mcp/${gateway.protectedServer.id}/grants`))).result;
  assert.equal(grants.length, 1);
  assert.equal(grants[0].user_email, 'recruiter@acme.example');
  assert.equal(grants[0].client_name, 'SDK test client');
  // The member sees the connected client on the server's page and disconnects it; the client is refused at once.
  const context = await browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`${gateway.running.publicUrl}/sign-in`);
  await page.getByLabel('Email').fill(member.email);
  await page.getByLabel('Password').fill(member.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(/\/accounts$/);
  await page.goto(`${gateway.running.publicUrl}/accounts/${gateway.accounts.pinpoint}/servers`);
  await page.getByRole('button', { name: 'Clients of Recruiting assistant' }).click();
  const row = page.getByTestId('grants-table').getByRole('row').filter({ hasText: 'SDK test client' });
  await row.getByRole('cell', { name: member.email, exact: true }).waitFor();
  await row.getByText(/ago|now/).first().waitFor();
  await page.getByRole('button', { name: `Disconnect SDK test client of ${member.email}` }).click();
  await page.getByText('No connected clients').waitFor();
  await assert.rejects(client.listTools(), 'the disconnected client is refused');

  gateway.logs.assertFree([provider.saved!.access_token, provider.saved!.refresh_token!, back.searchParams.get('code')!, gateway.protectedServer.token]);
});
