/**
 * The enterprise API's requests (企业库): a profile created or changed, contacts added, changed,
 * deleted or revealed, tags, near-duplicate decisions and the page's query. The routes validate with
 * these; the web sends their input types, so a renamed field fails `npm run typecheck`. zod only.
 */
import { z } from 'zod';
import { CONTRACT_MESSAGES, regionCodeSchema, dateSchema, yuanSchema } from './common';
import { enterpriseStatusSchema } from './enterprise-search';

/** 营业收入 bands (domain/enterprise-status.ts REVENUE_BANDS; the routes fail to type-check when the service's differ). */
export const REVENUE_BANDS = ['lt10m', '10m-100m', '100m-1b', '1b-10b', 'ge10b'] as const;
export type RevenueBand = (typeof REVENUE_BANDS)[number];

const profileBody = z.object({
  name: z.string().trim().min(2, CONTRACT_MESSAGES.enterpriseNameMin).max(200),
  formerNames: z.array(z.string().max(200)).max(20),
  regionCode: z.string().regex(/^\d{6}(\d{3})?$/, CONTRACT_MESSAGES.enterpriseRegion).nullable(),
  industryCode: z.string().regex(/^([A-T]|\d{2,4})$/, CONTRACT_MESSAGES.industryFilter).nullable(),
  registeredCapitalYuan: yuanSchema.nullable().describe('注册资本（元）'),
  establishedOn: dateSchema.nullable(),
  status: enterpriseStatusSchema.nullable(),
  ticker: z.string().max(20).nullable(),
  businessScope: z.string().max(5000).nullable(),
  mainProducts: z.string().max(1000).nullable(),
  tags: z.array(z.string().max(20)).max(30).describe('内置标签与系统管理员添加的标签（GET /api/enterprise-tags）'),
  website: z.string().max(300).nullable(),
  parentGroup: z.string().max(200).nullable(),
  employees: z.number().int().min(0).max(10_000_000).nullable(),
  revenueBand: z.enum(REVENUE_BANDS).nullable(),
});
/** The profile's editable fields, all of them (the form's model). */
export type EnterpriseProfileFields = z.input<typeof profileBody>;

/** POST /api/enterprises. */
export const newEnterpriseBodySchema = profileBody.partial().extend({ creditCode: z.string().trim().min(1).max(30), name: profileBody.shape.name });

/** PATCH /api/enterprises/:key. */
export const enterpriseChangeBodySchema = profileBody.partial().extend({ creditCode: z.string().trim().min(1).max(30).optional(), version: z.number().int().min(1) });
export type EnterpriseChangeBody = z.input<typeof enterpriseChangeBodySchema>;

/** GET /api/enterprises/:key. */
export const enterpriseDetailQuerySchema = z.object({
  timelineLimit: z.coerce.number<number>().int().min(1).max(200).default(50),
  timelineBefore: z.string().datetime({ offset: true }).optional().describe('取该时间之前的时间线（下一页）'),
});
export type EnterpriseDetailQuery = z.input<typeof enterpriseDetailQuerySchema>;

const contactBody = z.object({
  name: z.string().trim().min(1, CONTRACT_MESSAGES.contactName).max(50),
  title: z.string().max(100).nullable().optional(),
  phone: z.string().max(40).nullable().optional(),
  email: z.string().max(200).nullable().optional(),
  notes: z.string().max(2000).nullable().optional(),
  regionCode: regionCodeSchema.optional().describe('联系人所属地区（本人管辖范围内）；默认本人所属地区'),
});

/** POST /api/enterprises/:key/contacts. */
export const newContactBodySchema = contactBody;
export type NewContactBody = z.input<typeof newContactBodySchema>;

/** PATCH /api/contacts/:id. */
export const contactChangeBodySchema = contactBody.partial().extend({
  phone: contactBody.shape.phone.describe('省略：不变；null：清除；字符串：替换'),
  email: contactBody.shape.email.describe('省略：不变；null：清除；字符串：替换'),
  notes: contactBody.shape.notes.describe('省略：不变；null：清除；字符串：替换'),
  version: z.number().int().min(1),
});
export type ContactChangeBody = z.input<typeof contactChangeBodySchema>;

/** An optional reason (deleting or revealing a contact, merging or dismissing a near-duplicate); the body may be absent. */
export const optionalReasonBodySchema = z.object({ reason: z.string().max(500).optional() }).nullish();
export type OptionalReasonBody = z.input<typeof optionalReasonBodySchema>;

/** GET /api/contacts/export. */
export const contactsExportQuerySchema = z.object({
  region: regionCodeSchema.optional().describe('地区（含下级）；默认本人所属地区'),
  enterprise: z.string().trim().min(1).max(40).optional().describe('只导出这家企业：信用代码或 id'),
});
export type ContactsExportQuery = z.input<typeof contactsExportQuerySchema>;

/** POST /api/enterprise-tags. */
export const newEnterpriseTagBodySchema = z.object({ name: z.string().trim().min(1).max(20), description: z.string().max(200).nullable().optional() });
export type NewEnterpriseTagBody = z.input<typeof newEnterpriseTagBodySchema>;
