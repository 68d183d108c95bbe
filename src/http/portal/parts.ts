/** Small pieces the portal's pages share: cards, field lists, pager, filter selects, the inquiry link. */
import type { PublicOffice } from '../../contracts/portal';
import { toShanghaiDate } from '../../domain/dates';
import { html, type SafeHtml } from './html';

export interface Choice {
  value: string;
  label: string;
}

export function renderSelect(name: string, label: string, choices: readonly Choice[], selected: string | undefined, anyLabel = '不限'): SafeHtml {
  return html`<div><label for="f-${name}">${label}</label><select id="f-${name}" name="${name}"><option value="">${anyLabel}</option>${choices.map(
    (c) => html`<option value="${c.value}"${c.value === selected ? html` selected` : ''}>${c.label}</option>`,
  )}</select></div>`;
}

/** A definition list of the non-empty fields. */
export function renderFields(fields: readonly [string, string | SafeHtml | null | undefined][]): SafeHtml {
  const shown = fields.filter(([, v]) => v !== null && v !== undefined && v !== '');
  return html`<dl class="fields">${shown.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
}

export function renderOffice(office: PublicOffice | null): SafeHtml {
  if (!office) return html``;
  return html`<h2>联系窗口</h2>${renderFields([
    ['窗口', `${office.name}（${office.regionName}）`],
    ['地址', office.address],
    ['电话', office.phone],
    ['办公时间', office.hours],
    ['邮箱', office.email],
  ])}`;
}

export function renderInquiryLink(subject: string): SafeHtml {
  return html`<a class="action" href="/portal/inquiry?subject=${subject}">在线对接：我对此感兴趣</a>`;
}

export function renderEmpty(text: string): SafeHtml {
  return html`<p class="empty">${text}</p>`;
}

/** Previous/next links keeping the filters of the current query. */
export function renderPager(base: string, query: Record<string, string | number | undefined>, page: number, pageSize: number, total: number): SafeHtml {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const link = (p: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '' && k !== 'page') params.set(k, String(v));
    params.set('page', String(p));
    return `${base}?${params.toString()}`;
  };
  return html`<nav class="pager" aria-label="分页"><span>共 ${total} 条，第 ${page}/${pages} 页</span>${page > 1 ? html`<a href="${link(page - 1)}">上一页</a>` : ''}${page < pages ? html`<a href="${link(page + 1)}">下一页</a>` : ''}</nav>`;
}

/** The calendar day an answer's instant falls on in Asia/Shanghai (a plain date is kept as it is). */
export function formatDate(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso.slice(0, 10) : toShanghaiDate(at);
}
