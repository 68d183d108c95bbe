/** The investor portal (issue 14): its public side's limits and the officers' publishing of projects, resources, policies and offices. */
import { defineMessages } from './define';

export const portalMessages = defineMessages({
  'portal.rateLimited': {
    zh: '访问过于频繁，请 {seconds} 秒后再试',
    en: 'Too many requests from your address; try again in {seconds} seconds',
  },
  'portal.bodyTooLarge': { zh: '提交的内容过大（上限 {max} KB）', en: 'The request body is too large (at most {max} KB)' },
  'portal.notFound': { zh: '您查找的内容不存在或尚未公开', en: 'What you are looking for does not exist or is not public' },
  'portal.busy': { zh: '门户访问人数较多，请 {seconds} 秒后再试', en: 'The portal is busy; try again in {seconds} seconds' },
  'portal.projectNotFound': { zh: '项目不存在或不在您的管辖范围内', en: 'The project does not exist or is outside your scope' },
  'portal.projectNotPublished': { zh: '项目“{name}”当前未在门户发布', en: 'Project “{name}” is not published on the portal now' },
  'portal.projectTerminated': { zh: '项目“{name}”已终止，不能发布', en: 'Project “{name}” is terminated and cannot be published' },
  'portal.publicationVersionConflict': {
    zh: '该项目的发布信息已被他人修改（当前第 {current} 版，您基于第 {base} 版），未保存；请刷新后再改',
    en: 'Someone else changed this publication (now version {current}, yours was based on {base}); nothing was saved. Reload and redo your changes',
  },
  'portal.officeNotFound': { zh: '联系窗口不存在或不在您的管辖范围内', en: 'The contact office does not exist or is outside your scope' },
  'portal.officeNotOnLine': {
    zh: '联系窗口“{name}”属于{region}，不是本地区或其上级的窗口',
    en: 'Contact office “{name}” belongs to {region}, which is neither this region nor above it',
  },
  'portal.officeInUse': { zh: '联系窗口“{name}”仍被 {count} 个发布项目或资源引用，不能删除', en: 'Contact office “{name}” is named by {count} publications or resources and cannot be deleted' },
  'portal.resourceNotFound': { zh: '资源载体不存在或不在您的管辖范围内', en: 'The resource does not exist or is outside your scope' },
  'portal.photoNotFound': { zh: '图片不存在', en: 'The photo does not exist' },
  'portal.photoNotImage': { zh: '文件“{file}”不是图片：资源载体只能上传 JPEG、PNG 等图片', en: 'File “{file}” is not an image: a resource takes JPEG, PNG or other images only' },
  'portal.photoLimit': { zh: '每个资源载体最多 {max} 张图片', en: 'A resource has at most {max} photos' },
  'portal.industryUnknown': { zh: '行业代码 {code} 不在国民经济行业分类（GB/T 4754-2017）中', en: 'Industry code {code} is not in the GB/T 4754-2017 classification' },
  'portal.chainNodeUnknown': { zh: '产业链节点 {code} 不存在', en: 'Chain node {code} does not exist' },
  'portal.priceUnitMissing': { zh: '填写了价格或租金时须选择计价单位；未填写价格时不要选择单位', en: 'A price needs its unit, and a unit needs a price' },
  'portal.resourceVersionConflict': {
    zh: '该资源载体已被他人修改（当前第 {current} 版，您基于第 {base} 版），未保存；请刷新后再改',
    en: 'Someone else changed this resource (now version {current}, yours was based on {base}); nothing was saved. Reload and redo your changes',
  },
  'portal.policyNotFound': { zh: '政策不存在或不在您的管辖范围内', en: 'The policy does not exist or is outside your scope' },
  'portal.policyItemNotFound': { zh: '政策条款不存在或不在您的管辖范围内', en: 'The policy item does not exist or is outside your scope' },
  'portal.validityOrder': { zh: '有效期结束日期 {to} 早于开始日期 {from}', en: 'The end of validity {to} is before its start {from}' },
  'portal.itemRegionOutside': {
    zh: '条款适用地区 {code} 不在政策适用地区（{region}）之内',
    en: 'The item’s region {code} is outside the policy’s region ({region})',
  },
  'portal.policyVersionConflict': {
    zh: '该政策已被他人修改（当前第 {current} 版，您基于第 {base} 版），未保存；请刷新后再改',
    en: 'Someone else changed this policy (now version {current}, yours was based on {base}); nothing was saved. Reload and redo your changes',
  },
  'portal.officeVersionConflict': {
    zh: '该联系窗口已被他人修改（当前第 {current} 版，您基于第 {base} 版），未保存；请刷新后再改',
    en: 'Someone else changed this contact office (now version {current}, yours was based on {base}); nothing was saved. Reload and redo your changes',
  },
  'portal.match.industry': { zh: '行业符合：条款面向{label}', en: 'Industry fits: the item is for {label}' },
  'portal.match.anyIndustry': { zh: '不限行业', en: 'Any industry' },
  'portal.match.size': { zh: '企业规模符合：{label}', en: 'Enterprise size fits: {label}' },
  'portal.match.anySize': { zh: '不限企业规模', en: 'Any enterprise size' },
  'portal.match.region': { zh: '地区符合：适用于{region}', en: 'Region fits: applies in {region}' },
  'portal.match.validity': { zh: '有效期内（至 {to}）', en: 'In force (until {to})' },
  'portal.match.noEnd': { zh: '长期有效', en: 'No end date' },
});
