import { Space, Tag } from 'antd';
import type { ReturnState, ReturnStatusRow } from '../../api/returns';
import { formatWan } from '../../components/money';
import { formatPct, formatPts, lastCompleteMonth } from '../../components/stats';
import { isMessageKey, type Translate } from '../../i18n';

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month whose return is due now: the last complete month (one definition for every page). */
export const lastMonth = lastCompleteMonth;

export function returnLink(regionCode: string, month: string): string {
  return `/returns/${encodeURIComponent(regionCode)}/${encodeURIComponent(month)}`;
}

const STATE_COLOR: Record<ReturnState, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'success',
  returned: 'error',
};

export function StateTag({ t, state }: { t: Translate; state: ReturnState }) {
  return (
    <Tag color={STATE_COLOR[state]} data-testid="return-state">
      {t(`returns.state.${state}`)}
    </Tag>
  );
}

export function FlagTags({ t, row }: { t: Translate; row: Pick<ReturnStatusRow, 'late' | 'missing' | 'dueSoon'> }) {
  if (!row.late && !row.missing && !row.dueSoon) return <>—</>;
  return (
    <Space size={4} wrap>
      {row.late && <Tag color="red">{t('returns.flag.late')}</Tag>}
      {row.missing && <Tag color="volcano">{t('returns.flag.missing')}</Tag>}
      {row.dueSoon && <Tag color="gold">{t('returns.flag.dueSoon')}</Tag>}
    </Space>
  );
}

/** Labels of the figures' paths below `yearToDate.` / `monthOnly.` (see FigureChange.field). */
function metricLabel(t: Translate, path: string): string {
  const parts = path.split('.');
  const [group, sub, leaf] = parts;
  const what = (key: string | undefined): string => {
    if (key === 'projects' || key === 'topInvestorProjects') return t('stats.projects');
    if (key === 'fundsYuan') return t('stats.funds');
    if (key === 'lastYearFundsYuan') return t('stats.lastYear');
    if (key === 'yoyPct') return t('stats.yoy');
    if (key === 'amountYuan') return t('stats.signedAmount');
    return key ?? '';
  };
  // "新建项目" + "项目数" reads 新建项目数; English words need a space
  const join = (label: string, key: string | undefined): string => {
    const tail = what(key);
    if (label.endsWith('项目') && tail === '项目数') return `${label}数`;
    if (key === 'fundsYuan' && /资金|funds/i.test(label)) return label;
    return /[\u4e00-\u9fff]$/.test(label) ? `${label}${tail}` : `${label} ${tail.toLowerCase()}`;
  };
  switch (group) {
    case 'executing':
      return sub === 'projects' ? t('stats.executing') : sub === 'fundsYuan' ? t('stats.funds') : join(t('stats.funds'), sub);
    case 'newProjects':
      return join(t('stats.new'), sub);
    case 'continuedProjects':
      return join(t('stats.continued'), sub);
    case 'bySource': {
      const key = `source.${sub ?? ''}`;
      return join(isMessageKey(key) ? t(key) : sub ?? '', leaf);
    }
    case 'unknownSource':
      return join(t('stats.unknownSource'), sub);
    case 'domestic':
      return join(t('stats.domestic'), sub);
    case 'signed':
      if (sub === 'projects') return t('stats.signed');
      if (sub === 'amountYuan') return t('stats.signedAmount');
      if (sub === 'topInvestorProjects') return t('stats.topInvestors');
      if (sub === 'startRatePct') return t('stats.startRate');
      if (sub === 'fulfilmentRatePct') return t('stats.fulfilmentRate');
      return `${t('stats.band')} ${parts.slice(1).join('.')}`;
    case 'target':
      if (sub === 'annualYuan') return t('stats.annualTarget');
      if (sub === 'completionPct') return t('stats.completion');
      if (sub === 'schedulePct') return t('stats.schedule');
      if (sub === 'aheadPts') return t('stats.aheadBehind');
      return path;
    default:
      return path;
  }
}

/** "本月 · 到位资金" for `monthOnly.executing.fundsYuan`. */
export function figureLabel(t: Translate, field: string, month: string): string {
  const dot = field.indexOf('.');
  const period = field.slice(0, dot);
  const rest = field.slice(dot + 1);
  const periodText =
    period === 'monthOnly' ? t('returns.monthOnly', { month }) : period === 'yearToDate' ? t('returns.ytd', { n: Number(month.slice(5)) }) : period;
  return `${periodText} · ${metricLabel(t, rest)}`;
}

type Unit = 'yuan' | 'pct' | 'pts' | 'count';

function unitOf(field: string): Unit {
  if (field.endsWith('Yuan')) return 'yuan';
  if (field.endsWith('Pct')) return 'pct';
  if (field.endsWith('Pts')) return 'pts';
  return 'count';
}

export function formatFigure(field: string, value: number | null): string {
  if (value === null) return '—';
  switch (unitOf(field)) {
    case 'yuan':
      // exact 万元: a change of a few 万元 must not vanish in 亿元 rounding
      return formatWan(value, '—');
    case 'pct':
      return formatPct(value);
    case 'pts':
      return formatPts(value);
    default:
      return String(value);
  }
}

/** after − before in the figure's unit (percentages change by points). */
export function formatDelta(field: string, before: number | null, after: number | null): string {
  if (before === null || after === null) return '—';
  const unit = unitOf(field);
  if (unit === 'yuan') {
    const d = after - before;
    return `${d > 0 ? '+' : ''}${formatWan(d, '—')}`;
  }
  if (unit === 'pct' || unit === 'pts') return formatPts(Math.round((after - before) * 100) / 100);
  const d = after - before;
  return `${d > 0 ? '+' : ''}${d}`;
}
