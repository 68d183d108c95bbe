/** The activity ledger import's reads and writes: stored activities and links by key, batched inserts, updates. */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { activities, activityOrganisations, activityProjects, regions } from '../../schema/index';
import type { ActivityInsert, ActivityRow } from './activities';

const BATCH = 1_000;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
}

export async function selectActivitiesByCodes(db: Db, codes: readonly string[]): Promise<Map<string, ActivityRow & { regionPath: string }>> {
  const out = new Map<string, ActivityRow & { regionPath: string }>();
  for (const part of chunks(codes)) {
    const rows = await db
      .select({ a: activities, regionPath: regions.path })
      .from(activities)
      .innerJoin(regions, eq(regions.code, activities.regionCode))
      .where(inArray(activities.code, part));
    for (const r of rows) out.set(r.a.code, { ...r.a, regionPath: r.regionPath });
  }
  return out;
}

export async function insertActivities(db: Db, rows: readonly ActivityInsert[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const part of chunks(rows)) {
    const created = await db.insert(activities).values(part).returning({ id: activities.id, code: activities.code });
    for (const c of created) ids.set(c.code, c.id);
  }
  return ids;
}

export async function updateActivityFields(db: Db, id: string, patch: Partial<ActivityInsert>): Promise<void> {
  await db
    .update(activities)
    .set({ ...patch, version: sql`${activities.version} + 1`, updatedAt: new Date() })
    .where(eq(activities.id, id));
}

export async function selectOrganisationsOfActivities(db: Db, activityIds: readonly string[]) {
  const out: (typeof activityOrganisations.$inferSelect)[] = [];
  for (const part of chunks(activityIds)) out.push(...(await db.select().from(activityOrganisations).where(inArray(activityOrganisations.activityId, part))));
  return out;
}

export async function insertOrganisations(db: Db, rows: readonly (typeof activityOrganisations.$inferInsert)[]): Promise<void> {
  for (const part of chunks(rows)) await db.insert(activityOrganisations).values(part);
}

export async function updateOrganisation(db: Db, id: string, patch: { creditCode: string | null; enterpriseId: string | null; kind: (typeof activityOrganisations.$inferSelect)['kind'] }): Promise<void> {
  await db.update(activityOrganisations).set(patch).where(eq(activityOrganisations.id, id));
}

export async function selectProjectLinksOfActivities(db: Db, activityIds: readonly string[]) {
  const out: (typeof activityProjects.$inferSelect)[] = [];
  for (const part of chunks(activityIds)) out.push(...(await db.select().from(activityProjects).where(inArray(activityProjects.activityId, part))));
  return out;
}

export async function insertProjectLinks(db: Db, rows: readonly (typeof activityProjects.$inferInsert)[]): Promise<void> {
  for (const part of chunks(rows)) await db.insert(activityProjects).values(part);
}

export async function updateProjectLinkOutcome(db: Db, activityId: string, projectId: string, outcome: (typeof activityProjects.$inferSelect)['outcome']): Promise<void> {
  await db
    .update(activityProjects)
    .set({ outcome })
    .where(and(eq(activityProjects.activityId, activityId), eq(activityProjects.projectId, projectId)));
}
