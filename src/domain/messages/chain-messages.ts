/** Industry chains (产业链): the chains import format, versions and scope. */
import { defineMessages } from './define';

export const chainMessages = defineMessages({
  'chains.required': { zh: '“{column}”必填', en: '“{column}” is required' },
  'chains.codeFormat': {
    zh: '编码“{value}”格式不对：应为 1–32 位字母、数字、“-”或“_”，以字母或数字开头',
    en: 'Code “{value}” is malformed: 1–32 letters, digits, “-” or “_”, starting with a letter or digit',
  },
  'chains.codeFormatShort': { zh: '应为 1–32 位字母、数字、“-”或“_”', en: 'Must be 1–32 letters, digits, “-” or “_”' },
  'chains.tooLong': { zh: '“{column}”不能超过 {max} 个字', en: '“{column}” must be at most {max} characters' },
  'chains.segment': { zh: '环节“{value}”无效，应为 上游、中游 或 下游', en: 'Segment “{value}” is invalid: it must be upstream, midstream or downstream, written in Chinese as in the template' },
  'chains.industry': { zh: '行业代码“{value}”不在 GB/T 4754-2017 中', en: 'Industry code “{value}” is not in GB/T 4754-2017' },
  'chains.tooManyItems': { zh: '“{column}”最多 {max} 项', en: '“{column}” takes at most {max} items' },
  'chains.nameDiffers': {
    zh: '产业链 {chain} 的名称与第 {row} 行的“{name}”不一致',
    en: 'Chain {chain} has another name on row {row} (“{name}”)',
  },
  'chains.nodeDuplicate': { zh: '节点编码 {code} 在第 {row} 行已出现', en: 'Node code {code} already appears on row {row}' },
  'chains.parentMissing': {
    zh: '上级节点 {parent} 不在产业链 {chain} 的节点中',
    en: 'Parent node {parent} is not a node of chain {chain}',
  },
  'chains.parentSelf': { zh: '节点不能以自己为上级', en: 'A node cannot be its own parent' },
  'chains.parentCycle': { zh: '上级节点形成循环：{cycle}', en: 'The parent nodes form a cycle: {cycle}' },
  'chains.segmentDiffers': {
    zh: '节点的环节（{segment}）与上级节点 {parent} 的环节（{parentSegment}）不同',
    en: 'The node’s segment ({segment}) differs from that of its parent {parent} ({parentSegment})',
  },
  'chains.nodeOfOtherChain': {
    zh: '节点编码 {code} 已属于产业链 {chain}：节点编码在全系统唯一',
    en: 'Node code {code} already belongs to chain {chain}: node codes are unique in the installation',
  },
  'chains.tooManyNodes': { zh: '产业链 {chain} 有 {count} 个节点，最多 {max} 个', en: 'Chain {chain} has {count} nodes; at most {max} are allowed' },
  'chains.emptyFile': { zh: '文件中没有产业链数据行', en: 'The file has no chain rows' },
  'chains.fileTooManyRows': { zh: '产业链文件“{file}”超过 {max} 行', en: 'Chain file “{file}” has more than {max} rows' },
  'chains.defineLevel': {
    zh: '产业链由省级或地州市级定义，您的所属地区 {region} 是{level}',
    en: 'Chains are defined by a province or a prefecture; your region {region} is a {level}',
  },
  'chains.otherRegion': {
    zh: '产业链 {chain} 由 {region} 定义，不在您的管辖范围内，不能修改',
    en: 'Chain {chain} is defined by {region}, outside your scope: you cannot change it',
  },
  'chains.notFound': { zh: '产业链不存在或不在您的管辖范围内', en: 'The chain does not exist or is outside your scope' },
  'chains.versionNotFound': { zh: '产业链 {chain} 没有第 {version} 版', en: 'Chain {chain} has no version {version}' },
  'chains.templateNotFound': { zh: '没有编码为 {code} 的产业链模板', en: 'There is no chain template {code}' },
  'chains.codeTaken': { zh: '产业链编码 {code} 已被使用', en: 'Chain code {code} is already in use' },
  'chains.rule.present': {
    zh: '本地企业 {enterprises} 家、签约以后阶段的项目 {landed} 个：企业达到 {threshold} 家或已有签约项目，视为已覆盖',
    en: '{enterprises} local enterprises and {landed} projects signed or later: {threshold} or more enterprises, or a signed project, count as covered',
  },
  'chains.rule.weak': {
    zh: '本地企业 {enterprises} 家（少于 {threshold} 家）、在库项目 {projects} 个，尚无签约以后阶段的项目：强链',
    en: '{enterprises} local enterprises (fewer than {threshold}) and {projects} projects, none signed yet: strengthen the chain',
  },
  'chains.rule.gap': { zh: '本地没有该环节的企业和项目：补链', en: 'No local enterprise or project in this node: fill the gap' },
  'chains.rule.extend': {
    zh: '下游环节本地没有企业和项目，而上游或中游本地已有：延链',
    en: 'Nothing local downstream while the upstream or midstream has local presence: extend the chain',
  },
  'chains.nodeNotFound': { zh: '产业链 {chain} 没有节点 {node}', en: 'Chain {chain} has no node {node}' },
  'chains.leaderScope': { zh: '链长由定义该产业链的地区（{region}）或其上级设置', en: 'The chain leader is set by the region that defines the chain ({region}) or a region above it' },
  'chains.userNotInRegion': { zh: '{field}须为{region}或其下级地区的在用账号', en: '{field} must be an active account of {region} or a region below it' },
  'chains.leaderField': { zh: '链长', en: 'The chain leader' },
  'chains.ownerField': { zh: '责任人', en: 'The owner' },
  'chains.roadmapNode': { zh: '节点 {node} 不在{chain}的当前版本中', en: 'Node {node} is not in the current version of {chain}' },
  'chains.roadmapDuplicate': { zh: '节点 {node} 出现了不止一次', en: 'Node {node} appears more than once' },
  'chains.roadmapStale': { zh: '他人已修改此路线图，请刷新后再改', en: 'Someone else changed this roadmap; reload and edit again' },
  'chains.regionRequired': { zh: '请指定地区（regionCode）', en: 'Name a region (regionCode)' },
  'chains.segment.upstream': { zh: '上游', en: 'upstream' },
  'chains.segment.midstream': { zh: '中游', en: 'midstream' },
  'chains.segment.downstream': { zh: '下游', en: 'downstream' },
  'chains.level.county': { zh: '县区', en: 'county' },
  'chains.level.park': { zh: '园区', en: 'park' },
});
