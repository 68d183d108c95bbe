/** 资源载体: the published resources with a filter form (GET, works without JavaScript) and one resource with its photos. */
import type { PublicResource, PublicResourceQuery } from '../../../contracts/portal';
import { AVAILABILITY_LABELS, PRICE_UNIT_LABELS, RESOURCE_KIND_LABELS, UTILITY_LABELS, formatYuan } from '../../../domain/portal/labels';
import { html, type SafeHtml } from '../html';
import { formatDate, renderEmpty, renderFields, renderInquiryLink, renderOffice, renderPager, renderSelect, type Choice } from '../parts';

const kindChoices: Choice[] = Object.entries(RESOURCE_KIND_LABELS).map(([value, label]) => ({ value, label }));
const availabilityChoices: Choice[] = Object.entries(AVAILABILITY_LABELS).map(([value, label]) => ({ value, label }));

export function describePrice(r: Pick<PublicResource, 'priceYuan' | 'priceUnit'>): string | null {
  if (r.priceYuan === null || r.priceUnit === null) return null;
  return r.priceUnit === 'total' ? formatYuan(r.priceYuan) : `${r.priceYuan} ${PRICE_UNIT_LABELS[r.priceUnit]}`;
}

export function renderResourceList(q: PublicResourceQuery, list: { total: number; items: PublicResource[] }, choices: { regions: Choice[]; industries: Choice[] }): SafeHtml {
  return html`<h1>资源载体</h1>
<form class="filters" method="get" action="/portal/resources" role="search" aria-label="筛选资源载体">
${renderSelect('kind', '类型', kindChoices, q.kind)}
${renderSelect('region', '地区', choices.regions, q.region)}
${renderSelect('industry', '适合行业', choices.industries, q.industry)}
<div><label for="f-areaMin">面积不小于（㎡）</label><input id="f-areaMin" name="areaMin" inputmode="numeric" value="${q.areaMin ?? ''}"></div>
<div><label for="f-areaMax">面积不大于（㎡）</label><input id="f-areaMax" name="areaMax" inputmode="numeric" value="${q.areaMax ?? ''}"></div>
${renderSelect('availability', '状态', availabilityChoices, q.availability)}
<div><button type="submit">筛选</button></div>
</form>
${list.items.length === 0
    ? renderEmpty('没有符合条件的资源载体。可放宽筛选条件，或联系各地招商窗口。')
    : html`<ul class="cards">${list.items.map(
        (r) => html`<li class="card"><h3><a href="/portal/resources/${r.id}">${r.name}</a></h3>
<p class="meta">${RESOURCE_KIND_LABELS[r.kind]} · ${r.regionName}${r.areaSqm !== null ? ` · ${r.areaSqm} ㎡` : ''} · ${AVAILABILITY_LABELS[r.availability]}</p>
${r.suitableIndustries.length > 0 ? html`<p>${r.suitableIndustries.map((i) => html`<span class="tag">${i.name}</span>`)}</p>` : ''}</li>`,
      )}</ul>`}
${renderPager('/portal/resources', { kind: q.kind, region: q.region, industry: q.industry, areaMin: q.areaMin, areaMax: q.areaMax, availability: q.availability }, q.page, q.pageSize, list.total)}`;
}

export function renderResourceDetail(r: PublicResource): SafeHtml {
  return html`<p><a href="/portal/resources">← 资源载体</a></p>
<h1>${r.name}</h1>
${r.photos.length > 0 ? html`<div class="photos">${r.photos.map((p) => html`<img src="${p.url}" alt="${p.caption || r.name}" loading="lazy">`)}</div>` : ''}
${renderFields([
  ['类型', RESOURCE_KIND_LABELS[r.kind]],
  ['地区', r.regionName],
  ['位置', r.address],
  ['面积', r.areaSqm !== null ? `${r.areaSqm} ㎡` : null],
  ['价格或租金', describePrice(r)],
  ['配套', r.utilities.map((u) => UTILITY_LABELS[u]).join('、')],
  ['配套说明', r.utilitiesNote],
  ['适合行业', r.suitableIndustries.map((i) => `${i.name}（${i.code}）`).join('、')],
  ['产业链节点', r.chainNodeCodes.join('、')],
  ['状态', AVAILABILITY_LABELS[r.availability]],
  ['说明', r.description],
  ['发布日期', formatDate(r.publishedAt)],
])}
${renderInquiryLink(`resource:${r.id}`)}
${renderOffice(r.office)}`;
}
