// `switchboard demo` (npm run demo): every sandbox API of src/sandbox, the gateway, a demo tenant with one account
// per sandbox, and the next steps printed for a first-time user. Ctrl-C stops everything.
import type { Config } from '../config.ts';
import { portVariable, sandboxes, type RunningSandbox } from '../sandbox/index.ts';
import { createLogger } from '../logger.ts';
import { startServer, type RunningServer } from '../server.ts';
import type { CliIo } from './io.ts';
import { UsageError } from './io.ts';
import { ensureDemo, type DemoSetup } from './demo-setup.ts';
import { parseOptions } from './options.ts';
import { untilShutdownSignal } from './signals.ts';

export async function demo(config: Config, io: CliIo, args: string[]): Promise<void> {
  parseOptions('demo', args, {});
  const started: RunningSandbox<unknown>[] = [];
  let running: RunningServer | undefined;
  // Sandboxes with an OAuth server issue access tokens this short-lived, so a user can watch them being refreshed.
  const accessTokenTtlSeconds = positiveIntegerFromEnv(io, 'SWITCHBOARD_DEMO_OAUTH_TOKEN_TTL', 3600);
  try {
    for (const entry of sandboxes) {
      const port = portFromEnv(io, portVariable(entry, 'SWITCHBOARD_DEMO_', '_PORT'), entry.defaultPort);
      started.push(await entry.start({ port, apiKeys: [demoKey(entry.integration)], accessTokenTtlSeconds }));
    }
    const urls = Object.fromEntries(sandboxes.map((entry, index) => [entry.integration, started[index]!.url]));
    // Request logs would bury the instructions below; LOG_LEVEL=info brings them back.
    const logger = createLogger({ level: io.env.LOG_LEVEL ? config.logLevel : 'warn' });
    // The accounts point at the sandboxes through base_url overrides, which the server only allows to listed origins.
    const sandboxOrigins = started.map((sandbox) => sandbox.origin);
    running = await startServer({ ...config, upstreamAllowlist: [...new Set([...config.upstreamAllowlist, ...sandboxOrigins])] }, { logger });
    const setup = await ensureDemo({
      store: running.store,
      accounts: running.services.accounts,
      apiToken: config.apiToken,
      user: { email: io.env.SWITCHBOARD_DEMO_USER_EMAIL, password: io.env.SWITCHBOARD_DEMO_USER_PASSWORD },
      specs: sandboxes.map((entry) => ({
        integration: entry.integration,
        name: `${entry.label} sandbox`,
        context: entry.context(urls[entry.integration]!),
        credentials: entry.credentials(demoKey(entry.integration)),
      })),
    });
    const links = await connectLinks(running.publicUrl, setup.token, urls);
    printGuide(io, running.publicUrl, setup, urls, links);
    await untilShutdownSignal();
    io.out('Stopping…');
  } finally {
    await running?.close();
    await Promise.all(started.map((sandbox) => sandbox.close()));
  }
}

interface ConnectLink { label: string; url: string; expires_at: string }

/**
 * For each sandbox with an authorization-code server: the demo tenant's OAuth app for it, and a one-time link that
 * connects an account of that integration through the sandbox's consent page. Made through the admin API, as a
 * product embedding Switchboard would.
 */
async function connectLinks(base: string, token: string, urls: Record<string, string>): Promise<ConnectLink[]> {
  const links: ConnectLink[] = [];
  for (const entry of sandboxes) {
    if (!entry.authorizationCode) continue;
    const url = urls[entry.integration]!;
    await adminCall(base, token, 'PUT', `/oauth-app/${entry.integration}`, entry.authorizationCode.app(url));
    const link = await adminCall(base, token, 'POST', '/integrated-account/connect-link', {
      integration: entry.integration, name: `${entry.label} sandbox (OAuth)`, context: entry.authorizationCode.context(url),
    }) as { url: string; expires_at: string };
    links.push({ label: entry.label, url: link.url, expires_at: link.expires_at });
  }
  return links;
}

async function adminCall(base: string, token: string, method: string, path: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = await response.json() as unknown;
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(answer)}`);
  return answer;
}

function demoKey(integration: string): string {
  return `demo-${integration}-key`;
}

function portFromEnv(io: CliIo, name: string, fallback: number): number {
  const text = io.env[name];
  if (text === undefined || text === '') return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`${name} must be a port number, got "${text}"`);
  return port;
}

function positiveIntegerFromEnv(io: CliIo, name: string, fallback: number): number {
  const text = io.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) throw new UsageError(`${name} must be a whole number of seconds (at least 1), got "${text}"`);
  return value;
}

function printGuide(io: CliIo, base: string, setup: DemoSetup, sandboxUrls: Record<string, string>, links: ConnectLink[]): void {
  const token = setup.tokenGenerated ? setup.token : '$SWITCHBOARD_API_TOKEN';
  const [first] = setup.accounts;
  const lines = [
    '',
    'Switchboard demo is running.',
    '',
    `  Dashboard   ${base}/`,
    `  Sign in as  ${setup.user.email}`,
    `  Password    ${setup.user.passwordGenerated ? `${setup.user.password}  (a new one each start, or set SWITCHBOARD_DEMO_USER_PASSWORD)` : 'from SWITCHBOARD_DEMO_USER_PASSWORD'}`,
    `  Admin API   ${base}`,
    `  API token   ${setup.tokenGenerated ? `${setup.token}  (tenant "${setup.tenant.name}"; a new one each start, or set SWITCHBOARD_API_TOKEN)` : 'from SWITCHBOARD_API_TOKEN'}`,
    '  Accounts',
    ...setup.accounts.map((account) => `    ${account.integration.padEnd(10)} ${account.id}  (sandbox API at ${sandboxUrls[account.integration]})`),
    '',
    'Create an MCP server with the read-only tools of the first account:',
    '',
    `  curl -s -X POST ${base}/integrated-account/${first?.id}/mcp \\`,
    `    -H "Authorization: Bearer ${token}" -H "Content-Type: application/json" \\`,
    `    -d '{"name":"Demo agent","config":{"methods":["read"]}}'`,
    '',
    'The "url" in the answer is the MCP server (shown only once). Open it in the MCP Inspector:',
    '',
    '  npx @modelcontextprotocol/inspector --transport http --server-url <url>',
    '  npx @modelcontextprotocol/inspector --cli <url> --transport http --method tools/list',
    '',
    'Or call the Proxy API directly:',
    '',
    `  curl -s "${base}/proxy/candidates?integrated_account_id=${first?.id}&limit=2" -H "Authorization: Bearer ${token}"`,
    '',
    ...links.flatMap((link) => [
      `Connect a ${link.label} account through OAuth: open this one-time link (until ${link.expires_at}), press Allow on the`,
      'sandbox\'s consent page, and the account appears in the Demo tenant:',
      '',
      `  ${link.url}`,
      '',
    ]),
    'Press Ctrl-C to stop.',
  ];
  for (const line of lines) io.out(line);
}
