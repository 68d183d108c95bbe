/** 首页: what is published now, and the newest projects, resources and policy items. */
import type { PublicPolicyItem, PublicProject, PublicResource } from '../../../contracts/portal';
import { RESOURCE_KIND_LABELS } from '../../../domain/portal/labels';
import { html, type SafeHtml } from '../html';
import { renderEmpty } from '../parts';

export interface HomeData {
  counts: { projects: number; resources: number; policyItems: number; offices: number };
  projects: PublicProject[];
  resources: PublicResource[];
  policyItems: PublicPolicyItem[];
}

export function renderHome(d: HomeData): SafeHtml {
  return html`<h1>招商引资服务门户</h1>
<p>推介项目、资源载体、惠企政策一站查询；有意向可在线对接，办理进度凭编号查询。</p>
<ul class="figures">
<li><strong>${d.counts.projects}</strong>推介项目</li>
<li><strong>${d.counts.resources}</strong>资源载体</li>
<li><strong>${d.counts.policyItems}</strong>政策条款</li>
<li><strong>${d.counts.offices}</strong>联系窗口</li>
</ul>
<h2>最新推介项目</h2>
${d.projects.length === 0 ? renderEmpty('暂无发布的项目。') : html`<ul class="cards">${d.projects.map((p) => html`<li class="card"><h3><a href="/portal/projects/${p.id}">${p.publicTitle}</a></h3><p class="meta">${p.regionName}${p.industryName ? ` · ${p.industryName}` : ''}</p></li>`)}</ul>`}
<p><a href="/portal/projects">全部推介项目</a></p>
<h2>最新资源载体</h2>
${d.resources.length === 0 ? renderEmpty('暂无发布的资源载体。') : html`<ul class="cards">${d.resources.map((r) => html`<li class="card"><h3><a href="/portal/resources/${r.id}">${r.name}</a></h3><p class="meta">${RESOURCE_KIND_LABELS[r.kind]} · ${r.regionName}${r.areaSqm !== null ? ` · ${r.areaSqm} ㎡` : ''}</p></li>`)}</ul>`}
<p><a href="/portal/resources">全部资源载体</a></p>
<h2>最新政策条款</h2>
${d.policyItems.length === 0 ? renderEmpty('暂无发布的政策。') : html`<ul class="cards">${d.policyItems.map((i) => html`<li class="card"><h3><a href="/portal/policy-items/${i.id}">${i.title}</a></h3><p class="meta">${i.policy.title}</p></li>`)}</ul>`}
<p><a href="/portal/policies">政策库与政策匹配</a></p>`;
}
