// Ready-to-paste client configuration for a new MCP server URL. Pure (no DOM) so it is unit-tested in Node.
// The API token is never filled in: when the server requires it, snippets reference an environment variable.

export interface Snippet {
  id: 'claude' | 'chatgpt' | 'cursor';
  label: string;
  /** Where the text goes, one line. */
  where: string;
  /** Steps shown before the code, if any. */
  steps: string[];
  language: 'json' | 'text';
  code: string;
}

export const tokenVariable = 'SWITCHBOARD_API_TOKEN';
const headerVariable = 'SWITCHBOARD_AUTH_HEADER';

function isLocal(url: string): boolean {
  try {
    const { hostname } = new URL(url);
    return hostname === 'localhost' || hostname === '[::1]' || /^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(hostname);
  } catch {
    return false;
  }
}

/** mcp-remote refuses plain HTTP except on loopback unless told otherwise. */
function needsAllowHttp(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]', '::1'].includes(hostname);
  } catch {
    return false;
  }
}

/** A config key clients accept: lower snake case, letters, digits and underscores. */
export function serverKey(name: string): string {
  const key = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40);
  return key || 'switchboard';
}

/** signIn: the server's auth is "oauth": clients sign in through Switchboard instead of sending a token. */
export function snippets(input: { name: string; url: string; requireApiToken: boolean; signIn?: boolean }): Snippet[] {
  const key = serverKey(input.name);
  // mcp-remote bridges Claude Desktop's stdio to Streamable HTTP. No spaces in args (a Windows quoting bug): the
  // header value comes from an environment variable, as mcp-remote's README recommends.
  const claudeArgs = ['-y', 'mcp-remote', input.url, '--transport', 'http-only'];
  if (needsAllowHttp(input.url)) claudeArgs.push('--allow-http');
  if (input.requireApiToken) claudeArgs.push('--header', `Authorization:\${${headerVariable}}`);
  const claude = {
    mcpServers: {
      [key]: {
        command: 'npx',
        args: claudeArgs,
        ...(input.requireApiToken ? { env: { [headerVariable]: 'Bearer <your Switchboard API token>' } } : {}),
      },
    },
  };
  const cursor = {
    mcpServers: {
      [key]: {
        url: input.url,
        ...(input.requireApiToken ? { headers: { Authorization: `Bearer \${env:${tokenVariable}}` } } : {}),
      },
    },
  };
  return [
    {
      id: 'claude',
      label: 'Claude Desktop',
      where: 'Add to claude_desktop_config.json (Settings → Developer → Edit Config), then restart Claude Desktop.',
      steps: [],
      language: 'json',
      code: JSON.stringify(claude, null, 2),
    },
    {
      id: 'chatgpt',
      label: 'ChatGPT',
      where: 'ChatGPT developer mode (Pro, Plus, Business, Enterprise and Edu plans).',
      steps: [
        'Open Settings → Apps & Connectors → Advanced settings and turn on Developer mode.',
        'Back in Apps & Connectors, choose Create, and name the connector, e.g. “' + input.name + '”.',
        input.signIn
          ? 'Paste the URL below as the MCP server URL, choose “OAuth”, confirm that you trust the app, and create it; ChatGPT then opens Switchboard to sign in and allow it.'
          : 'Paste the URL below as the MCP server URL, choose “No authentication”, confirm that you trust the app, and create it.',
        'In a chat, turn on Developer mode from the + menu and enable the connector.',
        ...(isLocal(input.url) ? ['ChatGPT connects from the internet, so this local URL will not work there: run Switchboard behind a public HTTPS address (PUBLIC_URL) and create the server again.'] : []),
        ...(input.requireApiToken ? ['This server requires an API token header, which ChatGPT cannot send: create a server without “Require API token” for ChatGPT.'] : []),
      ],
      language: 'text',
      code: input.url,
    },
    {
      id: 'cursor',
      label: 'Cursor',
      where: 'Add to ~/.cursor/mcp.json (or .cursor/mcp.json in a project), then check that it is enabled under Cursor Settings → Tools & MCP.',
      steps: [],
      language: 'json',
      code: JSON.stringify(cursor, null, 2),
    },
  ];
}
