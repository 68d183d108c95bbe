/**
 * 在线对接与投诉 (issue 14): the public filing, tracking, rating and reopen bodies and answers, the
 * inbox and handling of the office, conversion, the clock settings and the public scoreboard. zod only.
 * The public answers are declared field by field: the serializer drops anything else, so no personal
 * data can slip into a public answer.
 */
import { z } from 'zod';
import { reasonSchema, regionCodeSchema } from './common';

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullish();

/** A form's checkbox sends "on"; JSON sends true. */
const consentSchema = z.union([z.literal(true), z.literal(false), z.literal('on'), z.literal('true')]).transform((v) => v === true || v === 'on' || v === 'true');

export const filingBodySchema = z.object({
  type: text(40).describe('咨询：projectInterest 项目对接 resourceInterest 载体对接 policyQuestion 政策咨询 general 其他；投诉：departmentAction 部门行为 brokenPromise 政策不兑现/承诺未履行 other 其他'),
  subjectType: z.enum(['project', 'resource', 'policyItem']).nullish().or(z.literal('').transform(() => null)),
  subjectId: z.uuid().nullish().or(z.literal('').transform(() => null)),
  regionCode: regionCodeSchema.nullish().or(z.literal('').transform(() => null)).describe('受理地区；不填时按所选对象的地区'),
  name: text(50).min(1).describe('姓名'),
  company: optionalText(200).describe('单位'),
  phone: optionalText(30).describe('手机或固定电话（与邮箱至少填一项）'),
  email: optionalText(200).describe('电子邮箱'),
  content: text(5000).min(1).describe('内容'),
  consent: consentSchema.describe('同意个人信息处理告知'),
  consentVersion: text(20).describe('所同意的告知版本'),
  clauseId: z.uuid().nullish().or(z.literal('').transform(() => null)).describe('投诉所涉的承诺条款（可选）'),
});

export const trackingNumberSchema = z.object({ trackingNumber: z.string().describe('查询码（XXXX-XXXX-XXXX-XXXX-X）') });
export const trackingParams = z.object({ number: z.string().max(64) });

export const trackingSchema = z.object({
  trackingNumber: z.string(),
  kind: z.enum(['inquiry', 'complaint']),
  type: z.string(),
  stage: z.enum(['received', 'accepted', 'answered', 'closed']),
  subjectTitle: z.string().nullable(),
  officeName: z.string().describe('承办窗口（不含工作人员姓名）'),
  receivedOn: z.string(),
  firstResponseDueOn: z.string(),
  closeDueOn: z.string(),
  dueOn: z.string().nullable().describe('下一步的到期日'),
  closedOn: z.string().nullable(),
  rating: z.number().int().nullable(),
  canRate: z.boolean(),
  canReopen: z.boolean(),
  thread: z.array(z.object({ at: z.string(), from: z.enum(['office', 'investor', 'system']), officeName: z.string().nullable(), body: z.string() })),
});

export const ratingBodySchema = z.object({ rating: z.coerce.number().int().min(1).max(5).describe('1–5 分'), comment: optionalText(1000) });
export const reopenBodySchema = z.object({ reason: text(2000).min(1).describe('重新办理的理由') });

export const consentNoticeSchema = z.object({ version: z.string(), text: z.string() });

export const inboxQuerySchema = z.object({
  kind: z.enum(['inquiry', 'complaint']).optional(),
  stage: z.enum(['received', 'accepted', 'answered', 'closed']).optional(),
  clock: z.enum(['open', 'overdue', 'escalated']).optional().describe('open 未办结，overdue 已逾期，escalated 已升级'),
  mine: z.coerce.boolean().optional().describe('只看我承办的'),
  ownerId: z.union([z.uuid(), z.literal('none')]).optional().describe('承办人（用户 id），none 为尚无承办人'),
  regionCode: regionCodeSchema.optional().describe('地区（本地区及下级；须在自己的范围内）'),
  q: text(100).optional().describe('查询码（精确，大小写、空格与连字符不限）或关键词（所咨询对象的标题与内容）；不能按电话、邮箱搜索'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const stepBodySchema = z.object({
  version: z.number().int(),
  text: optionalText(5000).describe('答复内容（答复时必填）或重新办理的理由'),
  close: z.boolean().optional().describe('答复并办结'),
});
export const assignBodySchema = z.object({ ownerId: z.string().describe('承办人（用户 id）'), version: z.number().int() });
export const revealBodySchema = z.object({ reason: reasonSchema });
export const convertLeadBodySchema = z.object({ name: optionalText(200).describe('线索项目名称（默认：单位与所咨询对象）') });
export const convertTargetBodySchema = z.object({
  chain: text(64).min(1),
  node: text(64).min(1),
  enterprise: optionalText(64).describe('企业的统一社会信用代码或 id（默认按咨询人单位名称在企业库中查找）'),
});

const kindClockSchema = z.object({ firstResponseWorkingDays: z.number().int(), closeWorkingDays: z.number().int() });
export const inquirySettingsSchema = z.object({ inquiry: kindClockSchema, complaint: kindClockSchema, escalationWorkingDays: z.number().int() });
export const inquirySettingsBodySchema = inquirySettingsSchema.extend({ reason: reasonSchema });

export const scoreboardQuerySchema = z.object({
  region: regionCodeSchema.optional().describe('地区（默认最高一级）'),
  month: z.string().max(7).optional().describe('已结束的月份 YYYY-MM（默认上月）'),
});
const publicFigures = z.object({
  opened: z.number().int(),
  closed: z.number().int(),
  closedOnTime: z.number().int(),
  onTimeRatePct: z.number().nullable(),
  medianFirstResponseDays: z.number().nullable(),
  medianDays: z.number().nullable(),
  p90Days: z.number().nullable(),
  openPastDue: z.number().int(),
});
export const scoreboardSchema = z.object({
  region: z.string(),
  regionName: z.string(),
  month: z.string(),
  publishedAt: z.string().nullable(),
  rows: z.array(z.object({ code: z.string(), name: z.string(), inquiries: publicFigures, complaints: publicFigures })),
});
