/** 项目推介: a project's publications on the portal (the open one and its history), and their writes. */
import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { projectPublications, projects, regions, users } from '../../schema/index';
import { escapeLike } from '../audit/audit';
import { isoText } from './public-reads';
import { selectRows } from '../sql-rows';

export type PublicationRow = typeof projectPublications.$inferSelect;
export type PublicationInsert = typeof projectPublications.$inferInsert;

export async function selectProjectForPublication(db: Db, id: string) {
  const [row] = await db
    .select({ id: projects.id, code: projects.code, name: projects.name, stage: projects.stage, regionCode: projects.regionCode, regionPath: regions.path })
    .from(projects)
    .innerJoin(regions, eq(regions.code, projects.regionCode))
    .where(eq(projects.id, id));
  return row;
}

export async function selectOpenPublication(db: Db, projectId: string): Promise<PublicationRow | undefined> {
  const [row] = await db.select().from(projectPublications).where(and(eq(projectPublications.projectId, projectId), isNull(projectPublications.withdrawnAt)));
  return row;
}

/** Every publication of a project, newest first, with the names of who published and withdrew it. */
export async function selectPublicationHistory(db: Db, projectId: string) {
  return selectRows<{ id: string; public_title: string; published_at: string; published_by: string | null; withdrawn_at: string | null; withdrawn_by: string | null }>(
    db,
    sql`select p.id, p.public_title, ${isoText(sql`p.published_at`)} as published_at, pu.display_name as published_by,
          ${isoText(sql`p.withdrawn_at`)} as withdrawn_at, wu.display_name as withdrawn_by
        from project_publications p
        left join ${users} pu on pu.id = p.published_by left join ${users} wu on wu.id = p.withdrawn_by
        where p.project_id = ${projectId} order by p.published_at desc, p.id desc`,
  );
}

/** The project's latest withdrawn publication (what republishing starts from). */
export async function selectLastWithdrawnPublication(db: Db, projectId: string): Promise<PublicationRow | undefined> {
  const [row] = await db
    .select()
    .from(projectPublications)
    .where(and(eq(projectPublications.projectId, projectId), isNotNull(projectPublications.withdrawnAt)))
    .orderBy(desc(projectPublications.withdrawnAt), desc(projectPublications.id))
    .limit(1);
  return row;
}

export async function insertPublication(db: Db, values: PublicationInsert): Promise<PublicationRow> {
  const [row] = await db.insert(projectPublications).values(values).returning();
  return row!;
}

export async function updatePublicationVersioned(db: Db, id: string, version: number, values: Partial<PublicationInsert>): Promise<PublicationRow | undefined> {
  const [row] = await db
    .update(projectPublications)
    .set({ ...values, version: sql`${projectPublications.version} + 1`, updatedAt: new Date() })
    .where(and(eq(projectPublications.id, id), eq(projectPublications.version, version), isNull(projectPublications.withdrawnAt)))
    .returning();
  return row;
}

/** Projects of a subtree published now, newest first. */
export async function selectPublishedInScope(db: Db, scopePath: string) {
  return selectRows<{ project_id: string; project_code: string; project_name: string; stage: string; region_name: string; public_title: string; published_at: string }>(
    db,
    sql`select p.id as project_id, p.code as project_code, p.name as project_name, p.stage, r.name as region_name, pp.public_title, ${isoText(sql`pp.published_at`)} as published_at
        from project_publications pp join projects p on p.id = pp.project_id join regions r on r.code = p.region_code
        where pp.withdrawn_at is null and r.path like ${`${escapeLike(scopePath)}%`}
        order by pp.published_at desc nulls last, pp.id`,
  );
}


/**
 * Projects of a subtree taken off the portal and not published again: each with its latest publication (title,
 * when it was published and withdrawn, by whom), the latest withdrawal first. An officer republishes from here.
 */
export async function selectWithdrawnInScope(db: Db, scopePath: string) {
  const rows = await selectRows<{ project_id: string; project_code: string; project_name: string; stage: string; region_name: string; public_title: string; published_at: string; withdrawn_at: string; withdrawn_by: string | null }>(
    db,
    sql`select distinct on (pp.project_id) p.id as project_id, p.code as project_code, p.name as project_name, p.stage, r.name as region_name, pp.public_title,
          ${isoText(sql`pp.published_at`)} as published_at, ${isoText(sql`pp.withdrawn_at`)} as withdrawn_at, wu.display_name as withdrawn_by
        from project_publications pp join projects p on p.id = pp.project_id join regions r on r.code = p.region_code
        left join ${users} wu on wu.id = pp.withdrawn_by
        where r.path like ${`${escapeLike(scopePath)}%`}
          and not exists (select 1 from project_publications o where o.project_id = pp.project_id and o.withdrawn_at is null)
        order by pp.project_id, pp.withdrawn_at desc, pp.id desc`,
  );
  return rows.sort((a, b) => b.withdrawn_at.localeCompare(a.withdrawn_at) || a.project_code.localeCompare(b.project_code));
}
