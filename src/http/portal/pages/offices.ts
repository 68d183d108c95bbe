/** 联系窗口: each region's public contact offices. */
import type { PublicOffice } from '../../../contracts/portal';
import { html, type SafeHtml } from '../html';
import { renderEmpty, renderFields } from '../parts';

export function renderOffices(items: readonly PublicOffice[]): SafeHtml {
  return html`<h1>联系窗口</h1>
${items.length === 0
    ? renderEmpty('暂无公开的联系窗口。')
    : html`<ul class="cards">${items.map(
        (o) => html`<li class="card"><h3>${o.name}</h3><p class="meta">${o.regionName}</p>${renderFields([
          ['地址', o.address],
          ['电话', o.phone],
          ['办公时间', o.hours],
          ['邮箱', o.email],
        ])}</li>`,
      )}</ul>`}`;
}
