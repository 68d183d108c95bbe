/**
 * Real databases for tests: a fresh PGlite cloned from the run's template, and, when
 * TEST_DATABASE_URL is set, a fresh PostgreSQL database copied from the run's template.
 */
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createPglite, wrapPglite, wrapPool, type Database } from '../../src/db/client';
import { becomeEmbeddedAppRole } from '../../src/db/roles';
import { TEST_APP_ROLE, withDatabase, withUser } from './global-setup';

export type DatabaseKind = 'pglite' | 'postgres';

export const DATABASE_KINDS: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/**
 * `url`: a PostgreSQL connection URL of this test database (postgres only), for a second pool or
 * process, as the role the database was opened with; `ownerUrl`: the same database as the server's
 * superuser (the owner of every table), for what only an owner may do.
 */
export type TestDatabase = Database & { url: string | null; ownerUrl: string | null; role: DatabaseRole };

/**
 * `owner`: the superuser that migrated the template and owns every table (the default);
 * `app`: the application's role, which owns nothing (src/db/roles.ts) — PGlite's embedded role,
 * or on PostgreSQL the cluster-wide role TEST_APP_ROLE that the global setup created and granted.
 */
export type DatabaseRole = 'owner' | 'app';

export async function createTestDatabase(kind: DatabaseKind, opts: { role?: DatabaseRole } = {}): Promise<TestDatabase> {
  const role = opts.role ?? 'owner';
  if (kind === 'pglite') {
    const dump = fs.readFileSync(inject('pgliteTemplate'));
    const client = await createPglite({ loadDataDir: new Blob([dump]) });
    const database = wrapPglite(client, 'memory');
    if (role === 'app') await becomeEmbeddedAppRole(database.db);
    return { ...database, url: null, ownerUrl: null, role };
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  const template = inject('postgresTemplate');
  if (!serverUrl || !template) throw new Error('TEST_DATABASE_URL is not set');
  const name = `yinfeng_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  await admin.end();
  const ownerUrl = withDatabase(serverUrl, name);
  const url = role === 'app' ? withUser(ownerUrl, TEST_APP_ROLE) : ownerUrl;
  const pool = new pg.Pool({ connectionString: url, max: 5 });
  const database = wrapPool(pool, name);
  return {
    ...(database as Extract<Database, { kind: 'postgres' }>),
    url,
    ownerUrl,
    role,
    async close() {
      await pool.end();
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
