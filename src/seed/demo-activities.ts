/**
 * Demo activities (issue 13 item 10): a year of 招商活动 of the demo prefecture 乌鲁木齐市 and its
 * counties, up to today — trips to 长三角/珠三角 led by leaders of every level (and none), with
 * person-trips and destinations; visits and receptions meeting enterprises of the demo enterprise
 * database (by credit code), chambers and parks; 推介会/说明会/峰会/展会 organised and attended; one
 * signing ceremony at which the demo projects signed that month were signed; talks and intents on
 * other demo projects; and the work of the resident team in 杭州 (its record is created first, so
 * the ledger's 驻点小分队 resolves to it), and the prefecture's two 招商大使, each the source (带来方,
 * 招商方式 以商招商) of two demo projects, one signed and one still a lead, so the partner view has figures.
 *
 * Written through the activity ledger import (the same validation, one transaction per kind, one
 * audit row each), as a bureau would load last year's ledger. Deterministic (seeded) and idempotent:
 * nothing happens when a demo activity exists.
 */
import { like, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { activities } from '../db/schema/index';
import { selectRows } from '../db/queries/sql-rows';
import { ACTIVITY_TYPE_LABELS, HOSTING_LABELS, LEADER_LEVEL_LABELS, ORGANISATION_KIND_LABELS, OUTCOME_LABELS } from '../domain/activities/activity-kinds';
import type { ActivityHosting, ActivityOutcome, ActivityType, LeaderLevel, OrganisationKind } from '../domain/activities/activity-kinds';
import { todayInShanghai } from '../domain/dates';
import { shiftDate } from '../domain/working-days';
import { createSystemCaller, type Caller, type Deps } from '../services/context';
import { importActivities, type ActivityImportKind } from '../services/activities/import-activities';
import { createPartner } from '../services/activities/partners';
import { createTeam } from '../services/activities/resident-teams';
import { updateProject } from '../services/projects/projects';
import { createRng, type Rng } from './random';

export const DEMO_ACTIVITY_PREFIX = 'DEMO-HD-';
export const DEMO_RESIDENT_TEAM = '驻杭州招商小分队';
const PREFECTURE = '650100';
const SEED = 20261206;

export interface DemoActivityCounts {
  activities: number;
  organisations: number;
  projects: number;
}

/** the regions that organise: the prefecture more than each county */
const ORGANISERS: { w: number; v: string }[] = [
  { w: 6, v: PREFECTURE },
  { w: 3, v: '650109' },
  { w: 2, v: '650102' },
  { w: 2, v: '650103' },
  { w: 2, v: '650104' },
  { w: 1, v: '650105' },
  { w: 2, v: '650106' },
  { w: 1, v: '650107' },
  { w: 1, v: '650121' },
];

/** leaders by level, for the prefecture and for a county (fictional names) */
const LEADERS: Record<'prefecture' | 'county', Record<Exclude<LeaderLevel, 'none'>, string[]>> = {
  prefecture: { principal: ['陈志远', '郑国强'], leadership: ['刘海燕', '艾力·买买提', '黄文斌'], official: ['周敏', '杨振华', '吴思源'] },
  county: { principal: ['张卫东', '热合曼·吐尔逊'], leadership: ['何丽君', '孙伟'], official: ['马晓东', '李建新', '古丽娜尔'] },
};

/** 长三角 / 珠三角 cities and the province prefix of their enterprises */
const DESTINATIONS: { city: string; prefix: string }[] = [
  { city: '上海', prefix: '31' },
  { city: '杭州', prefix: '3301' },
  { city: '苏州', prefix: '3205' },
  { city: '南京', prefix: '3201' },
  { city: '宁波', prefix: '3302' },
  { city: '无锡', prefix: '3202' },
  { city: '合肥', prefix: '3401' },
  { city: '深圳', prefix: '4403' },
  { city: '广州', prefix: '4401' },
  { city: '东莞', prefix: '4419' },
  { city: '佛山', prefix: '4406' },
];

const CHAMBERS = ['新疆浙江商会', '新疆江苏商会', '上海市新疆商会', '深圳市新疆商会', '广东省新疆商会', '新疆福建商会', '新疆安徽商会'];
const PARKS = ['苏州工业园区', '上海张江高科技园区', '杭州未来科技城', '深圳前海深港现代服务业合作区', '广州南沙经济技术开发区', '合肥高新技术产业开发区'];
const ACADEMIC = ['浙江大学', '中国科学院上海硅酸盐研究所', '南京工业大学', '华南理工大学'];

interface Firm {
  name: string;
  creditCode: string;
  regionCode: string;
}

interface DemoProject {
  code: string;
  regionCode: string;
  stage: string;
  signedDate: string | null;
}

interface Org {
  name: string;
  creditCode: string;
  kind: OrganisationKind;
}

interface Planned {
  code: string;
  type: ActivityType;
  name: string;
  start: string;
  end: string;
  region: string;
  hosting: ActivityHosting | null;
  leaderName: string;
  leaderLevel: LeaderLevel | null;
  personTrips: number | null;
  destinations: string;
  team: string;
  notes: string;
  orgs: Org[];
  projects: { code: string; outcome: ActivityOutcome }[];
}

function csvCell(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function toCsv(header: string[], rows: (string | number | null)[][]): Buffer {
  return Buffer.from([header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n'), 'utf8');
}

function regionName(code: string): string {
  const names: Record<string, string> = {
    '650100': '乌鲁木齐市',
    '650102': '天山区',
    '650103': '沙依巴克区',
    '650104': '新市区',
    '650105': '水磨沟区',
    '650106': '头屯河区',
    '650107': '达坂城区',
    '650109': '米东区',
    '650121': '乌鲁木齐县',
  };
  return names[code] ?? code;
}

/** The plan of a year of activities (pure: the same inputs, the same plan). */
function planDemoActivities(today: string, firms: readonly Firm[], projects: readonly DemoProject[], rng: Rng = createRng(SEED)): Planned[] {
  const planned: Planned[] = [];
  const startMonth = addMonths(today.slice(0, 7), -11);
  const firmsIn = (prefix: string) => firms.filter((f) => f.regionCode.startsWith(prefix));
  const pickFirms = (prefix: string, n: number): Org[] => {
    const pool = firmsIn(prefix);
    const from = pool.length >= n ? pool : firms;
    return rng.shuffle([...from]).slice(0, n).map((f) => ({ name: f.name, creditCode: f.creditCode, kind: 'enterprise' }));
  };
  const projectsOf = (region: string, stages: readonly string[]) =>
    projects.filter((p) => stages.includes(p.stage) && (region === PREFECTURE || p.regionCode === region || p.regionCode.startsWith(region)));
  const linkTalks = (region: string, n: number): Planned['projects'] =>
    rng
      .shuffle([...projectsOf(region, ['lead', 'negotiating'])])
      .slice(0, n)
      .map((p) => ({ code: p.code, outcome: p.stage === 'negotiating' && rng.chance(0.4) ? 'intent' : 'talks' }));
  const seq = new Map<string, number>();
  const add = (p: Omit<Planned, 'code' | 'team' | 'notes'> & { team?: string; notes?: string }) => {
    if (p.start > today) return;
    const end = p.end > today ? today : p.end;
    const key = `${p.region}-${p.start.replaceAll('-', '')}`;
    const n = (seq.get(key) ?? 0) + 1;
    seq.set(key, n);
    planned.push({ ...p, end, team: p.team ?? '', notes: p.notes ?? '', code: `${DEMO_ACTIVITY_PREFIX}${key}-${n}` });
  };
  const dayIn = (month: string, from = 1, to = 28) => `${month}-${String(rng.int(from, to)).padStart(2, '0')}`;
  const leaderOf = (region: string, level: LeaderLevel) => (level === 'none' ? '' : rng.pick(LEADERS[region === PREFECTURE ? 'prefecture' : 'county'][level]));

  // the signing ceremony: the month of the year with the most demo signings; the projects signed then
  const signedInYear = projects.filter((p) => p.signedDate && p.signedDate >= `${startMonth}-01` && p.signedDate <= today && ['signed', 'started', 'operating'].includes(p.stage));
  const byMonth = new Map<string, DemoProject[]>();
  for (const p of signedInYear) byMonth.set((p.signedDate as string).slice(0, 7), [...(byMonth.get((p.signedDate as string).slice(0, 7)) ?? []), p]);
  const ceremonyMonth = [...byMonth].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))[0];

  for (let m = 0; m < 12; m++) {
    const month = addMonths(startMonth, m);
    // 外出招商: 4–6 trips a month, the leader's level spread over all four
    for (let i = rng.int(4, 6); i > 0; i--) {
      const region = rng.weighted(ORGANISERS);
      const level = rng.weighted<LeaderLevel>([
        { w: 2, v: 'principal' },
        { w: 3, v: 'leadership' },
        { w: 4, v: 'official' },
        { w: 2, v: 'none' },
      ]);
      const cities = rng.shuffle([...DESTINATIONS]).slice(0, rng.int(1, 3));
      const start = dayIn(month, 1, 24);
      const orgs = [...cities.flatMap((c) => pickFirms(c.prefix, rng.int(1, 2))), ...(rng.chance(0.5) ? [{ name: rng.pick(CHAMBERS), creditCode: '', kind: 'chamber' as const }] : [])];
      if (rng.chance(0.3)) orgs.push({ name: rng.pick(PARKS), creditCode: '', kind: 'park' });
      add({
        type: 'trip',
        name: `${regionName(region)}赴${cities.map((c) => c.city).join('、')}招商`,
        start,
        end: shiftDate(start, rng.int(2, 5)),
        region,
        hosting: null,
        leaderName: leaderOf(region, level),
        leaderLevel: level,
        personTrips: level === 'none' ? rng.int(2, 3) : rng.int(3, 8),
        destinations: cities.map((c) => c.city).join('、'),
        orgs: dedupe(orgs),
        projects: linkTalks(region, rng.int(0, 2)),
      });
    }
    // 上门拜访 in the region and 接待来访 of investors from the coast
    for (let i = rng.int(4, 7); i > 0; i--) {
      const region = rng.weighted(ORGANISERS);
      const start = dayIn(month);
      const orgs = pickFirms('65', rng.int(1, 2));
      add({ type: 'visit', name: `${regionName(region)}走访${orgs[0]?.name ?? '企业'}`, start, end: start, region, hosting: null, leaderName: '', leaderLevel: 'none', personTrips: null, destinations: '', orgs, projects: linkTalks(region, rng.int(0, 1)) });
    }
    for (let i = rng.int(6, 9); i > 0; i--) {
      const region = rng.weighted(ORGANISERS);
      const city = rng.pick(DESTINATIONS);
      const start = dayIn(month);
      const orgs: Org[] = [...pickFirms(city.prefix, rng.int(1, 2)), ...(rng.chance(0.25) ? [{ name: rng.pick(CHAMBERS), creditCode: '', kind: 'chamber' as const }] : [])];
      const level = rng.weighted<LeaderLevel>([
        { w: 1, v: 'principal' },
        { w: 2, v: 'leadership' },
        { w: 3, v: 'official' },
        { w: 3, v: 'none' },
      ]);
      add({
        type: 'reception',
        name: `接待${city.city}客商考察团`,
        start,
        end: shiftDate(start, rng.int(0, 2)),
        region,
        hosting: null,
        leaderName: leaderOf(region, level),
        leaderLevel: level,
        personTrips: null,
        destinations: '',
        orgs: dedupe(orgs),
        projects: linkTalks(region, rng.int(0, 2)),
      });
    }
    // an event every month: 推介会/说明会 organised on the coast, 峰会/展会 attended, the 亚欧博览会 organised at home
    const event = rng.pick<{ type: ActivityType; hosting: ActivityHosting; name: (c: string) => string }>([
      { type: 'promotion', hosting: 'organised', name: (c) => `乌鲁木齐（${c}）投资环境推介会` },
      { type: 'presentation', hosting: 'organised', name: (c) => `乌鲁木齐重点产业招商说明会（${c}）` },
      { type: 'summit', hosting: 'attended', name: (c) => `${c}新能源产业峰会` },
      { type: 'expo', hosting: 'attended', name: (c) => `${c}国际工业博览会` },
    ]);
    const city = rng.pick(DESTINATIONS);
    const eventStart = dayIn(month, 5, 25);
    const eventLevel: LeaderLevel = event.hosting === 'organised' ? 'principal' : 'official';
    add({
      type: event.type,
      name: event.name(city.city),
      start: eventStart,
      end: shiftDate(eventStart, event.type === 'expo' ? 3 : 1),
      region: PREFECTURE,
      hosting: event.hosting,
      leaderName: leaderOf(PREFECTURE, eventLevel),
      leaderLevel: eventLevel,
      personTrips: null,
      destinations: city.city,
      orgs: dedupe([...pickFirms(city.prefix, rng.int(2, 4)), { name: rng.pick(CHAMBERS), creditCode: '', kind: 'chamber' }, ...(rng.chance(0.4) ? [{ name: rng.pick(ACADEMIC), creditCode: '', kind: 'academic' as const }] : [])]),
      projects: linkTalks(PREFECTURE, rng.int(1, 3)),
    });
    if (month.endsWith('-08') || month.endsWith('-09')) {
      const start = `${month}-${month.endsWith('-08') ? '26' : '05'}`;
      add({ type: 'expo', name: '中国—亚欧商品贸易博览会', start, end: shiftDate(start, 4), region: PREFECTURE, hosting: 'organised', leaderName: leaderOf(PREFECTURE, 'principal'), leaderLevel: 'principal', personTrips: null, destinations: '乌鲁木齐', orgs: dedupe(pickFirms('3', 3)), projects: linkTalks(PREFECTURE, 2) });
    }
    if (rng.chance(0.5)) {
      const start = dayIn(month);
      add({ type: 'online', name: '“云招商”线上对接会', start, end: start, region: rng.weighted(ORGANISERS), hosting: null, leaderName: '', leaderLevel: 'none', personTrips: null, destinations: '', orgs: pickFirms('4', 2), projects: [] });
    }
    // the resident team in 杭州: visits to firms of 杭州 and the 长三角 every month, a small trip now and then
    for (let i = rng.int(2, 3); i > 0; i--) {
      const start = dayIn(month);
      const orgs = pickFirms(rng.chance(0.7) ? '3301' : '33', rng.int(1, 2));
      add({
        type: 'visit',
        name: `驻杭州小分队拜访${orgs[0]?.name ?? '企业'}`,
        start,
        end: start,
        region: PREFECTURE,
        hosting: null,
        leaderName: '',
        leaderLevel: 'none',
        personTrips: null,
        destinations: '杭州',
        team: DEMO_RESIDENT_TEAM,
        orgs,
        projects: linkTalks(PREFECTURE, rng.int(0, 1)),
      });
    }
    if (rng.chance(0.35)) {
      const start = dayIn(month, 1, 25);
      add({ type: 'trip', name: '驻杭州小分队赴宁波、绍兴对接', start, end: shiftDate(start, 2), region: PREFECTURE, hosting: null, leaderName: '', leaderLevel: 'none', personTrips: 2, destinations: '宁波、绍兴', team: DEMO_RESIDENT_TEAM, orgs: pickFirms('3302', 2), projects: [] });
    }
  }

  if (ceremonyMonth) {
    const [month, signed] = ceremonyMonth;
    const day = signed.map((p) => p.signedDate as string).sort()[signed.length - 1] as string;
    add({
      type: 'signing',
      name: `乌鲁木齐市${month.slice(0, 4)}年重点项目集中签约仪式`,
      start: day,
      end: day,
      region: PREFECTURE,
      hosting: 'organised',
      leaderName: leaderOf(PREFECTURE, 'principal'),
      leaderLevel: 'principal',
      personTrips: null,
      destinations: '乌鲁木齐',
      notes: `集中签约项目 ${signed.length} 个`,
      orgs: [],
      projects: signed.map((p) => ({ code: p.code, outcome: 'signed' })),
    });
  }
  return planned;
}

function addMonths(month: string, k: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const idx = y * 12 + (m - 1) + k;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

function dedupe(orgs: Org[]): Org[] {
  const seen = new Set<string>();
  return orgs.filter((o) => (seen.has(o.name) ? false : (seen.add(o.name), true)));
}

async function loadFirms(db: Db): Promise<Firm[]> {
  // enterprises of the demo database with a credit code, in the coast's provinces and in Xinjiang
  return selectRows<Firm>(
    db,
    sql`select name, credit_code as "creditCode", region_code as "regionCode" from enterprises
        where credit_code is not null and region_code is not null and status = 'existing'
          and left(region_code, 2) in ('31', '32', '33', '34', '44', '65')
        order by credit_code limit 3000`,
  );
}

async function loadProjects(db: Db): Promise<DemoProject[]> {
  return selectRows<DemoProject>(
    db,
    sql`select code, region_code as "regionCode", stage, signed_date::text as "signedDate" from projects where code like 'DEMO-%' order by code`,
  );
}

async function hasDemoActivities(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: activities.id }).from(activities).where(like(activities.code, `${DEMO_ACTIVITY_PREFIX}%`)).limit(1);
  return Boolean(row);
}

/**
 * Each 招商大使 brought two demo projects of the prefecture with no source recorded: the i-th ambassador the i-th
 * signed (or later) one and the i-th lead, in code order — through the project edit (audited, with its version).
 * Recording who brought a project long ago is not progress on it: the project's last progress goes back to what
 * the demo history says (as demo-chain-links.ts does), so its light keeps the planned colour.
 */
async function attributeAmbassadorProjects(deps: Deps, caller: Caller, partnerIds: readonly string[]): Promise<void> {
  const candidates = await selectRows<{ id: string; version: number; signed: boolean; last_progress_at: string }>(
    deps.db,
    sql`select p.id, p.version, (p.stage in ('signed', 'started', 'operating')) as signed, p.last_progress_at::text
        from projects p join regions r on r.code = p.region_code
        where p.code like 'DEMO-%' and p.brought_by_partner_id is null and p.stage in ('lead', 'signed', 'started', 'operating')
          and r.path like (select path from regions where code = ${PREFECTURE}) || '%'
        order by p.code`,
  );
  const signed = candidates.filter((c) => c.signed);
  const leads = candidates.filter((c) => !c.signed);
  for (const [i, partnerId] of partnerIds.entries()) {
    for (const project of [signed[i], leads[i]]) {
      if (!project) continue;
      await updateProject(deps, caller, project.id, { broughtByPartnerId: partnerId, channel: 'partner', version: project.version });
      await deps.db.execute(sql`update projects set last_progress_at = ${project.last_progress_at}::timestamptz where id = ${project.id}`);
    }
  }
}

/** Seeds the demo activities once (after the demo projects and enterprises); returns the counts, or null when they exist. */
export async function seedDemoActivities(deps: Deps, options: { today?: string } = {}): Promise<DemoActivityCounts | null> {
  if (await hasDemoActivities(deps.db)) return null;
  const plan = planDemoActivities(options.today ?? todayInShanghai(), await loadFirms(deps.db), await loadProjects(deps.db));
  const files: Record<ActivityImportKind, Buffer> = {
    activities: toCsv(
      ['活动编号', '活动类型', '活动名称', '开始日期', '结束日期', '地区代码', '主办或参加', '带队领导', '领导级别', '参加人次', '目的地', '驻点小分队', '备注'],
      plan.map((a) => [
        a.code,
        ACTIVITY_TYPE_LABELS[a.type],
        a.name,
        a.start,
        a.end,
        a.region,
        a.hosting ? HOSTING_LABELS[a.hosting] : '',
        a.leaderName,
        a.leaderLevel ? LEADER_LEVEL_LABELS[a.leaderLevel] : '',
        a.personTrips,
        a.destinations,
        a.team,
        a.notes,
      ]),
    ),
    'activity-organisations': toCsv(
      ['活动编号', '单位名称', '统一社会信用代码', '单位类型'],
      plan.flatMap((a) => a.orgs.map((o) => [a.code, o.name, o.creditCode, ORGANISATION_KIND_LABELS[o.kind]])),
    ),
    'activity-projects': toCsv(
      ['活动编号', '项目编号', '成果'],
      plan.flatMap((a) => a.projects.map((p) => [a.code, p.code, OUTCOME_LABELS[p.outcome]])),
    ),
  };
  const caller = createSystemCaller('demo-seed');
  // the team's record first, so the ledger's 驻点小分队 resolves to it; and the prefecture's two 招商大使
  const first = plan.reduce((min, a) => (a.start < min ? a.start : min), plan[0]?.start ?? todayInShanghai());
  await createTeam(deps, caller, {
    regionCode: PREFECTURE,
    name: DEMO_RESIDENT_TEAM,
    baseCity: '杭州',
    members: [
      { name: '马建军', role: '队长' },
      { name: '古丽米热·吐尔逊', role: '队员' },
      { name: '李浩', role: '队员' },
    ],
    periodFrom: first,
    targetsText: '驻点长三角，对接数字经济、新能源装备与纺织服装企业；每月走访不少于 4 家，引回项目线索',
    targetActivities: 40,
    targetLeads: 10,
    targetSignedProjects: 2,
  });
  const ambassadors: string[] = [];
  for (const ambassador of [
    { name: '陈海峰', notes: '上海新疆商会会长，2025 年聘为乌鲁木齐市招商大使' },
    { name: '刘敏', notes: '深圳新疆商会秘书长，2025 年聘为乌鲁木齐市招商大使' },
  ]) {
    ambassadors.push((await createPartner(deps, caller, { regionCode: PREFECTURE, kind: 'ambassador', name: ambassador.name, notes: ambassador.notes })).id);
  }
  await attributeAmbassadorProjects(deps, caller, ambassadors);
  for (const kind of ['activities', 'activity-organisations', 'activity-projects'] as const) {
    const result = await importActivities(deps, caller, files[kind], { fileName: `演示${kind}.csv`, kind });
    if (!result.ok) throw new Error(`demo activities (${kind}) did not import: ${JSON.stringify(result.problems.slice(0, 5))}`);
  }
  return {
    activities: plan.length,
    organisations: plan.reduce((s, a) => s + a.orgs.length, 0),
    projects: plan.reduce((s, a) => s + a.projects.length, 0),
  };
}
