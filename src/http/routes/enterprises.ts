import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ENTERPRISE_STATUSES, REVENUE_BANDS } from '../../domain/enterprise-status';
import type { Deps } from '../../services/context';
import { createEnterprise, getEnterpriseDetail, updateEnterprise } from '../../services/enterprises';
import { requireCaller } from '../access';
import { dateSchema, yuanSchema } from '../schemas';
import { maskedContactSchema } from './enterprise-contacts';

const tags = ['enterprises'];
export const enterpriseKeyParams = z.object({
  key: z.string().trim().min(1).max(40).describe('统一社会信用代码，或无代码企业（项目投资方）的 id'),
});

const profileBody = z.object({
  name: z.string().trim().min(2, '企业名称至少 2 个字符').max(200),
  formerNames: z.array(z.string().max(200)).max(20),
  regionCode: z.string().regex(/^\d{6}(\d{3})?$/, '注册地区代码须为 6 位行政区划代码').nullable(),
  industryCode: z.string().regex(/^([A-T]|\d{2,4})$/, '行业代码为门类字母或 2–4 位数字').nullable(),
  registeredCapitalYuan: yuanSchema.nullable().describe('注册资本（元）'),
  establishedOn: dateSchema.nullable(),
  status: z.enum(ENTERPRISE_STATUSES).nullable(),
  ticker: z.string().max(20).nullable(),
  businessScope: z.string().max(5000).nullable(),
  mainProducts: z.string().max(1000).nullable(),
  tags: z.array(z.string().max(20)).max(30).describe('内置标签与系统管理员添加的标签（GET /api/enterprise-tags）'),
  website: z.string().max(300).nullable(),
  parentGroup: z.string().max(200).nullable(),
  employees: z.number().int().min(0).max(10_000_000).nullable(),
  revenueBand: z.enum(REVENUE_BANDS).nullable(),
});

export const enterpriseSchema = z.object({
  id: z.string(),
  key: z.string().describe('页面地址用的键：信用代码，无代码时为 id'),
  creditCode: z.string().nullable(),
  name: z.string(),
  formerNames: z.array(z.string()),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  industryCode: z.string().nullable(),
  industryName: z.string().nullable(),
  registeredCapitalYuan: z.number().nullable(),
  establishedOn: z.string().nullable(),
  status: z.string().nullable(),
  statusLabel: z.string().nullable(),
  ticker: z.string().nullable(),
  businessScope: z.string().nullable(),
  mainProducts: z.string().nullable(),
  tags: z.array(z.string()),
  website: z.string().nullable(),
  parentGroup: z.string().nullable(),
  employees: z.number().nullable(),
  revenueBand: z.string().nullable(),
  revenueBandLabel: z.string().nullable(),
  fieldSources: z.record(z.string(), z.object({ source: z.string(), date: z.string() })).describe('每个字段当前值的来源与数据日期'),
  contactRegionCodes: z.array(z.string()).describe('已有联系人或项目的地区（“已接触”）'),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const detailSchema = enterpriseSchema.extend({
  contacts: z.array(maskedContactSchema).describe('本人管辖范围内的联系人（脱敏）'),
  projects: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      stage: z.string(),
      regionCode: z.string(),
      regionName: z.string(),
      signedAmountYuan: z.number().nullable(),
      signedDate: z.string().nullable(),
    }),
  ),
  lists: z.array(z.object({ id: z.string(), name: z.string(), shared: z.boolean(), ownerName: z.string(), addedAt: z.string() })),
  duplicateCandidates: z.array(
    z.object({
      id: z.string(),
      otherId: z.string(),
      otherName: z.string(),
      otherCreditCode: z.string().nullable(),
      similarity: z.number(),
      reason: z.string(),
      reasonLabel: z.string(),
    }),
  ),
  timeline: z.array(
    z.object({
      kind: z.enum(['created', 'fieldChange', 'projectCreated', 'projectStage', 'contactAdded']),
      at: z.string(),
      text: z.string(),
      field: z.string().nullable(),
      projectId: z.string().nullable(),
      contactId: z.string().nullable(),
      oldValue: z.unknown(),
      newValue: z.unknown(),
      source: z.string().nullable(),
      sourceDate: z.string().nullable(),
      actorName: z.string().nullable(),
      importId: z.string().nullable().describe('新建与字段变更：所出自的导入（后台导入任务 id，或工作簿导入审计记录的对象 id）'),
      importFileName: z.string().nullable().describe('该导入的文件名'),
    }),
  ),
  timelineHasMore: z.boolean(),
  activities: z.null().describe('招商活动：随“招商活动”功能加入，此前为 null'),
  chainNodes: z.null().describe('产业链节点：随“产业链图谱”功能加入，此前为 null'),
});

export async function enterpriseRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/enterprises/:key',
    {
      config: { access: 'enterprises.read' },
      schema: {
        tags,
        summary: '企业详情：字段来源、本辖区联系人（脱敏）与项目、名单、疑似重复、时间线（新到旧，可翻页）',
        params: enterpriseKeyParams,
        querystring: z.object({
          timelineLimit: z.coerce.number().int().min(1).max(200).default(50),
          timelineBefore: z.string().datetime({ offset: true }).optional().describe('取该时间之前的时间线（下一页）'),
        }),
        response: { 200: detailSchema },
      },
    },
    async (request) => getEnterpriseDetail(deps, requireCaller(request), request.params.key, request.query),
  );

  r.post(
    '/api/enterprises',
    {
      config: { access: 'enterprises.manage' },
      schema: {
        tags,
        summary: '手工新增企业（信用代码按 GB 32100 校验；已存在时 409）',
        body: profileBody.partial().extend({ creditCode: z.string().trim().min(1).max(30), name: profileBody.shape.name }),
        response: { 201: enterpriseSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createEnterprise(deps, requireCaller(request), request.body)),
  );

  r.patch(
    '/api/enterprises/:key',
    {
      config: { access: 'enterprises.manage' },
      schema: {
        tags,
        summary: '修改企业信息：写字段历史（来源“手工维护”）并重建检索键；version 不是最新时返回 409；无代码企业可补填信用代码',
        params: enterpriseKeyParams,
        body: profileBody.partial().extend({ creditCode: z.string().trim().min(1).max(30).optional(), version: z.number().int().min(1) }),
        response: { 200: enterpriseSchema },
      },
    },
    async (request) => updateEnterprise(deps, requireCaller(request), request.params.key, request.body),
  );
}
