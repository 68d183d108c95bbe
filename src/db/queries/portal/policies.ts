/** 政策库: policies and their items — reads, versioned writes and the items' search keys. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { policies, policyItems, regions } from '../../schema/index';
import { buildSearchWordsSql } from '../../../search/enterprise-search-keys';
import type { PolicyItemSearchKeys } from '../../../search/policy-search-keys';
import { escapeLike } from '../audit/audit';
import { selectRows } from '../sql-rows';

export type PolicyRow = typeof policies.$inferSelect;
export type PolicyInsert = typeof policies.$inferInsert;
export type PolicyWithRegion = PolicyRow & { regionName: string; regionPath: string };
export type PolicyItemRow = Omit<typeof policyItems.$inferSelect, 'searchWords' | 'searchText'>;
export type PolicyItemInsert = typeof policyItems.$inferInsert;

const ITEM_COLUMNS = {
  id: policyItems.id,
  policyId: policyItems.policyId,
  sortOrder: policyItems.sortOrder,
  title: policyItems.title,
  industryCodes: policyItems.industryCodes,
  enterpriseSizes: policyItems.enterpriseSizes,
  regionCodes: policyItems.regionCodes,
  benefit: policyItems.benefit,
  conditions: policyItems.conditions,
  howToApply: policyItems.howToApply,
  validFrom: policyItems.validFrom,
  validTo: policyItems.validTo,
  published: policyItems.published,
  publishedAt: policyItems.publishedAt,
  version: policyItems.version,
  createdAt: policyItems.createdAt,
  updatedAt: policyItems.updatedAt,
};

export async function selectPolicy(db: Db, id: string): Promise<PolicyWithRegion | undefined> {
  const [row] = await db.select({ p: policies, regionName: regions.name, regionPath: regions.path }).from(policies).innerJoin(regions, eq(regions.code, policies.regionCode)).where(eq(policies.id, id));
  return row ? { ...row.p, regionName: row.regionName, regionPath: row.regionPath } : undefined;
}

export async function selectPolicyList(db: Db, scopePath: string, q?: string) {
  return selectRows<{ id: string; region_name: string; title: string; issuing_body: string; document_number: string; is_demo: boolean; items: number; published_items: number; version: number }>(
    db,
    sql`select p.id, r.name as region_name, p.title, p.issuing_body, p.document_number, p.is_demo, p.version,
          (select count(*)::int from policy_items i where i.policy_id = p.id) as items,
          (select count(*)::int from policy_items i where i.policy_id = p.id and i.published) as published_items
        from policies p join regions r on r.code = p.region_code
        where r.path like ${`${escapeLike(scopePath)}%`}
          ${q ? sql`and (p.title ilike ${`%${escapeLike(q)}%`} or p.document_number ilike ${`%${escapeLike(q)}%`})` : sql``}
        order by p.updated_at desc, p.id limit 1000`,
  );
}

export async function insertPolicy(db: Db, values: PolicyInsert): Promise<PolicyRow> {
  const [row] = await db.insert(policies).values(values).returning();
  return row!;
}

export async function updatePolicyVersioned(db: Db, id: string, version: number, values: Partial<PolicyInsert>): Promise<PolicyRow | undefined> {
  const [row] = await db
    .update(policies)
    .set({ ...values, version: sql`${policies.version} + 1`, updatedAt: new Date() })
    .where(and(eq(policies.id, id), eq(policies.version, version)))
    .returning();
  return row;
}

export async function deletePolicyVersioned(db: Db, id: string, version: number): Promise<boolean> {
  const rows = await db.delete(policies).where(and(eq(policies.id, id), eq(policies.version, version))).returning({ id: policies.id });
  return rows.length > 0;
}

export async function selectPolicyItems(db: Db, policyId: string): Promise<PolicyItemRow[]> {
  return db.select(ITEM_COLUMNS).from(policyItems).where(eq(policyItems.policyId, policyId)).orderBy(asc(policyItems.sortOrder), asc(policyItems.createdAt));
}

export async function selectPolicyItem(db: Db, id: string): Promise<PolicyItemRow | undefined> {
  const [row] = await db.select(ITEM_COLUMNS).from(policyItems).where(eq(policyItems.id, id));
  return row;
}

export async function insertPolicyItem(db: Db, values: PolicyItemInsert): Promise<PolicyItemRow> {
  const [row] = await db.insert(policyItems).values(values).returning(ITEM_COLUMNS);
  return row!;
}

export async function updatePolicyItemVersioned(db: Db, id: string, version: number, values: Partial<PolicyItemInsert>): Promise<PolicyItemRow | undefined> {
  const [row] = await db
    .update(policyItems)
    .set({ ...values, version: sql`${policyItems.version} + 1`, updatedAt: new Date() })
    .where(and(eq(policyItems.id, id), eq(policyItems.version, version)))
    .returning(ITEM_COLUMNS);
  return row;
}

export async function deletePolicyItemVersioned(db: Db, id: string, version: number): Promise<boolean> {
  const rows = await db.delete(policyItems).where(and(eq(policyItems.id, id), eq(policyItems.version, version))).returning({ id: policyItems.id });
  return rows.length > 0;
}

export async function writePolicyItemSearchKeys(db: Db, id: string, keys: PolicyItemSearchKeys): Promise<void> {
  await db.execute(sql`update policy_items set search_text = ${keys.searchText}, search_words = ${buildSearchWordsSql(keys.nameWords, keys.otherWords)} where id = ${id}`);
}

/** Regions by code with their paths (the items' regions must lie in the policy's). */
export async function selectRegionPaths(db: Db, codes: readonly string[]): Promise<Map<string, { name: string; path: string }>> {
  if (codes.length === 0) return new Map();
  const rows = await selectRows<{ code: string; name: string; path: string }>(db, sql`select code, name, path from regions where code = any(${sql.param([...codes])}::text[])`);
  return new Map(rows.map((r) => [r.code, { name: r.name, path: r.path }]));
}
