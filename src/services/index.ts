// Builds the services shared by the admin API, the MCP endpoint and the CLI from the store, catalog and key.
import type { Config } from '../config.ts';
import { createSecretBox, loadEncryptionKey, type SecretBox } from '../security/secrets.ts';
import type { Store } from '../store/types.ts';
import type { Catalog } from '../tools/catalog.ts';
import { Access } from './access.ts';
import { AccountService } from './accounts.ts';
import { McpServerService } from './mcp-servers.ts';

export interface Services {
  secrets: SecretBox;
  accounts: AccountService;
  /** Token lookups for MCP URLs and API tokens; call access.invalidate(...) after revoking or changing either. */
  access: Access;
  mcpServers: McpServerService;
}

export function createServices(options: {
  config: Config; store: Store; catalog: Catalog; cacheTtlMs?: number | undefined;
  /** The clock for expiry checks (tests move it); Date.now by default. */
  now?: (() => number) | undefined;
}): Services {
  const secrets = createSecretBox(loadEncryptionKey({ base64Key: options.config.encryptionKey, dataDir: options.config.dataDir }));
  const access = new Access({ store: options.store, secrets, cacheTtlMs: options.cacheTtlMs, now: options.now });
  const accounts = new AccountService({
    store: options.store, catalog: options.catalog, secrets, onChange: (accountId) => access.invalidate({ accountId }),
  });
  const mcpServers = new McpServerService({ store: options.store, catalog: options.catalog, access, now: options.now });
  return { secrets, accounts, access, mcpServers };
}
