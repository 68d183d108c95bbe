/**
 * The ledger as statisticians work (issue 11, item 8): the monthly entry grid of a region, the 待核实
 * queue, and the receipts a return's figures changed by. Each row carries the approved return that
 * locks its month (the highest one), so the page can show the lock and who reopens it.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../client';

type Row = Record<string, unknown>;
function rowsOf(result: unknown): Row[] {
  return (result as { rows: Row[] }).rows;
}
const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export interface MonthLock {
  /** the region whose approved return locks the month, and its parent (whose reviewer reopens it) */
  regionName: string;
  parentName: string | null;
}

/** The highest approved return of `month` covering the project's region (alias pr = the project's region). */
const lockOf = (month: SQL) => sql`(
  select jsonb_build_object('regionName', lr.name, 'parentName', lp.name)
  from monthly_returns mr join regions lr on lr.code = mr.region_code left join regions lp on lp.code = lr.parent_code
  where mr.month = ${month} and mr.state = 'approved' and pr.path like lr.path || '%'
  order by length(lr.path) limit 1)`;

function readLock(v: unknown): MonthLock | null {
  if (!v) return null;
  const o = (typeof v === 'string' ? JSON.parse(v) : v) as { regionName: string; parentName: string | null };
  return { regionName: o.regionName, parentName: o.parentName ?? null };
}

export interface GridRow {
  projectId: string;
  code: string;
  name: string;
  stage: string;
  regionCode: string;
  regionName: string;
  receiptId: string | null;
  amountYuan: number | null;
  note: string | null;
  version: number | null;
  enteredBy: string | null;
  enteredByName: string | null;
  verifiedByName: string | null;
  verifiedAt: Date | null;
  /** evidence files attached to the receipt (the 先证后计 rule counts them) */
  evidenceCount: number;
  previousMonthYuan: number | null;
  lock: MonthLock | null;
}

/** Every project of the subtree not terminated, and any with a receipt in the month, with that month's receipt and the month before's amount. */
export async function selectGridRows(db: Db, regionPath: string, month: string, previousMonth: string, limit: number): Promise<GridRow[]> {
  const result = await db.execute(sql`
    select p.id, p.code, p.name, p.stage, p.region_code, pr.name as region_name,
      f.id as receipt_id, f.amount_yuan::text as amount, f.note, f.version, f.entered_by, f.verified_at,
      eu.display_name as entered_name, vu.display_name as verified_name,
      (select count(*) from evidence_files ev where ev.fund_receipt_id = f.id)::int as evidence_count,
      (select pf.amount_yuan::text from fund_receipts pf where pf.project_id = p.id and pf.month = ${previousMonth}) as previous,
      ${lockOf(sql`${month}`)} as lock
    from projects p
    join regions pr on pr.code = p.region_code
    left join fund_receipts f on f.project_id = p.id and f.month = ${month}
    left join users eu on eu.id = f.entered_by
    left join users vu on vu.id = f.verified_by
    where pr.path like ${`${regionPath}%`} and (p.stage <> 'terminated' or f.id is not null)
    order by p.code
    limit ${limit}`);
  return rowsOf(result).map((r) => ({
    projectId: String(r.id),
    code: String(r.code),
    name: String(r.name),
    stage: String(r.stage),
    regionCode: String(r.region_code),
    regionName: String(r.region_name),
    receiptId: text(r.receipt_id),
    amountYuan: num(r.amount),
    note: text(r.note),
    version: num(r.version),
    enteredBy: text(r.entered_by),
    enteredByName: text(r.entered_name),
    verifiedByName: text(r.verified_name),
    verifiedAt: r.verified_at ? new Date(String(r.verified_at)) : null,
    evidenceCount: Number(r.evidence_count ?? 0),
    previousMonthYuan: num(r.previous),
    lock: readLock(r.lock),
  }));
}

export interface PendingReceiptRow {
  id: string;
  projectId: string;
  projectCode: string;
  projectName: string;
  regionName: string;
  month: string;
  amountYuan: number;
  note: string | null;
  enteredByName: string | null;
  enteredAt: Date;
  version: number;
  evidenceCount: number;
  lock: MonthLock | null;
}

/** 待核实: unverified receipts of the subtree entered by someone other than `excludeEnteredBy` (null: the CLI operator, who sees all). */
export async function selectPendingReceipts(
  db: Db,
  q: { regionPath: string; excludeEnteredBy: string | null; month?: string; limit: number; offset: number },
): Promise<{ rows: PendingReceiptRow[]; total: number }> {
  const where = sql`pr.path like ${`${q.regionPath}%`} and f.verified_at is null
    and f.entered_by is distinct from ${q.excludeEnteredBy}::uuid
    and ${q.month ? sql`f.month = ${q.month}` : sql`true`}`;
  const result = await db.execute(sql`
    select f.id, f.project_id, p.code, p.name, pr.name as region_name, f.month, f.amount_yuan::text as amount, f.note,
      eu.display_name as entered_name, f.entered_at, f.version,
      (select count(*) from evidence_files e where e.fund_receipt_id = f.id)::int as evidence,
      ${lockOf(sql`f.month`)} as lock
    from fund_receipts f
    join projects p on p.id = f.project_id
    join regions pr on pr.code = p.region_code
    left join users eu on eu.id = f.entered_by
    where ${where}
    order by f.month desc, f.entered_at, f.id
    limit ${q.limit} offset ${q.offset}`);
  const [count] = rowsOf(
    await db.execute(sql`select count(*)::int as n from fund_receipts f join projects p on p.id = f.project_id join regions pr on pr.code = p.region_code where ${where}`),
  );
  return {
    total: Number(count?.n ?? 0),
    rows: rowsOf(result).map((r) => ({
      id: String(r.id),
      projectId: String(r.project_id),
      projectCode: String(r.code),
      projectName: String(r.name),
      regionName: String(r.region_name),
      month: String(r.month),
      amountYuan: Number(r.amount),
      note: text(r.note),
      enteredByName: text(r.entered_name),
      enteredAt: new Date(String(r.entered_at)),
      version: Number(r.version),
      evidenceCount: Number(r.evidence),
      lock: readLock(r.lock),
    })),
  };
}

