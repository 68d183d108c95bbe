/**
 * Statistics: excluded tags, annual targets and the 赛马榜 (why a metric is not ranked, the names of the metrics).
 */
import { defineMessages } from './define';

export const statisticsMessages = defineMessages({
  'stats.targetFromAbove': { zh: '{region}的年度目标由上级下达，不能由本级设定', en: 'The annual targets of {region} are set by the level above, not at its own level' },
  'stats.fundsTargetPositive': { zh: '到位资金目标须为大于 0 的整数元', en: 'The funds-in-place target must be a whole number of yuan above 0' },
  'stats.aboveZero': { zh: '须大于 0', en: 'Must be above 0' },
  'stats.monthFormat': { zh: '月份“{month}”格式应为 YYYY-MM', en: 'Month “{month}” must be YYYY-MM' },
  'stats.monthFormatShort': { zh: '格式应为 YYYY-MM', en: 'Must be YYYY-MM' },
  'stats.excludeTags.empty': {
    zh: '排除标签（excludeTags）中有空标签：标签之间用逗号、顿号或分号分隔，如“光伏,煤化工”',
    en: 'excludeTags has an empty tag: separate tags with commas (or the Chinese enumeration comma or semicolon), e.g. “solar,coal”',
  },
  'stats.excludeTags.tooMany': { zh: '排除标签（excludeTags）最多 {max} 个，现有 {count} 个', en: 'excludeTags takes at most {max} tags; {count} were given' },
  'stats.excludeTags.tooLong': { zh: '排除标签（excludeTags）“{tag}”超过 {max} 个字符', en: 'excludeTags: the tag “{tag}” is longer than {max} characters' },
  'stats.metric.funds': { zh: '到位资金', en: 'funds in place' },
  'stats.metric.yoy': { zh: '同比增速', en: 'year-on-year growth' },
  'stats.metric.completion': { zh: '目标完成率', en: 'target completion' },
  'stats.metric.signedAmount': { zh: '签约额', en: 'signed amount' },
  'stats.metric.startRate': { zh: '开工率', en: 'start rate' },
  'stats.unranked.noChildren': { zh: '{region}没有下级地区，不排名', en: '{region} has no sub-regions; nothing is ranked' },
  'stats.unranked.single': { zh: '{region}只有 1 个下级地区，{metric}不排名', en: '{region} has only 1 sub-region; {metric} is not ranked' },
  'stats.unranked.noData': { zh: '各下级地区本期均无{metric}数据，不排名', en: 'No sub-region has {metric} data for this period; not ranked' },
  'stats.unranked.allZero': { zh: '各下级地区本期{metric}均为 0，不排名', en: '{metric} is 0 in every sub-region for this period; not ranked' },
});
