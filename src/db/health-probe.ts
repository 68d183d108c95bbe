/**
 * The health checks' own way to the database. On PostgreSQL a one-connection pool beside the
 * application's, so /api/health and /api/health/ready answer while every pooled connection is busy
 * and requests queue (load shedding refuses them; the checks must still see a live server): each
 * statement within 2 s, else it counts as unreachable. On PGlite the one connection, whose queue the
 * load shedding keeps short.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Database } from './client';
import { keepClientErrorsFromCrashing } from './pool-settings';
import { MIGRATIONS_FOLDER } from './migrate';

export interface HealthProbe {
  ping(): Promise<void>;
  /** rows in drizzle.__drizzle_migrations (0 when the table is missing) */
  countAppliedMigrations(): Promise<number>;
  close(): Promise<void>;
}

const PROBE_TIMEOUT_MS = 2000;

const APPLIED_MIGRATIONS = `select case when to_regclass('drizzle.__drizzle_migrations') is null then 0
  else (select count(*) from drizzle.__drizzle_migrations) end as n`;

/** The migrations this code ships (drizzle/meta/_journal.json). */
export function countShippedMigrations(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  return journal.entries.length;
}

export function createHealthProbe(database: Database): HealthProbe {
  if (database.kind === 'pglite') {
    return {
      ping: async () => void (await database.db.execute(sql`select 1`)),
      countAppliedMigrations: async () => {
        const result = (await database.db.execute(sql.raw(APPLIED_MIGRATIONS))) as unknown as { rows: { n: unknown }[] };
        return Number(result.rows[0]?.n ?? 0);
      },
      close: async () => undefined,
    };
  }
  const pool = new pg.Pool({
    ...database.pool.options,
    max: 1,
    connectionTimeoutMillis: PROBE_TIMEOUT_MS,
    statement_timeout: PROBE_TIMEOUT_MS,
    idleTimeoutMillis: 60_000,
  });
  pool.on('error', () => undefined); // an idle probe connection ended by the server: the next ping opens another
  keepClientErrorsFromCrashing(pool);
  return {
    ping: async () => void (await pool.query('select 1')),
    countAppliedMigrations: async () => Number((await pool.query<{ n: string }>(APPLIED_MIGRATIONS)).rows[0]?.n ?? 0),
    close: () => pool.end(),
  };
}
