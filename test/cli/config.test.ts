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
    databaseUrl: undefined, databasePoolSize: 10, redisUrl: undefined, redisKeyPrefix: 'switchboard:', sweepIntervalMs: 30_000,
    upstreamAllowlist: [], upstreamMaxResponseBytes: 10 * 1024 * 1024, tokenMissLimit: 60, trustedProxyHops: 0,
    maxBatch: 50, logQueueLimit: 10_000, logRetentionDays: 30, sseMaxStreams: 10_000, sseMaxStreamsPerServer: 20, sseMaxStreamsPerTenant: 200,
    maxMcpServersPerAccount: 100, maxAccountsPerTenant: 1_000, maxApiTokensPerTenant: 100,
    accountConcurrency: 8, accountQueueTimeoutMs: 10_000,
    sessionTtlSeconds: 43_200, signInLimit: 10, signInConcurrency: 4, oauthAccessTokenTtlSeconds: 3_600, oauthRefreshTokenTtlSeconds: 2_592_000, oidc: undefined,
    connectLinkTtlSeconds: 3_600, oauthApps: {},
  });
  assert.equal(publicBaseUrl(config, 8080), 'http://localhost:8080');
});

test('abuse limits: batch size, log queue and retention, SSE streams, quotas', () => {
  const config = loadConfig({
    SWITCHBOARD_MAX_BATCH: '10', SWITCHBOARD_LOG_QUEUE_LIMIT: '500', SWITCHBOARD_LOG_RETENTION_DAYS: '0', SWITCHBOARD_SSE_MAX_STREAMS: '50',
    SWITCHBOARD_SSE_MAX_STREAMS_PER_SERVER: '2', SWITCHBOARD_SSE_MAX_STREAMS_PER_TENANT: '5', SWITCHBOARD_MAX_MCP_SERVERS_PER_ACCOUNT: '3',
    SWITCHBOARD_MAX_ACCOUNTS_PER_TENANT: '4', SWITCHBOARD_MAX_API_TOKENS_PER_TENANT: '6',
  });
  assert.deepEqual([config.maxBatch, config.logQueueLimit, config.logRetentionDays, config.sseMaxStreams, config.sseMaxStreamsPerServer, config.sseMaxStreamsPerTenant], [10, 500, 0, 50, 2, 5]);
  assert.deepEqual([config.maxMcpServersPerAccount, config.maxAccountsPerTenant, config.maxApiTokensPerTenant], [3, 4, 6]);
  assert.throws(() => loadConfig({ SWITCHBOARD_MAX_BATCH: '0' }), /^ConfigError: SWITCHBOARD_MAX_BATCH must be a whole number from 1 to 10000, got "0"$/);
  assert.throws(() => loadConfig({ SWITCHBOARD_LOG_QUEUE_LIMIT: '10' }), /SWITCHBOARD_LOG_QUEUE_LIMIT must be a whole number from 100/);
});

