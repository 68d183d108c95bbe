import { and, asc, count, desc, eq, gte, ilike, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../client';
import {
  chainNodeCodes,
  chains,
  enterprises,
  industries,
  projectMilestones,
  projectProblems,
  projects,
  projectStageHistory,
  projectTeamMembers,
  regions,
  users,
} from '../../schema/index';
import { escapeLike } from '../audit/audit';
import { countedReceipts, type ReceiptFilter } from '../statistics/statistics';

export type ProjectRow = typeof projects.$inferSelect;
export type ProjectInsert = typeof projects.$inferInsert;

const leader = alias(users, 'leader');

/** A project with the names a person reads: region, investor, industry, leader, and its funds total. */
const projectView = {
  project: projects,
  regionName: regions.name,
  regionPath: regions.path,
  investorName: enterprises.name,
  investorCreditCode: enterprises.creditCode,
  industryName: industries.name,
  leaderName: leader.displayName,
  fundsTotalYuan: sql<string>`coalesce((select sum(f.amount_yuan) from fund_receipts f where f.project_id = "projects"."id"), 0)`,
  chainCode: chains.code,
  chainName: chains.name,
  /** the node's name in the latest version of its chain that has it */
  chainNodeName: sql<string | null>`(select n.name from chain_nodes n where n.chain_id = ${chains.id} and n.code = "projects"."chain_node_code"
    order by n.version desc limit 1)`,
  /** false: the node is no longer in the chain's current version (已不在当前版本); null: no node */
  chainNodeCurrent: sql<boolean | null>`case when "projects"."chain_node_code" is null then null else exists (select 1 from chain_nodes n
    where n.chain_id = ${chains.id} and n.version = ${chains.currentVersion} and n.code = "projects"."chain_node_code") end`,
  /** the partner who brought the project (招商大使, 商会, 委托招商 agency); null: none recorded */
  broughtByPartnerName: sql<string | null>`(select pa.name from partners pa where pa.id = "projects"."brought_by_partner_id")`,
};

export type ProjectViewRow = {
  project: ProjectRow;
  regionName: string;
  regionPath: string;
  investorName: string | null;
  investorCreditCode: string | null;
  industryName: string | null;
  leaderName: string | null;
  fundsTotalYuan: string;
  chainCode: string | null;
  chainName: string | null;
  chainNodeName: string | null;
  chainNodeCurrent: boolean | null;
  broughtByPartnerName: string | null;
};

function fromProjects(db: Db) {
  return db
    .select(projectView)
    .from(projects)
    .innerJoin(regions, eq(regions.code, projects.regionCode))
    .leftJoin(enterprises, eq(enterprises.id, projects.investorId))
    .leftJoin(industries, eq(industries.code, projects.industryCode))
    .leftJoin(leader, eq(leader.id, projects.leaderId))
    .leftJoin(chainNodeCodes, eq(chainNodeCodes.code, projects.chainNodeCode))
    .leftJoin(chains, eq(chains.id, chainNodeCodes.chainId));
}

export async function selectProjectView(db: Db, id: string): Promise<ProjectViewRow | undefined> {
  const [row] = await fromProjects(db).where(eq(projects.id, id));
  return row;
}

export async function selectProjectByCode(db: Db, code: string): Promise<ProjectRow | undefined> {
  const [row] = await db.select().from(projects).where(eq(projects.code, code));
  return row;
}

/** Light thresholds as instants: progress before `*Before` is stale; agreed start on/before `*StartBy` is late. */
export interface LightCutoffs {
  today: string;
  yellowProgressBefore: Date;
  redProgressBefore: Date;
  yellowStartBy: string;
  redStartBy: string;
  overdueProblemIsRed: boolean;
}

export function buildLightSql(c: LightCutoffs): { red: SQL; yellow: SQL } {
  const active = sql`${projects.stage} not in ('operating', 'terminated')`;
  const overdue = c.overdueProblemIsRed
    ? sql`exists (select 1 from project_problems pp where pp.project_id = "projects"."id" and pp.status = 'open' and pp.due_date < ${c.today})`
    : sql`false`;
  const lateStart = (by: string) => sql`(${projects.stage} = 'signed' and ${projects.startedDate} is null and ${projects.agreedStartDate} <= ${by})`;
  const red = sql`(${active} and (${projects.lastProgressAt} < ${c.redProgressBefore.toISOString()} or ${lateStart(c.redStartBy)} or ${overdue}))`;
  const yellow = sql`(${active} and not ${red} and (${projects.lastProgressAt} < ${c.yellowProgressBefore.toISOString()} or ${lateStart(c.yellowStartBy)}))`;
  return { red, yellow };
}

/**
 * 资料不全 in SQL, for lists and counts: the same facts as listMissingFacts (domain/project-stages.ts),
 * where a project has an investor name exactly when it has an investor. Tested to agree with it.
 */
const MISSING_FACT_SQL = {
  investorName: sql`(${projects.stage} in ('negotiating', 'signed', 'started', 'operating') and ${projects.investorId} is null)`,
  signedDate: sql`(${projects.stage} in ('signed', 'started', 'operating') and ${projects.signedDate} is null)`,
  signedAmountYuan: sql`(${projects.stage} in ('signed', 'started', 'operating') and coalesce(${projects.signedAmountYuan}, 0) <= 0)`,
  startedDate: sql`(${projects.stage} in ('started', 'operating') and ${projects.startedDate} is null)`,
  operatingDate: sql`(${projects.stage} = 'operating' and ${projects.operatingDate} is null)`,
} as const;

const INCOMPLETE_SQL = sql`(${sql.join(Object.values(MISSING_FACT_SQL), sql` or `)})`;

/**
 * 待完善 counts for the projects under `rootCode`: per child region of it (its whole subtree) and
 * the root itself (projects registered at it directly), how many projects are incomplete and how
 * many lack each fact.
 */
export async function selectIncompleteCountsByRegion(db: Db, rootCode: string) {
  const fields = Object.entries(MISSING_FACT_SQL).map(([k, cond]) => sql`, count(*) filter (where ${cond})::int as ${sql.identifier(k)}`);
  const res = (await db.execute(sql`
    select coalesce(c.code, root.code) as code, coalesce(c.name, root.name) as name, count(*)::int as projects ${sql.join(fields, sql``)}
    from ${projects}
    join regions r on r.code = ${projects.regionCode}
    join regions root on root.code = ${rootCode} and r.path like root.path || '%'
    left join regions c on c.parent_code = root.code and r.path like c.path || '%'
    where ${INCOMPLETE_SQL}
    group by 1, 2
    order by 1`)) as unknown as { rows: (Record<keyof typeof MISSING_FACT_SQL, number> & { code: string; name: string; projects: number })[] };
  return res.rows;
}

export interface ProjectFilter {
  scopePath: string;
  q?: string;
  regionCode?: string;
  stages?: string[];
  light?: 'green' | 'yellow' | 'red';
  sources?: string[];
  /** the filter's industry code and every code below it (listIndustryCodesUnder) */
  industryCodes?: string[];
  amountMinYuan?: bigint;
  amountMaxYuan?: bigint;
  leaderId?: string;
  /** leader or team member */
  involvesUserId?: string;
  isKey?: boolean;
  /** 产业链节点: projects naming one of these node codes (a node and the nodes below it) */
  chainNodeCodes?: string[];
  /** projects naming a node (of any version) of this chain */
  chainCode?: string;
  /**
   * Executing in a period (DESIGN.md 执行项目): the counted receipts (先证后计) of from..to sum to > 0;
   * `kind` new = no counted positive receipt before January of from's year, continued = some.
   */
  funds?: { from: string; to: string; kind?: 'new' | 'continued'; counted: ReceiptFilter };
  /** signing date within from..to (YYYY-MM-DD), as 签约项目 in a period */
  signed?: { from: string; to: string };
  /** 资料不全: the stage needs a fact the project lacks (INCOMPLETE_SQL) */
  incomplete?: boolean;
  /** projects carrying none of these tags (the statistics' excludeTags) */
  excludeTags?: readonly string[];
  sort: 'updated' | 'signedAmount' | 'code' | 'signedDate';
  limit: number;
  offset: number;
}

export async function selectProjectPage(db: Db, f: ProjectFilter, cutoffs: LightCutoffs) {
  const { red, yellow } = buildLightSql(cutoffs);
  const conditions: SQL[] = [sql`${regions.path} like ${`${f.scopePath}%`}`];
  if (f.q) {
    const p = `%${escapeLike(f.q)}%`;
    conditions.push(or(ilike(projects.name, p), ilike(projects.code, p), ilike(enterprises.name, p)) as SQL);
  }
  if (f.regionCode) conditions.push(sql`${regions.path} like (select r.path from regions r where r.code = ${f.regionCode}) || '%'`);
  if (f.stages?.length) conditions.push(inArray(projects.stage, f.stages as ProjectRow['stage'][]));
  if (f.sources?.length) {
    // 'none': projects whose source is not filled in (the statistics' 来源未填 row)
    const known = f.sources.filter((v) => v !== 'none') as NonNullable<ProjectRow['source']>[];
    const bySource = [...(known.length ? [inArray(projects.source, known)] : []), ...(f.sources.includes('none') ? [isNull(projects.source)] : [])];
    conditions.push(or(...bySource) as SQL);
  }
  if (f.industryCodes) conditions.push(f.industryCodes.length > 0 ? inArray(projects.industryCode, f.industryCodes) : sql`false`);
  if (f.amountMinYuan !== undefined) conditions.push(gte(projects.signedAmountYuan, f.amountMinYuan));
  if (f.amountMaxYuan !== undefined) conditions.push(lte(projects.signedAmountYuan, f.amountMaxYuan));
  if (f.leaderId) conditions.push(eq(projects.leaderId, f.leaderId));
  if (f.involvesUserId) {
    conditions.push(
      or(
        eq(projects.leaderId, f.involvesUserId),
        sql`exists (select 1 from project_team_members m where m.project_id = "projects"."id" and m.user_id = ${f.involvesUserId})`,
      ) as SQL,
    );
  }
  if (f.isKey !== undefined) conditions.push(eq(projects.isKey, f.isKey));
  if (f.chainNodeCodes) conditions.push(f.chainNodeCodes.length > 0 ? inArray(projects.chainNodeCode, f.chainNodeCodes) : sql`false`);
  if (f.chainCode) {
    conditions.push(sql`${projects.chainNodeCode} in (select nc.code from chain_node_codes nc join chains c on c.id = nc.chain_id where c.code = ${f.chainCode})`);
  }
  if (f.funds) conditions.push(...fundsConditions(f.funds));
  if (f.signed) conditions.push(sql`${projects.signedDate} between ${f.signed.from} and ${f.signed.to}`);
  if (f.incomplete !== undefined) conditions.push(f.incomplete ? INCOMPLETE_SQL : sql`not ${INCOMPLETE_SQL}`);
  if (f.excludeTags?.length) conditions.push(sql`not (${projects.tags} && ${sql.param([...f.excludeTags])}::text[])`);
  if (f.light === 'red') conditions.push(red);
  else if (f.light === 'yellow') conditions.push(yellow);
  else if (f.light === 'green') conditions.push(sql`not ${red} and not ${yellow}`);
  const where = and(...conditions);
  const order =
    f.sort === 'signedAmount'
      ? [sql`${projects.signedAmountYuan} desc nulls last`, asc(projects.code)]
      : f.sort === 'code'
        ? [asc(projects.code)]
        : f.sort === 'signedDate'
          ? [sql`${projects.signedDate} desc nulls last`, asc(projects.code)]
          : [desc(projects.updatedAt), asc(projects.code)];
  const rows = await fromProjects(db)
    .where(where)
    .orderBy(...order)
    .limit(f.limit)
    .offset(f.offset);
  const stageRows = await db
    .select({ stage: projects.stage, n: count() })
    .from(projects)
    .innerJoin(regions, eq(regions.code, projects.regionCode))
    .leftJoin(enterprises, eq(enterprises.id, projects.investorId))
    .leftJoin(industries, eq(industries.code, projects.industryCode))
    .where(where)
    .groupBy(projects.stage);
  const stageCounts: Record<string, number> = {};
  for (const r of stageRows) stageCounts[r.stage] = Number(r.n);
  const total = Object.values(stageCounts).reduce((a, b) => a + b, 0);
  // a funds drill-down: each listed project's funds in the period, and their sum over every matching project
  let periodFunds: { byProject: Map<string, bigint>; totalYuan: bigint } | null = null;
  if (f.funds) {
    const funds = periodFundsSql(f.funds);
    const byProject = new Map<string, bigint>();
    const ids = rows.map((r) => r.project.id);
    if (ids.length > 0) {
      const found = await db.select({ id: projects.id, yuan: sql<string>`${funds}::text` }).from(projects).where(inArray(projects.id, ids));
      for (const r of found) byProject.set(r.id, BigInt(r.yuan));
    }
    const [sum] = await db
      .select({ yuan: sql<string>`coalesce(sum(${funds}), 0)::text` })
      .from(projects)
      .innerJoin(regions, eq(regions.code, projects.regionCode))
      .leftJoin(enterprises, eq(enterprises.id, projects.investorId))
      .leftJoin(industries, eq(industries.code, projects.industryCode))
      .where(where);
    periodFunds = { byProject, totalYuan: BigInt(sum?.yuan ?? '0') };
  }
  return { rows: rows as ProjectViewRow[], total, stageCounts, periodFunds };
}

/** A project's counted funds in from..to (the figure the statistics add up). */
function periodFundsSql(p: { from: string; to: string; counted: ReceiptFilter }): SQL {
  return sql`(select coalesce(sum(f.amount_yuan), 0) from fund_receipts f
    where f.project_id = "projects"."id" and f.month between ${p.from} and ${p.to} and ${countedReceipts(p.counted)})`;
}

function fundsConditions(p: NonNullable<ProjectFilter['funds']>): SQL[] {
  const out = [sql`${periodFundsSql(p)} > 0`];
  if (p.kind) {
    const before = sql`exists (select 1 from fund_receipts f where f.project_id = "projects"."id"
      and f.month < ${`${p.from.slice(0, 4)}-01`} and f.amount_yuan > 0 and ${countedReceipts(p.counted)})`;
    out.push(p.kind === 'new' ? sql`not ${before}` : before);
  }
  return out;
}

/** The highest project code starting with `prefix`, for numbering generated codes. */
export async function selectMaxCodeWithPrefix(db: Db, prefix: string): Promise<string | null> {
  const [row] = await db
    .select({ max: sql<string | null>`max(${projects.code})` })
    .from(projects)
    .where(sql`${projects.code} like ${`${escapeLike(prefix)}%`}`);
  return row?.max ?? null;
}

export async function insertProject(db: Db, row: ProjectInsert): Promise<ProjectRow> {
  const [created] = await db.insert(projects).values(row).returning();
  if (!created) throw new Error('insert projects returned nothing');
  return created;
}

export type ProjectPatch = Partial<Omit<ProjectInsert, 'id' | 'code' | 'createdAt' | 'createdBy' | 'version'>>;

export async function updateProjectVersioned(db: Db, id: string, version: number, patch: ProjectPatch): Promise<ProjectRow | undefined> {
  const [row] = await db
    .update(projects)
    .set({ ...patch, version: sql`${projects.version} + 1`, updatedAt: new Date() })
    .where(and(eq(projects.id, id), eq(projects.version, version)))
    .returning();
  return row;
}

/** Marks progress without a version bump (a receipt or a problem update is progress too). */
export async function touchProjectProgress(db: Db, id: string): Promise<void> {
  await db.update(projects).set({ lastProgressAt: new Date() }).where(eq(projects.id, id));
}

export async function insertStageHistory(db: Db, row: typeof projectStageHistory.$inferInsert) {
  const [created] = await db.insert(projectStageHistory).values(row).returning();
  if (!created) throw new Error('insert project_stage_history returned nothing');
  return created;
}

export async function selectStageHistory(db: Db, projectId: string) {
  return db.select().from(projectStageHistory).where(eq(projectStageHistory.projectId, projectId)).orderBy(asc(projectStageHistory.id));
}

export async function selectTeam(db: Db, projectId: string) {
  return db
    .select({ userId: users.id, displayName: users.displayName, username: users.username })
    .from(projectTeamMembers)
    .innerJoin(users, eq(users.id, projectTeamMembers.userId))
    .where(eq(projectTeamMembers.projectId, projectId))
    .orderBy(asc(users.username));
}

export async function replaceTeam(db: Db, projectId: string, userIds: string[]): Promise<void> {
  await db.delete(projectTeamMembers).where(eq(projectTeamMembers.projectId, projectId));
  if (userIds.length > 0) await db.insert(projectTeamMembers).values(userIds.map((userId) => ({ projectId, userId })));
}

export async function selectMilestones(db: Db, projectId: string) {
  return db.select().from(projectMilestones).where(eq(projectMilestones.projectId, projectId)).orderBy(asc(projectMilestones.sortOrder));
}

export async function replaceMilestones(db: Db, projectId: string, items: { title: string; dueDate: string | null; doneOn: string | null }[]) {
  await db.delete(projectMilestones).where(eq(projectMilestones.projectId, projectId));
  if (items.length > 0) {
    await db.insert(projectMilestones).values(items.map((m, i) => ({ projectId, title: m.title, dueDate: m.dueDate, doneOn: m.doneOn, sortOrder: i })));
  }
}

/** Open problems' due dates per project, for the light explanations of a page of projects. */
export async function selectOpenProblemDueDates(db: Db, projectIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (projectIds.length === 0) return map;
  const rows = await db
    .select({ projectId: projectProblems.projectId, dueDate: projectProblems.dueDate })
    .from(projectProblems)
    .where(and(inArray(projectProblems.projectId, projectIds), eq(projectProblems.status, 'open')));
  for (const r of rows) map.set(r.projectId, [...(map.get(r.projectId) ?? []), r.dueDate]);
  return map;
}

export async function selectUsersByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: users.id, displayName: users.displayName, regionPath: regions.path, status: users.status })
    .from(users)
    .innerJoin(regions, eq(regions.code, users.regionCode))
    .where(inArray(users.id, ids));
}

