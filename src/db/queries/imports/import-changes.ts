/**
 * Reading the per-object history of imports, each row with its import's audit row (action
 * import.run, object id = the import's id): when, who, which file. Two sources: import_changes (a
 * project created or changed, a receipt changed) and receipts created by an import
 * (fund_receipts.created_by_import), whose values at creation are the current ones rolled back by
 * the first later change (an import's or a correction by hand, both of which keep the values before).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../client';

interface Rows<T> {
  rows: T[];
}
async function query<T>(db: Db, statement: SQL): Promise<T[]> {
  return ((await db.execute(statement)) as unknown as Rows<T>).rows;
}

export interface ImportChangeRow {
  id: string;
  importId: string;
  objectType: 'project' | 'fundReceipt';
  objectId: string;
  projectId: string;
  change: 'create' | 'update';
  before: unknown;
  after: unknown;
  at: Date;
  actorId: string | null;
  actorUsername: string | null;
  fileName: string | null;
  regionCode: string | null;
  clientIp: string | null;
  requestId: string | null;
}

interface RawRow {
  id: string | number;
  import_id: string;
  object_type: 'project' | 'fundReceipt';
  object_id: string;
  project_id: string;
  change: 'create' | 'update';
  before: unknown;
  after: unknown;
  at: string | Date;
  actor_id: string | null;
  actor_username: string | null;
  file_name: string | null;
  region_code: string | null;
  client_ip: string | null;
  request_id: string | null;
}

/** import_changes rows matching `where` (over c, p) */
const changeRows = (where: SQL) => sql`select c.id::text as id, c.import_id, c.object_type, c.object_id, c.project_id, c.change, c.before, c.after,
    a.at, a.actor_id, a.actor_username, a.after->>'fileName' as file_name, p.region_code, a.client_ip, a.request_id
  from import_changes c
  join audit_log a on a.object_type = 'import' and a.object_id = c.import_id::text and a.action = 'import.run'
  left join projects p on p.id = c.project_id
  where ${where}`;

/** receipts created by an import matching `where` (over r, p), as creation rows */
const createdReceiptRows = (where: SQL) => sql`select 'r' || r.id::text as id, r.created_by_import as import_id, 'fundReceipt' as object_type,
    r.id as object_id, r.project_id, 'create' as change, null::jsonb as before,
    jsonb_strip_nulls(jsonb_build_object('month', r.month,
      'amountYuan', case when fc.b ? 'amountYuan' then fc.b->'amountYuan' else to_jsonb(r.amount_yuan) end,
      'note', case when fc.b ? 'note' then fc.b->'note' else to_jsonb(r.note) end)) as after,
    a.at, a.actor_id, a.actor_username, a.after->>'fileName' as file_name, p.region_code, a.client_ip, a.request_id
  from fund_receipts r
  join audit_log a on a.object_type = 'import' and a.object_id = r.created_by_import::text and a.action = 'import.run'
  left join projects p on p.id = r.project_id
  left join lateral (
    select ch.b from (
      select ua.at, u.before as b from import_changes u
        join audit_log ua on ua.object_type = 'import' and ua.object_id = u.import_id::text and ua.action = 'import.run'
        where u.project_id = r.project_id and u.object_type = 'fundReceipt' and u.object_id = r.id
      union all
      select al.at, al.before from audit_log al where al.object_type = 'fundReceipt' and al.object_id = r.id::text and al.action = 'funds.correct'
    ) ch order by ch.at limit 1) fc on true
  where r.created_by_import is not null and ${where}`;

const toRow = (r: RawRow): ImportChangeRow => ({
  id: String(r.id),
  importId: r.import_id,
  objectType: r.object_type,
  objectId: r.object_id,
  projectId: r.project_id,
  change: r.change,
  before: r.before,
  after: r.after,
  at: r.at instanceof Date ? r.at : new Date(r.at),
  actorId: r.actor_id,
  actorUsername: r.actor_username,
  fileName: r.file_name,
  regionCode: r.region_code,
  clientIp: r.client_ip,
  requestId: r.request_id,
});

