import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ENTERPRISE_STATUSES } from '../../../domain/enterprise-status';
import { exportEnterpriseListXlsx } from '../../../exports/enterprise-list-xlsx';
import type { Deps } from '../../../services/context';
import {
  addListMembers,
  changeEnterpriseList,
  changeSavedSearch,
  createEnterpriseList,
  createSavedSearch,
  getEnterpriseList,
  getSavedSearch,
  listEnterpriseLists,
  listListMembers,
  listSavedSearches,
  MAX_ADD_FROM_SEARCH,
  removeEnterpriseList,
  removeListMembers,
  removeSavedSearch,
} from '../../../services/enterprises/enterprise-lists';
import { requireCaller } from '../../access';
import { idParams } from '../../schemas';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const VISIBILITY = '可见范围：本人的，以及共享且所属地区在本人管辖范围内（本地区及下级）的；只有创建人可以修改和删除。';

/** The filters of GET /api/enterprises as a JSON object (amounts in integer yuan). */
const savedQuerySchema = z
  .object({
    q: z.string().max(100).optional(),
    tags: z.array(z.string().max(30)).max(20).optional(),
    region: z.string().regex(/^\d{6}(\d{3})?$/, '地区代码须为 6 位行政区划代码或 9 位园区代码').optional(),
    industry: z.string().regex(/^([A-T]|\d{2})$/, '行业代码为门类字母或 2 位大类代码').optional(),
    capitalMin: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional().describe('注册资本下限（整数元）'),
    capitalMax: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional().describe('注册资本上限（整数元）'),
    foundedFrom: z.number().int().min(1900).max(2100).optional(),
    foundedTo: z.number().int().min(1900).max(2100).optional(),
    status: z.array(z.enum(ENTERPRISE_STATUSES)).max(10).optional(),
    inContact: z.boolean().optional(),
    sort: z.enum(['relevance', 'capital']).optional(),
  })
  .strict();

