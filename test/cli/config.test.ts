// Settings from the environment: defaults, parsing, and errors that name the variable.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig, publicBaseUrl } from '../../src/config.ts';

test('defaults', () => {
  const config = loadConfig({});
  assert.deepEqual(config, {
    port: 8080, host: '127.0.0.1', publicUrl: undefined, dataDir: resolve('data'), integrationsDir: resolve('integrations'),
    apiToken: undefined, encryptionKey: undefined, logLevel: 'info', upstreamTimeoutMs: 30_000, resultBudgetTokens: 20_000, allowedOrigins: [],
  });
  assert.equal(publicBaseUrl(config, 8080), 'http://localhost:8080');
});

test('values are parsed and trimmed', () => {
  const key = randomBytes(32).toString('base64');
  const config = loadConfig({
    PORT: '9000', HOST: '0.0.0.0', PUBLIC_URL: 'https://mcp.example.com/', SWITCHBOARD_ENCRYPTION_KEY: key, LOG_LEVEL: 'WARN',
    UPSTREAM_TIMEOUT_MS: '5000', SWITCHBOARD_RESULT_BUDGET_TOKENS: '8000', SWITCHBOARD_ALLOWED_ORIGINS: ' https://a.example , https://b.example,',
    SWITCHBOARD_API_TOKEN: '  sb_token  ',
  });
  assert.equal(config.port, 9000);
  assert.equal(config.publicUrl, 'https://mcp.example.com');
  assert.equal(publicBaseUrl(config, 1234), 'https://mcp.example.com');
  assert.equal(config.encryptionKey, key);
  assert.equal(config.logLevel, 'warn');
  assert.equal(config.apiToken, 'sb_token');
  assert.deepEqual(config.allowedOrigins, ['https://a.example', 'https://b.example']);
});

test('bad values name the variable', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ PORT: '70000' }, /^PORT must be a whole number from 0 to 65535, got "70000"$/],
    [{ PORT: '-1' }, /^PORT /],
    [{ UPSTREAM_TIMEOUT_MS: '1.5' }, /^UPSTREAM_TIMEOUT_MS /],
    [{ SWITCHBOARD_RESULT_BUDGET_TOKENS: 'lots' }, /^SWITCHBOARD_RESULT_BUDGET_TOKENS /],
    [{ PUBLIC_URL: 'mcp.example.com' }, /^PUBLIC_URL must be an absolute URL/],
    [{ PUBLIC_URL: 'ftp://mcp.example.com' }, /^PUBLIC_URL must start with http/],
    [{ SWITCHBOARD_ENCRYPTION_KEY: randomBytes(16).toString('base64') }, /^SWITCHBOARD_ENCRYPTION_KEY must be the base64 encoding of exactly 32 bytes/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"$/],
  ];
  for (const [env, message] of cases) assert.throws(() => loadConfig(env), (error: Error) => error instanceof ConfigError && message.test(error.message), JSON.stringify(env));
});
