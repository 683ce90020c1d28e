// The store the config asks for: PostgreSQL when DATABASE_URL is set, else the embedded SQLite file in the data dir.
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { PostgresStore } from './postgres.ts';
import { SqliteStore } from './sqlite.ts';
import type { Store } from './types.ts';

export function createStore(config: Pick<Config, 'dataDir' | 'databaseUrl' | 'databasePoolSize'>, logger?: Logger): Store {
  if (config.databaseUrl === undefined) return SqliteStore.open(config.dataDir);
  return new PostgresStore(config.databaseUrl, {
    poolSize: config.databasePoolSize,
    onIdleError: (error) => logger?.warn({ err: error }, 'an idle PostgreSQL connection failed; the pool replaces it'),
  });
}
