/**
 * Set-based SQL of the import service: look-ups for validation in batches, staging tables (temporary,
 * dropped at commit) filled with `unnest` arrays, and one merge statement per kind that counts what it
 * created, updated and left unchanged. Everything runs inside the import's transaction.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../client';

interface Rows<T> {
  rows: T[];
}

async function query<T>(db: Db, statement: SQL): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown as Rows<T>;
  return result.rows;
}

const num = (v: unknown): number => Number(v ?? 0);

export interface KindCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** Every region: code → materialised path, name and whether it is active (a few thousand rows). */
export async function selectRegionIndex(db: Db): Promise<Map<string, { path: string; name: string; active: boolean }>> {
  const rows = await query<{ code: string; path: string; name: string; active: boolean }>(db, sql`select code, path, name, active from regions`);
  return new Map(rows.map((r) => [r.code, { path: r.path, name: r.name, active: r.active }]));
}

/** Every industry code with its parent code (门类 letter for a 大类, 大类 for a 中类 …). */
export async function selectIndustryIndex(db: Db): Promise<Map<string, string | null>> {
  const rows = await query<{ code: string; parent_code: string | null }>(db, sql`select code, parent_code from industries`);
  return new Map(rows.map((r) => [r.code, r.parent_code]));
}

/** Stored projects among `codes`, with the path of their region. */
export async function selectProjectPathsByCodes(db: Db, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await query<{ code: string; path: string }>(
    db,
    sql`select p.code, r.path from projects p join regions r on r.code = p.region_code where p.code = any(${sql.param(codes)}::text[])`,
  );
  return new Map(rows.map((r) => [r.code, r.path]));
}

/** The 产业链节点 the stored projects among `codes` name (projects without one are left out). */
export async function selectProjectChainNodes(db: Db, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await query<{ code: string; node: string }>(
    db,
    sql`select code, chain_node_code as node from projects where chain_node_code is not null and code = any(${sql.param(codes)}::text[])`,
  );
  return new Map(rows.map((r) => [r.code, r.node]));
}

/** Active users whose display name is one of `names`, with the path of their home region. */
export async function selectActiveUsersByDisplayNames(db: Db, names: string[]) {
  if (names.length === 0) return [];
  return query<{ id: string; display_name: string; username: string; path: string }>(
    db,
    sql`select u.id, u.display_name, u.username, r.path from users u join regions r on r.code = u.region_code
        where u.status = 'active' and u.display_name = any(${sql.param(names)}::text[])`,
  );
}

// ---------------------------------------------------------------------------------------------
// Staging

/** Staging of projects and funds; enterprises stage through enterprise-imports.ts. */
export async function createStagingTables(db: Db): Promise<void> {
  await db.execute(sql`create temporary table imp_projects (
    row_no int not null, code text not null, name text not null, region_code text not null,
    investor_name text, investor_credit_code text, investor_id uuid, source text not null, industry_code text,
    stage text not null, planned bigint, signed bigint, signed_date date, agreed_start_date date,
    started_date date, operating_date date, leader_name text, leader_id uuid,
    tags text[] not null default '{}', channel text, is_key boolean not null default false, chain_node_code text) on commit drop`);
  await db.execute(sql`create temporary table imp_funds (row_no int not null, project_code text not null, month text not null, amount bigint not null, note text) on commit drop`);
}

export interface StagedProject {
  rowNo: number;
  code: string;
  name: string;
  regionCode: string;
  investorName: string | null;
  investorCreditCode: string | null;
  source: string;
  industryCode: string | null;
  stage: string;
  planned: bigint | null;
  signed: bigint | null;
  signedDate: string | null;
  agreedStartDate: string | null;
  startedDate: string | null;
  operatingDate: string | null;
  leaderName: string | null;
  tags: string[];
  channel: string | null;
  isKey: boolean;
  chainNode: string | null;
}

const big = (v: bigint | null) => (v === null ? null : v.toString());

