import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { enterprises } from '../schema/index';

export type EnterpriseRow = typeof enterprises.$inferSelect;

/**
 * The investor by credit code when known, else by exact name among enterprises without a code;
 * created when new. A known code with a new name keeps the stored name (the enterprise database
 * decides names).
 */
export async function findOrCreateEnterprise(db: Db, name: string, creditCode: string | null): Promise<EnterpriseRow> {
  if (creditCode) {
    const [byCode] = await db.select().from(enterprises).where(eq(enterprises.creditCode, creditCode));
    if (byCode) return byCode;
    const [created] = await db
      .insert(enterprises)
      .values({ name, creditCode })
      .onConflictDoUpdate({ target: enterprises.creditCode, set: { updatedAt: sql`${enterprises.updatedAt}` } })
      .returning();
    if (!created) throw new Error('insert enterprises returned nothing');
    return created;
  }
  const [byName] = await db
    .select()
    .from(enterprises)
    .where(and(eq(enterprises.name, name), isNull(enterprises.creditCode)))
    .limit(1);
  if (byName) return byName;
  const [created] = await db.insert(enterprises).values({ name }).returning();
  if (!created) throw new Error('insert enterprises returned nothing');
  return created;
}

export async function selectEnterprise(db: Db, id: string): Promise<EnterpriseRow | undefined> {
  const [row] = await db.select().from(enterprises).where(eq(enterprises.id, id));
  return row;
}
