/** 招商窗口 (region contact offices): reads and versioned writes. */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { regionContactOffices, regions } from '../../schema/index';
import { escapeLike } from '../audit/audit';
import { selectRows } from '../sql-rows';

export type OfficeRow = typeof regionContactOffices.$inferSelect;
export type OfficeInsert = typeof regionContactOffices.$inferInsert;
export type OfficeWithRegion = OfficeRow & { regionName: string; regionPath: string };

export async function selectOffice(db: Db, id: string): Promise<OfficeWithRegion | undefined> {
  const [row] = await db
    .select({ o: regionContactOffices, regionName: regions.name, regionPath: regions.path })
    .from(regionContactOffices)
    .innerJoin(regions, eq(regions.code, regionContactOffices.regionCode))
    .where(eq(regionContactOffices.id, id));
  return row ? { ...row.o, regionName: row.regionName, regionPath: row.regionPath } : undefined;
}

/** Offices of a subtree (scopePath), optionally public ones only, by region path and name. */
export async function selectOffices(db: Db, scopePath: string, publicOnly: boolean): Promise<OfficeWithRegion[]> {
  const rows = await selectRows<{ id: string; region_code: string; region_name: string; region_path: string; name: string; address: string; phone: string; hours: string; email: string | null; is_public: boolean; version: number }>(
    db,
    sql`select o.id, o.region_code, r.name as region_name, r.path as region_path, o.name, o.address, o.phone, o.hours, o.email, o.is_public, o.version
        from region_contact_offices o join regions r on r.code = o.region_code
        where r.path like ${`${escapeLike(scopePath)}%`} ${publicOnly ? sql`and o.is_public` : sql``}
        order by r.path, o.name`,
  );
  return rows.map((r) => ({
    id: r.id,
    regionCode: r.region_code,
    regionName: r.region_name,
    regionPath: r.region_path,
    name: r.name,
    address: r.address,
    phone: r.phone,
    hours: r.hours,
    email: r.email,
    isPublic: r.is_public,
    version: r.version,
    createdBy: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
  }));
}

export async function insertOffice(db: Db, values: OfficeInsert): Promise<OfficeRow> {
  const [row] = await db.insert(regionContactOffices).values(values).returning();
  return row!;
}

export async function updateOfficeVersioned(db: Db, id: string, version: number, values: Partial<OfficeInsert>): Promise<OfficeRow | undefined> {
  const [row] = await db
    .update(regionContactOffices)
    .set({ ...values, version: sql`${regionContactOffices.version} + 1`, updatedAt: new Date() })
    .where(and(eq(regionContactOffices.id, id), eq(regionContactOffices.version, version)))
    .returning();
  return row;
}

/** Open publications and resources naming the office. */
export async function countOfficeUses(db: Db, id: string): Promise<number> {
  const [row] = await selectRows<{ n: number }>(
    db,
    sql`select ((select count(*) from project_publications where contact_office_id = ${id} and withdrawn_at is null)
              + (select count(*) from resources where contact_office_id = ${id}))::int as n`,
  );
  return row?.n ?? 0;
}

export async function deleteOfficeVersioned(db: Db, id: string, version: number): Promise<boolean> {
  // withdrawn publications keep their history without the office
  await db.execute(sql`update project_publications set contact_office_id = null where contact_office_id = ${id} and withdrawn_at is not null`);
  const rows = await db.delete(regionContactOffices).where(and(eq(regionContactOffices.id, id), eq(regionContactOffices.version, version))).returning({ id: regionContactOffices.id });
  return rows.length > 0;
}