export async function stageProjects(db: Db, rows: StagedProject[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <T>(f: (r: StagedProject) => T) => sql.param(rows.map(f));
  // tags travel as one text per row joined by the unit separator (unnest cannot take arrays of differing lengths)
  await db.execute(sql`insert into imp_projects (row_no, code, name, region_code, investor_name, investor_credit_code, source,
      industry_code, stage, planned, signed, signed_date, agreed_start_date, started_date, operating_date, leader_name,
      tags, channel, is_key, chain_node_code)
    select u.row_no, u.code, u.name, u.region_code, u.investor_name, u.investor_credit_code, u.source, u.industry_code, u.stage,
      u.planned, u.signed, u.signed_date, u.agreed_start_date, u.started_date, u.operating_date, u.leader_name,
      case when u.tags = '' then '{}'::text[] else string_to_array(u.tags, chr(31)) end, u.channel, u.is_key, u.chain_node_code
    from unnest(${col((r) => r.rowNo)}::int[], ${col((r) => r.code)}::text[], ${col((r) => r.name)}::text[],
      ${col((r) => r.regionCode)}::text[], ${col((r) => r.investorName)}::text[], ${col((r) => r.investorCreditCode)}::text[],
      ${col((r) => r.source)}::text[], ${col((r) => r.industryCode)}::text[], ${col((r) => r.stage)}::text[],
      ${col((r) => big(r.planned))}::bigint[], ${col((r) => big(r.signed))}::bigint[], ${col((r) => r.signedDate)}::date[],
      ${col((r) => r.agreedStartDate)}::date[], ${col((r) => r.startedDate)}::date[], ${col((r) => r.operatingDate)}::date[],
      ${col((r) => r.leaderName)}::text[], ${col((r) => r.tags.join('\u001f'))}::text[], ${col((r) => r.channel)}::text[],
      ${col((r) => r.isKey)}::boolean[], ${col((r) => r.chainNode)}::text[])
      as u(row_no, code, name, region_code, investor_name, investor_credit_code, source, industry_code, stage, planned, signed,
        signed_date, agreed_start_date, started_date, operating_date, leader_name, tags, channel, is_key, chain_node_code)`);
}

export interface StagedFund {
  rowNo: number;
  projectCode: string;
  month: string;
  amount: bigint;
  note: string | null;
}

export async function stageFunds(db: Db, rows: StagedFund[]): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`insert into imp_funds (row_no, project_code, month, amount, note)
    select * from unnest(${sql.param(rows.map((r) => r.rowNo))}::int[], ${sql.param(rows.map((r) => r.projectCode))}::text[],
      ${sql.param(rows.map((r) => r.month))}::text[], ${sql.param(rows.map((r) => r.amount.toString()))}::bigint[],
      ${sql.param(rows.map((r) => r.note))}::text[])`);
}

// ---------------------------------------------------------------------------------------------
// Merges

/**
 * Projects by code, in two steps so the locked-month check sits in between. First
 * (compareStagedProjects): investors are found by credit code (else by name among enterprises
 * without a code) and created when new; leaders come resolved as (name, id) pairs; each staged row
 * is compared with the stored project (imp_project_cmp). Returns how many investors were created.
 */
