/**
 * The activity statistics from rollup parts equal the direct statement's after every kind of
 * change (an activity added, moved to another month or region, re-typed, deleted; an organisation's
 * credit code changed; a project linked, signed, deleted; a signed project's amounts changed), for every
 * filter; only the region-months a change touches are computed again; and an organisation or
 * project met in several regions and months counts once.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectActivityStats, selectReserveProjects, selectSubtreeCodes } from '../../src/db/queries/activities/activity-stats';
import { selectProjectByCode } from '../../src/db/queries/projects/projects';
import { selectRows } from '../../src/db/queries/sql-rows';
import { EVENT_TYPES } from '../../src/domain/activities/activity-kinds';
import { lastDayOfMonth } from '../../src/domain/indicators';
import { createActivity, deleteActivity, updateActivity } from '../../src/services/activities/activities';
import { toFigures } from '../../src/services/activities/activity-stats';
import { computeActivityFiguresFromRollups } from '../../src/services/activities/activity-stats-rollups';
import { importActivities } from '../../src/services/activities/import-activities';
import { warmActivityRollups } from '../../src/services/activities/activity-rollup-warmup';
import { createSystemCaller } from '../../src/services/context';
import { countReserveProjects } from '../../src/services/projects/reserve-counts';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';
import { ACTIVITIES_CSV, LINKS_CSV, LONGI, ORGANISATIONS_CSV, PROJECTS_CSV } from './fixtures';

const FILTERS = [
  { name: 'none', types: [], hosting: null, leaderLevels: [], team: null },
  { name: 'trips', types: ['trip'], hosting: null, leaderLevels: [], team: null },
  { name: 'leadership', types: [], hosting: null, leaderLevels: ['leadership', 'principal'], team: null },
  { name: 'organised events', types: ['promotion', 'signing', 'expo'], hosting: 'organised', leaderLevels: [], team: null },
  { name: 'team', types: [], hosting: null, leaderLevels: [], team: '杭州小分队' },
] as const;

describe.each(DATABASE_KINDS)('activity rollups on %s', (kind) => {
  let t: TestApp;
  const system = createSystemCaller('test');
  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.createAccount('ar_officer', ['officer'], '650100');
    const officer = await t.login('ar_officer');
    const projects = await t.call('POST', '/api/imports?kind=projects', { cookie: officer, body: PROJECTS_CSV, headers: { 'content-type': 'text/csv', 'x-file-name': 'p.csv' } });
    expect(projects.statusCode, projects.body).toBe(200);
    for (const [buffer, k] of [
      [ACTIVITIES_CSV, 'activities'],
      [ORGANISATIONS_CSV, 'activity-organisations'],
      [LINKS_CSV, 'activity-projects'],
    ] as const) {
      expect((await importActivities(t.deps, system, buffer, { fileName: `${k}.csv`, kind: k })).ok).toBe(true);
    }
  });
  afterAll(() => t.close());

  const regionPath = async (code: string) => (await selectRows<{ path: string }>(t.database.db, sql`select path from regions where code = ${code}`))[0]!.path;

  /** Both ways, every filter, for the region and period: the rollups must equal the direct statement. */
  async function expectSameFigures(region: string, from: string, to: string) {
    const codes = await selectSubtreeCodes(t.database.db, await regionPath(region));
    for (const f of FILTERS) {
      const filter = { types: [...f.types], eventTypes: EVENT_TYPES, hosting: f.hosting, leaderLevels: [...f.leaderLevels], team: f.team };
      const direct = toFigures(await selectActivityStats(t.database.db, { ...filter, regionCodes: codes, start: `${from}-01`, end: lastDayOfMonth(to), activityCode: null }));
      const rolled = await computeActivityFiguresFromRollups(t.deps, codes, from, to, filter, `${region} ${from} ${to} ${f.name}`);
      expect({ filter: f.name, ...rolled }, `${region} ${from}..${to} ${f.name}`).toEqual({ filter: f.name, ...direct });
    }
  }

  const computedAt = async () =>
    new Map(
      (await selectRows<{ k: string; at: string }>(t.database.db, sql`select region_code || ' ' || month as k, computed_at::text as at from activity_rollups`)).map((r) => [r.k, r.at]),
    );
  const projectId = async (code: string) => (await selectProjectByCode(t.database.db, code))!.id;

  it('warms up every stale region-month of this year and last before the first summary', async () => {
    const stopped = await warmActivityRollups(t.deps, new Date('2025-12-10T02:00:00Z'), { shouldStop: () => true });
    expect(stopped).toEqual({ partsComputed: 0, stopped: true });
    // 米东区 2024-12, 2025-03 (A1, A5), -05, -06, -10, -11; 天山区 2025-04, -07; the city 2025-08, -09; 昌吉州 2025-02
    const warmed = await warmActivityRollups(t.deps, new Date('2025-12-10T02:00:00Z'), { partsPerBatch: 3 });
    expect(warmed).toEqual({ partsComputed: 11, stopped: false });
    expect((await computedAt()).size).toBe(11);
    expect((await warmActivityRollups(t.deps, new Date('2025-12-10T02:00:00Z'))).partsComputed).toBe(0);
  });

  it('gives the direct figures for the imported ledger, and stores one part per region-month', async () => {
    const warmed = await computedAt();
    await expectSameFigures('650100', '2024-01', '2026-12');
    // the summaries computed nothing the warm-up had stored
    expect(await computedAt()).toEqual(warmed);
    await expectSameFigures('650000', '2024-01', '2026-12');
    await expectSameFigures('650109', '2025-01', '2025-06');
    const parts = await computedAt();
    expect(parts.size).toBeGreaterThan(0);
    // a second summary computes nothing again
    await expectSameFigures('650100', '2024-01', '2026-12');
    expect(await computedAt()).toEqual(parts);
  });

  it('recomputes only the region-month a new activity touches, and counts an organisation met in two regions once', async () => {
    const before = await computedAt();
    const trip = await createActivity(t.deps, system, {
      type: 'trip',
      name: '赴苏州招商',
      startDate: '2025-03-10',
      endDate: '2025-03-12',
      regionCode: '650102',
      leaderLevel: 'leadership',
      personTrips: 7,
      // 上海新疆商会 (by name) was met on A1 of 米东区 too; 隆基 without its credit code is another organisation
      organisations: [
        { name: '上海新疆商会', kind: 'chamber' },
        { name: '隆基绿能科技股份有限公司', kind: 'enterprise', creditCode: null },
      ],
      projects: [{ projectId: await projectId('HDP1'), outcome: 'signed' }],
    });
    await expectSameFigures('650100', '2024-01', '2026-12');
    const after = await computedAt();
    const changed = [...after].filter(([k, at]) => before.get(k) !== at).map(([k]) => k);
    expect(changed).toEqual(['650102 2025-03']);

    // moved to another month and region, re-typed, re-led
    const moved = await updateActivity(t.deps, system, trip.id, { startDate: '2025-07-01', endDate: '2025-07-02', regionCode: '650109', version: trip.version });
    await expectSameFigures('650100', '2024-01', '2026-12');
    const visit = await updateActivity(t.deps, system, trip.id, { type: 'visit', leaderLevel: 'none', version: moved.version });
    await expectSameFigures('650100', '2025-01', '2025-12');

    // links replaced: a credit code on the organisation, the project only talked about
    const relinked = await updateActivity(t.deps, system, trip.id, {
      organisations: [{ name: '苏州新材料有限公司', kind: 'enterprise', creditCode: LONGI }],
      projects: [{ projectId: await projectId('HDP2'), outcome: 'talks' }],
      version: visit.version,
    });
    await expectSameFigures('650100', '2025-01', '2025-12');
    await deleteActivity(t.deps, system, trip.id, { version: relinked.version, reason: '重复录入' });
    await expectSameFigures('650100', '2024-01', '2026-12');
  });

  it('follows links changed in place, a project deleted, and a signed project’s amounts changed', async () => {
    await t.database.db.execute(sql`update activity_organisations set credit_code = null where credit_code is not null`);
    await expectSameFigures('650100', '2024-01', '2026-12');
    await t.database.db.execute(sql`update activity_projects set outcome = 'signed' where outcome = 'talks'`);
    await expectSameFigures('650100', '2024-01', '2026-12');
    await t.database.db.execute(sql`update projects set signed_amount_yuan = signed_amount_yuan + 12345, planned_investment_yuan = planned_investment_yuan + 1 where code = 'HDP1'`);
    await expectSameFigures('650100', '2024-01', '2026-12');
    await t.database.db.execute(sql`delete from projects where code = 'HDP3'`);
    await expectSameFigures('650100', '2024-01', '2026-12');
    await expectSameFigures('650000', '2024-01', '2026-12');
  });

  it('counts 储备项目 per region, again only where a stage, a region or a project changed', async () => {
    const days = ['2025-01-01', '2025-10-01', '2027-01-01'];
    const expectSameReserve = async () => {
      for (const region of ['650000', '650100', '650109', '650102']) {
        const codes = await selectSubtreeCodes(t.database.db, await regionPath(region));
        for (const day of days) expect((await countReserveProjects(t.deps, codes, day)).projects, `${region} ${day}`).toBe(await selectReserveProjects(t.database.db, codes, day));
      }
    };
    await expectSameReserve();
    // HDP4 (线索, 米东区) and HDP5 (线索, 天山区): by hand at the end of 2026
    const province = await selectSubtreeCodes(t.database.db, await regionPath('650000'));
    expect(await countReserveProjects(t.deps, province, '2027-01-01')).toEqual({ projects: 2, published: 0 });
    const stored = async () =>
      new Map((await selectRows<{ k: string; v: string }>(t.database.db, sql`select region_code || ' ' || day as k, version::text as v from project_reserve_counts`)).map((r) => [r.k, r.v]));
    const before = await stored();

    // HDP4 moves on to 在谈 (now, after its import): 米东区's counts are computed again, 天山区's stay
    await t.database.db.execute(sql`insert into project_stage_history (project_id, from_stage, to_stage, changed_by_name, changed_at)
      select id, 'lead', 'negotiating', 'test', now() from projects where code = 'HDP4'`);
    await t.database.db.execute(sql`update projects set stage = 'negotiating' where code = 'HDP4'`);
    await expectSameReserve();
    expect(await countReserveProjects(t.deps, province, '2027-01-01')).toEqual({ projects: 1, published: 0 });
    const after = await stored();
    expect([...after].filter(([k, v]) => before.get(k) !== v).map(([k]) => k.split(' ')[0]).every((r) => r === '650109')).toBe(true);
    expect(after.get('650102 2027-01-01')).toBe(before.get('650102 2027-01-01'));

    // HDP5 moves to 米东区, then is deleted
    await t.database.db.execute(sql`update projects set region_code = '650109' where code = 'HDP5'`);
    await expectSameReserve();
    await t.database.db.execute(sql`delete from projects where code = 'HDP5'`);
    await expectSameReserve();
    expect(await countReserveProjects(t.deps, province, '2027-01-01')).toEqual({ projects: 0, published: 0 });
  });
});
