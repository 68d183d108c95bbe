/** Small shared pieces of raw SQL queries: the rows of a statement, and the codes of a region's subtree. */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { escapeLike } from './audit/audit';

/** The rows of a raw statement, typed by the caller. */
export async function selectRows<T>(db: Db, statement: SQL): Promise<T[]> {
  return ((await db.execute(statement)) as unknown as { rows: T[] }).rows;
}

/** `(select code from regions …)`: the codes of the region at `regionPath` and every region below it. */
export function regionSubtree(regionPath: string): SQL {
  return sql`(select r.code from regions r where r.path like ${`${escapeLike(regionPath)}%`})`;
}
