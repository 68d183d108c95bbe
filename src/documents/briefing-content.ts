/**
 * A briefing as a document (docx and PDF render the same content): the red-headed title block
 * (简报名称, 第N期, 编发机关 and date), the figures table (本期, 上期, 增减, 万元 for amounts), the key
 * projects table of a 旬调度, and the text sections as revised by the editor. A draft says so.
 */
import type { Briefing } from '../contracts/briefings';
import { defaultIssuer } from './notice-data';

export interface BriefingDocument {
  title: string;
  /** "第3期" or "（草稿）" */
  numberLine: string;
  issuer: string;
  /** "2026年12月7日" (issue day, or generation day of a draft) */
  dateLine: string;
  periodLine: string;
  draft: boolean;
  /** "第2版（修订原因：…）" when the edition is not the first */
  editionNote: string | null;
  figureHeader: string[];
  figureRows: string[][];
  projectTable: { header: string[]; rows: string[][] } | null;
  sections: { title: string; paragraphs: string[] }[];
  /** file name without extension */
  fileBaseName: string;
}

const STAGE_NAMES: Record<string, string> = { lead: '线索', negotiating: '在谈', signed: '签约', started: '开工', operating: '投产', terminated: '终止' };
const LIGHT_NAMES: Record<string, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' };
const PREVIOUS: Record<Briefing['kind'], string> = { weekly: '上周', dispatch: '上旬', monthly: '上月' };
const CURRENT: Record<Briefing['kind'], string> = { weekly: '本周', dispatch: '本旬', monthly: '本月' };

/** Integer yuan as 万元 with 2 decimals (half-up), grouped: 12_345_650 → "1,234.57". */
function wan(yuan: number): string {
  const cents = Math.round(Math.abs(yuan) / 100);
  const whole = Math.floor(cents / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${yuan < 0 ? '-' : ''}${whole}.${String(cents % 100).padStart(2, '0')}`;
}

function figureValue(unit: string, v: number): string {
  return unit === '元' ? wan(v) : String(v);
}

function changeText(unit: string, change: number | null): string {
  if (change === null) return '—';
  if (change === 0) return '持平';
  return `${change > 0 ? '+' : '−'}${figureValue(unit, Math.abs(change))}`;
}

function chineseDate(iso: string): string {
  const d = new Date(iso);
  return d.toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' });
}

export function buildBriefingDocument(b: Briefing): BriefingDocument {
  const draft = b.status === 'draft';
  const figureRows = b.figures.map((f) => [f.label, f.unit === '元' ? '万元' : f.unit, figureValue(f.unit, f.value), f.previous === null ? '—' : figureValue(f.unit, f.previous), changeText(f.unit, f.change)]);
  const projectTable =
    b.kind === 'dispatch'
      ? {
          header: ['包联领导', '项目', '阶段', '红绿灯', '累计到位(万元)', `${CURRENT.dispatch}新录入(万元)`, '未解决问题'],
          rows: b.leaders.flatMap((g) =>
            g.projects.map((p) => [g.leaderName, p.name, STAGE_NAMES[p.stage] ?? p.stage, LIGHT_NAMES[p.light] ?? p.light, wan(p.fundsTotalYuan), wan(p.fundsInPeriodYuan), String(p.problems.length)]),
          ),
        }
      : null;
  const number = b.issueNumber !== null && !draft ? `第${b.issueNumber}期` : '（草稿，未签发）';
  const compactPeriod = `${b.periodStart.replaceAll('-', '')}-${b.periodEnd.replaceAll('-', '')}`;
  return {
    title: b.title,
    numberLine: number,
    issuer: defaultIssuer(b.regionName),
    dateLine: chineseDate(b.issuedAt ?? b.generatedAt),
    periodLine: `统计期：${b.periodLabel}`,
    draft,
    editionNote: b.edition > 1 ? `第${b.edition}版${b.revisionReason ? `（修订原因：${b.revisionReason}）` : ''}` : null,
    figureHeader: ['指标', '单位', CURRENT[b.kind], PREVIOUS[b.kind], '增减'],
    figureRows,
    projectTable,
    sections: b.sections.map((s) => ({
      title: s.title,
      paragraphs: s.text
        .split('\n')
        .map((p) => p.trim())
        .filter((p) => p !== ''),
    })),
    fileBaseName: `${b.title}${b.issueNumber !== null && !draft ? `第${b.issueNumber}期` : '（草稿）'}_${compactPeriod}${b.edition > 1 ? `_第${b.edition}版` : ''}`,
  };
}
