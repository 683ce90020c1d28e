// The one place that talks to upstream APIs: pooled keep-alive connections through undici, hard timeouts,
// a response size limit, and redirects never followed (they would carry the account's credentials elsewhere).
import { Agent, type Dispatcher, errors as undiciErrors } from 'undici';
import type { UpstreamRequest } from './request.ts';
import type { ListWindow } from '../util/json-slices.ts';
import { InvalidBody, readBody, readBodyInTurns, sliceBytes } from './upstream-body.ts';

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

export const defaultUpstreamOptions: UpstreamOptions = { timeoutMs: 30_000, maxResponseBytes: 10 * 1024 * 1024 };

/** A pool of keep-alive connections to upstream APIs, with one engine's timeout and size limit. */
export class Upstream {
  readonly options: UpstreamOptions;
  private readonly agent: Agent;

  constructor(options: Partial<UpstreamOptions> = {}) {
    this.options = { ...defaultUpstreamOptions, ...options };
    const { timeoutMs } = this.options;
    this.agent = new Agent({
      connections: 256,
      keepAliveTimeout: 30_000,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      connect: { timeout: Math.min(timeoutMs, 10_000) },
    });
  }

  /** `records`: of the list in the answer, the only records the call will use (the others of a large answer are only counted). */
  send(request: UpstreamRequest, signal?: AbortSignal, records?: ListWindow): Promise<UpstreamResponse> {
    return send(this.agent, this.options, request, signal, records);
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

/**
 * One upstream call on undici's dispatch API: the body is gathered straight from the connection's chunks (the
 * request() API wraps every response in a Readable stream read through an async iterator, about 15% of a call).
 */
function send(agent: Agent, options: UpstreamOptions, upstream: UpstreamRequest, signal?: AbortSignal, records?: ListWindow): Promise<UpstreamResponse> {
  const { url } = upstream;
  const host = url.host;
  const limit = options.maxResponseBytes;
  return new Promise((resolve, reject) => {
    let controller: Dispatcher.DispatchController | undefined;
    /** Why the call was cut short before undici handed over its controller (it is queued for a connection). */
    let cutShort: Error | undefined;
    let answered = false;
    /** The whole body has arrived: what is left is reading it. */
    let received = false;
    let settled = false;
    let status = 0;
    let headers: Record<string, string | string[] | undefined> = {};
    const chunks: Buffer[] = [];
    let size = 0;

    const settle = (error: Error | undefined, response?: UpstreamResponse) => {
      if (settled) return;
      settled = true;
      // One timer per call, cleared when the call ends. (AbortSignal.timeout would keep each call's timer and what it
      // references alive until the timeout passes: calls per second × timeout.)
      clearTimeout(deadline);
      signal?.removeEventListener('abort', cancel);
      if (error) reject(describeFailure(error, host, signal, received ? 'received' : answered ? 'answering' : 'connecting', options.timeoutMs));
      else resolve(response!);
    };
    const abort = (reason: Error) => {
      if (controller) controller.abort(reason);
      else cutShort = reason;
      settle(reason);
    };
    const deadline = setTimeout(() => abort(new DOMException('upstream deadline passed', 'TimeoutError')), options.timeoutMs);
    const cancel = () => abort(new DOMException('the call was cancelled', 'AbortError'));
    if (signal?.aborted) return cancel();
    signal?.addEventListener('abort', cancel, { once: true });

    const tooLarge = () => new UpstreamError('too_large', `${host} sent a response larger than ${Math.round(limit / 1024)} KiB; narrow the request (filters, a smaller limit)`);
    agent.dispatch({ origin: url.origin, path: `${url.pathname}${url.search}`, method: upstream.method, headers: upstream.headers, body: upstream.body ?? null }, {
      onRequestStart(started) {
        controller = started;
        if (cutShort) started.abort(cutShort);
      },
      onResponseStart(started, statusCode, responseHeaders) {
        if (statusCode < 200) return;
        answered = true;
        status = statusCode;
        headers = responseHeaders as typeof headers;
        // A declared length over the limit is refused before a byte of the body is read.
        if (Number(headers['content-length']) > limit) abort(tooLarge());
      },
      onResponseData(_started, chunk) {
        size += chunk.length;
        if (size > limit) return abort(tooLarge());
        chunks.push(chunk);
      },
      onResponseEnd() {
        const header = (name: string) => {
          const value = headers[name.toLowerCase()];
          return Array.isArray(value) ? value.join(', ') : value;
        };
        const respond = (body: unknown) => settle(undefined, { status, header, body });
        const raw = Buffer.concat(chunks, size);
        const contentType = header('content-type');
        received = true;
        if (size > sliceBytes) return void readBodyInTurns(raw, contentType, host, () => !settled, status < 300 ? records : undefined).then(respond, settle);
        try {
          respond(readBody(raw, contentType, host));
        } catch (error) {
          settle(error as Error);
        }
      },
      onResponseError(_started, error) {
        settle(error);
      },
    });
  });
}

/** How far the call had come: connecting or waiting for the answer, receiving its body, or reading the whole body. */
type Stage = 'connecting' | 'answering' | 'received';

function describeFailure(error: unknown, host: string, signal: AbortSignal | undefined, stage: Stage, timeoutMs: number): Error {
  if (error instanceof UpstreamError) return error;
  if (error instanceof InvalidBody) return new UpstreamError('invalid_json', error.message);
  if (signal?.aborted) return new UpstreamError('aborted', 'the call was cancelled');
  const limit = timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`;
  if (error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError ||
    error instanceof undiciErrors.ConnectTimeoutError || (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError') {
    if (stage === 'received') return new UpstreamError('timeout', `${host} answered, but its large response was not read within ${limit}: large responses are read one after another; narrow the request (filters, a smaller limit)`);
    return new UpstreamError('timeout', stage === 'answering' ? `${host} did not finish its response within ${limit}` : `${host} did not answer within ${limit}`);
  }
  const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  const detail = code ? ` (${code})` : '';
  if (stage !== 'connecting') return new UpstreamError('interrupted', `the connection to ${host} broke before its response was complete${detail}`);
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET') return new UpstreamError('interrupted', `${host} closed the connection without answering${detail}`);
  return new UpstreamError('unreachable', `could not reach ${host}${detail}`);
}
