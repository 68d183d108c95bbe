/**
 * The demo inquiries and complaints (src/seed/demo-inquiries.ts) after the portal's demo data: one in every
 * state — new, accepted, answered, closed with a rating, reopened, overdue, spam-flagged, converted to a lead —
 * owned by the demo officer where handled, about published subjects; seeding again changes nothing.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../src/db/queries/sql-rows';
import { seedDemoInquiries } from '../../src/seed/demo-inquiries';
import { seedDemoPortal } from '../../src/seed/demo-portal';
import { PROJECTS_CSV } from '../activities/fixtures';
import { createTestApp, type TestApp } from '../helpers/app';

interface Row {
  stage: string;
  kind: string;
  rating: number | null;
  reopen_count: number;
  spam: boolean;
  converted: boolean;
  overdue: boolean;
  owner: string | null;
  subject_type: string | null;
  subject_title: string | null;
}

describe('demo inquiries and complaints', () => {
  let t: TestApp;
  let officer = '';
  const rows = () =>
    selectRows<Row>(
      t.deps.db,
      sql`select i.stage, i.kind, i.rating, i.reopen_count, cardinality(i.spam_reasons) > 0 as spam,
            exists (select 1 from projects p where p.origin_inquiry_id = i.id) as converted,
            (i.stage <> 'closed' and (i.close_due_on < current_date or (i.first_responded_on is null and i.first_response_due_on < current_date))) as overdue,
            u.username as owner, i.subject_type, i.subject_title
          from inquiries i left join users u on u.id = i.owner_id order by i.created_at`,
    );
  beforeAll(async () => {
    t = await createTestApp('pglite');
    await t.createAccount('di_importer', ['officer'], '650100');
    await t.createAccount('officer', ['officer'], '650109');
    officer = await t.login('officer');
    const importer = await t.login('di_importer');
    expect((await t.call('POST', '/api/imports?kind=projects', { cookie: importer, body: PROJECTS_CSV, headers: { 'content-type': 'text/csv', 'x-file-name': 'p.csv' } })).statusCode).toBe(200);
    await seedDemoPortal(t.deps);
    await seedDemoInquiries(t.deps);
  });
  afterAll(() => t.close());

  it('has one in every state, handled ones owned by the demo officer', async () => {
    const all = await rows();
    expect(all).toHaveLength(9);
    const stages = all.map((r) => r.stage);
    for (const s of ['received', 'accepted', 'answered', 'closed']) expect(stages).toContain(s);
    expect(all.filter((r) => r.rating !== null).map((r) => r.rating)).toEqual([5]);
    expect(all.filter((r) => r.reopen_count === 1).map((r) => [r.kind, r.stage])).toEqual([['complaint', 'accepted']]);
    expect(all.filter((r) => r.spam)).toHaveLength(1);
    expect(all.filter((r) => r.converted)).toHaveLength(1);
    expect(all.filter((r) => r.overdue).length).toBeGreaterThanOrEqual(1);
    expect(all.filter((r) => r.stage !== 'received').every((r) => r.owner === 'officer')).toBe(true);
    // subjects are the portal's published ones, by their public names
    expect(all.filter((r) => r.subject_type === 'resource').map((r) => r.subject_title)).toContain('米东区农副产品加工标准厂房 2 号楼');
    expect(all.filter((r) => r.subject_type === 'policyItem').map((r) => r.subject_title)).toEqual(['农副产品精深加工项目贷款贴息']);
    // the officer's inbox shows them (米东区 only: the 天山区 complaint is outside the officer's county)
    const inbox = (await t.call('GET', '/api/inquiries?pageSize=50', { cookie: officer })).json() as { total: number; items: { overdue: boolean }[] };
    expect(inbox.total).toBe(8);
    expect(inbox.items.some((i) => i.overdue)).toBe(true);
  });

  it('seeds again without changing anything', async () => {
    const before = await rows();
    await seedDemoInquiries(t.deps);
    expect(await rows()).toEqual(before);
  });
});
