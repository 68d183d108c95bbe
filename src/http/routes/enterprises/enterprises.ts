import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { enterpriseDetailSchema, enterpriseSchema } from '../../../contracts/enterprises';
import { ENTERPRISE_STATUSES, REVENUE_BANDS } from '../../../domain/enterprise-status';
import type { Deps } from '../../../services/context';
import { createEnterprise, getEnterpriseDetail, updateEnterprise } from '../../../services/enterprises/enterprises';
import { requireCaller } from '../../access';
import { dateSchema, yuanSchema } from '../../schemas';
import { schemaMessage } from '../../../domain/messages/catalog';

const tags = ['enterprises'];
export const enterpriseKeyParams = z.object({
  key: z.string().trim().min(1).max(40).describe('统一社会信用代码，或无代码企业（项目投资方）的 id'),
});

const profileBody = z.object({
  name: z.string().trim().min(2, schemaMessage('schema.enterpriseNameMin')).max(200),
  formerNames: z.array(z.string().max(200)).max(20),
  regionCode: z.string().regex(/^\d{6}(\d{3})?$/, schemaMessage('schema.enterpriseRegion')).nullable(),
  industryCode: z.string().regex(/^([A-T]|\d{2,4})$/, schemaMessage('schema.industryFilter')).nullable(),
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
        response: { 200: enterpriseDetailSchema },
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
