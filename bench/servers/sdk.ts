// The official SDK in its documented stateless pattern (the SDK's simpleStatelessStreamableHttp example): an Express
// app from createMcpExpressApp(), and for every POST a new McpServer and a new StreamableHTTPServerTransport with
// sessionIdGenerator undefined, closed when the response closes. One tool proxies to the upstream with undici.
// The example's console.log on every close is left out. BENCH_SDK_HTTP=node mounts the same handler on plain
// node:http with the body parsed by hand instead of Express (a cheaper variant, for comparison).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createMcpExpressApp } from '@modelcontextprotocol/sdk/server/express.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import * as z from 'zod/v4';
import { serveMcpForParent } from '../lib/proc.ts';
import { closeUpstream, fetchRecord, toolName } from '../lib/upstream-call.ts';

const getServer = () => {
  const server = new McpServer({ name: 'bench-sdk-proxy', version: '1.0.0' });
  server.registerTool(toolName, {
    description: 'Get one job application by id.',
    inputSchema: { id: z.string().describe('The id of the job application') },
  }, async ({ id }) => {
    const { text, isError } = await fetchRecord(id);
    return { content: [{ type: 'text' as const, text }], isError };
  });
  return server;
};

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try { resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))); } catch (error) { reject(error); }
    });
    req.on('error', reject);
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, parsedBody?: unknown): Promise<void> {
  if (req.method !== 'POST') {
    res.writeHead(405).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null }));
    return;
  }
  const server = getServer();
  try {
    const body = parsedBody ?? await readBody(req);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
  } catch (error) {
    console.error('Error handling MCP request:', error);
    if (!res.headersSent) {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32603, message: 'Internal server error' }, id: null }));
    }
  }
}

let server: Server;
if (process.env.BENCH_SDK_HTTP === 'node') {
  server = createServer((req, res) => void handle(req, res));
} else {
  const app = createMcpExpressApp();
  app.post('/mcp', (req: IncomingMessage & { body?: unknown }, res: ServerResponse) => void handle(req, res, req.body));
  app.all('/mcp', (req: IncomingMessage, res: ServerResponse) => void handle(req, res));
  server = createServer(app);
}
await serveMcpForParent(server, closeUpstream);
