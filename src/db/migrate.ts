/** Applies the committed SQL migrations (drizzle/) and the job engine's own (job-schema.ts) on either runtime. */
import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { Database, Schema } from './client';
import { bossDbOfClient, bossDbOfPglite, installJobSchema } from './job-schema';
import { liftStatementTimeout } from './pool-settings';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

export const MIGRATION_LOCK_KEY = 7_246_311; // pg_advisory_lock key: one migrator at a time across processes

export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as PgliteDatabase<Schema>, { migrationsFolder: MIGRATIONS_FOLDER });
    await installJobSchema(bossDbOfPglite(database.client));
    return;
  }
  // Several app processes may start together on one server: serialise them with an advisory lock
  // held by one dedicated connection. No statement timeout on it (the server's pool has one): waiting
  // for another process's migration and building an index on a large table take what they take.
  const conn = await database.pool.connect();
  try {
    await liftStatementTimeout(conn, 0);
    await conn.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migratePg(drizzlePg({ client: conn }), { migrationsFolder: MIGRATIONS_FOLDER });
      await installJobSchema(bossDbOfClient(conn));
    } finally {
      await conn.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    conn.release(true); // closed rather than handed back to the pool without its statement timeout
  }
}