export async function compareStagedProjects(
  db: Db,
  /** the import: investors it creates name it (enterprises.created_by_import) */
  importId: string,
  leaders: { name: string; id: string }[],
  /** the optional columns the file carries; an absent one keeps the stored value (a new project gets the default) */
  columns: { tags: boolean; channel: boolean; isKey: boolean; chainNode: boolean } = { tags: true, channel: true, isKey: true, chainNode: true },
): Promise<{ investorsCreated: number }> {
  // temporary tables have no statistics until analysed: without them the planner guesses badly
  await db.execute(sql`analyze imp_projects`);
  const [inv1] = await query<{ n: unknown }>(
    db,
    sql`with ins as (
          insert into enterprises (credit_code, name, created_by_import)
          select distinct on (investor_credit_code) investor_credit_code, investor_name, ${importId}::uuid from imp_projects
          where investor_credit_code is not null and investor_name is not null
          order by investor_credit_code, row_no
          on conflict (credit_code) do nothing returning 1)
        select count(*) as n from ins`,
  );
  const [inv2] = await query<{ n: unknown }>(
    db,
    sql`with ins as (
          insert into enterprises (name, created_by_import)
          select distinct s.investor_name, ${importId}::uuid from imp_projects s
          where s.investor_credit_code is null and s.investor_name is not null
            and not exists (select 1 from enterprises e where e.name = s.investor_name and e.credit_code is null)
          returning 1)
        select count(*) as n from ins`,
  );
  await db.execute(sql`update imp_projects s set investor_id = e.id from enterprises e where e.credit_code = s.investor_credit_code`);
  await db.execute(sql`update imp_projects s set investor_id = (
      select e.id from enterprises e where e.name = s.investor_name and e.credit_code is null order by e.created_at, e.id limit 1)
    where s.investor_credit_code is null and s.investor_name is not null`);
  if (leaders.length > 0) {
    await db.execute(sql`update imp_projects s set leader_id = l.id
      from unnest(${sql.param(leaders.map((l) => l.name))}::text[], ${sql.param(leaders.map((l) => l.id))}::uuid[]) as l(name, id)
      where s.leader_name = l.name`);
  }
  if (!columns.tags) await db.execute(sql`update imp_projects s set tags = p.tags from projects p where p.code = s.code`);
  if (!columns.channel) await db.execute(sql`update imp_projects s set channel = p.channel from projects p where p.code = s.code`);
  if (!columns.isKey) await db.execute(sql`update imp_projects s set is_key = p.is_key from projects p where p.code = s.code`);
  if (!columns.chainNode) await db.execute(sql`update imp_projects s set chain_node_code = p.chain_node_code from projects p where p.code = s.code`);
  await db.execute(sql`create temporary table imp_project_cmp on commit drop as
    select s.*, p.id as old_id, p.stage as old_stage,
      (p.id is not null and row(p.name, p.region_code, p.investor_id, p.source, p.industry_code, p.planned_investment_yuan,
          p.signed_amount_yuan, p.signed_date, p.agreed_start_date, p.started_date, p.operating_date, p.stage, p.leader_id,
          p.tags, p.channel, p.is_key, p.chain_node_code)
        is not distinct from row(s.name, s.region_code, s.investor_id, s.source, s.industry_code, s.planned, s.signed,
          s.signed_date, s.agreed_start_date, s.started_date, s.operating_date, s.stage, s.leader_id,
          s.tags, s.channel, s.is_key, s.chain_node_code)) as same
    from imp_projects s left join projects p on p.code = s.code`);
  await db.execute(sql`analyze imp_project_cmp`);
  return { investorsCreated: num(inv1?.n) + num(inv2?.n) };
}

/**
 * The staged projects that change a stored project or create one, as a change relation for the
 * locked-figures check (db/queries/returns/locked-figures.ts), keyed by the file's row number.
 */
export const STAGED_PROJECT_CHANGES = sql`select c.row_no as key, c.old_id as project_id, c.code, c.name,
    p.region_code as old_region_code, c.region_code as new_region_code, p.source as old_source, c.source as new_source,
    p.signed_date as old_signed_date, c.signed_date as new_signed_date, p.signed_amount_yuan as old_signed, c.signed as new_signed,
    p.investor_id as old_investor_id, c.investor_id as new_investor_id, p.started_date as old_started_date, c.started_date as new_started_date,
    coalesce(p.stage = 'terminated', false) as old_terminated, c.stage = 'terminated' as new_terminated
  from imp_project_cmp c left join projects p on p.id = c.old_id where not c.same`;