/** The approved return locking each month of a project's receipts (for the project's ledger). */
export async function selectProjectMonthLocks(db: Db, projectId: string): Promise<Map<string, MonthLock>> {
  const result = await db.execute(sql`
    select f.month, ${lockOf(sql`f.month`)} as lock
    from fund_receipts f join projects p on p.id = f.project_id join regions pr on pr.code = p.region_code
    where f.project_id = ${projectId}`);
  const out = new Map<string, MonthLock>();
  for (const r of rowsOf(result)) {
    const lock = readLock(r.lock);
    if (lock) out.set(String(r.month), lock);
  }
  return out;
}

export interface ReceiptChangeRow {
  at: Date;
  projectId: string | null;
  projectCode: string | null;
  projectName: string | null;
  month: string;
  beforeYuan: number | null;
  afterYuan: number | null;
  /** funds.create / funds.correct / funds.delete, or import */
  kind: 'create' | 'correct' | 'delete' | 'import';
  actorName: string | null;
  reason: string | null;
  fileName: string | null;
}

/**
 * The receipt changes of a region's subtree for months `fromMonth..toMonth`, made after `since` and up
 * to `until`: corrections by hand from the audit trail (funds.create/correct/delete, with their
 * reason) and changes by imports (import_changes, and receipts an import created), each with who.
 */
export async function selectReceiptChanges(
  db: Db,
  q: { regionPath: string; fromMonth: string; toMonth: string; since: Date; until: Date; limit: number },
): Promise<ReceiptChangeRow[]> {
  const result = await db.execute(sql`
    with manual as (
      select a.at, coalesce(a.after, a.before) ->> 'projectCode' as project_code, coalesce(a.after, a.before) ->> 'month' as month,
        (a.before ->> 'amountYuan')::bigint as before_yuan, (a.after ->> 'amountYuan')::bigint as after_yuan,
        split_part(a.action, '.', 2) as kind, coalesce(u.display_name, a.actor_username) as actor_name, a.reason, null::text as file_name, a.id as seq
      from audit_log a
      join regions ar on ar.code = a.region_code
      left join users u on u.id = a.actor_id
      where a.action in ('funds.create', 'funds.correct', 'funds.delete') and a.outcome = 'success'
        and a.at > ${q.since.toISOString()} and a.at <= ${q.until.toISOString()} and ar.path like ${`${q.regionPath}%`}
    ),
    imported as (
      select a.at, p.code as project_code, c.after ->> 'month' as month,
        (c.before ->> 'amountYuan')::bigint as before_yuan, (c.after ->> 'amountYuan')::bigint as after_yuan,
        'import' as kind, coalesce(u.display_name, a.actor_username) as actor_name, a.reason, a.after ->> 'fileName' as file_name, a.id as seq
      from import_changes c
      join audit_log a on a.object_type = 'import' and a.object_id = c.import_id::text and a.action = 'import.run'
      join projects p on p.id = c.project_id
      join regions pr on pr.code = p.region_code
      left join users u on u.id = a.actor_id
      where c.object_type = 'fundReceipt' and (c.after ->> 'amountYuan') is not null
        and a.at > ${q.since.toISOString()} and a.at <= ${q.until.toISOString()} and pr.path like ${`${q.regionPath}%`}
    ),
    created as (
      select a.at, p.code as project_code, f.month, null::bigint as before_yuan, f.amount_yuan as after_yuan,
        'import' as kind, coalesce(u.display_name, a.actor_username) as actor_name, a.reason, a.after ->> 'fileName' as file_name, a.id as seq
      from fund_receipts f
      join audit_log a on a.object_type = 'import' and a.object_id = f.created_by_import::text and a.action = 'import.run'
      join projects p on p.id = f.project_id
      join regions pr on pr.code = p.region_code
      left join users u on u.id = a.actor_id
      where f.created_by_import is not null and f.month between ${q.fromMonth} and ${q.toMonth}
        and a.at > ${q.since.toISOString()} and a.at <= ${q.until.toISOString()} and pr.path like ${`${q.regionPath}%`}
    ),
    changes as (select * from manual union all select * from imported union all select * from created)
    select c.at, p.id as project_id, c.project_code, p.name as project_name, c.month, c.before_yuan::text as before_yuan,
      c.after_yuan::text as after_yuan, c.kind, c.actor_name, c.reason, c.file_name
    from changes c left join projects p on p.code = c.project_code
    where c.month between ${q.fromMonth} and ${q.toMonth}
      and (c.kind <> 'correct' or c.before_yuan is distinct from c.after_yuan)
    order by c.at, c.seq
    limit ${q.limit}`);
  return rowsOf(result).map((r) => ({
    at: new Date(String(r.at)),
    projectId: text(r.project_id),
    projectCode: text(r.project_code),
    projectName: text(r.project_name),
    month: String(r.month),
    beforeYuan: num(r.before_yuan),
    afterYuan: num(r.after_yuan),
    kind: String(r.kind) as ReceiptChangeRow['kind'],
    actorName: text(r.actor_name),
    reason: text(r.reason),
    fileName: text(r.file_name),
  }));
}
