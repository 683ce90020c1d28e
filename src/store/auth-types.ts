// The part of the store that holds people and what they allowed: users, their tenant memberships and sign-in
// sessions, and the OAuth clients, authorization codes, grants and tokens of the MCP authorization server.
// Secrets never cross this interface in clear: passwords arrive hashed, session ids, codes and tokens as SHA-256 hashes.

export type Role = 'admin' | 'member';

export interface User {
  id: string;
  email: string;
  name: string | null;
  created_at: string;
  updated_at: string;
}

export interface Membership {
  tenant_id: string;
  tenant_name: string;
  role: Role;
}

export interface Session {
  user: User;
  /** The tenant the dashboard works in; one of the user's memberships. */
  tenant_id: string | null;
  created_at: string;
  expires_at: string;
}

/** RFC 7591 client metadata as Switchboard keeps it (unknown members are dropped). */
export interface OAuthClientMetadata {
  client_name?: string;
  client_uri?: string;
  logo_uri?: string;
  redirect_uris: string[];
  grant_types: string[];
  response_types: string[];
  token_endpoint_auth_method: 'none' | 'client_secret_basic' | 'client_secret_post';
  scope?: string;
  software_id?: string;
  software_version?: string;
}

export interface OAuthClient {
  id: string;
  /** registered: Dynamic Client Registration; metadata_document: the client_id is the URL of its metadata (CIMD). */
  kind: 'registered' | 'metadata_document';
  metadata: OAuthClientMetadata;
  secret_hash: string | null;
  created_at: string;
  updated_at: string;
}

export interface AuthorizationCode {
  client_id: string;
  user_id: string;
  tenant_id: string;
  mcp_server_id: string;
  redirect_uri: string;
  code_challenge: string;
  scope: string;
  expires_at: string;
}

export interface OAuthGrant {
  id: string;
  tenant_id: string;
  mcp_server_id: string;
  user_id: string;
  client_id: string;
  scope: string;
  created_at: string;
  last_used_at: string | null;
}

/** A grant as the dashboard lists it: who, with which client. */
export interface GrantView extends OAuthGrant {
  user_email: string;
  client_name: string | null;
}

/** What an access token stands for, read in one query on the MCP hot path (then cached). */
export interface AccessTokenRecord {
  grant_id: string;
  tenant_id: string;
  mcp_server_id: string;
  user_id: string;
  user_email: string;
  client_id: string;
  client_name: string | null;
  scope: string;
  expires_at: string;
}

export type RefreshOutcome =
  | { kind: 'ok'; grant: OAuthGrant; expires_at: string }
  | { kind: 'reused'; grant_id: string }
  | { kind: 'unknown' };

export interface AuthStore {
  createUser(input: { email: string; name: string | null; password_hash: string | null }): Promise<User>;
  getUser(id: string): Promise<User | undefined>;
  /** The user and its password hash, by lower-case email. */
  findUserByEmail(email: string): Promise<(User & { password_hash: string | null }) | undefined>;
  /** Sets the password and ends every session of the user (whoever knew the old one is signed out). */
  setPassword(userId: string, passwordHash: string): Promise<void>;
  findUserByIdentity(issuer: string, subject: string): Promise<User | undefined>;
  linkIdentity(issuer: string, subject: string, userId: string): Promise<void>;

  /** Adds the membership, or changes its role. */
  setMembership(userId: string, tenantId: string, role: Role): Promise<void>;
  getMembership(userId: string, tenantId: string): Promise<Role | undefined>;
  listMemberships(userId: string): Promise<Membership[]>;

  createSession(input: { token_hash: string; user_id: string; tenant_id: string | null; expires_at: string }): Promise<void>;
  /** The live session of a token hash (expired ones are not returned). */
  findSession(tokenHash: string, now: Date): Promise<Session | undefined>;
  setSessionTenant(tokenHash: string, tenantId: string): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;

  saveClient(input: { id: string; kind: OAuthClient['kind']; metadata: OAuthClientMetadata; secret_hash: string | null }): Promise<OAuthClient>;
  getClient(id: string): Promise<OAuthClient | undefined>;

  createCode(codeHash: string, code: AuthorizationCode): Promise<void>;
  /** The code, unused and live or already redeemed (a replay must still be recognized); undefined otherwise. Changes nothing. */
  findCode(codeHash: string, now: Date): Promise<AuthorizationCode | undefined>;
  /**
   * Marks a live, unused code as redeemed by `grantId` and returns it. A code redeemed before answers `reused` with
   * the grant it made (which the caller revokes); an unknown or expired one answers undefined.
   */
  redeemCode(codeHash: string, grantId: string, now: Date): Promise<{ kind: 'ok'; code: AuthorizationCode } | { kind: 'reused'; grant_id: string } | undefined>;

  createGrant(grant: Omit<OAuthGrant, 'created_at' | 'last_used_at'>): Promise<OAuthGrant>;
  listGrants(tenantId: string, mcpServerId: string): Promise<GrantView[]>;
  /** Deletes the grant (its tokens go with it); returns whether it existed in that tenant. */
  deleteGrant(tenantId: string, grantId: string): Promise<boolean>;
  deleteGrantById(grantId: string): Promise<void>;
  touchGrant(grantId: string, at: string): Promise<void>;

  saveToken(input: { token_hash: string; grant_id: string; kind: 'access' | 'refresh'; expires_at: string }): Promise<void>;
  findAccessToken(tokenHash: string): Promise<AccessTokenRecord | undefined>;
  /** The grant of a refresh token, used or not, while the grant lives. Changes nothing. */
  findRefreshTokenGrant(tokenHash: string): Promise<OAuthGrant | undefined>;
  /** Marks a live refresh token as used (rotated) and returns its grant; one used before answers `reused`. */
  useRefreshToken(tokenHash: string, now: Date): Promise<RefreshOutcome>;

  /** Removes expired sessions, codes and tokens; returns how many rows went. */
  deleteExpiredAuthRows(now: Date): Promise<number>;
}
