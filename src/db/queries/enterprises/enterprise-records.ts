/**
 * One enterprise and what hangs off it: the profile with region and industry names, field history,
 * projects naming it as investor, lists containing it, and the timeline of its page.
 */
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { PgInsertValue, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Db } from '../../client';
import { enterpriseFieldChanges, enterpriseListMembers, enterpriseLists, enterprises, industries, projects, regions, users } from '../../schema/index';
import { CREATED_FIELD } from '../enterprise-imports/enterprise-imports';
import type { EnterpriseRow } from './enterprises';

export type EnterpriseInsert = typeof enterprises.$inferInsert;
/** column values, where computed columns (the search tsvector) may be SQL */
export type EnterpriseValues = PgInsertValue<typeof enterprises>;
export type EnterpriseSet = PgUpdateSetSource<typeof enterprises>;
export type FieldChangeInsert = typeof enterpriseFieldChanges.$inferInsert;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The enterprise by credit code (the usual key) or by id (investors without a code). */
export async function selectEnterpriseByKey(db: Db, key: string): Promise<EnterpriseRow | undefined> {
  const where = UUID.test(key) ? eq(enterprises.id, key) : eq(enterprises.creditCode, key.toUpperCase());
  const [row] = await db.select().from(enterprises).where(where);
  return row;
}

export async function selectEnterpriseByCreditCode(db: Db, creditCode: string): Promise<EnterpriseRow | undefined> {
  const [row] = await db.select().from(enterprises).where(eq(enterprises.creditCode, creditCode));
  return row;
}

export async function selectRegionAndIndustryNames(db: Db, regionCode: string | null, industryCode: string | null) {
  const [region] = regionCode ? await db.select({ name: regions.name }).from(regions).where(eq(regions.code, regionCode)) : [];
  const [industry] = industryCode ? await db.select({ name: industries.name }).from(industries).where(eq(industries.code, industryCode)) : [];
  return { regionName: region?.name ?? null, industryName: industry?.name ?? null };
}

export async function insertEnterprise(db: Db, row: EnterpriseValues): Promise<EnterpriseRow> {
  const [created] = await db.insert(enterprises).values(row).returning();
  if (!created) throw new Error('insert enterprises returned nothing');
  return created;
}

/** Writes the patch when the version matches (and bumps it); undefined on a stale version. */
export async function updateEnterpriseVersioned(db: Db, id: string, version: number, patch: EnterpriseSet): Promise<EnterpriseRow | undefined> {
  const [row] = await db
    .update(enterprises)
    .set({ ...patch, version: sql`${enterprises.version} + 1`, updatedAt: new Date() })
    .where(and(eq(enterprises.id, id), eq(enterprises.version, version)))
    .returning();
  return row;
}

export async function insertFieldChanges(db: Db, rows: FieldChangeInsert[]): Promise<void> {
  if (rows.length > 0) await db.insert(enterpriseFieldChanges).values(rows);
}

/** Projects naming the enterprise as investor, in the scope subtree, newest first. */
export async function selectInvestorProjects(db: Db, enterpriseId: string, scopePath: string, limit: number) {
  return db
    .select({
      id: projects.id,
      code: projects.code,
      name: projects.name,
      stage: projects.stage,
      regionCode: projects.regionCode,
      regionName: regions.name,
      signedAmountYuan: projects.signedAmountYuan,
      signedDate: projects.signedDate,
      createdAt: projects.createdAt,
    })
    .from(projects)
    .innerJoin(regions, eq(regions.code, projects.regionCode))
    .where(and(eq(projects.investorId, enterpriseId), sql`${regions.path} like ${`${scopePath}%`}`))
    .orderBy(desc(projects.createdAt), desc(projects.id))
    .limit(limit);
}

/**
 * Lists containing the enterprise that the caller may see, by the rule of the lists themselves
 * (services/enterprises/enterprise-lists): their own, plus shared lists whose region lies in their subtree.
 */
export async function selectVisibleListsContaining(db: Db, enterpriseId: string, userId: string | null, regionPath: string) {
  const shared = sql`(${enterpriseLists.shared} and exists (select 1 from ${regions} r where r.code = ${enterpriseLists.regionCode} and r.path like ${`${regionPath}%`}))`;
  const visible: SQL = userId ? sql`(${enterpriseLists.ownerId} = ${userId} or ${shared})` : shared;
  return db
    .select({ id: enterpriseLists.id, name: enterpriseLists.name, shared: enterpriseLists.shared, ownerName: users.displayName, addedAt: enterpriseListMembers.addedAt })
    .from(enterpriseListMembers)
    .innerJoin(enterpriseLists, eq(enterpriseLists.id, enterpriseListMembers.listId))
    .innerJoin(users, eq(users.id, enterpriseLists.ownerId))
    .where(and(eq(enterpriseListMembers.enterpriseId, enterpriseId), visible))
    .orderBy(desc(enterpriseListMembers.addedAt));
}

