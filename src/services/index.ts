// Builds the services shared by the admin API, the MCP endpoint and the CLI from the store, catalog and key.
import type { InvalidationBus, SharedServerCache } from '../cluster/types.ts';
import type { Config } from '../config.ts';
import { createLogger, type Logger } from '../logger.ts';
import { GuessLimiter } from '../security/guess-limiter.ts';
import { cursorKeyFrom } from '../execution/cursor.ts';
import { createSecretBox, loadEncryptionKey, type SecretBox } from '../security/secrets.ts';
import type { Store } from '../store/types.ts';
import type { Catalog } from '../tools/catalog.ts';
import { Access } from './access.ts';
import { AccountService } from './accounts.ts';
import { ApiTokenUsage } from './api-token-usage.ts';
import { ApiTokenService } from './api-tokens.ts';
import { McpServerService } from './mcp-servers.ts';
import { OAuthAppService } from './oauth-apps.ts';

export interface Services {
  secrets: SecretBox;
  /** Signs next_cursor values; derived from the encryption key, so every node sharing it accepts the others' cursors. */
  cursorKey: Buffer;
  accounts: AccountService;
  /** Token lookups for MCP URLs and API tokens; call access.invalidate(...) after revoking or changing either. */
  access: Access;
  mcpServers: McpServerService;
  apiTokens: ApiTokenService;
  /** Tenants' OAuth apps at providers (authorization-code integrations), and the operator's defaults. */
  oauthApps: OAuthAppService;
  /** Counts unknown-token requests per client and answers 429 past SWITCHBOARD_TOKEN_MISS_LIMIT a minute. */
  guesses: GuessLimiter;
}

export function createServices(options: {
  config: Config; store: Store; catalog: Catalog; cacheTtlMs?: number | undefined;
  /** The clock for expiry checks (tests move it); Date.now by default. */
  now?: (() => number) | undefined;
  /** Nodes sharing a database: invalidations reach every node; lookups ask the shared cache first. */
  sharing?: { bus?: InvalidationBus | undefined; sharedCache?: SharedServerCache | undefined; onLookup?: ((hit: boolean) => void) | undefined } | undefined;
  /** Where background failures (recording API token use) are reported; warnings to stdout when omitted. */
  logger?: Logger | undefined;
}): Services {
  const { config, store, catalog, now } = options;
  const logger = options.logger ?? createLogger({ level: 'warn' });
  const encryptionKey = loadEncryptionKey({ base64Key: config.encryptionKey, dataDir: config.dataDir });
  const secrets = createSecretBox(encryptionKey);
  const usage = new ApiTokenUsage({
    store, now: now ?? Date.now, onError: (error) => logger.warn({ err: error }, 'recording when an API token was last used failed; the next use records it'),
  });
  const access = new Access({ store, secrets, cacheTtlMs: options.cacheTtlMs, now, usage, ...options.sharing });
  const accounts = new AccountService({
    store, catalog, secrets, upstreamAllowlist: config.upstreamAllowlist, maxPerTenant: config.maxAccountsPerTenant, onChange: (accountId) => access.invalidate({ accountId }),
  });
  const mcpServers = new McpServerService({ store, catalog, access, now, maxPerAccount: config.maxMcpServersPerAccount });
  const apiTokens = new ApiTokenService({ store, access, now, maxPerTenant: config.maxApiTokensPerTenant });
  const guesses = new GuessLimiter({ limit: config.tokenMissLimit, trustedProxyHops: config.trustedProxyHops });
  const oauthApps = new OAuthAppService({ store, secrets, catalog, defaults: config.oauthApps, upstreamAllowlist: config.upstreamAllowlist });
  return { secrets, cursorKey: cursorKeyFrom(encryptionKey), accounts, access, mcpServers, apiTokens, oauthApps, guesses };
}
