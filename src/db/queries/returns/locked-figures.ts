/**
 * Which project changes would alter the figures of an approved (locked) monthly return. A return of
 * region R and month M (year Y) freezes the statistics summary of R's subtree for January…M and for
 * M alone (services/returns/returns.ts, services/statistics/statistics.ts). A project enters it in two ways:
 * - its funds: when it has a receipt in January…M of Y or in January…M's month of Y−1 (the year-on-year
 *   base), its region puts it in R or not and its source puts it in a source column;
 * - its signing: when it was signed within January 1 of Y … the end of M, its region, signing date
 *   (within M or not), signed amount (and size band), investor (top-investor tags), whether it had
 *   started by the end of M, and whether it is terminated (履约率) are counted.
 * A change alters the return when the project's part in it differs before and after. The changes
 * come as a relation (SQL) with the columns of ProjectFiguresChange in snake case; a project not
 * stored yet has null old values (a created project).
 *
 * An enterprise's tags enter too, through the projects it invests in (InvestorTopChange below).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../client';
import { TOP_INVESTOR_TAGS } from '../../../domain/enterprise-status';
import { countedReceipts, type ReceiptFilter } from '../statistics/statistics';

interface Rows<T> {
  rows: T[];
}
async function query<T>(db: Db, statement: SQL): Promise<T[]> {
  return ((await db.execute(statement)) as unknown as Rows<T>).rows;
}

/** A project's figures-relevant fields before and after a change (old values null for a new project). */
export interface ProjectFiguresChange {
  /** identifies the change in the answer (the file's row number in an import) */
  key: number;
  projectId: string | null;
  code: string;
  name: string;
  oldRegionCode: string | null;
  newRegionCode: string;
  oldSource: string | null;
  newSource: string | null;
  oldSignedDate: string | null;
  newSignedDate: string | null;
  oldSignedYuan: bigint | null;
  newSignedYuan: bigint | null;
  oldInvestorId: string | null;
  newInvestorId: string | null;
  oldStartedDate: string | null;
  newStartedDate: string | null;
  oldTerminated: boolean;
  newTerminated: boolean;
}

/** The columns, in order, of a change relation. */
const CHANGE_COLUMNS = sql.raw(`key, project_id, code, name, old_region_code, new_region_code, old_source, new_source,
  old_signed_date, new_signed_date, old_signed, new_signed, old_investor_id, new_investor_id,
  old_started_date, new_started_date, old_terminated, new_terminated`);

/** A change relation from values (PATCH, stage change, create: one project). */
export function changesFromValues(changes: readonly ProjectFiguresChange[]): SQL {
  const col = <T>(f: (c: ProjectFiguresChange) => T) => sql.param(changes.map(f));
  const big = (v: bigint | null) => (v === null ? null : v.toString());
  return sql`select * from unnest(${col((c) => c.key)}::int[], ${col((c) => c.projectId)}::uuid[], ${col((c) => c.code)}::text[],
    ${col((c) => c.name)}::text[], ${col((c) => c.oldRegionCode)}::text[], ${col((c) => c.newRegionCode)}::text[],
    ${col((c) => c.oldSource)}::text[], ${col((c) => c.newSource)}::text[], ${col((c) => c.oldSignedDate)}::date[],
    ${col((c) => c.newSignedDate)}::date[], ${col((c) => big(c.oldSignedYuan))}::bigint[], ${col((c) => big(c.newSignedYuan))}::bigint[],
    ${col((c) => c.oldInvestorId)}::uuid[], ${col((c) => c.newInvestorId)}::uuid[], ${col((c) => c.oldStartedDate)}::date[],
    ${col((c) => c.newStartedDate)}::date[], ${col((c) => c.oldTerminated)}::boolean[], ${col((c) => c.newTerminated)}::boolean[])
    as c(${CHANGE_COLUMNS})`;
}

/** Changes that touch a figure-relevant field at all, with the region paths and top-investor flags. */
function relevant(changes: SQL): SQL {
  return sql`select c.*, ro.path as old_path, rn.path as new_path,
      coalesce(eo.tags && ${sql.param(TOP_INVESTOR_TAGS)}::text[], false) as old_top,
      coalesce(en.tags && ${sql.param(TOP_INVESTOR_TAGS)}::text[], false) as new_top,
      (c.old_region_code is distinct from c.new_region_code or c.old_source is distinct from c.new_source) as funds_fields
    from (${changes}) c
    left join regions ro on ro.code = c.old_region_code
    left join regions rn on rn.code = c.new_region_code
    left join enterprises eo on eo.id = c.old_investor_id
    left join enterprises en on en.id = c.new_investor_id
    where c.old_region_code is distinct from c.new_region_code or c.old_source is distinct from c.new_source
      or c.old_signed_date is distinct from c.new_signed_date or c.old_signed is distinct from c.new_signed
      or c.old_investor_id is distinct from c.new_investor_id or c.old_started_date is distinct from c.new_started_date
      or c.old_terminated is distinct from c.new_terminated`;
}

