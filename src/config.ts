// Settings from environment variables, validated once at start; a bad value stops the start naming the variable.
import { resolve } from 'node:path';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  port: number;
  host: string;
  /** Base of the MCP URLs handed out; undefined means http://localhost:<the port actually bound>. */
  publicUrl: string | undefined;
  dataDir: string;
  integrationsDir: string;
  /** Used by `switchboard demo` as the demo tenant's API token instead of a generated one. */
  apiToken: string | undefined;
  /** Base64 of 32 bytes; without it the key lives in <dataDir>/encryption.key. */
  encryptionKey: string | undefined;
  logLevel: LogLevel;
  upstreamTimeoutMs: number;
  resultBudgetTokens: number;
  allowedOrigins: string[];
}

export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const logLevels: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: Env = process.env): Config {
  const read = (name: string) => env[name]?.trim() || undefined;
  const port = integer(read, 'PORT', 8080, 0, 65535);
  return {
    port,
    host: read('HOST') ?? '127.0.0.1',
    publicUrl: optionalHttpUrl(read, 'PUBLIC_URL'),
    dataDir: resolve(read('SWITCHBOARD_DATA_DIR') ?? './data'),
    integrationsDir: resolve(read('SWITCHBOARD_INTEGRATIONS_DIR') ?? './integrations'),
    apiToken: read('SWITCHBOARD_API_TOKEN'),
    encryptionKey: encryptionKey(read),
    logLevel: logLevel(read),
    upstreamTimeoutMs: integer(read, 'UPSTREAM_TIMEOUT_MS', 30_000, 1, 600_000),
    resultBudgetTokens: integer(read, 'SWITCHBOARD_RESULT_BUDGET_TOKENS', 20_000, 500, 1_000_000),
    allowedOrigins: (read('SWITCHBOARD_ALLOWED_ORIGINS') ?? '').split(',').map((origin) => origin.trim()).filter(Boolean),
  };
}

/** The public base URL without a trailing slash, falling back to the bound port. */
export function publicBaseUrl(config: Config, boundPort: number): string {
  return (config.publicUrl ?? `http://localhost:${boundPort}`).replace(/\/+$/, '');
}

function integer(read: (name: string) => string | undefined, name: string, fallback: number, min: number, max: number): number {
  const text = read(name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

function optionalHttpUrl(read: (name: string) => string | undefined, name: string): string | undefined {
  const text = read(name);
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(name, `must be an absolute URL such as https://switchboard.example.com, got "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(name, 'must start with http:// or https://');
  return text.replace(/\/+$/, '');
}

function encryptionKey(read: (name: string) => string | undefined): string | undefined {
  const text = read('SWITCHBOARD_ENCRYPTION_KEY');
  if (text === undefined) return undefined;
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text) || Buffer.from(text, 'base64').length !== 32) {
    throw new ConfigError('SWITCHBOARD_ENCRYPTION_KEY', 'must be the base64 encoding of exactly 32 bytes (generate one with: openssl rand -base64 32)');
  }
  return text;
}

function logLevel(read: (name: string) => string | undefined): LogLevel {
  const text = read('LOG_LEVEL')?.toLowerCase() ?? 'info';
  if (!(logLevels as readonly string[]).includes(text)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${logLevels.join(', ')}, got "${text}"`);
  }
  return text as LogLevel;
}
