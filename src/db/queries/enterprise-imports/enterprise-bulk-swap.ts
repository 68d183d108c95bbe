/**
 * A bulk enterprise load by swap (PostgreSQL background imports; migration 0018 holds the owner's
 * functions). A first load of the enterprise database — many rows into a table that holds few —
 * inserts its new enterprises into `enterprises_bulk`, a copy of enterprises' columns without
 * indexes that nobody reads, and at the end swaps it in:
 *
 * - begin: writers of enterprises wait until the import commits (SHARE lock; readers go on);
 * - the chunks: existing enterprises are compared and updated in enterprises as always, new ones go
 *   into enterprises_bulk (each naming the import in created_by_import);
 * - finish: the stored enterprises are copied over, every index, constraint and trigger of
 *   enterprises is built on the copy from the catalog, then enterprises is dropped and the copy
 *   renamed, under an ACCESS EXCLUSIVE lock held for a fraction of a second; the references to
 *   enterprises are added again NOT VALID. Nothing is written after the swap: the rest of the
 *   import's transaction must not hold enterprises (and the tables referencing it) exclusively;
 * - after the commit, validate checks those references (no lock that stops readers or writers).
 *
 * Why: through the live table's indexes a million rows took half again as long, and meanwhile every
 * enterprise search visited the import's uncommitted rows, which the indexes already listed
 * (issue 10 item 5). All of it runs in the import's transaction: a failed or cancelled import
 * leaves nothing behind.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../client';

/** The table the new enterprises of a bulk load go into. */
export const BULK_TABLE = 'enterprises_bulk';

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** Starts a bulk load in this transaction. */
export async function beginEnterpriseBulkSwap(db: Db): Promise<void> {
  await db.execute(sql`select yinfeng_enterprises_bulk_begin()`);
}

export interface BulkSwapResult {
  /** the attempt that got the swap's locks (1 when nobody was in the way) */
  attempts: number;
}

/** Swaps enterprises_bulk in (see the module comment). */
export async function finishEnterpriseBulkSwap(db: Db): Promise<BulkSwapResult> {
  const [swap] = rowsOf<{ attempts: unknown }>(await db.execute(sql`select yinfeng_enterprises_bulk_finish() as attempts`));
  return { attempts: Number(swap?.attempts ?? 0) };
}

/** After the commit: checks the references to enterprises that the swap added NOT VALID; returns how many. */
export async function validateEnterpriseReferences(db: Db): Promise<number> {
  const [r] = rowsOf<{ n: unknown }>(await db.execute(sql`select yinfeng_enterprises_bulk_validate() as n`));
  return Number(r?.n ?? 0);
}
