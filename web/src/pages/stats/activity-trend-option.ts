/**
 * The monthly trend of the activity card: activities (trips, visits, receptions, events) as bars, the projects
 * reached (对接) and signed through them as lines, each beside the same month last year (grey, dashed). Series
 * names are the catalog's; the values are counts, so ECharts' own tooltip shows them as they are.
 */
import type { EChartsOption } from '../../components/charts/types';
import type { ActivityStats } from '../../api/activities';
import type { Translate } from '../../i18n';

type Month = NonNullable<ActivityStats['byMonth']>[number];

const RED = '#c8102e';
const BLUE = '#1677ff';
const GREEN = '#389e0d';
const GREY = '#bfbfbf';

const activitiesOf = (m: Month | undefined) => (m ? m.trips + m.visits + m.receptions + m.events : 0);

/** True when neither period has anything to draw. */
export function isTrendEmpty(now: readonly Month[], before: readonly Month[]): boolean {
  return [...now, ...before].every((m) => activitiesOf(m) === 0 && m.talks === 0 && m.signed === 0);
}

/** The x axis: 3月 within one year, 2025-03 when the period spans years. */
function labelsOf(now: readonly Month[], t: Translate): string[] {
  const years = new Set(now.map((m) => m.month.slice(0, 4)));
  return now.map((m) => (years.size > 1 ? m.month : t('stats.act.trend.month', { n: Number(m.month.slice(5, 7)) })));
}

export function activityTrendOption(now: readonly Month[], before: readonly Month[], t: Translate, phone: boolean): EChartsOption {
  // the months of last year in the same order (the API answers every month of the period, empty ones too)
  const last = (i: number) => before[i];
  const line = (name: string, color: string, data: number[], dashed: boolean) => ({
    name,
    type: 'line' as const,
    yAxisIndex: 1,
    symbolSize: 6,
    itemStyle: { color },
    lineStyle: { color, type: dashed ? ('dashed' as const) : ('solid' as const) },
    data,
  });
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, itemWidth: 14, itemHeight: 8, textStyle: { fontSize: phone ? 11 : 12 } },
    grid: { left: 36, right: 36, top: phone ? 76 : 44, bottom: 28 },
    xAxis: { type: 'category', data: labelsOf(now, t) },
    yAxis: [
      { type: 'value', name: t('stats.act.trend.axisActivities'), minInterval: 1 },
      { type: 'value', name: t('stats.act.trend.axisProjects'), minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      { name: t('stats.act.trend.activities'), type: 'bar', itemStyle: { color: RED }, data: now.map((m) => activitiesOf(m)) },
      { name: t('stats.act.trend.activitiesBefore'), type: 'bar', itemStyle: { color: GREY }, data: now.map((_, i) => activitiesOf(last(i))) },
      line(t('stats.act.trend.talks'), BLUE, now.map((m) => m.talks), false),
      line(t('stats.act.trend.talksBefore'), BLUE, now.map((_, i) => last(i)?.talks ?? 0), true),
      line(t('stats.act.trend.signed'), GREEN, now.map((m) => m.signed), false),
      line(t('stats.act.trend.signedBefore'), GREEN, now.map((_, i) => last(i)?.signed ?? 0), true),
    ],
  };
}
