// The one place that talks to upstream APIs: pooled keep-alive connections through undici, hard timeouts,
// a response size limit, and redirects never followed (they would carry the account's credentials elsewhere).
import { Agent, type Dispatcher, errors as undiciErrors } from 'undici';
import type { UpstreamRequest } from './request.ts';
import { jsonTextNestsDeeperThan } from '../util/json-size.ts';

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

  send(request: UpstreamRequest, signal?: AbortSignal): Promise<UpstreamResponse> {
    return send(this.agent, this.options, request, signal);
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

/**
 * One upstream call on undici's dispatch API: the body is gathered straight from the connection's chunks (the
 * request() API wraps every response in a Readable stream read through an async iterator, about 15% of a call).
 */
function send(agent: Agent, options: UpstreamOptions, upstream: UpstreamRequest, signal?: AbortSignal): Promise<UpstreamResponse> {
  const { url } = upstream;
  const host = url.host;
  const limit = options.maxResponseBytes;
  return new Promise((resolve, reject) => {
    let controller: Dispatcher.DispatchController | undefined;
    /** Why the call was cut short before undici handed over its controller (it is queued for a connection). */
    let cutShort: Error | undefined;
    let answered = false;
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
      if (error) reject(describeFailure(error, host, signal, answered, options.timeoutMs));
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
        const parse = (text: string, tooDeep: boolean): UpstreamResponse | Error => {
          try {
            return { status, header, body: parseBody(text, header('content-type'), host, tooDeep) };
          } catch (error) {
            return error as Error;
          }
        };
        const hand = (parsed: UpstreamResponse | Error) => (parsed instanceof Error ? settle(parsed) : settle(undefined, parsed));
        const raw = Buffer.concat(chunks, size);
        if (size <= yieldAboveBytes) return hand(parse(raw.toString('utf8'), nestsTooDeep(raw)));
        // A large body's depth scan and decoding, its parse, and the call's use of it each get an event-loop turn of their own.
        inTurnOfItsOwn(() => {
          const tooDeep = nestsTooDeep(raw);
          const text = raw.toString('utf8');
          inTurnOfItsOwn(() => {
            const parsed = parse(text, tooDeep);
            setImmediate(() => hand(parsed));
          });
        });
      },
      onResponseError(_started, error) {
        settle(error);
      },
    });
  });
}

/** `tooDeep`: the body's text nests deeper than maxBodyDepth (it counts only when the body is JSON). */
function parseBody(text: string, contentType: string | undefined, host: string, tooDeep: boolean): unknown {
  if (text.length === 0) return undefined;
  // No content type at all: JSON when it parses (some APIs forget the header), the text otherwise.
  if (contentType && !/[/+]json\b/i.test(contentType)) return text;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    if (!contentType) return text;
    throw new UpstreamError('invalid_json', `${host} said it sent JSON but the body is not valid JSON`);
  }
  if (tooDeep) throw new UpstreamError('invalid_json', `${host} sent JSON nested deeper than ${maxBodyDepth} levels, which no API record is`);
  return body;
}

/** Scanning the bytes is one tight pass; walking the parsed tree would allocate per node. */
const nestsTooDeep = (raw: Buffer) => jsonTextNestsDeeperThan(raw, maxBodyDepth);

/** Bodies larger than this are parsed in their own event-loop turn. */
const yieldAboveBytes = 256 * 1024;

const largeParses: (() => void)[] = [];
let parsing = false;

/**
 * Runs each step of a large body's parse in an event-loop turn of its own, one after the other: ten 3 MB bodies
 * arriving together would otherwise be parsed in one block (immediates queued together run together), and each parse
 * would run on into everything the call does with it.
 */
function inTurnOfItsOwn(job: () => void): void {
  largeParses.push(job);
  if (!parsing) {
    parsing = true;
    setImmediate(runNextParse);
  }
}

function runNextParse(): void {
  largeParses.shift()!();
  if (largeParses.length > 0) setImmediate(runNextParse);
  else parsing = false;
}

/** Deeper upstream JSON is refused: every later step walks records, and no real record nests this deep. */
const maxBodyDepth = 256;

function describeFailure(error: unknown, host: string, signal: AbortSignal | undefined, answered: boolean, timeoutMs: number): Error {
  if (error instanceof UpstreamError) return error;
  if (signal?.aborted) return new UpstreamError('aborted', 'the call was cancelled');
  const limit = timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`;
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
