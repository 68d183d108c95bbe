/**
 * Demo monthly returns (issue 11 item 12): the bureau has kept up. Every county of the demo
 * prefecture with projects, and the prefecture itself, has submitted and had approved its returns
 * of the year up to the month before last (孙丽娜 submits 米东区's, the other counties' statistics
 * offices theirs; 周敏 approves the counties', 阿依古丽 the prefecture's); last month is the one being
 * worked on: 米东区's is still a draft (due early this month: at most one late month for the demo
 * statistician), two other counties have submitted theirs and wait for 周敏's review. Approved
 * months are locked, as in a real ledger.
 *
 * The snapshots are the ledger's figures (draftReturnSnapshot, as a submission freezes them); the
 * rows are written directly, with the days a bureau works to (on or a day before the due date, after
 * the month's receipts were entered and verified, demo-projects), in one transaction with one audit
 * row: going through submit and approve for ~90 returns would add many seconds to the first start.
 * Idempotent: nothing happens when 米东区 has a return.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { insertReturn, insertReturnVersion, selectReportingChildren } from '../db/queries/returns/returns';
import { selectUserByUsername } from '../db/queries/accounts/users';
import { monthlyReturns } from '../db/schema/index';
import { todayInShanghai } from '../domain/dates';
import { shiftDate } from '../domain/working-days';
import { recordAudit } from '../services/audit/audit';
import { createSystemCaller, type Deps } from '../services/context';
import { loadDueDates } from '../services/returns/reporting-calendar';
import { draftReturnSnapshot, type ReturnSnapshot } from '../services/returns/returns';
import { createRng } from './random';

const PREFECTURE = '650100';
const COUNTY = '650109';
/** other counties whose return of last month waits for review */
const AWAITING_REVIEW = 2;

export interface DemoReturnCounts {
  approved: number;
  awaitingReview: number;
  months: string[];
}

