/**
 * What the least-privilege role and the audit hash chain cost (issue 10, item 3):
 * - embedded start: opening an existing data directory and migrating, without and with the
 *   application role's set-up (role, grants, SET SESSION AUTHORIZATION);
 * - an audit insert with and without migration 0012's statement trigger (transaction id first);
 * - sealing and verifying N audit rows.
 * Usage: npx tsx scripts/bench-audit-chain.ts [rows] (default 20000). With DATABASE_URL set
 * (a scratch database: it is migrated and written to), the insert/seal/verify part runs there too.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createPglite, wrapPglite, wrapPool, type Database } from '../src/db/client';
import { migrateDatabase } from '../src/db/migrate';
import { setUpSchemaAndRole } from '../src/db/schema-setup';
import { sealAuditChain, verifyAuditChain } from '../src/services/audit/audit-chain';

const ROWS = Number(process.argv[2] ?? 20_000);
const ms = (t0: number) => Math.round(performance.now() - t0);

async function startTimes(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-bench-role-'));
  try {
    const first = wrapPglite(await createPglite({ dataDir: dir }), dir);
    await setUpSchemaAndRole({ kind: 'pglite', dataDir: dir }, first);
    await first.close();
    const plain: number[] = [];
    const withRole: number[] = [];
    for (let i = 0; i < 3; i++) {
      let t0 = performance.now();
      const a = wrapPglite(await createPglite({ dataDir: dir }), dir);
      await migrateDatabase(a);
      plain.push(ms(t0));
      await a.close();
      t0 = performance.now();
      const b = wrapPglite(await createPglite({ dataDir: dir }), dir);
      await setUpSchemaAndRole({ kind: 'pglite', dataDir: dir }, b, () => undefined);
      withRole.push(ms(t0));
      await b.close();
    }
    console.log(`PGlite open + migrate of an existing data directory: ${plain.join(', ')} ms; with the app role's set-up: ${withRole.join(', ')} ms`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function insertRows(database: Database, n: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    await database.db.execute(sql`insert into audit_log (action, object_type, object_id, after, outcome) values ('bench.row', 'bench', ${String(i)}, ${JSON.stringify({ i, name: '米东区' })}::jsonb, 'success')`);
  }
  return ms(t0);
}

async function chainFigures(label: string, database: Database, asOwner: (s: string) => Promise<void>): Promise<void> {
  const n = Math.min(2_000, ROWS);
  const withTrigger = await insertRows(database, n);
  await asOwner('alter table audit_log disable trigger audit_log_take_xact_id');
  const withoutTrigger = await insertRows(database, n);
  await asOwner('alter table audit_log enable trigger audit_log_take_xact_id');
  console.log(`${label}: ${n} single-row audit inserts: ${withTrigger} ms with the statement trigger, ${withoutTrigger} ms without`);
  await database.db.execute(
    sql`insert into audit_log (action, object_type, object_id, after, outcome) select 'bench.bulk', 'bench', g::text, jsonb_build_object('i', g, 'name', '米东区'), 'success' from generate_series(1, ${ROWS}) g`,
  );
  let t0 = performance.now();
  const sealed = await sealAuditChain(database.db);
  const sealMs = ms(t0);
  t0 = performance.now();
  const verified = await verifyAuditChain(database.db);
  const verifyMs = ms(t0);
  console.log(`${label}: sealed ${sealed.sealed} rows in ${sealMs} ms (${Math.round((sealed.sealed / sealMs) * 1000)} rows/s); verified ${verified.links} links in ${verifyMs} ms (${Math.round((verified.links / verifyMs) * 1000)} rows/s), ok=${verified.ok}`);
}

await startTimes();
{
  const client = await createPglite();
  const database = wrapPglite(client, 'memory');
  await migrateDatabase(database);
  await chainFigures('PGlite', database, async (s) => void (await client.exec(s)));
  await database.close();
}
if (process.env.DATABASE_URL) {
  const database = wrapPool(new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 }), 'bench');
  await migrateDatabase(database);
  await chainFigures('PostgreSQL', database, async (s) => void (await database.db.execute(sql.raw(s))));
  await database.close();
}
