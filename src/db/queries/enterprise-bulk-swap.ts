/**
 * A bulk enterprise load by swap (PostgreSQL background imports; migration 0018 holds the owner's
 * functions). A first load of the enterprise database — many rows into a table that holds few —
 * inserts its new enterprises into `enterprises_bulk`, a copy of enterprises' columns without
 * indexes that nobody reads, and at the end swaps it in:
 *
 * - begin: writers of enterprises wait until the import commits (SHARE lock; readers go on);
 * - the chunks: existing enterprises are compared and updated in enterprises as always, new ones go
 *   into enterprises_bulk, their ids into a temporary table;
 * - finish: the stored enterprises are copied over, every index, constraint and trigger of
 *   enterprises is built on the copy from the catalog, then enterprises is dropped and the copy
 *   renamed, under an ACCESS EXCLUSIVE lock held for a fraction of a second; the references to
 *   enterprises are added again NOT VALID, and the history rows of the new enterprises written;
 * - after the commit, validate checks those references (no lock that stops readers or writers).
 *
 * Why: through the live table's indexes a million rows took half again as long, and meanwhile every
 * enterprise search visited the import's uncommitted rows, which the indexes already listed
 * (issue 10 item 5). All of it runs in the import's transaction: a failed or cancelled import
 * leaves nothing behind.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { CREATED_FIELD } from './enterprise-imports';

/** The table the new enterprises of a bulk load go into. */
export const BULK_TABLE = 'enterprises_bulk';

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** Starts a bulk load in this transaction and creates the temporary table for the created ids. */
export async function beginEnterpriseBulkSwap(db: Db, createdIds: string): Promise<void> {
  await db.execute(sql`select yinfeng_enterprises_bulk_begin()`);
  await db.execute(sql.raw(`create temporary table ${createdIds} (id uuid not null, source text, source_date date) on commit drop`));
}

export interface BulkSwapResult {
  /** the attempt that got the swap's locks (1 when nobody was in the way) */
  attempts: number;
  /** history rows saying an enterprise was created by this import */
  createdEntries: number;
}

/** Swaps enterprises_bulk in (see the module comment) and writes the history rows of the created enterprises. */
export async function finishEnterpriseBulkSwap(
  db: Db,
  createdIds: string,
  history: { importJobId: string | null; actorId: string | null },
): Promise<BulkSwapResult> {
  const [swap] = rowsOf<{ attempts: unknown }>(await db.execute(sql`select yinfeng_enterprises_bulk_finish() as attempts`));
  const [created] = rowsOf<{ n: unknown }>(
    await db.execute(sql`with ins as (
      insert into enterprise_field_changes (enterprise_id, field, old_value, new_value, source, source_date, import_job_id, changed_by)
      select c.id, ${CREATED_FIELD}, null, null, c.source, c.source_date, ${history.importJobId}::uuid, ${history.actorId}::uuid
      from ${sql.raw(createdIds)} c
      returning 1)
    select count(*) as n from ins`),
  );
  return { attempts: Number(swap?.attempts ?? 0), createdEntries: Number(created?.n ?? 0) };
}

/** After the commit: checks the references to enterprises that the swap added NOT VALID; returns how many. */
export async function validateEnterpriseReferences(db: Db): Promise<number> {
  const [r] = rowsOf<{ n: unknown }>(await db.execute(sql`select yinfeng_enterprises_bulk_validate() as n`));
  return Number(r?.n ?? 0);
}