/**
 * Second step: writes the compared projects. Created projects and stage changes get a stage-history
 * row; every created or changed project gets an import_changes row (the before and after of each
 * changed field; a created one its fields) under `importId`. Returns the counts.
 */
export async function applyStagedProjects(db: Db, actor: { id: string | null; displayName: string }, importId: string): Promise<KindCounts> {
  const [counts] = await query<{ created: unknown; updated: unknown; unchanged: unknown }>(
    db,
    sql`select count(*) filter (where old_id is null) as created,
               count(*) filter (where old_id is not null and not same) as updated,
               count(*) filter (where same) as unchanged
        from imp_project_cmp`,
  );
  // stage changes first: the history keeps the stage the project had
  await db.execute(sql`insert into project_stage_history (project_id, from_stage, to_stage, note, changed_by, changed_by_name)
    select old_id, old_stage, stage, '导入', ${actor.id}::uuid, ${actor.displayName} from imp_project_cmp
    where old_id is not null and old_stage <> stage order by row_no`);
  // the history of each changed project: only the fields that change (read before the update)
  await db.execute(sql`insert into import_changes (import_id, object_type, object_id, project_id, change, before, after)
    select ${importId}::uuid, 'project', c.old_id, c.old_id, 'update', jsonb_build_object('code', c.code) || d.before, jsonb_build_object('code', c.code) || d.after
    from imp_project_cmp c
    join projects p on p.id = c.old_id
    left join enterprises eo on eo.id = p.investor_id
    left join users uo on uo.id = p.leader_id
    cross join lateral (
      select jsonb_object_agg(v.k, v.b) as before, jsonb_object_agg(v.k, v.a) as after
      from (values
        ('name', to_jsonb(p.name), to_jsonb(c.name), p.name is distinct from c.name),
        ('regionCode', to_jsonb(p.region_code), to_jsonb(c.region_code), p.region_code is distinct from c.region_code),
        ('investorName', to_jsonb(eo.name), to_jsonb(c.investor_name), p.investor_id is distinct from c.investor_id),
        ('source', to_jsonb(p.source), to_jsonb(c.source), p.source is distinct from c.source),
        ('industryCode', to_jsonb(p.industry_code), to_jsonb(c.industry_code), p.industry_code is distinct from c.industry_code),
        ('plannedInvestmentYuan', to_jsonb(p.planned_investment_yuan), to_jsonb(c.planned), p.planned_investment_yuan is distinct from c.planned),
        ('signedAmountYuan', to_jsonb(p.signed_amount_yuan), to_jsonb(c.signed), p.signed_amount_yuan is distinct from c.signed),
        ('signedDate', to_jsonb(p.signed_date), to_jsonb(c.signed_date), p.signed_date is distinct from c.signed_date),
        ('agreedStartDate', to_jsonb(p.agreed_start_date), to_jsonb(c.agreed_start_date), p.agreed_start_date is distinct from c.agreed_start_date),
        ('startedDate', to_jsonb(p.started_date), to_jsonb(c.started_date), p.started_date is distinct from c.started_date),
        ('operatingDate', to_jsonb(p.operating_date), to_jsonb(c.operating_date), p.operating_date is distinct from c.operating_date),
        ('stage', to_jsonb(p.stage), to_jsonb(c.stage), p.stage is distinct from c.stage),
        ('leaderName', to_jsonb(uo.display_name), to_jsonb(c.leader_name), p.leader_id is distinct from c.leader_id),
        ('tags', to_jsonb(p.tags), to_jsonb(c.tags), p.tags is distinct from c.tags),
        ('channel', to_jsonb(p.channel), to_jsonb(c.channel), p.channel is distinct from c.channel),
        ('isKey', to_jsonb(p.is_key), to_jsonb(c.is_key), p.is_key is distinct from c.is_key),
        ('chainNode', to_jsonb(p.chain_node_code), to_jsonb(c.chain_node_code), p.chain_node_code is distinct from c.chain_node_code)
      ) as v(k, b, a, changed)
      where v.changed) d
    where not c.same
    order by c.row_no`);
  await db.execute(sql`update projects p set name = c.name, region_code = c.region_code, investor_id = c.investor_id, source = c.source,
      industry_code = c.industry_code, planned_investment_yuan = c.planned, signed_amount_yuan = c.signed, signed_date = c.signed_date,
      agreed_start_date = c.agreed_start_date, started_date = c.started_date, operating_date = c.operating_date, stage = c.stage,
      stage_before_termination = case when c.stage = 'terminated' and p.stage <> 'terminated' then p.stage else p.stage_before_termination end,
      leader_id = c.leader_id, tags = c.tags, channel = c.channel, is_key = c.is_key, chain_node_code = c.chain_node_code,
      version = p.version + 1, updated_at = now(), last_progress_at = now()
    from imp_project_cmp c where p.id = c.old_id and not c.same`);
  await db.execute(sql`with ins as (
      insert into projects (code, name, region_code, investor_id, source, industry_code, planned_investment_yuan, signed_amount_yuan,
        signed_date, agreed_start_date, started_date, operating_date, stage, leader_id, tags, channel, is_key, chain_node_code, created_by)
      select code, name, region_code, investor_id, source, industry_code, planned, signed, signed_date, agreed_start_date,
        started_date, operating_date, stage, leader_id, tags, channel, is_key, chain_node_code, ${actor.id}::uuid
      from imp_project_cmp where old_id is null order by row_no
      returning id, code, stage),
    history as (
      insert into import_changes (import_id, object_type, object_id, project_id, change, before, after)
      select ${importId}::uuid, 'project', ins.id, ins.id, 'create', null,
        jsonb_strip_nulls(jsonb_build_object('code', c.code, 'name', c.name, 'regionCode', c.region_code, 'investorName', c.investor_name,
          'source', c.source, 'industryCode', c.industry_code, 'plannedInvestmentYuan', c.planned, 'signedAmountYuan', c.signed,
          'signedDate', c.signed_date, 'agreedStartDate', c.agreed_start_date, 'startedDate', c.started_date,
          'operatingDate', c.operating_date, 'stage', c.stage, 'leaderName', c.leader_name,
          'tags', case when cardinality(c.tags) > 0 then to_jsonb(c.tags) end, 'channel', c.channel, 'isKey', case when c.is_key then true end,
          'chainNode', c.chain_node_code))
      from ins join imp_project_cmp c on c.code = ins.code)
    insert into project_stage_history (project_id, from_stage, to_stage, note, changed_by, changed_by_name)
    select id, null, stage, '导入新建', ${actor.id}::uuid, ${actor.displayName} from ins`);
  return { created: num(counts?.created), updated: num(counts?.updated), unchanged: num(counts?.unchanged) };
}

