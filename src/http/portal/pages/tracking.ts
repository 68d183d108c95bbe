/** 办理进度: the lookup form and one filing's stage, office, due date, answers, rating and the one reopen. No personal data. */
import type { z } from 'zod';
import type { trackingSchema } from '../../../contracts/inquiries';
import { html, type SafeHtml } from '../html';
import { formatDate, renderFields } from '../parts';

type Tracking = z.infer<typeof trackingSchema>;

const STAGE_LABELS: Record<Tracking['stage'], string> = { received: '已收到', accepted: '已受理', answered: '已答复', closed: '已办结' };
const FROM_LABELS: Record<Tracking['thread'][number]['from'], string> = { office: '窗口答复', investor: '您', system: '系统' };

export function renderTrackingLookup(): SafeHtml {
  return html`<h1>办理进度</h1>
<form class="filters" method="get" action="/portal/tracking">
<div><label for="f-number">查询码</label><input id="f-number" name="number" required autocomplete="off" placeholder="XXXX-XXXX-XXXX-XXXX-X"></div>
<button type="submit">查询</button>
</form>`;
}

/** A refused rating or reopen form: which form, the refusal naming the field, and what the investor typed. */
export interface TrackingFormInput {
  form: 'rating' | 'reopen';
  error: string;
  rating?: string;
  comment?: string;
  reason?: string;
}

function renderRatingForm(base: string, input: TrackingFormInput | null): SafeHtml {
  const kept = input?.form === 'rating' ? input : null;
  return html`<h2>评价答复</h2>${kept ? html`<p class="error" role="alert">提交未成功：${kept.error}</p>` : ''}<form class="filters" method="post" action="${base}/rating"><div><label for="f-rating">评分</label><select id="f-rating" name="rating">${[5, 4, 3, 2, 1].map(
    (n) => html`<option value="${n}"${kept?.rating === String(n) ? html` selected` : ''}>${n} 分</option>`,
  )}</select></div><div><label for="f-comment">意见（可选）</label><input id="f-comment" name="comment" maxlength="1000" value="${kept?.comment ?? ''}"></div><button type="submit">提交评价</button></form>`;
}

function renderReopenForm(base: string, input: TrackingFormInput | null): SafeHtml {
  const kept = input?.form === 'reopen' ? input : null;
  return html`<h2>申请重新办理</h2>${kept ? html`<p class="error" role="alert">提交未成功：${kept.error}</p>` : ''}<form class="filters" method="post" action="${base}/reopen"><div><label for="f-reason">理由（必填，只能申请一次）</label><input id="f-reason" name="reason" required maxlength="2000" value="${kept?.reason ?? ''}"></div><button type="submit">申请重新办理</button></form>`;
}

/** The tracking page; `input` re-fills a refused rating or reopen form and shows its refusal above it. */
export function renderTracking(t: Tracking, input: TrackingFormInput | null = null): SafeHtml {
  const base = `/api/public/tracking/${encodeURIComponent(t.trackingNumber)}`;
  // a refusal of a form the page no longer offers (already rated, reopened before) is shown at the top
  const offered = input && ((input.form === 'rating' && t.canRate) || (input.form === 'reopen' && t.canReopen));
  return html`<h1>${t.kind === 'inquiry' ? '咨询' : '投诉'}办理进度</h1>
${input && !offered ? html`<p class="error" role="alert">提交未成功：${input.error}</p>` : ''}
${renderFields([
    ['查询码', t.trackingNumber],
    ['阶段', STAGE_LABELS[t.stage]],
    ['咨询对象', t.subjectTitle],
    ['承办窗口', t.officeName],
    ['提交日期', t.receivedOn],
    ['下一步到期日', t.dueOn],
    ['办结日期', t.closedOn],
    ['评价', t.rating === null ? null : `${t.rating} 分`],
  ])}
<h2>往来答复</h2>
${t.thread.length === 0
    ? html`<p class="empty">窗口尚未答复。</p>`
    : html`<ol class="cards">${t.thread.map((m) => html`<li class="card"><p class="meta">${formatDate(m.at)} · ${m.officeName ?? FROM_LABELS[m.from]}</p><p class="body">${m.body}</p></li>`)}</ol>`}
${t.canRate ? renderRatingForm(base, input) : ''}
${t.canReopen ? renderReopenForm(base, input) : ''}`;
}