/** The import changes of a project and its receipts, newest first. */
export async function selectProjectImportChanges(db: Db, projectId: string, limit: number): Promise<ImportChangeRow[]> {
  const rows = await query<RawRow>(
    db,
    sql`select * from (${changeRows(sql`c.project_id = ${projectId}::uuid`)} union all ${createdReceiptRows(sql`r.project_id = ${projectId}::uuid`)}) x
      order by at desc, id desc limit ${limit}`,
  );
  return rows.map(toRow);
}

/**
 * The import changes of one object (a project, or a fund receipt found through its project), within
 * a region scope (the project's region), newest first; `limit` rows and the total.
 */
export async function selectObjectImportChanges(
  db: Db,
  f: { objectType: 'project' | 'fundReceipt'; objectId: string; scopePath: string; limit: number },
): Promise<{ rows: ImportChangeRow[]; total: number }> {
  const inScope = sql`p.region_code in (select code from regions where path like ${`${f.scopePath}%`})`;
  const union =
    f.objectType === 'project'
      ? changeRows(sql`c.project_id = ${f.objectId}::uuid and c.object_type = 'project' and ${inScope}`)
      : sql`${changeRows(
          sql`c.project_id in (select project_id from fund_receipts where id = ${f.objectId}::uuid) and c.object_type = 'fundReceipt' and c.object_id = ${f.objectId}::uuid and ${inScope}`,
        )} union all ${createdReceiptRows(sql`r.id = ${f.objectId}::uuid and ${inScope}`)}`;
  const rows = await query<RawRow>(db, sql`select * from (${union}) x order by at desc, id desc limit ${f.limit}`);
  const [total] = await query<{ n: number | string }>(db, sql`select count(*) as n from (${union}) x`);
  return { rows: rows.map(toRow), total: Number(total?.n ?? 0) };
}

/** The import's audit row (for its scope), by the import's id. */
export async function selectImportAudit(db: Db, importId: string): Promise<{ regionCode: string | null; fileName: string | null } | undefined> {
  const [row] = await query<{ region_code: string | null; file_name: string | null }>(
    db,
    sql`select region_code, after->>'fileName' as file_name from audit_log where object_type = 'import' and object_id = ${importId} and action = 'import.run' limit 1`,
  );
  return row ? { regionCode: row.region_code, fileName: row.file_name } : undefined;
}

/** The objects one import created or changed, in the order written, with their project's code and name. */
export async function selectImportChangePage(db: Db, importId: string, limit: number, offset: number) {
  const rows = await query<{
    id: string | number;
    object_type: 'project' | 'fundReceipt';
    object_id: string;
    project_id: string;
    project_code: string | null;
    project_name: string | null;
    change: 'create' | 'update';
    before: unknown;
    after: unknown;
  }>(
    db,
    sql`select x.*, p.code as project_code, p.name as project_name from (
        select 0 as part, lpad(c.id::text, 20, '0') as sort, c.id, c.object_type, c.object_id, c.project_id, c.change, c.before, c.after
        from (${changeRows(sql`c.import_id = ${importId}::uuid`)}) c
        union all
        select 1, r.project_id::text || (r.after->>'month'), r.id, r.object_type, r.object_id, r.project_id, r.change, r.before, r.after
        from (${createdReceiptRows(sql`r.created_by_import = ${importId}::uuid`)}) r) x
      left join projects p on p.id = x.project_id
      order by x.part, x.sort limit ${limit} offset ${offset}`,
  );
  const [total] = await query<{ n: number | string }>(
    db,
    sql`select (select count(*) from import_changes where import_id = ${importId}::uuid) + (select count(*) from fund_receipts where created_by_import = ${importId}::uuid) as n`,
  );
  return {
    total: Number(total?.n ?? 0),
    items: rows.map((r) => ({
      id: String(r.id),
      objectType: r.object_type,
      objectId: r.object_id,
      projectId: r.project_id,
      projectCode: r.project_code,
      projectName: r.project_name,
      change: r.change,
      before: r.before,
      after: r.after,
    })),
  };
}
