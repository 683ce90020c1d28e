// An engine with the real upstream token lifecycle (src/services/upstream-tokens.ts) on a SQLite store in a
// temporary directory, for engine-level tests of OAuth integrations: accounts are stored there (their tokens belong to
// them), everything else is as `new Engine()` gives it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { LocalLock } from '../../src/cluster/locks.ts';
import { Engine } from '../../src/execution/engine.ts';
import type { AccountConnection } from '../../src/execution/types.ts';
import { createSecretBox } from '../../src/security/secrets.ts';
import { UpstreamTokens } from '../../src/services/upstream-tokens.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';

export interface TokenEngine {
  engine: Engine;
  /** An account stored for the token lifecycle, as the engine receives it. */
  account(input: { integration: string; context: Record<string, string>; credentials: Record<string, string> }): Promise<AccountConnection>;
  close(): Promise<void>;
}

export async function startTokenEngine(): Promise<TokenEngine> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-tokens-'));
  const store = SqliteStore.open(dir);
  await store.migrate();
  const secrets = createSecretBox(randomBytes(32));
  const tenant = await store.createTenant('Token engine');
  const engine = new Engine({ tokens: (send) => new UpstreamTokens({ store, secrets, lock: new LocalLock(), send, onReauth: () => undefined }) });
  return {
    engine,
    async account({ integration, context, credentials }) {
      const stored = await store.createAccount({ tenant_id: tenant.id, integration, name: integration, context, credentials_encrypted: secrets.encrypt(credentials) });
      return { id: stored.id, integration, context, credentials, tenantId: tenant.id, status: 'active' };
    },
    async close() {
      await engine.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
