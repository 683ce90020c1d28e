// Builds the services shared by the admin API, the MCP endpoint and the CLI from the store, catalog and key.
import type { InvalidationBus, SharedServerCache } from '../cluster/types.ts';
import type { Config } from '../config.ts';
import { GuessLimiter } from '../security/guess-limiter.ts';
import { cursorKeyFrom } from '../execution/cursor.ts';
import { createSecretBox, loadEncryptionKey, type SecretBox } from '../security/secrets.ts';
import type { Store } from '../store/types.ts';
import type { Catalog } from '../tools/catalog.ts';
import { Access } from './access.ts';
import { AccountService } from './accounts.ts';
import { McpServerService } from './mcp-servers.ts';

export interface Services {
  secrets: SecretBox;
  /** Signs next_cursor values; derived from the encryption key, so every node sharing it accepts the others' cursors. */
  cursorKey: Buffer;
  accounts: AccountService;
  /** Token lookups for MCP URLs and API tokens; call access.invalidate(...) after revoking or changing either. */
  access: Access;
  mcpServers: McpServerService;
  /** Counts unknown-token requests per client and answers 429 past SWITCHBOARD_TOKEN_MISS_LIMIT a minute. */
  guesses: GuessLimiter;
}

export function createServices(options: {
  config: Config; store: Store; catalog: Catalog; cacheTtlMs?: number | undefined;
  /** The clock for expiry checks (tests move it); Date.now by default. */
  now?: (() => number) | undefined;
  /** Nodes sharing a database: invalidations reach every node; lookups ask the shared cache first. */
  sharing?: { bus?: InvalidationBus | undefined; sharedCache?: SharedServerCache | undefined; onLookup?: ((hit: boolean) => void) | undefined } | undefined;
}): Services {
  const encryptionKey = loadEncryptionKey({ base64Key: options.config.encryptionKey, dataDir: options.config.dataDir });
  const secrets = createSecretBox(encryptionKey);
  const access = new Access({ store: options.store, secrets, cacheTtlMs: options.cacheTtlMs, now: options.now, ...options.sharing });
  const accounts = new AccountService({
    store: options.store, catalog: options.catalog, secrets, upstreamAllowlist: options.config.upstreamAllowlist, onChange: (accountId) => access.invalidate({ accountId }),
  });
  const mcpServers = new McpServerService({ store: options.store, catalog: options.catalog, access, now: options.now });
  const guesses = new GuessLimiter({ limit: options.config.tokenMissLimit, trustedProxyHops: options.config.trustedProxyHops });
  return { secrets, cursorKey: cursorKeyFrom(encryptionKey), accounts, access, mcpServers, guesses };
}
