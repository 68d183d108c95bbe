/** 推介项目: the published projects (filters by region, industry, chain) and one project's public fields. */
import type { PublicProject, PublicProjectQuery } from '../../../contracts/portal';
import { formatYuan } from '../../../domain/portal/labels';
import { html, type SafeHtml } from '../html';
import { formatDate, renderEmpty, renderFields, renderInquiryLink, renderOffice, renderPager, renderSelect, type Choice } from '../parts';

export function renderProjectList(q: PublicProjectQuery, list: { total: number; items: PublicProject[] }, choices: { regions: Choice[]; industries: Choice[] }): SafeHtml {
  return html`<h1>推介项目</h1>
<form class="filters" method="get" action="/portal/projects" role="search" aria-label="筛选项目">
${renderSelect('region', '地区', choices.regions, q.region)}
${renderSelect('industry', '行业', choices.industries, q.industry)}
<div><label for="f-chain">产业链或节点编码</label><input id="f-chain" name="chain" value="${q.chain ?? ''}"></div>
<div><button type="submit">筛选</button></div>
</form>
${list.items.length === 0
    ? renderEmpty('没有符合条件的推介项目。可放宽筛选条件，或通过“在线对接”说明您的需求。')
    : html`<ul class="cards">${list.items.map(
        (p) => html`<li class="card"><h3><a href="/portal/projects/${p.id}">${p.publicTitle}</a></h3>
<p class="meta">${p.regionName}${p.industryName ? ` · ${p.industryName}` : ''}${p.investmentScaleYuan !== null ? ` · 投资规模 ${formatYuan(p.investmentScaleYuan)}` : ''}</p>
<p class="meta">发布于 ${formatDate(p.publishedAt)}</p></li>`,
      )}</ul>`}
${renderPager('/portal/projects', { region: q.region, industry: q.industry, chain: q.chain }, q.page, q.pageSize, list.total)}`;
}

export function renderProjectDetail(p: PublicProject): SafeHtml {
  return html`<p><a href="/portal/projects">← 推介项目</a></p>
<h1>${p.publicTitle}</h1>
${renderFields([
  ['所在地区', p.regionName],
  ['行业', p.industryName ? `${p.industryName}（${p.industryCode ?? ''}）` : null],
  ['投资规模', p.investmentScaleYuan !== null ? formatYuan(p.investmentScaleYuan) : null],
  ['合作方式', p.cooperationMode],
  ['项目背景', p.background],
  ['市场分析', p.market],
  ['建设条件与优势', p.conditions],
  ['发布日期', formatDate(p.publishedAt)],
])}
${renderInquiryLink(`project:${p.id}`)}
${renderOffice(p.office)}`;
}