export interface TimelineRow {
  /** `created`: the enterprise's creation (by an import: its created_by_import; by hand, or before migration 0019: its history row of field `created`) */
  kind: 'created' | 'fieldChange' | 'projectCreated' | 'projectStage' | 'contactAdded';
  at: Date;
  /** field key, project id or contact id */
  ref: string;
  /** project name and code, or the contact's region */
  label: string | null;
  detail: string | null;
  oldValue: unknown;
  newValue: unknown;
  source: string | null;
  sourceDate: string | null;
  actorName: string | null;
  /** created and field changes: the import that made them (a background job, or a workbook import's audit row), if any */
  importId: string | null;
  importFileName: string | null;
}

/**
 * The enterprise's timeline, newest first: field changes (all: the profile is installation-wide),
 * projects created and their stage changes, and contacts added — those two only within the scope.
 * Contact names are not part of the timeline (personal data); the service masks nothing here.
 */
export async function selectTimeline(db: Db, enterpriseId: string, scopePath: string, limit: number, before?: Date): Promise<TimelineRow[]> {
  const scope = `${scopePath}%`;
  const beforeCond = (col: SQL) => (before ? sql` and ${col} < ${before.toISOString()}::timestamptz` : sql``);
  const result = await db.execute(sql`
    select * from (
      select case when c.field = ${CREATED_FIELD} then 'created' else 'fieldChange' end as kind, c.changed_at as at, c.field as ref, null::text as label, null::text as detail,
             c.old_value as old_value, c.new_value as new_value, c.source as source, c.source_date::text as source_date, u.display_name as actor_name,
             c.import_job_id::text as import_id, coalesce(j.file_name, a.after->>'fileName') as import_file_name
        from enterprise_field_changes c left join users u on u.id = c.changed_by
        left join import_jobs j on j.id = c.import_job_id
        left join lateral (select a.after from audit_log a
                            where j.id is null and c.import_job_id is not null and a.object_type = 'import' and a.object_id = c.import_job_id::text
                            order by a.id limit 1) a on true
       where c.enterprise_id = ${enterpriseId}${beforeCond(sql`c.changed_at`)}
      union all
      select 'created', e.created_at, ${CREATED_FIELD}, null, null, null, null, e.created_source, e.created_source_date::text, u.display_name,
             e.created_by_import::text, coalesce(j.file_name, a.after->>'fileName')
        from enterprises e
        left join import_jobs j on j.id = e.created_by_import
        left join lateral (select a.after, a.actor_id from audit_log a
                            where j.id is null and a.object_type = 'import' and a.object_id = e.created_by_import::text
                            order by a.id limit 1) a on true
        left join users u on u.id = coalesce(j.created_by, a.actor_id)
       where e.id = ${enterpriseId} and e.created_by_import is not null${beforeCond(sql`e.created_at`)}
      union all
      select 'projectCreated', p.created_at, p.id::text, p.name || '（' || p.code || '）', r.name, null, null, null, null, u.display_name, null, null
        from projects p join regions r on r.code = p.region_code left join users u on u.id = p.created_by
       where p.investor_id = ${enterpriseId} and r.path like ${scope}${beforeCond(sql`p.created_at`)}
      union all
      select 'projectStage', h.changed_at, p.id::text, p.name || '（' || p.code || '）', h.note, to_jsonb(h.from_stage), to_jsonb(h.to_stage), null, null, h.changed_by_name, null, null
        from project_stage_history h join projects p on p.id = h.project_id join regions r on r.code = p.region_code
       where p.investor_id = ${enterpriseId} and r.path like ${scope} and h.from_stage is not null${beforeCond(sql`h.changed_at`)}
      union all
      select 'contactAdded', c.created_at, c.id::text, r.name, c.title, null, null, null, null, u.display_name, null, null
        from enterprise_contacts c join regions r on r.code = c.region_code left join users u on u.id = c.created_by
       where c.enterprise_id = ${enterpriseId} and r.path like ${scope}${beforeCond(sql`c.created_at`)}
    ) t order by at desc, kind, ref limit ${limit}`);
  const rows = (result as unknown as { rows: Record<string, unknown>[] }).rows;
  return rows.map((r) => ({
    kind: r.kind as TimelineRow['kind'],
    at: r.at instanceof Date ? r.at : new Date(String(r.at)),
    ref: String(r.ref),
    label: (r.label as string | null) ?? null,
    detail: (r.detail as string | null) ?? null,
    oldValue: r.old_value ?? null,
    newValue: r.new_value ?? null,
    source: (r.source as string | null) ?? null,
    sourceDate: r.source_date === null || r.source_date === undefined ? null : String(r.source_date).slice(0, 10),
    actorName: (r.actor_name as string | null) ?? null,
    importId: (r.import_id as string | null) ?? null,
    importFileName: (r.import_file_name as string | null) ?? null,
  }));
}
