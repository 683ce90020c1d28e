// Grants: what a signed-in member allowed one OAuth client to do on one MCP server. Each grant holds short-lived
// access tokens and one live refresh token; revoking it deletes them all and tells every node's token cache.
import { hashToken } from '../security/tokens.ts';
import type { Access } from '../services/access.ts';
import type { GrantView, OAuthGrant } from '../store/auth-types.ts';
import type { Store } from '../store/types.ts';
import { generateSecret } from '../auth/tokens.ts';

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
  scope: string;
}

export class GrantService {
  private readonly store: Store;
  private readonly access: Access;
  private readonly ttl: { accessSeconds: number; refreshSeconds: number };
  private readonly now: () => number;

  constructor(options: { store: Store; access: Access; accessTokenTtlSeconds: number; refreshTokenTtlSeconds: number; now?: (() => number) | undefined }) {
    this.store = options.store;
    this.access = options.access;
    this.ttl = { accessSeconds: options.accessTokenTtlSeconds, refreshSeconds: options.refreshTokenTtlSeconds };
    this.now = options.now ?? Date.now;
  }

  /** A new access token and refresh token for the grant. */
  async issueTokens(grant: OAuthGrant): Promise<TokenResponse> {
    const accessToken = generateSecret('accessToken');
    const refreshToken = generateSecret('refreshToken');
    const time = this.now();
    await this.store.auth.saveToken({ token_hash: hashToken(accessToken), grant_id: grant.id, kind: 'access', expires_at: new Date(time + this.ttl.accessSeconds * 1000).toISOString() });
    await this.store.auth.saveToken({ token_hash: hashToken(refreshToken), grant_id: grant.id, kind: 'refresh', expires_at: new Date(time + this.ttl.refreshSeconds * 1000).toISOString() });
    return { access_token: accessToken, token_type: 'Bearer', expires_in: this.ttl.accessSeconds, refresh_token: refreshToken, scope: grant.scope };
  }

  list(tenantId: string, mcpServerId: string): Promise<GrantView[]> {
    return this.store.auth.listGrants(tenantId, mcpServerId);
  }

  /** Revokes a grant of the tenant; false when there is none with that id. */
  async revoke(tenantId: string, grantId: string): Promise<boolean> {
    const deleted = await this.store.auth.deleteGrant(tenantId, grantId);
    if (deleted) await this.access.invalidate({ grantId });
    return deleted;
  }

  /** Revokes a grant found misused (a replayed code or refresh token), whatever its tenant. */
  async revokeCompromised(grantId: string): Promise<void> {
    await this.store.auth.deleteGrantById(grantId);
    await this.access.invalidate({ grantId });
  }

}
