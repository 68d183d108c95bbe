/**
 * Demo monthly returns (issue 11 item 12): the bureau has kept up. Every county of the demo
 * prefecture with projects, and the prefecture itself, has submitted and had approved its returns
 * of the year up to the month before last (孙丽娜 submits 米东区's, 周敏 approves the counties', 阿依古丽
 * the prefecture's); last month is the one being worked on: 米东区's is still a draft (due early this
 * month: at most one late month for the demo statistician), two other counties have submitted theirs
 * and wait for 周敏's review. Approved months are locked, as in a real ledger.
 *
 * Through the return services (the figures are the ledger's, frozen as snapshots, with audit rows);
 * the submission and review times are then set to the days a bureau works to (on or a day before the
 * due date, after the month's receipts were entered and verified), so no demo return reads as late. Idempotent: nothing happens when 米东区 has a return.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { selectReportingChildren } from '../db/queries/returns';
import { selectUserByUsername } from '../db/queries/users';
import { monthlyReturns, monthlyReturnVersions } from '../db/schema/index';
import { todayInShanghai } from '../domain/dates';
import { shiftDate } from '../domain/working-days';
import { PERMISSIONS } from '../domain/roles';
import { toActor } from '../services/auth';
import type { Caller, Deps } from '../services/context';
import { loadDueDates } from '../services/reporting-calendar';
import { approveReturn, submitReturn } from '../services/returns';
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

/** the statistics office of a region without a demo account: a named operator */
function officeCaller(regionName: string): Caller {
  return {
    actor: { id: null, username: 'demo-seed', displayName: `${regionName}统计局`, roles: [], permissions: [...PERMISSIONS], regionCode: null, regionPath: '/' },
    clientIp: null,
    requestId: null,
  };
}

async function userCaller(db: Db, username: string): Promise<Caller | null> {
  const user = await selectUserByUsername(db, username);
  return user ? { actor: toActor(user), clientIp: null, requestId: null } : null;
}

/** Sets the times of a return and of its (single) version. */
async function setTimes(db: Db, regionCode: string, month: string, submittedAt: Date, reviewedAt: Date | null): Promise<void> {
  await db
    .update(monthlyReturns)
    .set({ firstSubmittedAt: submittedAt, submittedAt, reviewedAt, createdAt: submittedAt, updatedAt: reviewedAt ?? submittedAt })
    .where(and(eq(monthlyReturns.regionCode, regionCode), eq(monthlyReturns.month, month)));
  await db
    .update(monthlyReturnVersions)
    .set({ submittedAt, reviewedAt })
    .where(inArray(monthlyReturnVersions.returnId, db.select({ id: monthlyReturns.id }).from(monthlyReturns).where(and(eq(monthlyReturns.regionCode, regionCode), eq(monthlyReturns.month, month)))));
}

/** Seeds the demo returns once (after the demo projects and accounts); returns the counts, or null when they exist. */
export async function seedDemoReturns(deps: Deps, options: { today?: string } = {}): Promise<DemoReturnCounts | null> {
  const [existing] = await deps.db.select({ id: monthlyReturns.id }).from(monthlyReturns).where(eq(monthlyReturns.regionCode, COUNTY)).limit(1);
  if (existing) return null;
  const statistician = await userCaller(deps.db, 'statistician');
  const reviewer = await userCaller(deps.db, 'reviewer');
  const provinceReviewer = await userCaller(deps.db, 'reviewer_xj');
  if (!statistician || !reviewer || !provinceReviewer) return null;

  const today = options.today ?? todayInShanghai();
  const lastMonth = addMonths(today.slice(0, 7), -1);
  const approvedThrough = addMonths(today.slice(0, 7), -2);
  const months: string[] = [];
  for (let m = `${approvedThrough.slice(0, 4)}-01`; m <= approvedThrough; m = addMonths(m, 1)) months.push(m);

  const counties = (await selectReportingChildren(deps.db, PREFECTURE)).filter((c) => c.hasProjects);
  if (!counties.some((c) => c.code === COUNTY)) return null;
  const submitterOf = (c: { code: string; name: string }) => (c.code === COUNTY ? statistician : officeCaller(c.name));
  const due = await loadDueDates(deps);
  const rng = createRng(20261206);
  let approved = 0;

  for (const month of months) {
    const countyDue = due('county', month);
    const prefectureDue = due('prefecture', month);
    let lastApproval = '';
    for (const c of counties) {
      await submitReturn(deps, submitterOf(c), c.code, month, null);
      await approveReturn(deps, reviewer, c.code, month, null);
      const submittedOn = shiftDate(countyDue, -rng.int(0, 1));
      const approvedOn = shiftDate(submittedOn, 1);
      if (approvedOn > lastApproval) lastApproval = approvedOn;
      await setTimes(deps.db, c.code, month, at(submittedOn, 16, rng.int(0, 59)), at(approvedOn, 10, rng.int(0, 59)));
      approved++;
    }
    await submitReturn(deps, officeCaller('乌鲁木齐市'), PREFECTURE, month, null);
    await approveReturn(deps, provinceReviewer, PREFECTURE, month, null);
    const prefectureOn = shiftDate(prefectureDue, -1) > lastApproval ? shiftDate(prefectureDue, -1) : lastApproval;
    await setTimes(deps.db, PREFECTURE, month, at(prefectureOn, 17, rng.int(0, 59)), at(shiftDate(prefectureOn, 1), 11, rng.int(0, 59)));
    approved++;
  }

  // last month: two other counties have submitted, 米东区 and the rest are still at work
  const waiting = counties.filter((c) => c.code !== COUNTY).slice(0, AWAITING_REVIEW);
  const lastDue = due('county', lastMonth);
  for (const c of waiting) {
    await submitReturn(deps, submitterOf(c), c.code, lastMonth, null);
    const planned = shiftDate(lastDue, -rng.int(0, 1));
    const on = planned < today ? planned : today;
    await setTimes(deps.db, c.code, lastMonth, at(on, 15, rng.int(0, 59)), null);
  }
  return { approved, awaitingReview: waiting.length, months };
}
