import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { enterprises } from '../../schema/index';
import { buildEnterpriseSearchKeys, buildSearchWordsSql } from '../../../search/enterprise-search-keys';

export type EnterpriseRow = typeof enterprises.$inferSelect;

/** Search keys of a record known only by its name (an investor created on the fly). */
function nameSearchKeys(name: string) {
  const keys = buildEnterpriseSearchKeys({ name });
  return { searchNames: keys.searchNames, searchPinyin: keys.searchPinyin, searchWords: buildSearchWordsSql(keys.nameWords, keys.otherWords) };
}

/**
 * The investor by credit code when known, else by exact name among enterprises without a code;
 * created when new (with its search keys, so search and the near-duplicate check find it). A known
 * code with a new name keeps the stored name (the enterprise database decides names).
 */

export async function findOrCreateEnterprise(db: Db, name: string, creditCode: string | null): Promise<EnterpriseRow> {
  if (creditCode) {
    const [byCode] = await db.select().from(enterprises).where(eq(enterprises.creditCode, creditCode));
    if (byCode) return byCode;
    const [created] = await db
      .insert(enterprises)
      .values({ name, creditCode, ...nameSearchKeys(name) })
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
  const [created] = await db.insert(enterprises).values({ name, ...nameSearchKeys(name) }).returning();
  if (!created) throw new Error('insert enterprises returned nothing');
  return created;
}

/**
 * Recomputes `contact_region_codes` ("already in contact") of the given enterprises from their
 * contacts and the projects naming them as investor. Not a business change: no version bump.
 * Without ids, every enterprise that has or had a contact or project is recomputed (after a bulk import).
 */
export async function refreshContactRegionCodes(db: Db, enterpriseIds?: readonly (string | null | undefined)[]): Promise<void> {
  const computed = sql`coalesce((select array_agg(distinct x.code order by x.code) from (
      select c.region_code as code from enterprise_contacts c where c.enterprise_id = e.id
      union select p.region_code from projects p where p.investor_id = e.id) x), '{}'::text[])`;
  if (enterpriseIds === undefined) {
    await db.execute(sql`update enterprises e set contact_region_codes = ${computed}
      where (e.contact_region_codes <> '{}'::text[]
             or exists (select 1 from enterprise_contacts c where c.enterprise_id = e.id)
             or exists (select 1 from projects p where p.investor_id = e.id))
        and e.contact_region_codes is distinct from ${computed}`);
    return;
  }
  const ids = [...new Set(enterpriseIds.filter((i): i is string => Boolean(i)))];
  if (ids.length === 0) return;
  await db.execute(sql`update enterprises e set contact_region_codes = ${computed}
    where e.id = any(${sql.param(ids)}::uuid[]) and e.contact_region_codes is distinct from ${computed}`);
}