/**
 * The earliest month any of the changes could alter a return of (receipts of projects whose region
 * or source changes, signing months before and after), or null when none could. Months from it to
 * the current one are locked (shared) before the check, so no approval commits in between.
 */
export async function selectEarliestAffectedMonth(db: Db, changes: SQL): Promise<string | null> {
  const [row] = await query<{ month: string | null }>(
    db,
    sql`with c as (${relevant(changes)})
      select least(
        (select min(f.month) from fund_receipts f join c on c.project_id = f.project_id where c.funds_fields),
        (select to_char(min(least(c.old_signed_date, c.new_signed_date)), 'YYYY-MM') from c)) as month`,
  );
  return row?.month ?? null;
}

/** Whether any monthly return of `month` or later is approved (when none is, no change can alter one). */
export async function hasApprovedReturnSince(db: Db, month: string): Promise<boolean> {
  const [row] = await query<{ x: boolean }>(db, sql`select exists (select 1 from monthly_returns where state = 'approved' and month >= ${month}) as x`);
  return row?.x === true;
}

export interface LockedProjectChange {
  key: number;
  code: string;
  name: string;
  month: string;
  /** the highest region whose return of the month is approved and altered */
  regionName: string;
  /** its parent, whose reviewer reopens it (null: the province reopens its own) */
  parentName: string | null;
  fundsChanged: boolean;
  signedChanged: boolean;
  /** the change itself, as given */
  change: ProjectFiguresChange;
}

interface LockedRow {
  key: number;
  code: string;
  name: string;
  month: string;
  region_name: string;
  parent_name: string | null;
  funds_changed: boolean;
  signed_changed: boolean;
  project_id: string | null;
  old_region_code: string | null;
  new_region_code: string;
  old_source: string | null;
  new_source: string | null;
  old_signed_date: string | null;
  new_signed_date: string | null;
  old_signed: string | null;
  new_signed: string | null;
  old_investor_id: string | null;
  new_investor_id: string | null;
  old_started_date: string | null;
  new_started_date: string | null;
  old_terminated: boolean;
  new_terminated: boolean;
}

/**
 * For each change that alters an approved return: the earliest such month and, for it, the highest
 * region whose approved return is altered. Run it with the months locked (selectEarliestAffectedMonth).
 */
