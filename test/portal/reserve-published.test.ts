/**
 * reserve.published (DESIGN.md "Reserve projects"): of the projects in stage 线索 at the end of a period,
 * those with a portal publication open at that moment; counted per region, cached, and counted again after
 * every publication change (the triggers of migration 0039). Figures by hand from the fixture: HDP4
 * (米东区 650109) and HDP5 (天山区 650102) are 线索 since their import (today); HDP1 is signed.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectSubtreeCodes } from '../../src/db/queries/activities/activity-stats';
import { selectRows } from '../../src/db/queries/sql-rows';
import { countReserveProjects } from '../../src/services/projects/reserve-counts';
import { PROJECTS_CSV } from '../activities/fixtures';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

describe.each(DATABASE_KINDS)('reserve.published on %s', (kind) => {
  let t: TestApp;
  let officer: string;
  let province: string[];
  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.createAccount('rp_officer', ['officer'], '650100');
    officer = await t.login('rp_officer');
    const res = await t.call('POST', '/api/imports?kind=projects', { cookie: officer, body: PROJECTS_CSV, headers: { 'content-type': 'text/csv', 'x-file-name': 'p.csv' } });
    expect(res.statusCode, res.body).toBe(200);
    province = await selectSubtreeCodes(t.database.db, '/650000/');
  });
  afterAll(() => t.close());

  const publish = (code: string, at: string, withdrawnAt: string | null = null) =>
    t.database.db.execute(sql`insert into project_publications (project_id, public_title, published_at, withdrawn_at)
      select id, name, ${at}::timestamptz, ${withdrawnAt}::timestamptz from projects where code = ${code}`);

  it('counts the reserve projects published at the end of the period, and again after each change', async () => {
    expect(await countReserveProjects(t.deps, province, '2027-01-01')).toEqual({ projects: 2, published: 0 });
    // HDP4 published on 12-10 and still; HDP5 from 12-20 until 12-31 noon; HDP1 (签约, not reserve) published
    await publish('HDP4', '2026-12-10T09:00:00+08:00');
    await publish('HDP5', '2026-12-20T09:00:00+08:00', '2026-12-31T12:00:00+08:00');
    await publish('HDP1', '2026-12-10T09:00:00+08:00');
    // end of 2026 (00:00 of 2027-01-01): HDP4 only — HDP5 was withdrawn before it
    expect(await countReserveProjects(t.deps, province, '2027-01-01')).toEqual({ projects: 2, published: 1 });
    // end of 2026-12-30 (00:00 of 12-31): both, HDP5's withdrawal comes later that day
    expect(await countReserveProjects(t.deps, province, '2026-12-31')).toEqual({ projects: 2, published: 2 });
    // end of 2026-12-14: HDP4 only; HDP5 not yet published
    expect(await countReserveProjects(t.deps, province, '2026-12-15')).toEqual({ projects: 2, published: 1 });
    // per county: 米东区 has HDP4, 天山区 HDP5
    expect(await countReserveProjects(t.deps, ['650109'], '2026-12-31')).toEqual({ projects: 1, published: 1 });
    expect(await countReserveProjects(t.deps, ['650102'], '2027-01-01')).toEqual({ projects: 1, published: 0 });

    // the counts were stored; withdrawing HDP4 on 12-25 changes them (the region's version moved)
    const stored = await selectRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from project_reserve_counts where day = '2027-01-01'`);
    expect(stored[0]!.n).toBeGreaterThan(0);
    await t.database.db.execute(sql`update project_publications set withdrawn_at = '2026-12-25T10:00:00+08:00' where project_id = (select id from projects where code = 'HDP4')`);
    expect(await countReserveProjects(t.deps, province, '2027-01-01')).toEqual({ projects: 2, published: 0 });
    expect(await countReserveProjects(t.deps, province, '2026-12-15')).toEqual({ projects: 2, published: 1 });

    // published again on 12-28: a new publication row, counted at the end of the year
    await publish('HDP4', '2026-12-28T10:00:00+08:00');
    expect(await countReserveProjects(t.deps, province, '2027-01-01')).toEqual({ projects: 2, published: 1 });

    // the activity statistics carry it
    const stats = await t.call('GET', '/api/stats/activities?region=650100&from=2026-12&to=2026-12', { cookie: officer });
    expect(stats.statusCode, stats.body).toBe(200);
    expect(stats.json().reserve).toEqual({ projects: 2, published: 1 });
  });
});
