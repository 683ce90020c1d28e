export const usage = `Usage: switchboard <command> [options]

Commands:
  serve                               Run the gateway (admin API and MCP endpoint)
  demo                                Run the gateway with every sandbox ATS API and a ready demo tenant
  tenant create --name <name>         Create a tenant; prints its id and first API token (shown once)
  token create --tenant <id> [--name <name>] [--expires-at <ISO 8601 time>]
                                      Create another API token for a tenant (shown once)
  token list --tenant <id>            List a tenant's API tokens: id, name, created, last used, expiry (never a secret)
  token revoke --tenant <id> --id <token id>
                                      Revoke an API token; running servers refuse it at once
  account create --tenant <id> --integration <name> [--name <name>]
                 [--context key=value]... [--credential key=value]...
                                      Connect an integrated account
  user create --email <email> --tenant <id> [--role admin|member] [--name <name>] [--sso-only]
                                      Create a dashboard user (or update their password) as a member of a tenant;
                                      the password comes from SWITCHBOARD_USER_PASSWORD or a prompt
  integrations list                   List installed integrations and the fields their accounts need

Credentials can come from the environment instead of --credential, which keeps them out of shell history and
process lists: SWITCHBOARD_CREDENTIAL_<FIELD> (for example SWITCHBOARD_CREDENTIAL_API_KEY for api_key).
A --credential flag wins over the environment.

Settings come from environment variables (see the README): PORT, HOST, PUBLIC_URL, SWITCHBOARD_DATA_DIR,
SWITCHBOARD_INTEGRATIONS_DIR, SWITCHBOARD_API_TOKEN, SWITCHBOARD_ENCRYPTION_KEY, LOG_LEVEL, UPSTREAM_TIMEOUT_MS,
UPSTREAM_MAX_RESPONSE_BYTES, SWITCHBOARD_RESULT_BUDGET_TOKENS, SWITCHBOARD_ALLOWED_ORIGINS, SWITCHBOARD_UPSTREAM_ALLOWLIST,
SWITCHBOARD_TOKEN_MISS_LIMIT, SWITCHBOARD_TRUSTED_PROXY_HOPS, DATABASE_URL, DATABASE_POOL_SIZE, REDIS_URL,
REDIS_KEY_PREFIX, SWITCHBOARD_SWEEP_INTERVAL_MS, SWITCHBOARD_ACCOUNT_CONCURRENCY, SWITCHBOARD_ACCOUNT_QUEUE_TIMEOUT_MS;
sign-in: SWITCHBOARD_SESSION_TTL_SECONDS, SWITCHBOARD_SIGN_IN_LIMIT, SWITCHBOARD_SIGN_IN_CONCURRENCY,
SWITCHBOARD_OAUTH_ACCESS_TOKEN_TTL_SECONDS, SWITCHBOARD_OAUTH_REFRESH_TOKEN_TTL_SECONDS, SWITCHBOARD_OIDC_ISSUER, SWITCHBOARD_OIDC_CLIENT_ID, SWITCHBOARD_OIDC_CLIENT_SECRET,
SWITCHBOARD_OIDC_NAME, SWITCHBOARD_OIDC_TENANT; limits: SWITCHBOARD_MAX_BATCH, SWITCHBOARD_LOG_QUEUE_LIMIT,
SWITCHBOARD_LOG_RETENTION_DAYS, SWITCHBOARD_SSE_MAX_STREAMS, SWITCHBOARD_SSE_MAX_STREAMS_PER_SERVER,
SWITCHBOARD_SSE_MAX_STREAMS_PER_TENANT, SWITCHBOARD_MAX_MCP_SERVERS_PER_ACCOUNT, SWITCHBOARD_MAX_ACCOUNTS_PER_TENANT,
SWITCHBOARD_MAX_API_TOKENS_PER_TENANT.`;