/**
 * Funds by (project, month): rows of one file sharing a key add up (notes joined); a changed amount
 * or note replaces the stored one and must be verified again; changed projects count as progress.
 * A created receipt carries `importId` (created_by_import: a column, not a history row, so a million
 * created receipts cost next to nothing); a changed one gets an import_changes row under `importId`
 * (month, and the before and after of the amount, the note and the verification where they change).
 */
export async function mergeFunds(db: Db, actorId: string | null, importId: string): Promise<KindCounts> {
  await db.execute(sql`analyze imp_funds`);
  const [r] = await query<{ created: unknown; updated: unknown; unchanged: unknown }>(
    db,
    sql`with agg as (
          select p.id as project_id, f.month, sum(f.amount)::bigint as amount,
                 string_agg(f.note, '；' order by f.row_no) as note
          from imp_funds f join projects p on p.code = f.project_code
          group by p.id, f.month),
        cmp as (
          select a.*, r.id as old_id, r.amount_yuan as old_amount, r.note as old_note, r.verified_at is not null as old_verified,
            (r.id is not null and r.amount_yuan = a.amount and r.note is not distinct from a.note) as same
          from agg a left join fund_receipts r on r.project_id = a.project_id and r.month = a.month),
        ins as (
          insert into fund_receipts (project_id, month, amount_yuan, note, entered_by, created_by_import)
          select project_id, month, amount, note, ${actorId}::uuid, ${importId}::uuid from cmp where old_id is null
          returning project_id),
        upd as (
          update fund_receipts f set amount_yuan = c.amount, note = c.note, entered_by = ${actorId}::uuid, entered_at = now(),
            verified_by = null, verified_at = null, version = f.version + 1
          from cmp c where f.id = c.old_id and not c.same
          returning f.id, f.project_id, f.month, c.old_amount, c.amount, c.old_note, c.note, c.old_verified),
        history as (
          insert into import_changes (import_id, object_type, object_id, project_id, change, before, after)
          select ${importId}::uuid, 'fundReceipt', id, project_id, 'update',
            jsonb_build_object('month', month)
              || case when old_amount <> amount then jsonb_build_object('amountYuan', old_amount) else '{}' end
              || case when old_note is distinct from note then jsonb_build_object('note', old_note) else '{}' end
              || case when old_verified then jsonb_build_object('verified', true) else '{}' end,
            jsonb_build_object('month', month)
              || case when old_amount <> amount then jsonb_build_object('amountYuan', amount) else '{}' end
              || case when old_note is distinct from note then jsonb_build_object('note', note) else '{}' end
              || case when old_verified then jsonb_build_object('verified', false) else '{}' end
          from upd),
        touched as (
          update projects set last_progress_at = now()
          where id in (select project_id from ins union select project_id from upd)
          returning 1)
        select (select count(*) from ins) as created, (select count(*) from upd) as updated,
               (select count(*) from cmp where same) as unchanged, (select count(*) from touched) as touched`,
  );
  return { created: num(r?.created), updated: num(r?.updated), unchanged: num(r?.unchanged) };
}

