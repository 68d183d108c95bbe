/**
 * The data of a statistics document (月通报, 季总结, 年排名) for a region and month, gathered through the
 * statistics services (same definitions, permissions and region scope as /api/stats/*):
 * the summary year to date and for the document's own period, the breakdown by direct sub-region
 * (占比 贡献率 拉动) year to date, and the 赛马榜 of the sub-regions for the month, quarter or year.
 */
import { AppError } from '../domain/app-error';
import { msg } from '../domain/messages/catalog';
import { resolveRankingPeriods, type Period, type RankingPeriodKind, type Summary } from '../domain/indicators';
import type { ActivityStats } from '../contracts/activities';
import { getActivityStats } from '../services/activities/activity-stats';
import type { Caller, Deps } from '../services/context';
import { getSummary } from '../services/statistics/statistics';
import { getBreakdowns } from '../services/statistics/statistics-breakdowns';
import { getRankings } from '../services/statistics/statistics-rankings';

export const DOCUMENT_KINDS = ['monthly', 'quarterly', 'annual'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_NAMES: Record<DocumentKind, string> = { monthly: '月通报', quarterly: '季度总结', annual: '年度排名' };
const SHORT_NAMES: Record<DocumentKind, string> = { monthly: '月通报', quarterly: '季总结', annual: '年排名' };
const RANKING_KIND: Record<DocumentKind, RankingPeriodKind> = { monthly: 'month', quarterly: 'quarter', annual: 'year' };
const QUARTER_NAMES = ['一', '二', '三', '四'];

export type Breakdowns = Awaited<ReturnType<typeof getBreakdowns>>;
export type Rankings = Awaited<ReturnType<typeof getRankings>>;

export interface NoticeData {
  kind: DocumentKind;
  regionCode: string;
  regionName: string;
  /** the document's month, YYYY-MM */
  month: string;
  /** 制表机关 */
  issuer: string;
  /** e.g. 乌鲁木齐市招商引资工作月通报（2026 年 10 月） */
  title: string;
  /** e.g. 乌鲁木齐市2026年10月招商引资月通报 (file name without extension) */
  fileBaseName: string;
  /** January … month */
  ytdPeriod: Period;
  ytd: Summary;
  /** the document's own period: the month, the quarter to the month, or the year to the month */
  period: Period;
  periodSummary: Summary;
  /** by direct sub-region, year to date */
  breakdowns: Breakdowns;
  /** the sub-regions ranked for the document's period (month, quarter, year) */
  rankings: Rankings;
  /** 招商活动 of the document's own period (DESIGN.md activity statistics) */
  activities: ActivityStats;
  generatedAt: Date;
}

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** "2026 年 10 月", "2026 年 1—10 月" */
export function periodLabel(p: Period): string {
  const year = p.from.slice(0, 4);
  const a = Number(p.from.slice(5, 7));
  const b = Number(p.to.slice(5, 7));
  return a === b ? `${year} 年 ${b} 月` : `${year} 年 ${a}—${b} 月`;
}

/** "1—10 月", "10 月" (without the year, for prose) */
export function monthsLabel(p: Period): string {
  const a = Number(p.from.slice(5, 7));
  const b = Number(p.to.slice(5, 7));
  return a === b ? `${b} 月` : `${a}—${b} 月`;
}

function titlePeriod(kind: DocumentKind, month: string): string {
  const year = month.slice(0, 4);
  const m = Number(month.slice(5, 7));
  if (kind === 'monthly') return `${year} 年 ${m} 月`;
  if (kind === 'quarterly') {
    const q = Math.floor((m - 1) / 3);
    return m % 3 === 0 ? `${year} 年第${QUARTER_NAMES[q]}季度` : `${year} 年第${QUARTER_NAMES[q]}季度（截至 ${m} 月）`;
  }
  return m === 12 ? `${year} 年` : `${year} 年 1—${m} 月`;
}

/** The default 制表机关 of a region. */
export function defaultIssuer(regionName: string): string {
  return `${regionName}招商引资工作领导小组办公室`;
}

export async function gatherNoticeData(
  deps: Deps,
  caller: Caller,
  q: { kind: DocumentKind; region: string; month: string; issuer?: string | undefined },
): Promise<NoticeData> {
  if (!MONTH_RE.test(q.month)) throw new AppError('VALIDATION', msg('returns.monthFormat', { month: q.month }), [{ field: 'month', message: msg('returns.monthFormatShort') }]);
  const year = q.month.slice(0, 4);
  const ytdPeriod: Period = { from: `${year}-01`, to: q.month };
  const period = resolveRankingPeriods(RANKING_KIND[q.kind], q.month).current;
  // the breakdown checks the region and the caller's scope first (a 403/404 before any other work)
  const breakdowns = await getBreakdowns(deps, caller, { region: q.region, ...ytdPeriod });
  const ytd = await getSummary(deps, caller, { region: q.region, ...ytdPeriod });
  const samePeriod = period.from === ytdPeriod.from && period.to === ytdPeriod.to;
  const periodSummary = samePeriod ? ytd : await getSummary(deps, caller, { region: q.region, ...period });
  const rankings = await getRankings(deps, caller, { region: q.region, period: RANKING_KIND[q.kind], to: q.month });
  const activities = await getActivityStats(deps, caller, { region: q.region, from: period.from, to: period.to });
  const regionName = breakdowns.regionName;
  const issuer = q.issuer?.trim() ? q.issuer.trim() : defaultIssuer(regionName);
  const m = Number(q.month.slice(5, 7));
  const fileMonth = q.kind === 'quarterly' ? `${year}年第${QUARTER_NAMES[Math.floor((m - 1) / 3)]}季度` : q.kind === 'annual' ? (m === 12 ? `${year}年` : `${year}年1-${m}月`) : `${year}年${m}月`;
  return {
    kind: q.kind,
    regionCode: breakdowns.region,
    regionName,
    month: q.month,
    issuer,
    title: `${regionName}招商引资工作${DOCUMENT_NAMES[q.kind]}（${titlePeriod(q.kind, q.month)}）`,
    fileBaseName: `${regionName}${fileMonth}招商引资${SHORT_NAMES[q.kind]}`,
    ytdPeriod,
    ytd,
    period,
    periodSummary,
    breakdowns,
    rankings,
    activities,
    generatedAt: new Date(),
  };
}