export async function selectLockedProjectChanges(db: Db, changes: SQL): Promise<LockedProjectChange[]> {
  const rows = await query<LockedRow>(
    db,
    sql`with c as materialized (${relevant(changes)}),
      -- the regions a change could count in: every ancestor (and itself) of its old and new region
      anc as (
        select distinct c.key, a.code from c
        cross join lateral unnest(string_to_array(trim(both '/' from coalesce(c.old_path, '') || coalesce(c.new_path, '')), '/')) as a(code)
        where a.code <> ''),
      hit as (
        select c.key, c.code, c.name, mr.month, rg.name as region_name, par.name as parent_name, length(rg.path) as depth,
          c.funds_fields and (
            case when c.old_path like rg.path || '%' and w.has_funds then coalesce(c.old_source, '-') end
            is distinct from
            case when c.new_path like rg.path || '%' and w.has_funds then coalesce(c.new_source, '-') end) as funds_changed,
          (case when c.old_path like rg.path || '%' and c.old_signed_date between m.year_start and m.month_end
             then row(c.old_signed_date >= m.month_start, c.old_signed, c.old_top,
               coalesce(c.old_started_date <= m.month_end, false), c.old_terminated)::text end
           is distinct from
           case when c.new_path like rg.path || '%' and c.new_signed_date between m.year_start and m.month_end
             then row(c.new_signed_date >= m.month_start, c.new_signed, c.new_top,
               coalesce(c.new_started_date <= m.month_end, false), c.new_terminated)::text end) as signed_changed
        from anc
        join c on c.key = anc.key
        join monthly_returns mr on mr.region_code = anc.code and mr.state = 'approved'
        join regions rg on rg.code = mr.region_code
        left join regions par on par.code = rg.parent_code
        cross join lateral (select to_date(mr.month || '-01', 'YYYY-MM-DD') as month_start,
            (to_date(mr.month || '-01', 'YYYY-MM-DD') + interval '1 month' - interval '1 day')::date as month_end,
            to_date(substr(mr.month, 1, 4) || '-01-01', 'YYYY-MM-DD') as year_start) m
        cross join lateral (select c.funds_fields and c.project_id is not null and exists (
            select 1 from fund_receipts f where f.project_id = c.project_id
              and f.month between (substr(mr.month, 1, 4)::int - 1)::text || '-01' and mr.month
              and (f.month >= substr(mr.month, 1, 4) || '-01' or substr(f.month, 6) <= substr(mr.month, 6))) as has_funds) w)
      select h.key, h.code, h.name, h.month, h.region_name, h.parent_name, h.funds_changed, h.signed_changed,
        c.project_id, c.old_region_code, c.new_region_code, c.old_source, c.new_source, c.old_signed_date::text, c.new_signed_date::text,
        c.old_signed::text, c.new_signed::text, c.old_investor_id, c.new_investor_id, c.old_started_date::text, c.new_started_date::text,
        c.old_terminated, c.new_terminated
      from (select distinct on (key) * from hit where funds_changed or signed_changed order by key, month, depth) h
      join c on c.key = h.key
      order by h.key`,
  );
  return rows.map((r) => ({
    key: Number(r.key),
    code: r.code,
    name: r.name,
    month: r.month,
    regionName: r.region_name,
    parentName: r.parent_name,
    fundsChanged: r.funds_changed,
    signedChanged: r.signed_changed,
    change: {
      key: Number(r.key),
      projectId: r.project_id,
      code: r.code,
      name: r.name,
      oldRegionCode: r.old_region_code,
      newRegionCode: r.new_region_code,
      oldSource: r.old_source,
      newSource: r.new_source,
      oldSignedDate: r.old_signed_date,
      newSignedDate: r.new_signed_date,
      oldSignedYuan: r.old_signed === null ? null : BigInt(r.old_signed),
      newSignedYuan: r.new_signed === null ? null : BigInt(r.new_signed),
      oldInvestorId: r.old_investor_id,
      newInvestorId: r.new_investor_id,
      oldStartedDate: r.old_started_date,
      newStartedDate: r.new_started_date,
      oldTerminated: r.old_terminated,
      newTerminated: r.new_terminated,
    },
  }));
}

/**
 * An investor whose projects would count differently among the top investors' (世界500强, 中国500强,
 * 中国民营500强, 央企): its tags change (PATCH, an import, a duplicate merge), or its projects move to
 * an enterprise of another standing (a merge). `key` identifies the change in the answer (the file's
 * row number in an import).
 */
export interface InvestorTopChange {
  key: number;
  enterpriseId: string;
  oldTop: boolean;
  newTop: boolean;
}

/** An investor change relation from values. */
export function investorChangesFromValues(changes: readonly InvestorTopChange[]): SQL {
  const col = <T>(f: (c: InvestorTopChange) => T) => sql.param(changes.map(f));
  return sql`select * from unnest(${col((c) => c.key)}::int[], ${col((c) => c.enterpriseId)}::uuid[], ${col((c) => c.oldTop)}::boolean[],
    ${col((c) => c.newTop)}::boolean[]) as c(key, enterprise_id, old_top, new_top)`;
}

/** Whether an enterprise's tags make it a top investor (SQL over a text[] expression). */
export function isTopInvestorSql(tags: SQL): SQL {
  return sql`coalesce(${tags} && ${sql.param(TOP_INVESTOR_TAGS)}::text[], false)`;
}

/** The earliest signing month of the projects of investors whose standing changes, or null. */
export async function selectEarliestInvestorMonth(db: Db, changes: SQL): Promise<string | null> {
  const [row] = await query<{ month: string | null }>(
    db,
    sql`select to_char(min(p.signed_date), 'YYYY-MM') as month
      from (${changes}) c join projects p on p.investor_id = c.enterprise_id
      where c.old_top is distinct from c.new_top and p.signed_date is not null`,
  );
  return row?.month ?? null;
}

export interface LockedInvestorChange {
  key: number;
  enterpriseId: string;
  enterpriseName: string;
  creditCode: string | null;
  oldTop: boolean;
  newTop: boolean;
  /** the first project (by month, then code) whose signing an approved return counts */
  projectCode: string;
  projectName: string;
  month: string;
  /** the highest region whose return of the month is approved and altered */
  regionName: string;
  parentName: string | null;
}

