// Who may call an MCP server, from its config: "url" (the URL token alone), "api_token" (plus an API token of its
// tenant; require_api_token_auth: true is the older spelling) or "oauth" (plus an OAuth access token of a member of
// its tenant, or an API token of the tenant).
import type { McpServerConfig } from '../store/types.ts';

export type AuthMode = 'url' | 'api_token' | 'oauth';

export function authModeOf(config: McpServerConfig): AuthMode {
  return config.auth ?? (config.require_api_token_auth ? 'api_token' : 'url');
}
