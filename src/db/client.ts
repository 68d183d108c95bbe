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
import type pg from 'pg';
import type { Config } from '../config/config';
import { acquireDataDirLock } from './data-dir-lock';
import { COMMAND_POOL, createPool, keepClientErrorsFromCrashing, type PoolSettings } from './pool-settings';
import type { ReadRouting } from './replicas/read-routing';
import * as schema from './schema/index';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

interface DatabaseBase {
  db: Db;
  /** where the data is, for messages: a directory or the server URL without password */
  location: string;
  /** statement_timeout (ms, 0 = none) of long work on a connection of its own: import jobs, migrations (pool-settings.ts) */
  longWorkStatementTimeoutMs?: number;
  /** read replicas of a PostgreSQL server (`yinfeng serve` with DATABASE_REPLICA_URLS; replicas/read-routing.ts) */
  reads?: ReadRouting;
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

export function wrapPool(pool: pg.Pool, location: string, longWorkStatementTimeoutMs = 0): Database {
  // an idle connection can be ended by the server (restart, a terminated backend): log it, do not crash
  pool.on('error', (err) => console.error(`PostgreSQL 连接中断（${location}）：${err.message}`));
  keepClientErrorsFromCrashing(pool);
  return {
    db: drizzlePg({ client: pool, schema }),
    kind: 'postgres',
    pool,
    location,
    longWorkStatementTimeoutMs,
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

/**
 * Opens the configured database. `owner` names this process in the embedded lock file; `pool` sizes and
 * limits a PostgreSQL pool by the process's role (pool-settings.ts: poolSettingsFor).
 */
export async function openDatabase(config: Config['database'], owner: string, pool: PoolSettings = COMMAND_POOL): Promise<Database> {
  if (config.kind === 'postgres') {
    const p = createPool(config.url, pool);
    await p.query('select 1'); // fail fast with the driver's message when the server is unreachable
    return wrapPool(p, describeUrl(config.url), pool.longWorkStatementTimeoutMs);
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
