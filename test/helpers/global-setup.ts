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

export default async function setup(project: TestProject) {
  const config = loadConfig({});
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-test-'));
  const client = await createPglite();
  const pglite = wrapPglite(client, 'memory');
  await migrateDatabase(pglite);
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
