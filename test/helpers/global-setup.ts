/**
 * Prepares each database once per test run: a PGlite data directory dump (migrated, reference data
 * loaded) that every test file clones, and, when TEST_DATABASE_URL is set, a template database on
 * that PostgreSQL server that every test file copies with CREATE DATABASE … TEMPLATE.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config/config';
import { createPglite, wrapPglite, wrapPool } from '../../src/db/client';
import { migrateDatabase } from '../../src/db/migrate';
import { ensureRole, grantAppPrivileges, prepareEmbeddedAppRole } from '../../src/db/roles';
import { loadReferenceData } from '../../src/services/reference-data';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string | null;
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The same URL as another role (tests: trust authentication, no password). */
export function withUser(url: string, user: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = '';
  return u.toString();
}

/**
 * The application role of PostgreSQL test databases (createTestDatabase(kind, { role: 'app' })).
 * Roles are cluster-wide: it is created if missing (safe when several runs do it at once), granted
 * per template database, and never dropped (another run may be using it; it owns nothing).
 */
export const TEST_APP_ROLE = 'yinfeng_test_app';

export default async function setup(project: TestProject) {
  const config = loadConfig({});
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-test-'));
  const client = await createPglite();
  const pglite = wrapPglite(client, 'memory');
  await migrateDatabase(pglite);
  await prepareEmbeddedAppRole(pglite.db);
  await loadReferenceData({ db: pglite.db, config });
  const dump = await client.dumpDataDir('gzip');
  const file = path.join(dir, 'template.tar.gz');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
  project.provide('pgliteTemplate', file);

  const url = process.env.TEST_DATABASE_URL;
  let template: string | null = null;
  if (url) {
    template = `yinfeng_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${template}`);
    await admin.query(`create database ${template} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
    await admin.end();
    const pool = new pg.Pool({ connectionString: withDatabase(url, template), max: 2 });
    const database = wrapPool(pool, template);
    await migrateDatabase(database);
    await ensureRole(database.db, TEST_APP_ROLE, { login: true });
    await grantAppPrivileges(database.db, TEST_APP_ROLE);
    await loadReferenceData({ db: database.db, config });
    await database.close();
  }
  project.provide('postgresTemplate', template);

  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (url && template) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`drop database if exists ${template}`);
      await admin.end();
    }
  };
}
