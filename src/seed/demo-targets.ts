/**
 * 精准招商 in the demo (issue 12 item 12): 米东区, 天山区 and 乌鲁木齐市 itself claim about thirty
 * targets each on nodes of the adopted chains — firms outside 乌鲁木齐 ranked by the scoring service,
 * so each claim keeps its real score and features — and give them a year of history (the twelve
 * months up to the last complete one): claims spread over the months, contacts, visits, talks,
 * every status present, drops with reasons, and the firms that signed invest in a project of the
 * claiming region naming the node (signed, started or operating, its stage history dated), so the
 * funnel shows landed projects. Each chain gets a 链长 and each region a few roadmap items.
 * Deterministic (seeded random, today's date) and idempotent (nothing once a demo region has a target).
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { replaceRoadmapItems, updateChainLeader, type NewRoadmapItem } from '../db/queries/chains/chain-roadmap';
import { projects, projectStageHistory, targetEvents, targets } from '../db/schema/index';
import type { ChainNode } from '../domain/chains/chain-content';
import { todayInShanghai } from '../domain/dates';
import { lastCompleteMonth, shiftMonth } from '../contracts/periods';
import { readFeatureValues } from '../domain/targets/target-score';
import { shiftDate } from '../domain/working-days';
import { recordAudit } from '../services/audit/audit';
import { createSystemCaller, type Deps } from '../services/context';
import { resolveRegionChain, type TargetChainContext } from '../services/targets/target-context';
import { scoreCandidates, type ScoredCandidate } from '../services/targets/target-scoring';
import { loadTargetWeights } from '../services/targets/target-weights';
import { createRng, type Rng } from './random';

const SEED = 20261206;
export const DEMO_TARGET_PROJECT_PREFIX = 'DEMOT-';
/** claiming regions and the account working their targets */
const CLAIMANTS = [
  { regionCode: '650109', username: 'officer', targets: 34 },
  { regionCode: '650102', username: 'officer_ts', targets: 28 },
  { regionCode: '650100', username: 'analyst', targets: 26 },
] as const;
/** targets per node at most */
const PER_NODE = 4;
const FINAL_STATUSES = ['new', 'contacted', 'visited', 'negotiating', 'signed', 'dropped'] as const;
type FinalStatus = (typeof FINAL_STATUSES)[number];
/** the share of each final status among a region's targets */
const STATUS_SHARE: Record<FinalStatus, number> = { new: 0.18, contacted: 0.2, visited: 0.16, negotiating: 0.14, signed: 0.16, dropped: 0.16 };
const DROP_REASONS = ['企业近期无扩产计划', '已在其他地区落地同类项目', '用地和能耗指标无法满足', '企业经营出现困难，暂停对外投资', '物流成本测算不具优势', '企业决定在总部周边布局'];
const PATH: FinalStatus[] = ['contacted', 'visited', 'negotiating', 'signed'];

function demoUuid(kind: string, n: number): string {
  const h = createHash('sha256').update(`yinfeng-demo-targets:${kind}:${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h.charAt(16), 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** 10:00 (or a later hour) 北京时间 of a date, never in the future */
function at(date: string, hour = 10): Date {
  const t = new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`);
  return t.getTime() > Date.now() ? new Date(Date.now() - 60_000) : t;
}

function shortName(name: string): string {
  return name.replace(/(股份)?有限(责任)?公司$/, '').replace(/^(.{2,3}?)(省|市)/, '$1');
}

/** final statuses for `n` targets in the shares above, each at least once, shuffled */
function planStatuses(rng: Rng, n: number): FinalStatus[] {
  const out: FinalStatus[] = [...FINAL_STATUSES];
  for (const s of FINAL_STATUSES) for (let i = 1; i < Math.round(STATUS_SHARE[s] * n); i++) out.push(s);
  while (out.length < n) out.push('new');
  return rng.shuffle(out.slice(0, n));
}

