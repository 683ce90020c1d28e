// JSON logs (pino). They never hold secrets nor payloads: callers log metadata only, known secret-bearing keys are
// censored, and any text that still carries an MCP URL token or an API token is scrubbed before it is written.
import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config.ts';
import { boundedText } from './util/text.ts';

export type { Logger } from 'pino';

const censor = '[redacted]';

const secretKeys = ['authorization', 'Authorization', 'x-api-key', 'X-API-KEY', 'cookie', 'credentials', 'token', 'api_token', 'apiToken', 'password', 'client_secret', 'code', 'code_verifier', 'refresh_token', 'access_token', 'oidcClientSecret', 'encryptionKey', 'encryption_key', 'databaseUrl', 'redisUrl', 'oauthApps'];

/** The key at the top level, one level down, and inside any `headers` object one level down. */
const redactPaths = secretKeys.flatMap((key) => {
  const access = /^[A-Za-z_]\w*$/.test(key) ? `.${key}` : `["${key}"]`;
  return [access.startsWith('.') ? key : access, `*${access}`, `*.headers${access}`];
});

/** Longest path written to a request line; a client can send URLs of tens of kilobytes. */
const maxLoggedPathChars = 512;

/** Strips the query string and replaces the token of an MCP URL or connect link, so a logged path grants no access; cut to 512 characters. */
export function redactPath(url: string): string {
  return boundedText(url.split('?')[0]!.replace(/\/mcp\/[^/]+/, '/mcp/<redacted>').replace(/\/connect\/link\/[^/]+/, '/connect/link/<redacted>'), maxLoggedPathChars);
}

/** Replaces anything shaped like an MCP URL token path or an API token inside free text. */
export function scrubSecrets(text: string): string {
  return text.replace(/\/mcp\/[A-Za-z0-9_-]{20,}/g, '/mcp/<redacted>').replace(/\b(sb(?:s|at|rt|ac|cs|cl)?_)[A-Za-z0-9_-]{20,}/g, '$1<redacted>');
}

export function createLogger(options: { level: LogLevel; destination?: DestinationStream }): Logger {
  return pino({
    level: options.level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: redactPaths, censor },
    serializers: {
      err: (error: Error) => {
        const serialized = stdSerializers.err(error);
        return { ...serialized, message: scrubSecrets(serialized.message), stack: serialized.stack && scrubSecrets(serialized.stack) };
      },
    },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((arg: unknown) => (typeof arg === 'string' ? scrubSecrets(arg) : arg));
        method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
  }, options.destination ?? bufferedStdout());
}

/**
 * stdout written in chunks of at least 4 KiB instead of a write per line (~6% of a tools/call under load), and at
 * least every 250 ms so that a quiet server's lines are not held back; pino flushes it on exit.
 */
function bufferedStdout(): DestinationStream {
  const destination = pino.destination({ sync: false, minLength: 4096 });
  setInterval(() => destination.flush(), 250).unref();
  return destination;
}
