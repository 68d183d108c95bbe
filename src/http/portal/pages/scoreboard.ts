/**
 * 服务评价: the monthly public scoreboard of inquiries and complaints (services/inquiries/scoreboard.ts) — per
 * region below the one shown, how many were received, closed and closed on time, the on-time rate, the median
 * working days to a first answer and to closing, and those still open past their due date. A month's figures
 * are published once and do not change afterwards.
 */
import type { z } from 'zod';
import type { scoreboardSchema } from '../../../contracts/inquiries';
import { html, type SafeHtml } from '../html';
import { formatDate } from '../parts';

type Scoreboard = z.infer<typeof scoreboardSchema>;
type Figures = Scoreboard['rows'][number]['inquiries'];

const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)}%`);
const days = (v: number | null) => (v === null ? '—' : `${v}`);

function renderKindTable(caption: string, rows: Scoreboard['rows'], pick: (r: Scoreboard['rows'][number]) => Figures): SafeHtml {
  return html`<div class="table-wrap"><table class="scoreboard">
<caption>${caption}</caption>
<thead><tr><th scope="col">地区</th><th scope="col">受理</th><th scope="col">办结</th><th scope="col">按期办结</th><th scope="col">按期办结率</th><th scope="col">首次答复用时中位数（工作日）</th><th scope="col">办结用时中位数（工作日）</th><th scope="col">逾期未办结</th></tr></thead>
<tbody>${rows.map((r) => {
    const f = pick(r);
    return html`<tr><th scope="row">${r.name}</th><td>${f.opened}</td><td>${f.closed}</td><td>${f.closedOnTime}</td><td>${pct(f.onTimeRatePct)}</td><td>${days(f.medianFirstResponseDays)}</td><td>${days(f.medianDays)}</td><td>${f.openPastDue}</td></tr>`;
  })}</tbody></table></div>`;
}

export function renderScoreboard(s: Scoreboard): SafeHtml {
  const published = s.publishedAt ? formatDate(s.publishedAt) : null;
  return html`<h1>服务评价 · ${s.regionName} ${s.month}</h1>
<form class="filters" method="get" action="/portal/scoreboard">
<label>月份 <input type="month" name="month" value="${s.month}" max="${s.month}"></label>
<input type="hidden" name="region" value="${s.region}">
<button type="submit">查看</button>
</form>
<p class="meta">每月公布上一个已结束月份的咨询与投诉办理情况，公布后不再改动${published ? html`（本月数据公布于 ${published}）` : ''}。第一行为${s.regionName}全辖合计，其下为各下级地区。</p>
${renderKindTable('在线咨询（在线对接）', s.rows, (r) => r.inquiries)}
${renderKindTable('投诉', s.rows, (r) => r.complaints)}`;
}