/**
 * Staged fund rows that would change a month locked by an approved monthly return (of the
 * project's region or any region above it). Unchanged rows are fine: they write nothing. The
 * project's region comes from the file when the file also carries the project, else from the database.
 */
/** The distinct months of the staged fund rows, in order (to take their locks in a fixed order). */
export async function selectStagedFundMonths(db: Db): Promise<string[]> {
  const rows = await query<{ month: string }>(db, sql`select distinct month from imp_funds order by month`);
  return rows.map((r) => r.month);
}

export async function selectLockedFundRows(db: Db) {
  return query<{ row_no: number; project_code: string; month: string; locked_region: string; locked_parent: string | null }>(
    db,
    sql`with target as (
          select f.project_code, f.month, min(f.row_no) as row_no, sum(f.amount)::bigint as amount,
                 string_agg(f.note, '；' order by f.row_no) as note,
                 coalesce(ip.region_code, p.region_code) as region_code, p.id as project_id
          from imp_funds f
          left join imp_projects ip on ip.code = f.project_code
          left join projects p on p.code = f.project_code
          group by f.project_code, f.month, ip.region_code, p.region_code, p.id),
        changed as (
          select t.* from target t
          left join fund_receipts fr on fr.project_id = t.project_id and fr.month = t.month
          where fr.id is null or fr.amount_yuan <> t.amount or fr.note is distinct from t.note)
        select c.row_no, c.project_code, c.month, lr.name as locked_region, lr.parent_name as locked_parent
        from changed c
        join regions pr on pr.code = c.region_code
        join lateral (
          select rg.name, par.name as parent_name from monthly_returns mr join regions rg on rg.code = mr.region_code
          left join regions par on par.code = rg.parent_code
          where mr.month = c.month and mr.state = 'approved' and pr.path like rg.path || '%'
          order by length(rg.path) limit 1) lr on true
        order by c.row_no`,
  );
}
