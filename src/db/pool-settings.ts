/**
 * How a process talks to PostgreSQL, by the role of its work. The server (`yinfeng serve`) answers
 * requests: a pool sized from the configuration, a bounded wait for a free connection (a query that
 * finds none within YINFENG_DB_POOL_WAIT_MS fails, and the request gets 503) and a statement timeout
 * on every pooled session (YINFENG_DB_STATEMENT_TIMEOUT_MS, SQLSTATE 57014 → 503). Commands (the CLI)
 * wait as long as they need. Long work lifts the statement timeout to its own limit
 * (YINFENG_DB_JOB_STATEMENT_TIMEOUT_MS, 0 = none): an import job or a migration on the connection it
 * holds (liftStatementTimeout), an import or a warm-up batch inside its transaction
 * (liftStatementTimeoutInTransaction), so a legitimate bulk import is never cancelled.
 *
 * Embedded PGlite has one connection and no statement timer (WASM has no signals): there the request
 * limits of the load shedding (src/http/plugins/load-shedding.ts) bound the queue on its mutex.
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Config } from '../config/config';
import type { Db } from './client';

export type DatabaseRole = 'server' | 'command';

export interface PoolSettings {
  max: number;
  /** how long a query waits for a free connection, ms; 0 waits forever */
  connectionTimeoutMillis: number;
  /** statement_timeout of every pooled session, ms; 0 for none */
  statementTimeoutMs: number;
  /** statement_timeout of long work (jobs, imports, migrations, the warm-up), ms; 0 for none */
  longWorkStatementTimeoutMs: number;
  /** lock_timeout of every pooled session, ms; 0 for none (long work lifts it with the statement timeout) */
  lockTimeoutMs: number;
}

/** The pool of a command: no waiting limit, no statement timeout (what the CLI always had). */
export const COMMAND_POOL: PoolSettings = { max: 10, connectionTimeoutMillis: 0, statementTimeoutMs: 0, longWorkStatementTimeoutMs: 0, lockTimeoutMs: 0 };

export function poolSettingsFor(config: Config, role: DatabaseRole): PoolSettings {
  const c = config.capacity;
  if (role === 'command') return { ...COMMAND_POOL, max: c.poolMax, longWorkStatementTimeoutMs: c.jobStatementTimeoutMs };
  return {
    max: c.poolMax,
    connectionTimeoutMillis: c.poolWaitMs,
    statementTimeoutMs: c.statementTimeoutMs,
    longWorkStatementTimeoutMs: c.jobStatementTimeoutMs,
    lockTimeoutMs: c.lockTimeoutMs,
  };
}

/** A pool with these settings; the statement timeout travels in each session's start-up packet. */
export function createPool(url: string, settings: PoolSettings): pg.Pool {
  return new pg.Pool({
    connectionString: url,
    max: settings.max,
    connectionTimeoutMillis: settings.connectionTimeoutMillis,
    ...(settings.statementTimeoutMs > 0 ? { statement_timeout: settings.statementTimeoutMs } : {}),
    ...(settings.lockTimeoutMs > 0 ? { lock_timeout: settings.lockTimeoutMs } : {}),
  });
}

/**
 * A connection that dies while checked out (the server restarting, a network cut) makes node-postgres emit
 * 'error' on the client after failing its queries; the pool listens only while the client is idle, and an
 * 'error' nobody listens to ends the process. Every client of `pool` gets a listener for its whole life: the
 * query in flight has already failed with the same error (the request answers 503) and the pool discards the
 * broken client when it is released.
 */
export function keepClientErrorsFromCrashing(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
}

function timeoutValue(ms: number): string {
  return String(Math.max(0, Math.trunc(ms)));
}

/**
 * Gives a connection held for long work (a job, a migration) the long-work statement timeout for
 * the rest of its session. Its holder must not hand it back as it is: destroy it, or RESET it first.
 */
export async function liftStatementTimeout(client: pg.PoolClient | pg.Client, longWorkMs: number): Promise<void> {
  await client.query(`set statement_timeout = ${timeoutValue(longWorkMs)}`);
  await client.query('set lock_timeout = 0'); // long work waits for its locks (a bulk load holds writers for minutes)
}

/** The long-work statement timeout until the end of the current transaction (SET LOCAL); harmless on PGlite. */
export async function liftStatementTimeoutInTransaction(tx: Db, longWorkMs: number): Promise<void> {
  await tx.execute(sql.raw(`set local statement_timeout = ${timeoutValue(longWorkMs)}`));
  await tx.execute(sql.raw('set local lock_timeout = 0'));
}

/**
 * No parallel workers for the rest of the current transaction (SET LOCAL; harmless on PGlite, which has none). For
 * interactive reads of a few thousand rows: starting two workers and gathering their rows took longer than the scan
 * (a capped enterprise search's count of 10,001 rows: 49–77 ms with workers, 25 ms without), and on a small machine
 * the workers take the cores other requests are waiting for.
 */
export async function forgoParallelWorkersInTransaction(tx: Db): Promise<void> {
  await tx.execute(sql.raw('set local max_parallel_workers_per_gather = 0'));
}
