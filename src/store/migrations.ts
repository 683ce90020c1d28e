// The schema, as ordered steps recorded in schema_migrations. Plain SQL that SQLite and PostgreSQL both accept
// (TEXT ids and JSON, ISO-8601 UTC timestamps as TEXT so they sort as text, BOOLEAN, RETURNING), so a PostgreSQL
// backend can apply the same steps. Never edit a released step: add a new one.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrationsTableSql = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'tenants, api tokens, integrated accounts, mcp servers, mcp logs',
    sql: `
CREATE TABLE tenants (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX tenants_page ON tenants (created_at, id);

CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
CREATE INDEX api_tokens_tenant ON api_tokens (tenant_id);

CREATE TABLE integrated_accounts (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  integration TEXT NOT NULL,
  name TEXT NOT NULL,
  context TEXT NOT NULL,
  credentials_encrypted TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'needs_reauth')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (tenant_id, id)
);
CREATE INDEX integrated_accounts_page ON integrated_accounts (tenant_id, created_at, id);

CREATE TABLE mcp_servers (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  integrated_account_id TEXT NOT NULL,
  name TEXT NOT NULL,
  config TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  expires_at TEXT,
  created_by TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  FOREIGN KEY (tenant_id, integrated_account_id) REFERENCES integrated_accounts (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX mcp_servers_page ON mcp_servers (integrated_account_id, created_at, id);
CREATE INDEX mcp_servers_expires_at ON mcp_servers (expires_at);

CREATE TABLE mcp_logs (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  mcp_server_id TEXT NOT NULL,
  integrated_account_id TEXT NOT NULL,
  time TEXT NOT NULL,
  rpc_method TEXT NOT NULL,
  tool_name TEXT,
  upstream_status INTEGER,
  is_error BOOLEAN NOT NULL,
  latency_ms INTEGER NOT NULL,
  client_name TEXT,
  client_version TEXT
);
CREATE INDEX mcp_logs_page ON mcp_logs (tenant_id, time, id);
`,
  },
  {
    version: 2,
    name: 'leases: one node at a time runs cluster-wide jobs such as the expiry sweeper',
    sql: `
CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
`,
  },
  {
    version: 3,
    name: 'api token lifecycle (last use, expiry), request-log retention by time',
    sql: `
ALTER TABLE api_tokens ADD COLUMN last_used_at TEXT;
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;
CREATE INDEX api_tokens_page ON api_tokens (tenant_id, created_at, id);
CREATE INDEX mcp_logs_time ON mcp_logs (time);
`,
  },
  {
    version: 4,
    name: 'users, memberships, sessions; OAuth clients, codes, grants and tokens; the user and OAuth client of each MCP log entry',
    sql: `
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT,
  password_hash TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE user_identities (
  issuer TEXT NOT NULL,
  subject TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  PRIMARY KEY (issuer, subject)
);

CREATE TABLE memberships (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('admin', 'member')),
  created_at TEXT NOT NULL,
  PRIMARY KEY (user_id, tenant_id)
);
CREATE INDEX memberships_tenant ON memberships (tenant_id);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  tenant_id TEXT REFERENCES tenants (id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

CREATE TABLE oauth_clients (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('registered', 'metadata_document')),
  metadata TEXT NOT NULL,
  secret_hash TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE oauth_codes (
  code_hash TEXT PRIMARY KEY,
  client_id TEXT NOT NULL REFERENCES oauth_clients (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  tenant_id TEXT NOT NULL,
  mcp_server_id TEXT NOT NULL REFERENCES mcp_servers (id) ON DELETE CASCADE,
  redirect_uri TEXT NOT NULL,
  code_challenge TEXT NOT NULL,
  scope TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  grant_id TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX oauth_codes_expires_at ON oauth_codes (expires_at);

CREATE TABLE oauth_grants (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  mcp_server_id TEXT NOT NULL REFERENCES mcp_servers (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  client_id TEXT NOT NULL REFERENCES oauth_clients (id) ON DELETE CASCADE,
  scope TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_used_at TEXT
);
CREATE INDEX oauth_grants_server ON oauth_grants (mcp_server_id, created_at, id);
CREATE INDEX oauth_grants_user ON oauth_grants (user_id, tenant_id);

CREATE TABLE oauth_tokens (
  token_hash TEXT PRIMARY KEY,
  grant_id TEXT NOT NULL REFERENCES oauth_grants (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
  expires_at TEXT NOT NULL,
  used_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX oauth_tokens_grant ON oauth_tokens (grant_id);
CREATE INDEX oauth_tokens_expires_at ON oauth_tokens (expires_at);

ALTER TABLE mcp_logs ADD COLUMN user_id TEXT;
ALTER TABLE mcp_logs ADD COLUMN user_email TEXT;
ALTER TABLE mcp_logs ADD COLUMN oauth_client_id TEXT;
ALTER TABLE mcp_logs ADD COLUMN oauth_client_name TEXT;
`,
  },
  {
    version: 5,
    name: 'upstream OAuth: tenants\' OAuth apps, accounts\' tokens, connect sessions',
    sql: `
CREATE TABLE upstream_oauth_apps (
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  integration TEXT NOT NULL,
  client_id TEXT NOT NULL,
  client_secret_encrypted TEXT NOT NULL,
  authorize_url TEXT,
  token_url TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, integration)
);

CREATE TABLE upstream_tokens (
  account_id TEXT PRIMARY KEY REFERENCES integrated_accounts (id) ON DELETE CASCADE,
  tokens_encrypted TEXT NOT NULL,
  expires_at TEXT,
  updated_at TEXT NOT NULL
);

CREATE TABLE connect_sessions (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  integration TEXT NOT NULL,
  account_name TEXT,
  account_id TEXT,
  state_hash TEXT UNIQUE,
  verifier_encrypted TEXT,
  return_to TEXT,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX connect_sessions_expires_at ON connect_sessions (expires_at);
`,
  },
  {
    version: 6,
    name: 'connect sessions carry the account context chosen before connecting',
    sql: `
ALTER TABLE connect_sessions ADD COLUMN context TEXT NOT NULL DEFAULT '{}';
`,
  },
];
