// The store suite on the embedded SQLite backend: each database is a fresh data directory.
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { databaseFileName, SqliteStore } from '../../src/store/sqlite.ts';
import { storeSuite } from './store-suite.ts';
import { tempDir } from './temp-dir.ts';

storeSuite({
  location: async (t) => tempDir(t),
  open: (dir) => SqliteStore.open(dir),
  query: async (dir, sql) => {
    const db = new DatabaseSync(join(dir, databaseFileName));
    try {
      return db.prepare(sql).all() as Record<string, unknown>[];
    } finally {
      db.close();
    }
  },
});
