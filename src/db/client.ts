/**
 * One SQL dialect, two runtimes: embedded PGlite (a data directory) or a PostgreSQL server.
 * Query code sees only `Db`, the common Drizzle type of both.
 */
import path from 'node:path';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Config } from '../config/config';
import { acquireDataDirLock } from './data-dir-lock';
import * as schema from './schema/index';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

interface DatabaseBase {
  db: Db;
  /** where the data is, for messages: a directory or the server URL without password */
  location: string;
  close(): Promise<void>;
}
export type Database =
  | (DatabaseBase & { kind: 'pglite'; client: PGlite })
  | (DatabaseBase & { kind: 'postgres'; pool: pg.Pool });

/** Extensions the schema needs (migrations create them); PGlite must load them at open. */
export const PGLITE_EXTENSIONS = { pg_trgm };

/** Opens PGlite with the extensions the schema needs. */
export function createPglite(options: Omit<PGliteOptions, 'extensions'> = {}): Promise<PGlite> {
  return PGlite.create({ ...options, extensions: PGLITE_EXTENSIONS });
}

export function wrapPglite(client: PGlite, location: string, onClose?: () => void): Database {
  return {
    db: drizzlePglite({ client, schema }),
    kind: 'pglite',
    client,
    location,
    async close() {
      await client.close();
      onClose?.();
    },
  };
}

export function wrapPool(pool: pg.Pool, location: string): Database {
  // an idle connection can be ended by the server (restart, a terminated backend): log it, do not crash
  pool.on('error', (err) => console.error(`PostgreSQL 连接中断（${location}）：${err.message}`));
  return {
    db: drizzlePg({ client: pool, schema }),
    kind: 'postgres',
    pool,
    location,
    close: () => pool.end(),
  };
}

export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

/** Opens the configured database. `owner` names this process in the embedded lock file. */
export async function openDatabase(config: Config['database'], owner: string): Promise<Database> {
  if (config.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: config.url, max: 10 });
    await pool.query('select 1'); // fail fast with the driver's message when the server is unreachable
    return wrapPool(pool, describeUrl(config.url));
  }
  const lock = acquireDataDirLock(config.dataDir, owner);
  try {
    const client = await createPglite({ dataDir: path.join(config.dataDir, 'pgdata') });
    return wrapPglite(client, config.dataDir, () => lock.release());
  } catch (err) {
    lock.release();
    throw err;
  }
}