/**
 * For each investor change that alters an approved return (a project of the investor signed within
 * January 1 … the end of the return's month, in the return's region subtree: the return counts it
 * among the top investors' projects or not): the earliest such month and, for it, the highest region.
 * Run it with the months locked (selectEarliestInvestorMonth).
 */
export async function selectLockedInvestorChanges(db: Db, changes: SQL): Promise<LockedInvestorChange[]> {
  const rows = await query<{
    key: number;
    enterprise_id: string;
    enterprise_name: string;
    credit_code: string | null;
    old_top: boolean;
    new_top: boolean;
    project_code: string;
    project_name: string;
    month: string;
    region_name: string;
    parent_name: string | null;
  }>(
    db,
    sql`with c as materialized (select * from (${changes}) x where x.old_top is distinct from x.new_top),
      hit as (
        select c.key, c.enterprise_id, c.old_top, c.new_top, p.code as project_code, p.name as project_name, mr.month,
          rg.name as region_name, par.name as parent_name, length(rg.path) as depth
        from c
        join projects p on p.investor_id = c.enterprise_id and p.signed_date is not null
        join regions pr on pr.code = p.region_code
        join monthly_returns mr on mr.state = 'approved'
          and p.signed_date between to_date(substr(mr.month, 1, 4) || '-01-01', 'YYYY-MM-DD')
                                and (to_date(mr.month || '-01', 'YYYY-MM-DD') + interval '1 month' - interval '1 day')::date
        join regions rg on rg.code = mr.region_code and pr.path like rg.path || '%'
        left join regions par on par.code = rg.parent_code)
      select h.key, h.enterprise_id, e.name as enterprise_name, e.credit_code, h.old_top, h.new_top, h.project_code, h.project_name,
        h.month, h.region_name, h.parent_name
      from (select distinct on (key) * from hit order by key, month, depth, project_code) h
      join enterprises e on e.id = h.enterprise_id
      order by h.key`,
  );
  return rows.map((r) => ({
    key: Number(r.key),
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    creditCode: r.credit_code,
    oldTop: r.old_top,
    newTop: r.new_top,
    projectCode: r.project_code,
    projectName: r.project_name,
    month: r.month,
    regionName: r.region_name,
    parentName: r.parent_name,
  }));
}

export interface LockedPolicyChange {
  month: string;
  regionName: string;
  parentName: string | null;
  /** receipts in that return's period that one filter counts and the other does not */
  receipts: number;
}

/**
 * The first approved return (by month, then the highest region) whose funds would change if the
 * receipts were counted under `next` instead of `current` (先证后计: only verified ones, only those
 * with evidence): a receipt of its region subtree in its period (January … its month, and the same
 * months of the year before: the year-on-year base) that one filter counts and the other does not.
 * Run it with the receipt months locked.
 */
export async function selectLockedPolicyChange(db: Db, current: ReceiptFilter, next: ReceiptFilter): Promise<LockedPolicyChange | null> {
  const [row] = await query<{ month: string; region_name: string; parent_name: string | null; receipts: number }>(
    db,
    sql`select mr.month, rg.name as region_name, par.name as parent_name, count(*)::int as receipts
      from monthly_returns mr
      join regions rg on rg.code = mr.region_code
      left join regions par on par.code = rg.parent_code
      join fund_receipts f on f.month between (substr(mr.month, 1, 4)::int - 1)::text || '-01' and mr.month
        and (f.month >= substr(mr.month, 1, 4) || '-01' or substr(f.month, 6) <= substr(mr.month, 6))
      join projects p on p.id = f.project_id
      join regions pr on pr.code = p.region_code and pr.path like rg.path || '%'
      where mr.state = 'approved' and (${countedReceipts(current)}) is distinct from (${countedReceipts(next)})
      group by mr.month, rg.name, par.name, rg.path
      order by mr.month, length(rg.path)
      limit 1`,
  );
  return row ? { month: row.month, regionName: row.region_name, parentName: row.parent_name, receipts: Number(row.receipts) } : null;
}

/** The first month with a receipt, or null: the receipt months a policy change locks start there. */
export async function selectFirstReceiptMonth(db: Db): Promise<string | null> {
  const [row] = await query<{ month: string | null }>(db, sql`select min(month) as month from fund_receipts`);
  return row?.month ?? null;
}
