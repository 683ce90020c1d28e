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
];
