// The one place that talks to upstream APIs: pooled keep-alive connections through undici, hard timeouts,
// a response size limit, and redirects never followed (they would carry the account's credentials elsewhere).
import { Agent, errors as undiciErrors, request } from 'undici';
import type { UpstreamRequest } from './request.ts';

export interface UpstreamOptions {
  /** The longest one upstream call may take, from connecting to the last byte of the body. */
  timeoutMs: number;
  maxResponseBytes: number;
}

export interface UpstreamResponse {
  status: number;
  header(name: string): string | undefined;
  /** Parsed JSON when upstream said JSON, the text otherwise, undefined when empty. */
  body: unknown;
}

export class UpstreamError extends Error {
  readonly kind: 'unreachable' | 'interrupted' | 'timeout' | 'too_large' | 'invalid_json' | 'aborted';
  constructor(kind: UpstreamError['kind'], message: string) {
    super(message);
    this.kind = kind;
  }
}

let options: UpstreamOptions = { timeoutMs: 30_000, maxResponseBytes: 10 * 1024 * 1024 };
let agent = createAgent(options);

function createAgent({ timeoutMs }: UpstreamOptions): Agent {
  return new Agent({
    connections: 256,
    keepAliveTimeout: 30_000,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connect: { timeout: Math.min(timeoutMs, 10_000) },
  });
}

export function configureUpstream(next: Partial<UpstreamOptions>): void {
  options = { ...options, ...next };
  const previous = agent;
  agent = createAgent(options);
  void previous.close();
}

export async function send(upstream: UpstreamRequest, signal?: AbortSignal): Promise<UpstreamResponse> {
  const host = upstream.url.host;
  // One timer per call, cleared when the call ends. (AbortSignal.timeout and AbortSignal.any would keep each call's
  // signal, its listeners and the request they reference alive until the timeout passes: calls per second × timeout.)
  const abort = new AbortController();
  const deadline = setTimeout(() => abort.abort(new DOMException('upstream deadline passed', 'TimeoutError')), options.timeoutMs);
  const cancel = () => abort.abort(signal?.reason);
  if (signal?.aborted) cancel();
  else signal?.addEventListener('abort', cancel, { once: true });
  let answered = false;
  try {
    const response = await request(upstream.url, {
      method: upstream.method as 'GET',
      headers: upstream.headers,
      body: upstream.body,
      dispatcher: agent,
      signal: abort.signal,
    });
    answered = true;
    const raw = await readLimited(response.body, options.maxResponseBytes, host, Number(response.headers['content-length']));
    const headers = response.headers;
    const header = (name: string) => {
      const value = headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(', ') : value;
    };
    return { status: response.statusCode, header, body: parseBody(raw, header('content-type'), host) };
  } catch (error) {
    throw describeFailure(error, host, signal, answered);
  } finally {
    clearTimeout(deadline);
    signal?.removeEventListener('abort', cancel);
  }
}

async function readLimited(body: AsyncIterable<Buffer> & { destroy(): void }, limit: number, host: string, declared: number): Promise<Buffer> {
  const tooLarge = () => new UpstreamError('too_large', `${host} sent a response larger than ${Math.round(limit / 1024)} KiB; narrow the request (filters, a smaller limit)`);
  // A declared length over the limit is refused before a byte of the body is read.
  if (Number.isFinite(declared) && declared > limit) {
    body.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) {
      body.destroy();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

function parseBody(raw: Buffer, contentType: string | undefined, host: string): unknown {
  if (raw.length === 0) return undefined;
  const text = raw.toString('utf8');
  if (!contentType) {
    // No content type at all: JSON when it parses (some APIs forget the header), the text otherwise.
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  if (!/[/+]json\b/i.test(contentType)) return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new UpstreamError('invalid_json', `${host} said it sent JSON but the body is not valid JSON`);
  }
}

function describeFailure(error: unknown, host: string, signal: AbortSignal | undefined, answered: boolean): Error {
  if (error instanceof UpstreamError) return error;
  if (signal?.aborted) return new UpstreamError('aborted', 'the call was cancelled');
  const limit = options.timeoutMs < 1000 ? `${options.timeoutMs} ms` : `${Math.round(options.timeoutMs / 1000)} s`;
  if (error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError ||
    error instanceof undiciErrors.ConnectTimeoutError || (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError') {
    return new UpstreamError('timeout', answered ? `${host} did not finish its response within ${limit}` : `${host} did not answer within ${limit}`);
  }
  const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  const detail = code ? ` (${code})` : '';
  if (answered) return new UpstreamError('interrupted', `the connection to ${host} broke before its response was complete${detail}`);
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET') return new UpstreamError('interrupted', `${host} closed the connection without answering${detail}`);
  return new UpstreamError('unreachable', `could not reach ${host}${detail}`);
}
