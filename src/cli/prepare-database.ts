/** Opens the configured database, applies migrations and loads reference data: what every command needs first. */
import type { Config } from '../config/config';
import { openDatabase, type Database } from '../db/client';
import { setUpSchemaAndRole } from '../db/schema-setup';
import { poolSettingsFor, type DatabaseRole } from '../db/pool-settings';
import { attachReplicas } from '../db/replicas/read-routing';
import { loadReferenceData } from '../services/reference-data';
import { throwIfStopRequested, trackDatabase, trackOpening } from './process-stop';

async function openAndMigrate(config: Config, owner: string, role: DatabaseRole): Promise<Database> {
  const database = await openDatabase(config.database, owner, poolSettingsFor(config, role));
  try {
    await setUpSchemaAndRole(config.database, database); // migrates as the owner; the app works as a role owning nothing
    await loadReferenceData({ db: database.db, config });
    // the server reads lag-tolerant requests from the replicas (DATABASE_REPLICA_URLS); commands use the primary only
    if (role !== 'server') return database;
    if (config.replicas.refused) console.warn(config.replicas.refused);
    const pool = poolSettingsFor(config, role);
    return await attachReplicas(database, {
      ...config.replicas,
      statementTimeoutMs: pool.statementTimeoutMs,
      connectTimeoutMs: Math.min(pool.connectionTimeoutMillis || 2000, 2000),
    });
  } catch (err) {
    await database.close();
    throw err;
  }
}

/**
 * The database is known to the process's stop handling (process-stop.ts): SIGTERM or SIGINT while it
 * opens lets it finish opening, then closes it (the embedded data directory's lock goes with it).
 * Its close() may be called more than once. `role` sets up the PostgreSQL pool (pool-settings.ts): the
 * server's has the requests' limits, a command's none.
 */
export async function prepareDatabase(config: Config, owner: string, role: DatabaseRole = 'command'): Promise<Database> {
  const database = await trackOpening(openAndMigrate(config, owner, role));
  let closing: Promise<void> | null = null;
  const close = () => (closing ??= (untrack(), database.close()));
  const untrack = trackDatabase(close);
  const tracked: Database = { ...database, close };
  try {
    throwIfStopRequested();
  } catch (err) {
    await close();
    throw err;
  }
  return tracked;
}
