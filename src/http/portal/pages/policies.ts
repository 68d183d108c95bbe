/**
 * 政策: the policy library — a text search over the items, the "which items fit my company" matcher (a GET
 * form: industry, size, region) with the reasons for each item, the policies, and one policy or item.
 */
import type { PolicyMatch, PublicPolicy, PublicPolicyItem, PublicPolicyList } from '../../../contracts/portal';
import { ENTERPRISE_SIZE_LABELS } from '../../../domain/portal/policy-match';
import { html, type SafeHtml } from '../html';
import { renderEmpty, renderFields, renderInquiryLink, renderPager, renderSelect, type Choice } from '../parts';

const sizeChoices: Choice[] = Object.entries(ENTERPRISE_SIZE_LABELS).map(([value, label]) => ({ value, label }));

function validity(from: string | null, to: string | null): string {
  if (!from && !to) return '长期有效';
  return `${from ?? '—'} 至 ${to ?? '长期'}`;
}

function itemCard(i: PublicPolicyItem, reasons?: readonly string[]): SafeHtml {
  return html`<li class="card"><h3><a href="/portal/policy-items/${i.id}">${i.title}</a></h3>
<p class="meta">${i.policy.title}${i.policy.documentNumber ? `（${i.policy.documentNumber}）` : ''}${i.policy.isDemo ? ' · 演示数据' : ''}</p>
<p>${i.benefit.length > 120 ? `${i.benefit.slice(0, 120)}…` : i.benefit}</p>
${reasons ? html`<ul>${reasons.map((r) => html`<li>${r}</li>`)}</ul>` : ''}</li>`;
}

export interface PolicyPageData {
  q: string | undefined;
  search: { total: number; items: PublicPolicyItem[]; page: number; pageSize: number } | null;
  match: { industry?: string; size?: string; region?: string; result: PolicyMatch | null; error: string | null };
  policies: PublicPolicyList['items'];
  choices: { regions: Choice[]; industries: Choice[] };
}

export function renderPolicies(d: PolicyPageData): SafeHtml {
  return html`<h1>政策</h1>
<form class="filters" method="get" action="/portal/policies" role="search" aria-label="搜索政策条款">
<div><label for="f-q">关键词</label><input id="f-q" name="q" value="${d.q ?? ''}" placeholder="如：厂房租金补贴"></div>
<div><button type="submit">搜索政策条款</button></div>
</form>
${d.search
    ? html`<h2>搜索结果</h2>${d.search.items.length === 0 ? renderEmpty('没有找到相关政策条款，换个关键词试试。') : html`<ul class="cards">${d.search.items.map((i) => itemCard(i))}</ul>`}
${renderPager('/portal/policies', { q: d.q }, d.search.page, d.search.pageSize, d.search.total)}`
    : ''}
<h2 id="match">哪些政策适合我的企业</h2>
<form class="filters" method="get" action="/portal/policies#match" aria-label="政策匹配">
${renderSelect('industry', '所属行业', d.choices.industries, d.match.industry, '请选择')}
${renderSelect('size', '企业规模', sizeChoices, d.match.size, '请选择')}
${renderSelect('region', '所在或拟落户地区', d.choices.regions, d.match.region, '请选择')}
<div><button type="submit">匹配政策</button></div>
</form>
${d.match.error ? html`<p class="empty" role="alert">${d.match.error}</p>` : ''}
${d.match.result
    ? d.match.result.items.length === 0
      ? renderEmpty('暂未找到适合的政策条款。可通过“在线对接”咨询当地招商窗口。')
      : html`<ul class="cards">${d.match.result.items.map((m) => itemCard(m.item, m.reasons))}</ul>`
    : ''}
<h2>政策库</h2>
${d.policies.length === 0
    ? renderEmpty('暂无发布的政策。')
    : html`<ul class="cards">${d.policies.map(
        (p) => html`<li class="card"><h3><a href="/portal/policies/${p.id}">${p.title}</a></h3><p class="meta">${p.issuingBody}${p.documentNumber ? ` · ${p.documentNumber}` : ''} · ${p.items} 条${p.isDemo ? ' · 演示数据' : ''}</p></li>`,
      )}</ul>`}`;
}

function policyFields(p: PublicPolicy | PublicPolicyItem['policy']): SafeHtml {
  return renderFields([
    ['发文机关', p.issuingBody],
    ['文号', p.documentNumber],
    ['适用地区', p.regionName],
    ['有效期', validity(p.validFrom, p.validTo)],
    ['原文', p.sourceUrl ? html`<a href="${p.sourceUrl}" rel="noopener noreferrer">${p.sourceUrl}</a>` : null],
    ['说明', p.isDemo ? '演示数据：依公开资料编写，非正式政策文本' : null],
  ]);
}

export function renderPolicyDetail(p: PublicPolicy): SafeHtml {
  return html`<p><a href="/portal/policies">← 政策</a></p>
<h1>${p.title}</h1>
${policyFields(p)}
<h2>政策条款</h2>
<ul class="cards">${p.items.map((i) => itemCard(i))}</ul>`;
}

export function renderPolicyItemDetail(i: PublicPolicyItem): SafeHtml {
  return html`<p><a href="/portal/policies/${i.policyId}">← ${i.policy.title}</a></p>
<h1>${i.title}</h1>
${renderFields([
  ['支持内容', i.benefit],
  ['适用行业', i.industries.length > 0 ? i.industries.map((x) => `${x.name}（${x.code}）`).join('、') : '不限'],
  ['企业规模', i.enterpriseSizes.length > 0 ? i.enterpriseSizes.map((s) => ENTERPRISE_SIZE_LABELS[s]).join('、') : '不限'],
  ['适用地区', i.regions.length > 0 ? i.regions.map((r) => r.name).join('、') : i.policy.regionName],
  ['申请条件', i.conditions],
  ['申请方式', i.howToApply],
  ['有效期', validity(i.validFrom, i.validTo)],
])}
${renderInquiryLink(`policyItem:${i.id}`)}
<h2>所属政策</h2>
${policyFields(i.policy)}`;
}
