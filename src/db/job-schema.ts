/**
 * The job engine's tables (pg-boss, jobs/engine.ts) live in their own schema, installed and upgraded
 * by pg-boss's own migrations — run here, as the owner, with the application's migrations
 * (migrate.ts), never by the application role, which owns nothing (roles.ts grants it the rows).
 * A newer pg-boss brings its migrations with it: the next `yinfeng migrate` (or start) applies them.
 */
import { PgBoss, fromPglite, type Db as BossDb } from 'pg-boss';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';

/** The schema holding the job engine's tables. */
export const JOB_SCHEMA = 'pgboss';

/** pg-boss over one PostgreSQL connection (node-postgres answers a multi-statement text with an array; pg-boss unwraps it). */
export function bossDbOfClient(client: pg.ClientBase | pg.Pool): BossDb {
  return {
    // pg-boss's IDatabase types its rows as any[]: a library boundary
    executeSql: async (text: string, values?: unknown[]) => (await client.query(text, values)) as unknown as { rows: unknown[] },
  };
}

export function bossDbOfPglite(client: PGlite): BossDb {
  return fromPglite(client);
}

/** Installs (or upgrades) the job engine's schema as the connected role; the caller holds the migration lock. */
export async function installJobSchema(db: BossDb, backend: 'postgres' | 'pglite'): Promise<void> {
  const boss = new PgBoss({
    db,
    backend,
    schema: JOB_SCHEMA,
    migrate: true,
    supervise: false,
    schedule: false,
    registerInstance: false,
  });
  boss.on('error', () => undefined); // start() rejects with the error that matters
  await boss.start();
  await boss.stop({ graceful: false, close: false });
}
