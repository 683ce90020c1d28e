// Database rows → store objects, shared by every backend. SQLite and PostgreSQL return the same column names; the
// only difference in kind is booleans (0/1 in SQLite, true/false in PostgreSQL), which Number() reads alike.
import type { ApiToken, ConnectSession, IntegratedAccount, McpLogEntry, McpServer, McpServerConfig, OAuthApp, Tenant } from './types.ts';

export type Row = Record<string, unknown>;

export const apiTokenColumns = 'id, tenant_id, name, created_at, last_used_at, expires_at';
export const accountColumns = 'id, tenant_id, integration, name, context, status, created_at, updated_at';
export const serverColumns = 'id, tenant_id, integrated_account_id, name, config, expires_at, created_by, created_at, updated_at';
export const logColumns = 'id, tenant_id, mcp_server_id, integrated_account_id, time, rpc_method, tool_name, upstream_status, is_error, latency_ms, client_name, client_version, user_id, user_email, oauth_client_id, oauth_client_name';

const text = (value: unknown) => String(value);
const textOrNull = (value: unknown) => (value === null || value === undefined ? null : String(value));

export function toTenant(row: Row): Tenant {
  return { id: text(row.id), name: text(row.name), created_at: text(row.created_at) };
}

export function toApiToken(row: Row): ApiToken {
  return {
    id: text(row.id),
    tenant_id: text(row.tenant_id),
    name: text(row.name),
    created_at: text(row.created_at),
    last_used_at: textOrNull(row.last_used_at),
    expires_at: textOrNull(row.expires_at),
  };
}

export function toAccount(row: Row): IntegratedAccount {
  return {
    id: text(row.id),
    tenant_id: text(row.tenant_id),
    integration: text(row.integration),
    name: text(row.name),
    context: JSON.parse(text(row.context)) as Record<string, string>,
    status: text(row.status) as IntegratedAccount['status'],
    created_at: text(row.created_at),
    updated_at: text(row.updated_at),
  };
}

export function toServer(row: Row): McpServer {
  return {
    id: text(row.id),
    tenant_id: text(row.tenant_id),
    integrated_account_id: text(row.integrated_account_id),
    name: text(row.name),
    config: JSON.parse(text(row.config)) as McpServerConfig,
    expires_at: textOrNull(row.expires_at),
    created_by: textOrNull(row.created_by),
    created_at: text(row.created_at),
    updated_at: text(row.updated_at),
  };
}

export const oauthAppColumns = 'tenant_id, integration, client_id, authorize_url, token_url, created_at, updated_at';
export const connectSessionColumns = 'id, tenant_id, integration, account_name, account_id, context, verifier_encrypted, return_to, expires_at, used_at, created_at';

export function toOAuthApp(row: Row): OAuthApp {
  return {
    tenant_id: text(row.tenant_id),
    integration: text(row.integration),
    client_id: text(row.client_id),
    authorize_url: textOrNull(row.authorize_url),
    token_url: textOrNull(row.token_url),
    created_at: text(row.created_at),
    updated_at: text(row.updated_at),
  };
}

export function toConnectSession(row: Row): ConnectSession {
  return {
    id: text(row.id),
    tenant_id: text(row.tenant_id),
    integration: text(row.integration),
    account_name: textOrNull(row.account_name),
    account_id: textOrNull(row.account_id),
    context: JSON.parse(text(row.context)) as Record<string, string>,
    verifier_encrypted: textOrNull(row.verifier_encrypted),
    return_to: textOrNull(row.return_to),
    expires_at: text(row.expires_at),
    used_at: textOrNull(row.used_at),
    created_at: text(row.created_at),
  };
}

export function toLogEntry(row: Row): McpLogEntry {
  return {
    id: text(row.id),
    tenant_id: text(row.tenant_id),
    mcp_server_id: text(row.mcp_server_id),
    integrated_account_id: text(row.integrated_account_id),
    time: text(row.time),
    rpc_method: text(row.rpc_method),
    tool_name: textOrNull(row.tool_name),
    upstream_status: row.upstream_status === null ? null : Number(row.upstream_status),
    is_error: Number(row.is_error) === 1,
    latency_ms: Number(row.latency_ms),
    client_name: textOrNull(row.client_name),
    client_version: textOrNull(row.client_version),
    user_id: textOrNull(row.user_id),
    user_email: textOrNull(row.user_email),
    oauth_client_id: textOrNull(row.oauth_client_id),
    oauth_client_name: textOrNull(row.oauth_client_name),
  };
}
