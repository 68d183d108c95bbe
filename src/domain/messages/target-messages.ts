/**
 * 精准招商: the words of each scoring feature (what it saw, what it added) and the target list's
 * checks. Points are shown with their sign; names of nodes, tags and products are parameters.
 */
import { defineMessages } from './define';

export const targetMessages = defineMessages({
  'target.match.class': { zh: '小类', en: 'class' },
  'target.match.group': { zh: '中类', en: 'group' },
  'target.match.division': { zh: '大类', en: 'division' },
  'target.direction.upstream': { zh: '上游', en: 'upstream' },
  'target.direction.downstream': { zh: '下游', en: 'downstream' },
  'target.reason.industryFit': { zh: '行业代码 {code} 与本节点同{level}（+{points}）', en: 'Industry code {code} is in the same {level} as the node (+{points})' },
  'target.reason.industryNone': { zh: '行业代码 {code} 不在本节点的代码内（+0）', en: 'Industry code {code} is not among the node’s codes (+0)' },
  'target.reason.products': { zh: '产品或经营范围含本节点关键产品：{products}（+{points}）', en: 'Products or business scope name the node’s key products: {products} (+{points})' },
  'target.reason.productsNone': { zh: '产品与经营范围未提到本节点关键产品（+0）', en: 'Products and business scope name none of the node’s key products (+0)' },
  'target.reason.relatedness': {
    zh: '本地已有的产业与其所在行业的关联度 {pct}%（+{points}）',
    en: 'Relatedness of its industry to the industries already in the region: {pct}% (+{points})',
  },
  'target.reason.relatednessUnknown': { zh: '行业未知，无法计算与本地产业的关联度（+0）', en: 'Industry unknown: no relatedness to the region’s industries (+0)' },
  'target.reason.pull': { zh: '{direction}节点 {node} 已有本地企业 {count} 家（+{points}）', en: 'The {direction} node {node} already has {count} local enterprises (+{points})' },
  'target.reason.pullNone': { zh: '上下游节点本地尚无企业（+0）', en: 'No local enterprises in the neighbouring nodes yet (+0)' },
  'target.reason.scale': { zh: '注册资本 {wan} 万元（+{points}）', en: 'Registered capital {wan} ten-thousand yuan (+{points})' },
  'target.reason.scaleUnknown': { zh: '注册资本未知（+0）', en: 'Registered capital unknown (+0)' },
  'target.reason.tags': { zh: '标签：{tags}（+{points}）', en: 'Tags: {tags} (+{points})' },
  'target.reason.tagsNone': { zh: '无 500 强、央企、上市、专精特新等标签（+0）', en: 'No tag such as Fortune 500, central SOE, listed or specialised-and-innovative (+0)' },
  'target.reason.growth': {
    zh: '近两年增资 {increases} 次、在 {regions} 个外地设立分支（+{points}）',
    en: 'In the last two years: {increases} capital increases, branches set up in {regions} other regions (+{points})',
  },
  'target.reason.growthNone': { zh: '近两年无增资或外地设立分支的记录（+0）', en: 'No capital increase or new branch elsewhere recorded in the last two years (+0)' },
  'target.reason.tiesInvestor': { zh: '已是本地项目的投资方（+{points}）', en: 'Already an investor in a project of the region (+{points})' },
  'target.reason.tiesContact': { zh: '本地已有该企业的联系人（+{points}）', en: 'The region already keeps a contact at the firm (+{points})' },
  'target.reason.tiesHome': { zh: '同省已有 {count} 家企业在本地投资（+{points}）', en: '{count} enterprises of its home province already invest in the region (+{points})' },
  'target.reason.tiesNone': { zh: '与本地尚无联系（+0）', en: 'No ties to the region yet (+0)' },
});
