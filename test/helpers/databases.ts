/**
 * Real databases for tests: a fresh PGlite cloned from the run's template, and, when
 * TEST_DATABASE_URL is set, a fresh PostgreSQL database copied from the run's template.
 */
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createPglite, wrapPglite, wrapPool, type Database } from '../../src/db/client';
import { withDatabase } from './global-setup';

export type DatabaseKind = 'pglite' | 'postgres';

export const DATABASE_KINDS: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/** `url`: a PostgreSQL connection URL of this test database (postgres only), for a second pool or process */
export type TestDatabase = Database & { url: string | null };

export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const dump = fs.readFileSync(inject('pgliteTemplate'));
    const client = await createPglite({ loadDataDir: new Blob([dump]) });
    return { ...wrapPglite(client, 'memory'), url: null };
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  const template = inject('postgresTemplate');
  if (!serverUrl || !template) throw new Error('TEST_DATABASE_URL is not set');
  const name = `yinfeng_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  await admin.end();
  const url = withDatabase(serverUrl, name);
  const pool = new pg.Pool({ connectionString: url, max: 5 });
  const database = wrapPool(pool, name);
  return {
    ...(database as Extract<Database, { kind: 'postgres' }>),
    url,
    async close() {
      await pool.end();
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
