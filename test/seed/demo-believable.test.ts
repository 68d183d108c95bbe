/**
 * Demo data a user believes (issue 11 item 12), over the seeded demo database: project names are
 * unique; every enterprise's name, scope and products come from its industry's vocabulary; capital
 * and employees are plausible for the kind of enterprise and move together; and no demo account
 * opens the app to a bell of overdue returns (the bureau has kept up: at most last month is late).
 */
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastCompleteMonth, shiftMonth } from '../../src/contracts/periods';
import { DEMO_ACCOUNTS, DEMO_CHAINS, DEMO_PASSWORD, seedDemo } from '../../src/seed/demo';
import { DEMO_ACTIVITY_PREFIX, DEMO_RESIDENT_TEAM, seedDemoActivities } from '../../src/seed/demo-activities';
import { SHOP_THEMES, vocabularyOf } from '../../src/seed/industry-vocabulary';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

interface EnterpriseRow {
  credit_code: string | null;
  name: string;
  industry_code: string | null;
  business_scope: string | null;
  main_products: string | null;
  capital_wan: string | number | null;
  employees: number | null;
  tags: string[] | null;
  investor: boolean;
}

async function rowsOf<T>(t: TestApp, query: SQL): Promise<T[]> {
  return ((await t.deps.db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Spearman's rank correlation */
function rankCorrelation(pairs: readonly [number, number][]): number {
  const ranks = (values: number[]) => {
    const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
    const r = new Array<number>(values.length);
    for (let k = 0; k < order.length; ) {
      let j = k;
      while (j + 1 < order.length && order[j + 1]?.[0] === order[k]?.[0]) j++;
      for (let m = k; m <= j; m++) r[(order[m] as readonly [number, number])[1]] = (k + j) / 2;
      k = j + 1;
    }
    return r;
  };
  const a = ranks(pairs.map((p) => p[0]));
  const b = ranks(pairs.map((p) => p[1]));
  const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
  const [ma, mb] = [mean(a), mean(b)];
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < a.length; i++) {
    num += ((a[i] as number) - ma) * ((b[i] as number) - mb);
    da += ((a[i] as number) - ma) ** 2;
    db += ((b[i] as number) - mb) ** 2;
  }
  return num / Math.sqrt(da * db);
}

describe.each(DATABASE_KINDS)('the seeded demo on %s', (kind) => {
  let t: TestApp;
  let rows: EnterpriseRow[];

  beforeAll(async () => {
    t = await createTestApp(kind);
    await seedDemo(t.deps);
    rows = await rowsOf<EnterpriseRow>(t, sql`
      select e.credit_code, e.name, e.industry_code, e.business_scope, e.main_products, e.registered_capital_yuan / 10000 as capital_wan,
             e.employees, e.tags, exists (select 1 from projects p where p.investor_id = e.id) as investor
        from enterprises e where e.business_scope is not null`);
  }, 600_000);
  afterAll(async () => {
    await t?.close();
  });

  it('has no two projects of the same name, and names carry their investor or place when shared', async () => {
    expect(await rowsOf(t, sql`select name, count(*)::int as n from projects group by name having count(*) > 1`)).toEqual([]);
    expect(await rowsOf(t, sql`select count(*)::int as n from projects where code like 'DEMO-%'`)).toEqual([{ n: 300 }]);
  });

  it('gives every enterprise a name, scope and products of its own industry', () => {
    expect(rows.length).toBeGreaterThan(30_000);
    const mismatched: string[] = [];
    for (const e of rows) {
      if (!e.industry_code) continue;
      const v = vocabularyOf(e.industry_code);
      const themes = (v.shops ?? []).flatMap((s) => (SHOP_THEMES[s] ? [SHOP_THEMES[s]] : []));
      const scopes = [...v.scope, ...themes.flatMap((th) => th.scope)];
      const products = new Set([...v.products, ...themes.flatMap((th) => th.products)]);
      const scopeOk = scopes.some((s) => e.business_scope?.includes(s));
      const productsOk = (e.main_products ?? '').split('、').every((p) => p === '' || products.has(p));
      const nameOk = [...v.words, ...(v.shops ?? [])].some((w) => e.name.includes(w));
      if (!scopeOk || !productsOk || !nameOk) mismatched.push(`${e.industry_code} ${e.name}: ${e.business_scope} / ${e.main_products}`);
    }
    expect(mismatched.slice(0, 5)).toEqual([]);
    // a spot check in words a reader knows: software firms develop software, farms grow or raise things
    const of = (code: string) => rows.filter((e) => e.industry_code === code);
    expect(of('65').length).toBeGreaterThan(100);
    for (const e of of('65')) expect(e.business_scope).toMatch(/软件|信息|数据|算力/);
    for (const e of of('01')) expect(e.business_scope).toMatch(/种植|农|饲养/);
    for (const e of of('47')) expect(e.business_scope).toMatch(/施工|装修|建筑/);
    // the common trades dominate; party and state organs are no enterprises
    const share = (codes: string[]) => rows.filter((e) => e.industry_code && codes.includes(e.industry_code)).length / rows.length;
    expect(share(['51', '52'])).toBeGreaterThan(0.2);
    expect(share(['91', '92', '93', '94', '95', '96', '97'])).toBe(0);
  });

  it('keeps capital and employees plausible for the kind of enterprise, and moving together', () => {
    const generated = rows.filter((e) => !e.investor && e.credit_code !== null);
    const individuals = generated.filter((e) => e.credit_code?.startsWith('92'));
    const companies = generated.filter((e) => e.credit_code?.startsWith('91'));
    expect(individuals.length / generated.length).toBeGreaterThan(0.05);
    for (const e of individuals) {
      if (e.capital_wan !== null) expect(Number(e.capital_wan)).toBeLessThanOrEqual(50);
      if (e.employees !== null) expect(e.employees).toBeLessThanOrEqual(8);
      expect(e.name).not.toMatch(/公司$/);
    }
    const capital = companies.filter((e) => e.capital_wan !== null).map((e) => Number(e.capital_wan));
    for (const c of capital) expect(c >= 10 && c <= 2_000_000).toBe(true);
    // most are small (10万–1000万), a long tail, the big rare
    expect(capital.filter((c) => c <= 1000).length / capital.length).toBeGreaterThan(0.75);
    expect(capital.filter((c) => c >= 100_000).length / capital.length).toBeLessThan(0.01);
    expect(capital.filter((c) => c >= 100_000).length).toBeGreaterThan(0);
    for (const e of companies) if (e.employees !== null) expect(e.employees >= 1 && e.employees <= 100_000).toBe(true);
    // the listed are big
    for (const e of rows.filter((r) => r.tags?.includes('上市') && r.capital_wan !== null)) expect(Number(e.capital_wan)).toBeGreaterThanOrEqual(1000);
    const pairs = generated.filter((e) => e.capital_wan !== null && e.employees !== null).map((e) => [Number(e.capital_wan), e.employees as number] as [number, number]);
    expect(rankCorrelation(pairs)).toBeGreaterThan(0.6);
    // the demo projects' investors are no micro firms
    for (const e of rows.filter((r) => r.investor && r.capital_wan !== null)) expect(Number(e.capital_wan)).toBeGreaterThanOrEqual(1000);
  });

  it('shows no demo account a bell of overdue returns', async () => {
    const seen: Record<string, { late: number; dueSoon: number; toReview: number }> = {};
    for (const a of DEMO_ACCOUNTS) {
      const cookie = await t.login(a.username, DEMO_PASSWORD);
      const res = await t.call('GET', '/api/returns/reminders', { cookie });
      expect(res.statusCode).toBe(200);
      const items = (res.json() as { items: { kind: 'late' | 'dueSoon' | 'toReview' }[] }).items;
      const counts = { late: 0, dueSoon: 0, toReview: 0 };
      for (const i of items) counts[i.kind] += 1;
      seen[a.username] = counts;
    }
    // the statistician: last month's return at most (late or due soon), never the months before
    const s = seen.statistician;
    expect(s && s.late).toBeLessThanOrEqual(1);
    expect(s && s.late + s.dueSoon).toBeLessThanOrEqual(1);
    // the prefecture's reviewer: the two counties that submitted last month; nobody else has anything late
    expect(seen.reviewer?.toReview).toBe(2);
    for (const [username, v] of Object.entries(seen)) expect({ username, late: v.late }).toEqual({ username, late: username === 'statistician' ? v.late : 0 });
    // the months before last are approved and locked, 米东区's receipts of them all verified
    const open = await rowsOf<{ n: number }>(t, sql`
      select count(*)::int as n from fund_receipts f join projects p on p.id = f.project_id join regions r on r.code = p.region_code
       where r.path like (select path from regions where code = '650109') || '%' and f.verified_by is null
         and exists (select 1 from monthly_returns m where m.region_code = '650109' and m.month = f.month and m.state = 'approved')`);
    expect(open).toEqual([{ n: 0 }]);
  });

  it('has a year of activities: trips led at every level, receptions, events, a signing ceremony and the 杭州 team', async () => {
    const thisMonth = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const from = shiftMonth(thisMonth, -11);
    const [span] = await rowsOf<{ first: string; last: string; n: number; gaps: number; outside: number }>(t, sql`
      select min(start_date)::text as first, max(end_date)::text as last, count(*)::int as n,
             -- nothing 资料不全: the seed creates the 驻杭州招商小分队 record before the ledger names it
             count(*) filter (where cardinality(missing_facts) > 0)::int as gaps,
             count(*) filter (where region_code not in (select code from regions where path like (select path from regions where code = '650100') || '%'))::int as outside
        from activities where code like ${`${DEMO_ACTIVITY_PREFIX}%`}`);
    expect(span?.n).toBeGreaterThan(200);
    expect(span?.first.slice(0, 7)).toBe(from);
    expect(span && span.last <= new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)).toBe(true);
    expect(span?.gaps).toBe(0);
    // the 杭州 team is a record its activities point to, and the prefecture has two 招商大使
    const [teamRecord] = await rowsOf<{ base_city: string; activities: number; unlinked: number }>(t, sql`
      select rt.base_city, (select count(*)::int from activities a where a.team_id = rt.id) as activities,
             (select count(*)::int from activities a where a.resident_team = rt.name and a.team_id is distinct from rt.id) as unlinked
        from resident_teams rt where rt.name = ${DEMO_RESIDENT_TEAM} and rt.region_code = '650100'`);
    expect(teamRecord?.base_city).toBe('杭州');
    expect(teamRecord?.activities).toBeGreaterThan(20);
    expect(teamRecord?.unlinked).toBe(0);
    expect(await rowsOf(t, sql`select name from partners where region_code = '650100' and kind = 'ambassador' order by name`)).toEqual([{ name: '刘敏' }, { name: '陈海峰' }]);
    // each brought two projects (以商招商): one signed or later, one a lead — the partner view has figures
    const brought = await rowsOf<{ name: string; projects: number; signed: number; channels: string[] }>(t, sql`
      select pa.name, count(p.id)::int as projects, count(p.id) filter (where p.stage in ('signed', 'started', 'operating'))::int as signed,
             array_agg(distinct p.channel) as channels
        from partners pa join projects p on p.brought_by_partner_id = pa.id where pa.kind = 'ambassador' group by pa.name order by pa.name`);
    expect(brought).toEqual([
      { name: '刘敏', projects: 2, signed: 1, channels: ['partner'] },
      { name: '陈海峰', projects: 2, signed: 1, channels: ['partner'] },
    ]);
    expect(span?.outside).toBe(0);
    const levels = await rowsOf<{ leader_level: string }>(t, sql`select distinct leader_level from activities where type = 'trip' order by 1`);
    expect(levels.map((l) => l.leader_level)).toEqual(['leadership', 'none', 'official', 'principal']);
    // the ceremony: the demo projects signed in its month, each signed and counted once
    const ceremony = await rowsOf<{ stage: string; signed_date: string; day: string }>(t, sql`
      select p.stage, p.signed_date::text, a.start_date::text as day from activities a join activity_projects ap on ap.activity_id = a.id join projects p on p.id = ap.project_id
       where a.type = 'signing' and ap.outcome = 'signed'`);
    expect(ceremony.length).toBeGreaterThanOrEqual(5);
    for (const c of ceremony) {
      expect(['signed', 'started', 'operating']).toContain(c.stage);
      expect(c.signed_date.slice(0, 7)).toBe(c.day.slice(0, 7));
    }

    const cookie = await t.login('leader', DEMO_PASSWORD);
    const res = await t.call('GET', `/api/stats/activities?region=650100&from=${from}&to=${thisMonth}`, { cookie });
    expect(res.statusCode, res.body).toBe(200);
    const stats = res.json() as {
      trips: { count: number; personTrips: number; ledByLeadership: number; ledByPrincipal: number; ledByAnyLeader: number; organisations: number };
      receptions: { count: number; organisations: number };
      visits: { count: number; organisations: number };
      events: { organised: number; attended: number };
      residentTeams: { active: number };
      projects: { talks: number; signed: number; signedAmountYuan: number };
    };
    expect(stats.trips.count).toBeGreaterThan(40);
    expect(stats.trips.ledByPrincipal).toBeGreaterThan(0);
    expect(stats.trips.ledByLeadership).toBeGreaterThan(stats.trips.ledByPrincipal);
    expect(stats.trips.ledByAnyLeader).toBeGreaterThan(stats.trips.ledByLeadership);
    expect(stats.trips.ledByAnyLeader).toBeLessThan(stats.trips.count);
    expect(stats.trips.personTrips).toBeGreaterThan(stats.trips.count * 2);
    expect(stats.trips.organisations).toBeGreaterThan(40);
    expect(stats.receptions.organisations).toBeGreaterThan(40);
    expect(stats.events.organised).toBeGreaterThan(0);
    expect(stats.events.attended).toBeGreaterThan(0);
    expect(stats.residentTeams.active).toBe(1);
    expect(stats.projects.signed).toBe(ceremony.length);
    expect(stats.projects.signedAmountYuan).toBeGreaterThan(0);
    expect(stats.projects.talks).toBeGreaterThan(stats.projects.signed + 20);
    // the enterprises met are those of the demo database, by credit code
    const [linked] = await rowsOf<{ all: number; linked: number }>(t, sql`select count(*)::int as all, count(enterprise_id)::int as linked from activity_organisations where kind = 'enterprise'`);
    expect(linked?.linked).toBe(linked?.all);
    const team = (await t.call('GET', `/api/stats/activities?region=650100&from=${from}&to=${thisMonth}&team=${encodeURIComponent(DEMO_RESIDENT_TEAM)}`, { cookie })).json() as typeof stats;
    expect(team.visits.count).toBeGreaterThan(20);
    // seeded once
    expect(await seedDemoActivities(t.deps)).toBeNull();
  });

  it('has issued weekly briefings of the demo prefecture (第1–3期) counted from its activities, last week’s as a draft, and a 旬调度 draft', async () => {
    const rows = await rowsOf<{ kind: string; period_start: string; status: string; issue_number: number | null; trips: number; editions: number }>(t, sql`
      select b.kind, b.period_start::text as period_start, b.status, b.issue_number,
             coalesce((select (f->>'value')::int from jsonb_array_elements(b.figures->'figures') f where f->>'key' = 'activities.trip'), 0) as trips,
             (select count(*)::int from briefing_editions e where e.briefing_id = b.id) as editions
        from briefings b where b.region_code = '650100' order by b.kind desc, b.period_start`);
    const weekly = rows.filter((r) => r.kind === 'weekly');
    expect(weekly.map((r) => [r.status, r.issue_number, r.editions])).toEqual([
      ['issued', 1, 1],
      ['issued', 2, 1],
      ['issued', 3, 1],
      ['draft', null, 0],
    ]);
    // the four weeks together saw some of the year's trips (the ledger has about one a week)
    expect(weekly.reduce((n, r) => n + r.trips, 0)).toBeGreaterThan(0);
    expect(rows.filter((r) => r.kind === 'dispatch').map((r) => r.status)).toEqual(['draft']);
  });

  it('adopts three chains for the demo prefecture, whose coverage shows local presence and gaps on first start', async () => {
    const cookie = await t.login('analyst', DEMO_PASSWORD);
    const chains = (await t.call('GET', '/api/chains', { cookie })).json() as { items: { code: string; regionCode: string; nodeCount: number }[] };
    expect(chains.items.map((c) => c.code)).toEqual([...DEMO_CHAINS].sort());
    const statuses: Record<string, Record<string, number>> = {};
    for (const c of chains.items) {
      expect(c.regionCode).toBe('650100');
      const res = await t.call('GET', `/api/chains/${c.code}/coverage`, { cookie });
      expect(res.statusCode, res.body).toBe(200);
      const cov = res.json() as { nodes: { status: string }[]; coveragePct: number | null };
      expect(cov.nodes).toHaveLength(c.nodeCount);
      statuses[c.code] = {};
      for (const n of cov.nodes) statuses[c.code]![n.status] = (statuses[c.code]![n.status] ?? 0) + 1;
    }
    const all = Object.values(statuses).flatMap((s) => Object.entries(s));
    // something local (present or weak) and something to attract (gap or extend), so the map has colours to show
    expect(all.some(([k, n]) => (k === 'present' || k === 'weak') && n > 0), JSON.stringify(statuses)).toBe(true);
    expect(all.some(([k, n]) => (k === 'gap' || k === 'extend') && n > 0), JSON.stringify(statuses)).toBe(true);
  });

  it('links a handful of 乌鲁木齐市’s projects to the chain node their name and industry fit', async () => {
    const linked = await rowsOf<{ name: string; node: string; chain: string; division: string; node_codes: string[] }>(t, sql`
      select p.name, n.name as node, c.code as chain, p.industry_code as division, n.industry_codes as node_codes
        from projects p join chain_node_codes nc on nc.code = p.chain_node_code join chains c on c.id = nc.chain_id
        join chain_nodes n on n.chain_id = c.id and n.version = c.current_version and n.code = p.chain_node_code
       where p.code like 'DEMO-%'`);
    expect(linked.length).toBeGreaterThanOrEqual(5);
    for (const l of linked) {
      expect(DEMO_CHAINS as readonly string[]).toContain(l.chain);
      expect(l.node_codes.map((c) => c.slice(0, 2)), `${l.name} → ${l.node}`).toContain(l.division.slice(0, 2));
    }
  });

  it('gives 米东区, 天山区 and 乌鲁木齐市 a year of targets in every status, a 链长 per chain and roadmaps, and a funnel down to landed projects', async () => {
    const byRegion = await rowsOf<{ region_code: string; statuses: string[]; n: number; local: number; dropped_without_reason: number }>(t, sql`
      select t.region_code, array_agg(distinct t.status order by t.status) as statuses, count(*)::int as n,
             count(*) filter (where e.region_code like '6501%')::int as local,
             count(*) filter (where t.status = 'dropped' and t.drop_reason is null)::int as dropped_without_reason
        from targets t join enterprises e on e.id = t.enterprise_id group by 1 order by 1`);
    expect(byRegion.map((r) => r.region_code)).toEqual(['650100', '650102', '650109']);
    for (const r of byRegion) {
      expect(r.statuses, r.region_code).toEqual(['contacted', 'dropped', 'negotiating', 'new', 'signed', 'visited']);
      expect(r.n, r.region_code).toBeGreaterThanOrEqual(25);
      expect(r.n, r.region_code).toBeLessThanOrEqual(40);
      expect(r.local).toBe(0);
      expect(r.dropped_without_reason).toBe(0);
    }
    // a signed target has a signed (or later) project of its firm naming its node
    const signed = await rowsOf<{ ok: boolean }>(t, sql`
      select (p.investor_id = t.enterprise_id and p.chain_node_code = t.node_code and p.stage in ('signed', 'started', 'operating')) as ok
        from targets t left join projects p on p.id = t.project_id where t.status = 'signed'`);
    expect(signed.length).toBeGreaterThan(0);
    expect(signed.every((r) => r.ok)).toBe(true);
    const chains = await rowsOf<{ code: string; leader: string | null }>(t, sql`select c.code, u.username as leader from chains c left join users u on u.id = c.leader_user_id order by 1`);
    expect(chains).toEqual([...DEMO_CHAINS].sort().map((code) => ({ code, leader: 'leader' })));
    const cookie = await t.login('officer', DEMO_PASSWORD);
    const to = lastCompleteMonth();
    const from = shiftMonth(to, -11);
    let landed = 0;
    for (const code of DEMO_CHAINS) {
      const roadmap = await t.call('GET', `/api/chains/${code}/roadmap`, { cookie });
      expect(roadmap.statusCode, roadmap.body).toBe(200);
      expect((roadmap.json() as { items: unknown[] }).items.length).toBeGreaterThan(0);
      const res = await t.call('GET', `/api/chains/${code}/funnel?from=${from}&to=${to}`, { cookie });
      expect(res.statusCode, res.body).toBe(200);
      const f = res.json() as { total: { totals: Record<'claimed' | 'contacted' | 'landed', number>; byMonth: { claimed: number }[] } };
      expect(f.total.totals.claimed).toBeGreaterThan(0);
      expect(f.total.totals.contacted).toBeGreaterThan(0);
      expect(f.total.byMonth.filter((m) => m.claimed > 0).length, code).toBeGreaterThanOrEqual(4); // spread over the year
      landed += f.total.totals.landed;
    }
    expect(landed).toBeGreaterThan(0);
    // the weights are fitted on this history, and the backtest sets precision@10 beside the baselines
    const weights = (await t.call('GET', '/api/targets/weights', { cookie })).json() as {
      source: string;
      examples: number;
      backtest: { test: { examples: number }; precision: { at10: Record<'fitted' | 'defaults' | 'capital' | 'random', number | null> } } | null;
    };
    expect(weights.source).toBe('fitted');
    expect(weights.examples).toBeGreaterThanOrEqual(20);
    expect(weights.backtest?.test.examples).toBeGreaterThan(0);
    for (const v of Object.values(weights.backtest?.precision.at10 ?? {})) expect(v).toEqual(expect.any(Number));
  });

  it('keeps up the landed projects’ follow-ups: visits done with findings, red flags, an escalated problem, some due; the leader opens the app to notifications', async () => {
    const visits = await rowsOf<{ done: number; open: number; flagged: number; projects: number }>(t, sql`
      select count(*) filter (where f.done_on is not null)::int as done, count(*) filter (where f.done_on is null)::int as open,
             count(*) filter (where cardinality(f.red_flags) > 0)::int as flagged, count(distinct f.project_id)::int as projects
        from follow_ups f join projects p on p.id = f.project_id where p.code like 'DEMO-%' and p.stage = 'operating'`);
    expect(visits[0]?.done).toBeGreaterThan(20);
    expect(visits[0]?.open).toBeGreaterThan(0);
    expect(visits[0]?.flagged).toBe(3);
    const raised = await rowsOf<{ n: number }>(t, sql`select count(*)::int as n from project_problems where follow_up_id is not null and status = 'open' and due_date < current_date`);
    expect(raised).toEqual([{ n: 1 }]);
    const cookie = await t.login('leader', DEMO_PASSWORD);
    const mine = (await t.call('GET', '/api/notifications?pageSize=100', { cookie })).json() as { items: { kind: string }[]; unread: number };
    expect(mine.unread).toBeGreaterThan(0);
    expect(mine.items.map((n) => n.kind)).toContain('problemEscalated');
    const officer = await t.login('officer', DEMO_PASSWORD);
    const theirs = (await t.call('GET', '/api/notifications?pageSize=100', { cookie: officer })).json() as { items: { kind: string }[] };
    expect(theirs.items.map((n) => n.kind)).toContain('problemOverdue');
    const aftercare = (await t.call('GET', '/api/aftercare?risk=any', { cookie: officer })).json() as { total: number };
    expect(aftercare.total).toBeGreaterThan(0);
    // the prefecture's reviewer hears of the two counties' returns waiting for review (the returns clock)
    const reviewer = await t.login('reviewer', DEMO_PASSWORD);
    const toReview = (await t.call('GET', '/api/notifications?kind=returnToReview', { cookie: reviewer })).json() as { items: { title: string }[] };
    expect(toReview.items).toHaveLength(2);
  });
});