test('sign-in and OAuth settings; single sign-on needs issuer and client id together', () => {
  const config = loadConfig({
    SWITCHBOARD_SESSION_TTL_SECONDS: '600', SWITCHBOARD_SIGN_IN_LIMIT: '0', SWITCHBOARD_SIGN_IN_CONCURRENCY: '2', SWITCHBOARD_OAUTH_ACCESS_TOKEN_TTL_SECONDS: '300',
    SWITCHBOARD_OAUTH_REFRESH_TOKEN_TTL_SECONDS: '86400', SWITCHBOARD_OIDC_ISSUER: 'https://idp.example.com/', SWITCHBOARD_OIDC_CLIENT_ID: 'sb',
    SWITCHBOARD_OIDC_CLIENT_SECRET: 's3cret', SWITCHBOARD_OIDC_NAME: 'Acme SSO', SWITCHBOARD_OIDC_TENANT: 't1',
  });
  assert.equal(config.sessionTtlSeconds, 600);
  assert.equal(config.signInLimit, 0);
  assert.equal(config.signInConcurrency, 2);
  assert.throws(() => loadConfig({ SWITCHBOARD_SIGN_IN_CONCURRENCY: '0' }), /SWITCHBOARD_SIGN_IN_CONCURRENCY must be a whole number from 1 to 64/);
  assert.equal(config.oauthAccessTokenTtlSeconds, 300);
  assert.equal(config.oauthRefreshTokenTtlSeconds, 86_400);
  assert.deepEqual(config.oidc, { issuer: 'https://idp.example.com/', clientId: 'sb', clientSecret: 's3cret', name: 'Acme SSO', autoProvisionTenant: 't1' }, 'the issuer is kept exactly');
  assert.throws(() => loadConfig({ SWITCHBOARD_OIDC_ISSUER: 'https://idp.example.com' }), /SWITCHBOARD_OIDC_CLIENT_ID is required/);
  assert.throws(() => loadConfig({ SWITCHBOARD_OIDC_CLIENT_ID: 'sb' }), /SWITCHBOARD_OIDC_ISSUER is not/);
  assert.throws(() => loadConfig({ SWITCHBOARD_OIDC_ISSUER: 'ftp://idp', SWITCHBOARD_OIDC_CLIENT_ID: 'sb' }), /SWITCHBOARD_OIDC_ISSUER must start with http/);
  assert.throws(() => loadConfig({ SWITCHBOARD_OAUTH_ACCESS_TOKEN_TTL_SECONDS: '5' }), /SWITCHBOARD_OAUTH_ACCESS_TOKEN_TTL_SECONDS must be a whole number from 60/);
});

test('connect settings: link lifetime at most an hour; operator OAuth apps as JSON, never echoed', () => {
  assert.equal(loadConfig({ SWITCHBOARD_CONNECT_LINK_TTL_SECONDS: '600' }).connectLinkTtlSeconds, 600);
  assert.throws(() => loadConfig({ SWITCHBOARD_CONNECT_LINK_TTL_SECONDS: '7200' }), /SWITCHBOARD_CONNECT_LINK_TTL_SECONDS must be a whole number from 60 to 3600/);
  const apps = { lever: { client_id: 'cid', client_secret: 'app-secret-1', authorize_url: 'http://127.0.0.1:4040/oauth/authorize' } };
  assert.deepEqual(loadConfig({ SWITCHBOARD_OAUTH_APPS: JSON.stringify(apps) }).oauthApps, { lever: { ...apps.lever, token_url: undefined } });
  const refusals: [string, RegExp][] = [
    ['{not json app-secret-1', /SWITCHBOARD_OAUTH_APPS must be JSON such as/],
    ['[]', /must be a JSON object/],
    [JSON.stringify({ lever: { client_id: 'cid' } }), /needs a client_id and a client_secret for lever/],
    [JSON.stringify({ lever: { client_id: 'cid', client_secret: 'app-secret-1', scope: 'x' } }), /unknown fields for lever: scope/],
    [JSON.stringify({ lever: { client_id: 'cid', client_secret: 'app-secret-1', token_url: 'ftp://x' } }), /lever.token_url must be an http\(s\) URL/],
  ];
  for (const [value, message] of refusals) {
    assert.throws(() => loadConfig({ SWITCHBOARD_OAUTH_APPS: value }), (error: Error) => message.test(error.message) && !error.message.includes('app-secret-1'));
  }
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
  assert.deepEqual(loadConfig({ SWITCHBOARD_UPSTREAM_ALLOWLIST: ' http://127.0.0.1:4010, https://EU.Example.com:443/ ' }).upstreamAllowlist,
    ['http://127.0.0.1:4010', 'https://eu.example.com'], 'allowlist entries are normalized origins');
});

