export const usage = `Usage: switchboard <command> [options]

Commands:
  serve                               Run the gateway (admin API and MCP endpoint)
  demo                                Run the gateway with every sandbox ATS API and a ready demo tenant
  tenant create --name <name>         Create a tenant; prints its id and first API token (shown once)
  token create --tenant <id> [--name <name>]
                                      Create another API token for a tenant (shown once)
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

Settings come from environment variables: PORT, HOST, PUBLIC_URL, SWITCHBOARD_DATA_DIR, SWITCHBOARD_INTEGRATIONS_DIR,
SWITCHBOARD_API_TOKEN, SWITCHBOARD_ENCRYPTION_KEY, LOG_LEVEL, UPSTREAM_TIMEOUT_MS, SWITCHBOARD_RESULT_BUDGET_TOKENS,
SWITCHBOARD_ALLOWED_ORIGINS.`;
