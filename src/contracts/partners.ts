/**
 * Partners (issue 13 item 2): 招商大使, 商会, 协会 and 委托招商 agencies — the requests and answers of
 * /api/partners. zod only; the keys repeat domain/activities/team-partner-kinds.ts.
 */
import { z } from 'zod';
import { dateSchema, regionCodeSchema } from './common';

export const PARTNER_KIND_KEYS = ['ambassador', 'chamber', 'association', 'agency'] as const;

const text = (max: number) => z.string().trim().max(max);

export const partnerCreateSchema = z.object({
  regionCode: regionCodeSchema.describe('所属地区'),
  kind: z.enum(PARTNER_KIND_KEYS).describe('ambassador 招商大使、chamber 商会、association 协会、agency 委托招商机构'),
  name: z.string().trim().min(1).max(200).describe('名称或姓名'),
  contact: text(200).nullable().optional().describe('联系人与电话'),
  notes: text(4000).nullable().optional(),
  agreementNo: text(100).nullable().optional().describe('委托协议编号（委托招商必填）'),
  signedDate: dateSchema.nullable().optional().describe('协议签订日期'),
  startDate: dateSchema.nullable().optional().describe('委托开始日期'),
  endDate: dateSchema.nullable().optional().describe('委托结束日期'),
  terms: text(8000).nullable().optional().describe('委托事项与条款'),
  feeTerms: text(4000).nullable().optional().describe('费用（佣金）条款'),
});
export type PartnerCreate = z.input<typeof partnerCreateSchema>;

export const partnerUpdateSchema = partnerCreateSchema.partial().extend({ version: z.number().int().min(1) });
export type PartnerUpdate = z.input<typeof partnerUpdateSchema>;

export const partnerDeleteSchema = z.object({ version: z.number().int().min(1), reason: z.string().trim().min(1).max(500) });

export const partnerListQuerySchema = z.object({
  region: regionCodeSchema.optional(),
  kind: z.enum(PARTNER_KIND_KEYS).optional(),
  q: z.string().trim().max(100).optional(),
});

const partnerBase = { id: z.string(), regionCode: z.string(), regionName: z.string(), kind: z.enum(PARTNER_KIND_KEYS), name: z.string(), contact: z.string().nullable() };

export const partnerListSchema = z.object({
  items: z.array(z.object({ ...partnerBase, projects: z.number().int(), signedProjects: z.number().int(), signedAmountYuan: z.number(), fundsYuan: z.number().describe('引荐项目的累计到位资金（元）'), activities: z.number().int() })),
});
export type PartnerList = z.infer<typeof partnerListSchema>;

export const partnerSchema = z.object({
  ...partnerBase,
  notes: z.string().nullable(),
  agreementNo: z.string().nullable(),
  signedDate: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  terms: z.string().nullable(),
  feeTerms: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** projects it brought (in the caller's scope) by stage, their 签约额 (signed ones), the activities naming it */
  figures: z.object({
    projects: z.number().int(),
    byStage: z.record(z.string(), z.number().int()).describe('按阶段的项目数（lead 线索 … terminated 终止）'),
    signedProjects: z.number().int().describe('已签约（阶段为签约、开工、投产，或终止前已签约）的项目数'),
    signedAmountYuan: z.number().describe('这些项目的签约额之和（元）'),
    fundsYuan: z.number().describe('引荐的全部项目的累计到位资金（元，各月到位资金之和）'),
    activities: z.number().int(),
  }),
  projects: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), stage: z.string(), signedAmountYuan: z.number().nullable(), signedDate: z.string().nullable(), fundsYuan: z.number().describe('累计到位资金（元）') })),
  activities: z.array(z.object({ id: z.string(), code: z.string(), type: z.string(), name: z.string(), startDate: z.string() })),
});
export type Partner = z.infer<typeof partnerSchema>;