function addMonths(month: string, k: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const idx = y * 12 + (m - 1) + k;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

/** a Shanghai wall-clock time on a date, never later than now */
function at(date: string, hour: number, minute = 0): Date {
  const t = new Date(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`);
  return t.getTime() > Date.now() ? new Date(Date.now() - 60_000) : t;
}

interface Person {
  id: string | null;
  name: string;
}

interface PlannedReturn {
  regionCode: string;
  month: string;
  snapshot: ReturnSnapshot;
  submitter: Person;
  submittedAt: Date;
  reviewer: Person | null;
  reviewedAt: Date | null;
}

async function personOf(db: Db, username: string): Promise<Person | null> {
  const user = await selectUserByUsername(db, username);
  return user ? { id: user.id, name: user.displayName } : null;
}

/** Seeds the demo returns once (after the demo projects, accounts and targets); returns the counts, or null when they exist. */
export async function seedDemoReturns(deps: Deps, options: { today?: string } = {}): Promise<DemoReturnCounts | null> {
  const [existing] = await deps.db.select({ id: monthlyReturns.id }).from(monthlyReturns).where(eq(monthlyReturns.regionCode, COUNTY)).limit(1);
  if (existing) return null;
  const statistician = await personOf(deps.db, 'statistician');
  const reviewer = await personOf(deps.db, 'reviewer');
  const provinceReviewer = await personOf(deps.db, 'reviewer_xj');
  if (!statistician || !reviewer || !provinceReviewer) return null;

  const today = options.today ?? todayInShanghai();
  const lastMonth = addMonths(today.slice(0, 7), -1);
  const approvedThrough = addMonths(today.slice(0, 7), -2);
  const months: string[] = [];
  for (let m = `${approvedThrough.slice(0, 4)}-01`; m <= approvedThrough; m = addMonths(m, 1)) months.push(m);

  const counties = (await selectReportingChildren(deps.db, PREFECTURE)).filter((c) => c.hasProjects);
  if (!counties.some((c) => c.code === COUNTY)) return null;
  const office = (name: string): Person => ({ id: null, name: `${name}统计局` });
  const submitterOf = (c: { code: string; name: string }) => (c.code === COUNTY ? statistician : office(c.name));
  const due = await loadDueDates(deps);
  const caller = createSystemCaller('demo-seed');
  const rng = createRng(20261206);
  const planned: PlannedReturn[] = [];

  for (const month of months) {
    const countyDue = due('county', month);
    let lastApproval = '';
    for (const c of counties) {
      const submittedOn = shiftDate(countyDue, -rng.int(0, 1));
      const approvedOn = shiftDate(submittedOn, 1);
      if (approvedOn > lastApproval) lastApproval = approvedOn;
      planned.push({
        regionCode: c.code,
        month,
        snapshot: await draftReturnSnapshot(deps, caller, c.code, month),
        submitter: submitterOf(c),
        submittedAt: at(submittedOn, 16, rng.int(0, 59)),
        reviewer,
        reviewedAt: at(approvedOn, 10, rng.int(0, 59)),
      });
    }
    const dayBefore = shiftDate(due('prefecture', month), -1);
    const prefectureOn = dayBefore > lastApproval ? dayBefore : lastApproval;
    planned.push({
      regionCode: PREFECTURE,
      month,
      snapshot: await draftReturnSnapshot(deps, caller, PREFECTURE, month),
      submitter: office('乌鲁木齐市'),
      submittedAt: at(prefectureOn, 17, rng.int(0, 59)),
      reviewer: provinceReviewer,
      reviewedAt: at(shiftDate(prefectureOn, 1), 11, rng.int(0, 59)),
    });
  }
  // last month: two other counties have submitted, 米东区 and the rest are still at work
  const waiting = counties.filter((c) => c.code !== COUNTY).slice(0, AWAITING_REVIEW);
  const lastDue = due('county', lastMonth);
  for (const c of waiting) {
    const on = shiftDate(lastDue, -rng.int(0, 1));
    planned.push({
      regionCode: c.code,
      month: lastMonth,
      snapshot: await draftReturnSnapshot(deps, caller, c.code, lastMonth),
      submitter: submitterOf(c),
      submittedAt: at(on < today ? on : today, 15, rng.int(0, 59)),
      reviewer: null,
      reviewedAt: null,
    });
  }

  const counts: DemoReturnCounts = { approved: planned.filter((p) => p.reviewer).length, awaitingReview: waiting.length, months };
  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(20261206)`);
    const [again] = await tx.select({ id: monthlyReturns.id }).from(monthlyReturns).where(eq(monthlyReturns.regionCode, COUNTY)).limit(1);
    if (again) return null;
    for (const p of planned) {
      const row = await insertReturn(tx, {
        regionCode: p.regionCode,
        month: p.month,
        state: p.reviewer ? 'approved' : 'submitted',
        submissions: 1,
        snapshot: p.snapshot,
        firstSubmittedAt: p.submittedAt,
        submittedBy: p.submitter.id,
        submittedAt: p.submittedAt,
        reviewedBy: p.reviewer?.id ?? null,
        reviewedAt: p.reviewedAt,
        createdAt: p.submittedAt,
        updatedAt: p.reviewedAt ?? p.submittedAt,
      });
      await insertReturnVersion(tx, {
        returnId: row.id,
        number: 1,
        snapshot: p.snapshot,
        submittedBy: p.submitter.id,
        submittedByName: p.submitter.name,
        submittedAt: p.submittedAt,
        ...(p.reviewer ? { outcome: 'approved' as const, reviewedBy: p.reviewer.id, reviewedByName: p.reviewer.name, reviewedAt: p.reviewedAt } : {}),
      });
    }
    await recordAudit(tx, caller, { action: 'demo.seed.returns', objectType: 'demo', regionCode: PREFECTURE, after: counts });
    return counts;
  });
}
