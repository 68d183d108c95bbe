/** 招商资源 / 载体 and their photos: reads and versioned writes, and the industry and chain-node checks of their codes. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { regions, resourcePhotos, resources } from '../../schema/index';
import { escapeLike } from '../audit/audit';
import { selectRows } from '../sql-rows';

export type ResourceRow = typeof resources.$inferSelect;
export type ResourceInsert = typeof resources.$inferInsert;
export type ResourceWithRegion = ResourceRow & { regionName: string; regionPath: string };

export async function selectResource(db: Db, id: string): Promise<ResourceWithRegion | undefined> {
  const [row] = await db.select({ r: resources, regionName: regions.name, regionPath: regions.path }).from(resources).innerJoin(regions, eq(regions.code, resources.regionCode)).where(eq(resources.id, id));
  return row ? { ...row.r, regionName: row.regionName, regionPath: row.regionPath } : undefined;
}

export async function selectResourceList(db: Db, scopePath: string, kind?: string, q?: string) {
  return selectRows<{ id: string; kind: ResourceRow['kind']; region_name: string; name: string; area_sqm: string | null; availability: ResourceRow['availability']; published: boolean; photos: number; version: number }>(
    db,
    sql`select s.id, s.kind, r.name as region_name, s.name, s.area_sqm, s.availability, s.published, s.version,
          (select count(*)::int from resource_photos ph where ph.resource_id = s.id) as photos
        from resources s join regions r on r.code = s.region_code
        where r.path like ${`${escapeLike(scopePath)}%`}
          ${kind ? sql`and s.kind = ${kind}` : sql``}
          ${q ? sql`and (s.name ilike ${`%${escapeLike(q)}%`} or s.address ilike ${`%${escapeLike(q)}%`})` : sql``}
        order by s.updated_at desc, s.id
        limit 1000`,
  );
}

export async function insertResource(db: Db, values: ResourceInsert): Promise<ResourceRow> {
  const [row] = await db.insert(resources).values(values).returning();
  return row!;
}

export async function updateResourceVersioned(db: Db, id: string, version: number, values: Partial<ResourceInsert>): Promise<ResourceRow | undefined> {
  const [row] = await db
    .update(resources)
    .set({ ...values, version: sql`${resources.version} + 1`, updatedAt: new Date() })
    .where(and(eq(resources.id, id), eq(resources.version, version)))
    .returning();
  return row;
}

export async function deleteResourceVersioned(db: Db, id: string, version: number): Promise<boolean> {
  const rows = await db.delete(resources).where(and(eq(resources.id, id), eq(resources.version, version))).returning({ id: resources.id });
  return rows.length > 0;
}

/** The photos of a resource without their content, in order. */
export async function selectPhotoList(db: Db, resourceId: string) {
  return db
    .select({ id: resourcePhotos.id, fileName: resourcePhotos.fileName, mimeType: resourcePhotos.mimeType, sizeBytes: resourcePhotos.sizeBytes, caption: resourcePhotos.caption })
    .from(resourcePhotos)
    .where(eq(resourcePhotos.resourceId, resourceId))
    .orderBy(asc(resourcePhotos.sortOrder), asc(resourcePhotos.uploadedAt));
}

export async function selectPhotoContent(db: Db, resourceId: string, photoId: string) {
  const [row] = await db
    .select({ content: resourcePhotos.content, mimeType: resourcePhotos.mimeType, sha256: resourcePhotos.sha256 })
    .from(resourcePhotos)
    .where(and(eq(resourcePhotos.id, photoId), eq(resourcePhotos.resourceId, resourceId)));
  return row;
}

export async function insertPhoto(db: Db, values: typeof resourcePhotos.$inferInsert) {
  const [row] = await db
    .insert(resourcePhotos)
    .values({ ...values, sortOrder: sql`(select count(*)::int from resource_photos where resource_id = ${values.resourceId})` })
    .returning({ id: resourcePhotos.id, fileName: resourcePhotos.fileName, mimeType: resourcePhotos.mimeType, sizeBytes: resourcePhotos.sizeBytes, sha256: resourcePhotos.sha256 });
  return row!;
}

export async function deletePhoto(db: Db, resourceId: string, photoId: string) {
  const [row] = await db
    .delete(resourcePhotos)
    .where(and(eq(resourcePhotos.id, photoId), eq(resourcePhotos.resourceId, resourceId)))
    .returning({ id: resourcePhotos.id, fileName: resourcePhotos.fileName, sha256: resourcePhotos.sha256 });
  return row;
}

/** The given GB/T 4754 codes that are not in the industries table. */
export async function selectUnknownIndustryCodes(db: Db, codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await selectRows<{ code: string }>(
    db,
    sql`select c as code from unnest(${sql.param([...codes])}::text[]) as u(c) where not exists (select 1 from industries i where i.code = u.c)`,
  );
  return rows.map((r) => r.code);
}

/** Each code with all its ancestors (1311 → 131, 13, C), each once. */
export async function selectIndustryPaths(db: Db, codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await selectRows<{ code: string }>(
    db,
    sql`with recursive up(code, parent_code) as (
          select i.code, i.parent_code from industries i where i.code = any(${sql.param([...codes])}::text[])
          union
          select i.code, i.parent_code from industries i join up on i.code = up.parent_code)
        select distinct code from up order by code`,
  );
  return rows.map((r) => r.code);
}

/** Names of industry codes. */
export async function selectIndustryNames(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await selectRows<{ code: string; name: string }>(db, sql`select code, name from industries where code = any(${sql.param([...codes])}::text[])`);
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** The given chain node codes that no chain has ever used. */
export async function selectUnknownChainNodeCodes(db: Db, codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await selectRows<{ code: string }>(
    db,
    sql`select c as code from unnest(${sql.param([...codes])}::text[]) as u(c) where not exists (select 1 from chain_node_codes n where n.code = u.c)`,
  );
  return rows.map((r) => r.code);
}