interface PlannedTarget {
  row: typeof targets.$inferInsert;
  events: (typeof targetEvents.$inferInsert)[];
  project: typeof projects.$inferInsert | null;
  history: (typeof projectStageHistory.$inferInsert)[];
}

interface Claim {
  ctx: TargetChainContext;
  node: ChainNode;
  candidate: ScoredCandidate;
  ownerId: string;
  ownerName: string;
}

function isBig(claim: Claim): boolean {
  return BigInt(claim.candidate.row.registered_capital_yuan ?? '0') >= 10_000_000n;
}

/** the dated path of one target, its project when it got that far */
function planHistory(rng: Rng, claim: Claim, final: FinalStatus, window: { first: string; last: string }, n: number): PlannedTarget {
  const steps = final === 'new' ? 0 : final === 'dropped' ? rng.int(0, 3) : PATH.indexOf(final) + 1;
  const gaps = Array.from({ length: steps + (final === 'dropped' ? 1 : 0) }, () => rng.int(12, 45));
  const span = gaps.reduce((s, g) => s + g, 0);
  const days = Math.max(0, (Date.parse(window.last) - Date.parse(window.first)) / 86_400_000 - span);
  let day = shiftDate(window.first, rng.int(0, Math.max(0, Math.floor(days))));
  const id = demoUuid('target', n);
  const { ctx, node, candidate } = claim;
  const createdAt = at(day, 9 + rng.int(0, 7));
  const events: PlannedTarget['events'] = [{ targetId: id, status: 'new', at: createdAt, actorId: claim.ownerId }];
  const dates: Partial<Record<FinalStatus, string>> = {};
  for (let k = 0; k < steps; k++) {
    day = shiftDate(day, gaps[k] as number);
    const status = PATH[k] as FinalStatus;
    dates[status] = day;
    events.push({ targetId: id, status, at: at(day, 10 + rng.int(0, 6)), actorId: claim.ownerId });
  }
  let dropReason: string | null = null;
  if (final === 'dropped') {
    day = shiftDate(day, gaps[steps] as number);
    dropReason = rng.pick(DROP_REASONS);
    events.push({ targetId: id, status: 'dropped', at: at(day, 15), actorId: claim.ownerId, reason: dropReason });
  }
  const last = events[events.length - 1] as (typeof events)[number];
  let project: PlannedTarget['project'] = null;
  const history: PlannedTarget['history'] = [];
  const withProject = final === 'signed' || (final === 'negotiating' && rng.chance(0.5));
  if (withProject && dates.negotiating) {
    const projectId = demoUuid('project', n);
    const signedDate = dates.signed ?? null;
    // of the signed: a third still signed, a third started, a third operating (when time allows)
    const startedDate = signedDate && rng.chance(0.67) ? shiftDate(signedDate, rng.int(20, 60)) : null;
    const started = startedDate !== null && startedDate < window.last ? startedDate : null;
    const operatingDate = started && rng.chance(0.5) ? shiftDate(started, rng.int(40, 90)) : null;
    const operating = operatingDate !== null && operatingDate < window.last ? operatingDate : null;
    const stage = operating ? 'operating' : started ? 'started' : signedDate ? 'signed' : 'negotiating';
    const planned = rng.int(2, 40) * 5_000_000;
    const changedBy = claim.ownerId;
    const changedByName = claim.ownerName;
    const created = at(dates.negotiating, 11);
    history.push({ projectId, fromStage: null, toStage: 'negotiating', changedBy, changedByName, changedAt: created, note: '由招商目标转为项目' });
    if (signedDate) history.push({ projectId, fromStage: 'negotiating', toStage: 'signed', changedBy, changedByName, changedAt: at(signedDate, 11) });
    if (started) history.push({ projectId, fromStage: 'signed', toStage: 'started', changedBy, changedByName, changedAt: at(started, 11) });
    if (operating) history.push({ projectId, fromStage: 'started', toStage: 'operating', changedBy, changedByName, changedAt: at(operating, 11) });
    project = {
      id: projectId,
      code: `${DEMO_TARGET_PROJECT_PREFIX}${String(n).padStart(4, '0')}`,
      name: `${shortName(candidate.row.name)}${ctx.region.name}${node.name}项目`,
      regionCode: ctx.region.code,
      investorId: candidate.row.id,
      source: 'outOfRegion',
      industryCode: candidate.row.industry_code,
      plannedInvestmentYuan: BigInt(planned),
      signedAmountYuan: signedDate ? BigInt(planned) : null,
      signedDate,
      agreedStartDate: signedDate ? shiftDate(signedDate, 45) : null,
      startedDate: started,
      operatingDate: operating,
      stage,
      likelihood: stage === 'negotiating' ? 'medium' : null,
      description: `精准招商：${ctx.chain.name}·${node.name}节点目标企业`,
      leaderId: claim.ownerId,
      channel: 'chain',
      chainNodeCode: node.code,
      lastProgressAt: (history[history.length - 1] as { changedAt: Date }).changedAt,
      createdBy: claim.ownerId,
      createdAt: created,
      updatedAt: created,
    };
  }
  return {
    row: {
      id,
      regionCode: ctx.region.code,
      nodeCode: node.code,
      enterpriseId: candidate.row.id,
      status: final,
      dropReason,
      ownerId: claim.ownerId,
      scoreTenths: Math.round(candidate.score.score * 10),
      features: readFeatureValues(candidate.facts),
      projectId: project?.id ?? null,
      createdBy: claim.ownerId,
      createdAt,
      statusChangedAt: last.at,
      updatedAt: last.at,
      version: events.length,
    },
    events,
    project,
    history,
  };
}

