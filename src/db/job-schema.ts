/**
 * The job engine's tables (pg-boss 10, jobs/engine.ts) live in their own schema, installed and upgraded
 * by pg-boss's own migrations — run here, as the owner, with the application's migrations
 * (migrate.ts), never by the application role, which owns nothing (roles.ts grants it the rows).
 * A newer pg-boss brings its migrations with it: the next `yinfeng migrate` (or start) applies them.
 *
 * pg-boss 10 keeps each queue's jobs in a partition of `job`, which its `create_queue` function
 * creates and attaches when the engine declares a queue. Attaching takes the owner of `job`, so the
 * owner makes that one function run with its rights (SECURITY DEFINER, fixed search_path); the
 * application role may call it, and still owns nothing.
 *
 * A schema written by a newer pg-boss than this one (pg-boss 12, which the project used before it
 * supported Node 20 again) has no way down: it holds only transient queue state — queued imports
 * are re-queued from their import_jobs rows at start, schedules are declared again by every start —
 * so it is dropped and installed anew.
 */
import { createRequire } from 'node:module';
import PgBoss from 'pg-boss';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';

/** The schema holding the job engine's tables. */
export const JOB_SCHEMA = 'pgboss';

/** The function through which the application role creates a queue's partition (see above). */
const CREATE_QUEUE_FUNCTION = `${JOB_SCHEMA}.create_queue(text, json)`;

/** pg-boss's view of a database: one `executeSql`. */
export type BossDb = PgBoss.Db;

/** pg-boss over one PostgreSQL connection or pool (node-postgres answers a multi-statement text with an array, which pg-boss ignores). */
export function bossDbOfClient(client: pg.ClientBase | pg.Pool): BossDb {
  return {
    // pg-boss's Db types its rows as any[]: a library boundary
    executeSql: async (text: string, values?: unknown[]) => (await client.query(text, values)) as unknown as { rows: unknown[] },
  };
}

/**
 * pg-boss over embedded PGlite's one connection. A text without parameters may hold several
 * statements (migrations, pg-boss's `BEGIN; …; COMMIT` maintenance blocks): those go through
 * exec(), and the rows of all their results are returned. A failed block would leave the one
 * connection inside an aborted transaction, where every later query fails; it is rolled back.
 */
export function bossDbOfPglite(client: PGlite): BossDb {
  return {
    executeSql: async (text: string, values?: unknown[]) => {
      try {
        if (values && values.length > 0) return await client.query(text, values);
        const results = await client.exec(text);
        return { rows: results.flatMap((r) => r.rows) };
      } catch (err) {
        if (client.isInTransaction()) await client.exec('rollback').catch(() => undefined);
        throw err;
      }
    },
  };
}

/** Installs (or upgrades) the job engine's schema as the connected role; the caller holds the migration lock. */
export async function installJobSchema(db: BossDb): Promise<void> {
  const boss = new PgBoss({ db, schema: JOB_SCHEMA, migrate: true, supervise: false, schedule: false });
  boss.on('error', () => undefined); // start() rejects with the error that matters
  if ((await boss.isInstalled()) && Number(await boss.schemaVersion()) > LIBRARY_SCHEMA_VERSION) {
    await db.executeSql(`drop schema ${JOB_SCHEMA} cascade`, []);
  }
  await boss.start();
  await boss.stop({ graceful: false, close: false });
  await db.executeSql(`alter function ${CREATE_QUEUE_FUNCTION} security definer set search_path = pg_catalog, pg_temp`, []);
  await db.executeSql(`revoke execute on function ${CREATE_QUEUE_FUNCTION} from public`, []);
}

/** The schema version this pg-boss writes (its own version.json). */
const LIBRARY_SCHEMA_VERSION = (createRequire(import.meta.url)('pg-boss/version.json') as { schema: number }).schema;
