/**
 * The connection a background job works on. On PostgreSQL, one client of the pool held for the
 * whole job: its temporary staging table, its COPY streams and its merge transaction live on it,
 * while progress and heartbeats go through the pool and commit at once. Embedded PGlite has one
 * connection: the job shares it, staging between other requests' queries (outside a transaction,
 * so progress stays readable) and merging in one transaction at the end.
 *
 * A job is long work: its connection runs under the long-work statement timeout (pool-settings.ts;
 * none by default), not the requests' one, and is closed when the job ends rather than handed back
 * to the pool with that setting.
 */
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { Database, Db } from '../db/client';
import type { CopyTarget } from '../db/queries/enterprise-imports/enterprise-imports';
import * as schema from '../db/schema/index';
import { liftStatementTimeout } from '../db/pool-settings';

export interface JobConnection {
  db: Db;
  copy: CopyTarget;
  /** ends the job's hold; on PostgreSQL the client is closed, broken (after a failed COPY, for example) or not */
  release(broken?: boolean): void;
}

export async function openJobConnection(database: Database): Promise<JobConnection> {
  if (database.kind === 'pglite') {
    return { db: database.db, copy: { kind: 'pglite', client: database.client }, release: () => undefined };
  }
  const client = await database.pool.connect();
  try {
    await liftStatementTimeout(client, database.longWorkStatementTimeoutMs ?? 0);
  } catch (err) {
    client.release(true);
    throw err;
  }
  // while checked out, a connection error (server restart, terminated backend) surfaces through the
  // job's next query; without a listener it would also be thrown as an unhandled 'error' event
  const onError = () => undefined;
  client.on('error', onError);
  return {
    db: drizzlePg({ client, schema }),
    copy: { kind: 'postgres', client },
    release: () => {
      client.off('error', onError);
      client.release(true); // never back to the pool with the long-work statement timeout
    },
  };
}