async function selectUserIds(db: Db, usernames: readonly string[]): Promise<Map<string, { id: string; name: string }>> {
  const found = ((await db.execute(sql`select id, username, display_name from users where username in (${sql.join(usernames.map((u) => sql`${u}`), sql`, `)})`)) as unknown as {
    rows: { id: string; username: string; display_name: string }[];
  }).rows;
  return new Map(found.map((u) => [u.username, { id: u.id, name: u.display_name }]));
}

export interface DemoTargetCounts {
  targets: number;
  events: number;
  projects: number;
  byStatus: Record<string, number>;
}

/** Whether the demo regions have targets already (the history is seeded once). */
export async function hasDemoTargets(deps: Deps): Promise<boolean> {
  const taken = (await deps.db.execute(sql`select 1 from targets where region_code in ('650109', '650102', '650100') limit 1`)) as unknown as { rows: unknown[] };
  return taken.rows.length > 0;
}

export async function seedDemoTargetHistory(deps: Deps, chainCodes: readonly string[], options: { today?: string } = {}): Promise<DemoTargetCounts | null> {
  if (await hasDemoTargets(deps)) return null;
  const today = options.today ?? todayInShanghai();
  const lastMonth = lastCompleteMonth(new Date(`${today}T12:00:00+08:00`));
  const window = { first: `${shiftMonth(lastMonth, -11)}-01`, last: shiftDate(`${shiftMonth(lastMonth, 1)}-01`, -1) };
  const rng = createRng(SEED);
  const system = createSystemCaller('demo-seed');
  const people = await selectUserIds(deps.db, ['officer', 'officer_ts', 'analyst', 'leader', 'statistician']);
  const weights = (await loadTargetWeights(deps)).weights;
  const planned: PlannedTarget[] = [];
  const claimed = new Set<string>();
  const roadmaps: { chainId: string; regionCode: string; items: NewRoadmapItem[] }[] = [];
  for (const claimant of CLAIMANTS) {
    const owner = people.get(claimant.username);
    if (!owner) continue;
    const claims: Claim[] = [];
    for (const chainCode of chainCodes) {
      const ctx = await resolveRegionChain(deps, system, { region: claimant.regionCode, chain: chainCode });
      const items: NewRoadmapItem[] = [];
      const quota = Math.ceil(claimant.targets / chainCodes.length);
      let taken = 0;
      // nodes with firms that fit them (their industry or products), outside 乌鲁木齐, big enough to invest
      for (const node of rng.shuffle([...ctx.nodes])) {
        if (taken >= quota) break;
        const fitting = (await scoreCandidates(deps, ctx, node, weights)).filter(
          (c) =>
            !c.row.region_code?.startsWith('6501') &&
            !claimed.has(`${node.code}/${c.row.id}`) &&
            (c.facts.industryMatch !== null || c.facts.productsMatched.length > 0),
        );
        if (fitting.length < 2) continue;
        for (const candidate of fitting.slice(0, Math.min(PER_NODE, quota - taken))) {
          taken++;
          claimed.add(`${node.code}/${candidate.row.id}`);
          claims.push({ ctx, node, candidate, ownerId: owner.id, ownerName: owner.name });
        }
        items.push({ nodeCode: node.code, goal: rng.pick(['extend', 'fill', 'strengthen'] as const), ownerId: owner.id, dueOn: `${shiftMonth(lastMonth, rng.int(3, 12))}-28`, note: `${node.name}：年内对接重点企业不少于 ${rng.int(3, 8)} 家` });
      }
      roadmaps.push({ chainId: ctx.chain.id, regionCode: claimant.regionCode, items: items.slice(0, 2) });
    }
    const chosen = claims.slice(0, claimant.targets);
    // only a firm of 1000 万 or more invests in a project: talks and signings go to them first
    const statuses = planStatuses(rng, chosen.length);
    const big = rng.shuffle(chosen.filter(isBig));
    const ordered = [...big, ...chosen.filter((c) => !isBig(c))];
    const withProject = statuses.filter((s) => s === 'signed' || s === 'negotiating');
    const rest = statuses.filter((s) => s !== 'signed' && s !== 'negotiating');
    const assigned = ordered.map((claim, i): FinalStatus => {
      const wanted = i < withProject.length ? (withProject[i] as FinalStatus) : (rest[i - withProject.length] as FinalStatus);
      return i < withProject.length && !isBig(claim) ? 'visited' : wanted;
    });
    rng.shuffle(ordered.map((_, i) => i)).forEach((i) => planned.push(planHistory(rng, ordered[i] as Claim, assigned[i] as FinalStatus, window, planned.length + 1)));
  }
  const leader = people.get('leader');
  return deps.db.transaction(async (tx) => {
    const projectRows = planned.flatMap((p) => (p.project ? [p.project] : []));
    if (projectRows.length > 0) await tx.insert(projects).values(projectRows);
    const history = planned.flatMap((p) => p.history);
    if (history.length > 0) await tx.insert(projectStageHistory).values(history);
    if (planned.length > 0) await tx.insert(targets).values(planned.map((p) => p.row));
    const events = planned.flatMap((p) => p.events);
    if (events.length > 0) await tx.insert(targetEvents).values(events);
    for (const r of roadmaps) await replaceRoadmapItems(tx, r.chainId, r.regionCode, r.items);
    if (leader) for (const chainId of new Set(roadmaps.map((r) => r.chainId))) await updateChainLeader(tx, chainId, leader.id);
    const byStatus: Record<string, number> = {};
    for (const p of planned) byStatus[p.row.status as string] = (byStatus[p.row.status as string] ?? 0) + 1;
    const counts: DemoTargetCounts = { targets: planned.length, events: events.length, projects: projectRows.length, byStatus };
    await recordAudit(tx, system, { action: 'demo.seed.targets', objectType: 'demo', regionCode: '650100', after: { targetHistory: { today, ...counts } } });
    return counts;
  });
}
