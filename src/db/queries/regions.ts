import { and, asc, eq, like, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../client';
import { industries, regions } from '../schema/index';

export type RegionRow = typeof regions.$inferSelect;
export type RegionInsert = typeof regions.$inferInsert;

export async function selectRegion(db: Db, code: string): Promise<RegionRow | undefined> {
  const [row] = await db.select().from(regions).where(eq(regions.code, code));
  return row;
}

export async function selectRegionsByCodes(db: Db, codes: string[]): Promise<RegionRow[]> {
  if (codes.length === 0) return [];
  return db
    .select()
    .from(regions)
    .where(sql`${regions.code} = any(${sql.param(codes)}::text[])`);
}

export async function selectChildRegions(db: Db, parentCode: string) {
  // qualified by hand: inside sql`` drizzle may render a column without its table
  const child = sql`exists (select 1 from regions c where c.parent_code = "regions"."code" and c.active)`;
  return db
    .select({
      code: regions.code,
      name: regions.name,
      level: regions.level,
      parentCode: regions.parentCode,
      version: regions.version,
      hasChildren: sql<boolean>`${child}`,
    })
    .from(regions)
    .where(and(eq(regions.parentCode, parentCode), eq(regions.active, true)))
    .orderBy(asc(regions.code));
}

export async function selectParks(db: Db, scopePath: string) {
  const parent = alias(regions, 'parent');
  return db
    .select({
      code: regions.code,
      name: regions.name,
      parentCode: regions.parentCode,
      parentName: parent.name,
      version: regions.version,
      createdAt: regions.createdAt,
    })
    .from(regions)
    .innerJoin(parent, eq(parent.code, regions.parentCode))
    .where(and(eq(regions.level, 'park'), eq(regions.active, true), like(regions.path, `${scopePath}%`)))
    .orderBy(asc(regions.code));
}

/** The next free park code under a parent: parent code + 3 digits (001…999), archived ones included. */
export async function selectNextParkCode(db: Db, parentCode: string): Promise<string | null> {
  const [row] = await db
    .select({ max: sql<string | null>`max(${regions.code})` })
    .from(regions)
    .where(and(eq(regions.parentCode, parentCode), eq(regions.level, 'park')));
  const next = row?.max ? Number(row.max.slice(-3)) + 1 : 1;
  return next > 999 ? null : `${parentCode}${String(next).padStart(3, '0')}`;
}

export async function insertRegion(db: Db, row: RegionInsert): Promise<RegionRow> {
  const [created] = await db.insert(regions).values(row).returning();
  if (!created) throw new Error('insert regions returned nothing');
  return created;
}

/** Updates when the version matches; returns undefined when someone else saved first. */
export async function updateRegionVersioned(
  db: Db,
  code: string,
  version: number,
  patch: Partial<Pick<RegionRow, 'name' | 'active'>>,
): Promise<RegionRow | undefined> {
  const [row] = await db
    .update(regions)
    .set({ ...patch, version: sql`${regions.version} + 1`, updatedAt: new Date() })
    .where(and(eq(regions.code, code), eq(regions.version, version)))
    .returning();
  return row;
}

/** Inserts or refreshes GB/T 2260 divisions in one statement per batch; parks are untouched. */
export async function upsertDivisions(db: Db, rows: RegionInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insert(regions)
      .values(rows.slice(i, i + 500))
      .onConflictDoUpdate({
        target: regions.code,
        set: {
          name: sql`excluded.name`,
          level: sql`excluded.level`,
          parentCode: sql`excluded.parent_code`,
          path: sql`excluded.path`,
          source: sql`excluded.source`,
          active: sql`true`,
          updatedAt: sql`now()`,
        },
        setWhere: sql`${regions.name} is distinct from excluded.name or ${regions.path} is distinct from excluded.path or ${regions.source} is distinct from excluded.source or not ${regions.active}`,
      });
  }
}

export type IndustryInsert = typeof industries.$inferInsert;

export async function upsertIndustries(db: Db, rows: IndustryInsert[]): Promise<void> {
  await db
    .insert(industries)
    .values(rows)
    .onConflictDoUpdate({
      target: industries.code,
      set: {
        name: sql`excluded.name`,
        level: sql`excluded.level`,
        parentCode: sql`excluded.parent_code`,
        sector: sql`excluded.sector`,
        standard: sql`excluded.standard`,
      },
    });
}

export async function selectIndustries(db: Db) {
  return db.select().from(industries).orderBy(asc(industries.code));
}