test('scale-out settings: PostgreSQL, Redis, pool size, key prefix, sweep interval', () => {
  const config = loadConfig({
    DATABASE_URL: 'postgresql://sb:secret@db.internal:5432/switchboard', SWITCHBOARD_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    REDIS_URL: 'rediss://cache.internal:6380', DATABASE_POOL_SIZE: '25', REDIS_KEY_PREFIX: 'sb-prod:', SWITCHBOARD_SWEEP_INTERVAL_MS: '5000',
  });
  assert.equal(config.databaseUrl, 'postgresql://sb:secret@db.internal:5432/switchboard');
  assert.equal(config.redisUrl, 'rediss://cache.internal:6380');
  assert.equal(config.databasePoolSize, 25);
  assert.equal(config.redisKeyPrefix, 'sb-prod:');
  assert.equal(config.sweepIntervalMs, 5000);
  assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://sb:secret@db/x' }), (error: Error) => !error.message.includes('secret'), 'a bad URL is not echoed: it may hold a password');
});

test('bad values name the variable', () => {
  const key = randomBytes(32).toString('base64');
  const cases: [Record<string, string>, RegExp][] = [
    [{ PORT: '70000' }, /^PORT must be a whole number from 0 to 65535, got "70000"$/],
    [{ PORT: '-1' }, /^PORT /],
    [{ UPSTREAM_TIMEOUT_MS: '1.5' }, /^UPSTREAM_TIMEOUT_MS /],
    [{ SWITCHBOARD_RESULT_BUDGET_TOKENS: 'lots' }, /^SWITCHBOARD_RESULT_BUDGET_TOKENS /],
    [{ PUBLIC_URL: 'mcp.example.com' }, /^PUBLIC_URL must be an absolute URL/],
    [{ PUBLIC_URL: 'ftp://mcp.example.com' }, /^PUBLIC_URL must start with http/],
    [{ SWITCHBOARD_ENCRYPTION_KEY: randomBytes(16).toString('base64') }, /^SWITCHBOARD_ENCRYPTION_KEY must be the base64 encoding of exactly 32 bytes/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"$/],
    [{ DATABASE_URL: 'mysql://db/x', SWITCHBOARD_ENCRYPTION_KEY: key }, /^DATABASE_URL must start with postgres:\/\/ or postgresql:\/\/, got mysql:\/\/…$/],
    [{ DATABASE_URL: 'not a url' }, /^DATABASE_URL must be a URL such as postgres:\/\//],
    [{ DATABASE_URL: 'postgres://db/x' }, /^SWITCHBOARD_ENCRYPTION_KEY is required with DATABASE_URL/],
    [{ REDIS_URL: 'redis://cache:6379' }, /^REDIS_URL needs DATABASE_URL/],
    [{ DATABASE_URL: 'postgres://db/x', SWITCHBOARD_ENCRYPTION_KEY: key, REDIS_URL: 'http://cache' }, /^REDIS_URL must start with redis:\/\/ or rediss:\/\//],
    [{ DATABASE_POOL_SIZE: '0' }, /^DATABASE_POOL_SIZE /],
    [{ SWITCHBOARD_SWEEP_INTERVAL_MS: '10' }, /^SWITCHBOARD_SWEEP_INTERVAL_MS /],
    [{ SWITCHBOARD_UPSTREAM_ALLOWLIST: 'http://127.0.0.1:4010/api' }, /^SWITCHBOARD_UPSTREAM_ALLOWLIST takes origins only/],
    [{ SWITCHBOARD_UPSTREAM_ALLOWLIST: 'https://a.example,ftp://b.example' }, /^SWITCHBOARD_UPSTREAM_ALLOWLIST takes http:\/\/ or https:\/\/ origins/],
    [{ SWITCHBOARD_UPSTREAM_ALLOWLIST: '127.0.0.1:4010' }, /^SWITCHBOARD_UPSTREAM_ALLOWLIST (must be a comma list|takes)/],
    [{ UPSTREAM_MAX_RESPONSE_BYTES: '10' }, /^UPSTREAM_MAX_RESPONSE_BYTES /],
    [{ SWITCHBOARD_TOKEN_MISS_LIMIT: '-1' }, /^SWITCHBOARD_TOKEN_MISS_LIMIT /],
  ];
  for (const [env, message] of cases) assert.throws(() => loadConfig(env), (error: Error) => error instanceof ConfigError && message.test(error.message), JSON.stringify(env));
});
