// The floor: the cheapest MCP hop one can write by hand. JSON-RPC over HTTP on node:http, one tool whose call is
// forwarded to the upstream with undici (pooled keep-alive connections) and whose body comes back as the text content.
// No sessions, no validation beyond what routing needs, no logging.
import { createServer } from 'node:http';
import { serveMcpForParent } from '../lib/proc.ts';
import { closeUpstream, fetchRecord, toolName } from '../lib/upstream-call.ts';

function reply(res: import('node:http').ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const server = createServer((req, res) => {
  if (req.method !== 'POST') return reply(res, 405, { jsonrpc: '2.0', id: null, error: { code: -32000, message: 'Method not allowed' } });
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    let message: { id?: unknown; method?: string; params?: { name?: string; arguments?: Record<string, unknown> } };
    try {
      message = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return reply(res, 400, { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
    }
    const id = message.id ?? null;
    if (message.method === 'tools/list') {
      return reply(res, 200, { jsonrpc: '2.0', id, result: { tools: [{ name: toolName, inputSchema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } }] } });
    }
    if (message.method !== 'tools/call' || message.params?.name !== toolName) {
      return reply(res, 200, { jsonrpc: '2.0', id, error: { code: -32601, message: 'Method not found' } });
    }
    fetchRecord(String(message.params.arguments?.id ?? '')).then(({ text, isError }) => {
      reply(res, 200, { jsonrpc: '2.0', id, result: { content: [{ type: 'text', text }], isError } });
    }, (error: Error) => {
      reply(res, 200, { jsonrpc: '2.0', id, result: { content: [{ type: 'text', text: `upstream failed: ${error.message}` }], isError: true } });
    });
  });
});
await serveMcpForParent(server, closeUpstream);
