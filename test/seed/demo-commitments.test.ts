/**
 * Demo 政府承诺 (src/seed/demo-commitments.ts) on the demo projects: nine clauses on three signed projects
 * of 米东区 — as of today one fulfilled, one partly fulfilled, two pending, one overdue (the only one in the
 * 通报 list), one disputed, one waived (seven agreed … and the fundsReach one pending), one selective tax
 * award submitted and awaiting its review; amounts fall due in the coming 12 months. Seeding again
 * changes nothing.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCommitments } from '../../src/seed/demo-commitments';
import { seedDemoProjects } from '../../src/seed/demo-projects';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

interface Ledger {
  counts: Record<string, number>;
  awaitingReview: number;
  forecast: { months: { scheduledYuan: number; estimatedYuan: number }[]; unestimated: unknown[] };
  items: { title: string; status: string; agreement: string }[];
}

describe.each(DATABASE_KINDS)('demo commitments on %s', (kind) => {
  let t: TestApp;
  let cookie = '';
  const count = async () =>
    (await t.database.db.execute(sql`select (select count(*) from commitments)::int as c, (select count(*) from commitment_history)::int as h, (select count(*) from commitment_fulfilments)::int as f, (select count(*) from evidence_files)::int as e`)) as unknown as {
      rows: { c: number; h: number; f: number; e: number }[];
    };

  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.createAccount('officer', ['officer'], '650109');
    cookie = await t.login('officer');
    await seedDemoProjects(t.deps);
    expect(await seedDemoCommitments(t.deps)).toBe(9);
  });
  afterAll(() => t.close());

  it('records every status the ledger knows, one overdue clause in the 通报 list and one awaiting review', async () => {
    const ledger = (await t.call('GET', '/api/commitments?regionCode=650109', { cookie })).json() as Ledger;
    expect(ledger.items).toHaveLength(9);
    expect(ledger.counts).toEqual({ pending: 3, due: 0, partly: 1, fulfilled: 1, overdue: 1, disputed: 1, waived: 1 });
    expect(ledger.awaitingReview).toBe(1);
    expect(ledger.items.find((i) => i.title === '地方留成税收奖励')).toMatchObject({ agreement: 'draft' });
    // 1 200 000 (in 75 days) and 1 200 000 outstanding of 2 000 000 (in 40 days) fall due within the 12 months
    const scheduled = ledger.forecast.months.reduce((s, m) => s + m.scheduledYuan, 0);
    expect(scheduled).toBe(2_400_000);
    const notice = (await t.call('GET', '/api/commitments/notice?regionCode=650109', { cookie })).json() as { items: { title: string }[] };
    expect(notice.items.map((i) => i.title)).toEqual(['固定资产投资奖励']);
  });

  it('seeds again without adding or changing anything', async () => {
    const before = await count();
    expect(await seedDemoCommitments(t.deps)).toBe(0);
    expect((await count()).rows).toEqual(before.rows);
  });
});
