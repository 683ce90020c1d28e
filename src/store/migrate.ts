// Applies the schema steps a database lacks, in order, each recorded in schema_migrations. Each backend calls this
// inside one transaction that holds its migration lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock),
// so nodes starting together apply every step exactly once.
import { migrations, migrationsTableSql } from './migrations.ts';
import { now, type SqlExecutor } from './sql-store.ts';

export async function applyMigrations(db: SqlExecutor): Promise<void> {
  await db.exec(migrationsTableSql);
  const applied = new Set((await db.all('SELECT version FROM schema_migrations')).map((row) => Number(row.version)));
  const newest = Math.max(0, ...applied);
  const known = migrations.at(-1)?.version ?? 0;
  if (newest > known) throw new Error(`the database schema is at version ${newest}, newer than this Switchboard knows (${known}); upgrade Switchboard`);
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    await db.exec(migration.sql);
    await db.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [migration.version, migration.name, now()]);
  }
}