const savedSearchSchema = z.object({
  id: z.string(),
  name: z.string(),
  query: savedQuerySchema,
  shared: z.boolean(),
  ownerId: z.string(),
  ownerName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  mine: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const listSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  shared: z.boolean(),
  ownerId: z.string(),
  ownerName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  memberCount: z.number(),
  mine: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const memberSchema = z.object({
  id: z.string(),
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
  tags: z.array(z.string()),
  ticker: z.string().nullable(),
  mainProducts: z.string().nullable(),
  website: z.string().nullable(),
  parentGroup: z.string().nullable(),
  note: z.string().nullable(),
  addedByName: z.string().nullable(),
  addedAt: z.string(),
});

const name = z.string().trim().min(1, '请填写名称').max(60);
const creditCodes = z.array(z.string().trim().min(1).max(18)).max(500);
const enterpriseIds = z.array(z.string().uuid('企业 id 须为 UUID')).max(500).describe('企业 id（如搜索结果的 id；无信用代码的企业也可）');

export async function enterpriseListRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ---------------------------------------------------------------- saved searches
  const searchTags = ['enterpriseSavedSearches'];
  r.get(
    '/api/enterprise-saved-searches',
    { config: { access: 'enterprises.read' }, schema: { tags: searchTags, summary: '保存的企业搜索', description: VISIBILITY, response: { 200: z.object({ items: z.array(savedSearchSchema) }) } } },
    async (request) => ({ items: await listSavedSearches(deps, requireCaller(request)) }),
  );
  r.post(
    '/api/enterprise-saved-searches',
    {
      config: { access: 'enterprises.manage' },
      schema: {
        tags: searchTags,
        summary: '保存企业搜索（条件与 GET /api/enterprises 相同，JSON 形式）',
        body: z.object({ name, query: savedQuerySchema, shared: z.boolean().optional().describe('共享给本地区及上级') }),
        response: { 201: savedSearchSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createSavedSearch(deps, requireCaller(request), request.body)),
  );
  r.get(
    '/api/enterprise-saved-searches/:id',
    { config: { access: 'enterprises.read' }, schema: { tags: searchTags, summary: '一条保存的搜索', params: idParams, response: { 200: savedSearchSchema } } },
    async (request) => getSavedSearch(deps, requireCaller(request), request.params.id),
  );
  r.patch(
    '/api/enterprise-saved-searches/:id',
    {
      config: { access: 'enterprises.manage' },
      schema: {
        tags: searchTags,
        summary: '修改保存的搜索（仅创建人）',
        params: idParams,
        body: z.object({ name: name.optional(), query: savedQuerySchema.optional(), shared: z.boolean().optional() }),
        response: { 200: savedSearchSchema },
      },
    },
    async (request) => changeSavedSearch(deps, requireCaller(request), request.params.id, request.body),
  );
  r.delete(
    '/api/enterprise-saved-searches/:id',
    { config: { access: 'enterprises.manage' }, schema: { tags: searchTags, summary: '删除保存的搜索（仅创建人）', params: idParams } },
    async (request, reply) => {
      await removeSavedSearch(deps, requireCaller(request), request.params.id);
      return reply.status(204).send();
    },
  );

  // ---------------------------------------------------------------- lists
  const listTags = ['enterpriseLists'];
  r.get(
    '/api/enterprise-lists',
    { config: { access: 'enterprises.read' }, schema: { tags: listTags, summary: '企业名单', description: VISIBILITY, response: { 200: z.object({ items: z.array(listSchema) }) } } },
    async (request) => ({ items: await listEnterpriseLists(deps, requireCaller(request)) }),
  );
  r.post(
    '/api/enterprise-lists',
    {
      config: { access: 'enterprises.manage' },
      schema: {
        tags: listTags,
        summary: '新建企业名单（如“光伏目标企业”）',
        body: z.object({ name, description: z.string().max(1000).nullable().optional(), shared: z.boolean().optional().describe('共享给本地区及上级') }),
        response: { 201: listSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createEnterpriseList(deps, requireCaller(request), request.body)),
  );
  r.get(
    '/api/enterprise-lists/:id',
    { config: { access: 'enterprises.read' }, schema: { tags: listTags, summary: '一个名单', params: idParams, response: { 200: listSchema } } },
    async (request) => getEnterpriseList(deps, requireCaller(request), request.params.id),
  );
  r.patch(
    '/api/enterprise-lists/:id',
    {
      config: { access: 'enterprises.manage' },
      schema: {
        tags: listTags,
        summary: '修改名单（仅创建人；version 不是最新时返回 409）',
        params: idParams,
        body: z.object({ name: name.optional(), description: z.string().max(1000).nullable().optional(), shared: z.boolean().optional(), version: z.number().int().min(1) }),
        response: { 200: listSchema },
      },
    },
    async (request) => changeEnterpriseList(deps, requireCaller(request), request.params.id, request.body),
  );
  r.delete(
    '/api/enterprise-lists/:id',
    { config: { access: 'enterprises.manage' }, schema: { tags: listTags, summary: '删除名单（仅创建人）', params: idParams } },
    async (request, reply) => {
      await removeEnterpriseList(deps, requireCaller(request), request.params.id);
      return reply.status(204).send();
    },
  );
  r.get(
    '/api/enterprise-lists/:id/members',
    {
      config: { access: 'enterprises.read' },
      schema: {
        tags: listTags,
        summary: '名单中的企业（按加入先后）',
        params: idParams,
        querystring: z.object({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(500).default(50) }),
        response: { 200: z.object({ items: z.array(memberSchema), total: z.number() }) },
      },
    },
    async (request) => listListMembers(deps, requireCaller(request), request.params.id, request.query.page, request.query.pageSize),
  );
  r.post(
    '/api/enterprise-lists/:id/members',
    {
      config: { access: 'enterprises.manage' },
      schema: {
        tags: listTags,
        summary: '把企业加入名单：按统一社会信用代码、企业 id，和/或一次搜索的前若干条结果（仅创建人）',
        params: idParams,
        body: z.object({
          creditCodes: creditCodes.optional(),
          enterpriseIds: enterpriseIds.optional(),
          fromSearch: z
            .object({ query: savedQuerySchema, limit: z.number().int().min(1).max(MAX_ADD_FROM_SEARCH).optional().describe('默认 200') })
            .optional(),
          note: z.string().max(500).nullable().optional(),
        }),
        response: {
          200: z.object({
            added: z.number(),
            alreadyPresent: z.number(),
            notFound: z.array(z.string()).describe('企业库中没有的信用代码或企业 id'),
            memberCount: z.number(),
          }),
        },
      },
    },
    async (request) => addListMembers(deps, requireCaller(request), request.params.id, request.body),
  );
  r.delete(
    '/api/enterprise-lists/:id/members',
    {
      config: { access: 'enterprises.manage' },
      schema: {
        tags: listTags,
        summary: '把企业移出名单（按统一社会信用代码和/或企业 id，至少一个；仅创建人）',
        params: idParams,
        body: z.object({ creditCodes: creditCodes.optional(), enterpriseIds: enterpriseIds.optional() }),
        response: { 200: z.object({ removed: z.number(), memberCount: z.number() }) },
      },
    },
    async (request) => removeListMembers(deps, requireCaller(request), request.params.id, request.body),
  );
  r.get(
    '/api/enterprise-lists/:id/export',
    {
      config: { access: 'enterprises.read' },
      schema: { tags: listTags, summary: '导出名单为 xlsx（企业登记信息，不含联系人）', params: idParams },
    },
    async (request, reply) => {
      const { fileName, buffer } = await exportEnterpriseListXlsx(deps, requireCaller(request), request.params.id);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="enterprise-list.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .send(buffer);
    },
  );
}
