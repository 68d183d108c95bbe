/**
 * Reading the per-object history of imports (import_changes), each row with its import's audit row
 * (action import.run, object id = the import's id): when, who, which file.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';

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

const SELECT = sql`select c.id, c.import_id, c.object_type, c.object_id, c.project_id, c.change, c.before, c.after,
    a.at, a.actor_id, a.actor_username, a.after->>'fileName' as file_name, p.region_code, a.client_ip, a.request_id
  from import_changes c
  join audit_log a on a.object_type = 'import' and a.object_id = c.import_id::text and a.action = 'import.run'
  left join projects p on p.id = c.project_id`;

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
  const rows = await query<RawRow>(db, sql`${SELECT} where c.project_id = ${projectId}::uuid order by c.id desc limit ${limit}`);
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
  const byProject =
    f.objectType === 'project'
      ? sql`c.project_id = ${f.objectId}::uuid and c.object_type = 'project'`
      : sql`c.project_id in (select project_id from fund_receipts where id = ${f.objectId}::uuid) and c.object_type = 'fundReceipt' and c.object_id = ${f.objectId}::uuid`;
  const where = sql`${byProject} and p.region_code in (select code from regions where path like ${`${f.scopePath}%`})`;
  const rows = await query<RawRow>(db, sql`${SELECT} where ${where} order by c.id desc limit ${f.limit}`);
  const [total] = await query<{ n: number | string }>(db, sql`select count(*) as n from import_changes c left join projects p on p.id = c.project_id where ${where}`);
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
    sql`select c.id, c.object_type, c.object_id, c.project_id, p.code as project_code, p.name as project_name, c.change, c.before, c.after
      from import_changes c left join projects p on p.id = c.project_id
      where c.import_id = ${importId}::uuid order by c.id limit ${limit} offset ${offset}`,
  );
  const [total] = await query<{ n: number | string }>(db, sql`select count(*) as n from import_changes where import_id = ${importId}::uuid`);
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
