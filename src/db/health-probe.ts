/**
 * The health check's own way to the database. On PostgreSQL a one-connection pool beside the
 * application's, so /api/health answers while every pooled connection is busy and requests queue
 * (load shedding refuses them; the check must still see a live server): `select 1` within 2 s, else
 * the error maps to 503. On PGlite the one connection, whose queue the load shedding keeps short.
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Database } from './client';
import { keepClientErrorsFromCrashing } from './pool-settings';

export interface HealthProbe {
  ping(): Promise<void>;
  close(): Promise<void>;
}

const PROBE_TIMEOUT_MS = 2000;

export function createHealthProbe(database: Database): HealthProbe {
  if (database.kind === 'pglite') {
    return { ping: async () => void (await database.db.execute(sql`select 1`)), close: async () => undefined };
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
    close: () => pool.end(),
  };
}
