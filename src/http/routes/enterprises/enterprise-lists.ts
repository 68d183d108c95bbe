import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
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
  removeEnterpriseList,
  removeListMembers,
  removeSavedSearch,
} from '../../../services/enterprises/enterprise-lists';
import { requireCaller } from '../../access';
import { idParams } from '../../schemas';
import {
  addMembersBodySchema,
  addMembersResultSchema,
  enterpriseListChangeBodySchema,
  enterpriseListMemberPageSchema,
  enterpriseListSchema,
  listMemberQuerySchema,
  newEnterpriseListBodySchema,
  newSavedSearchBodySchema,
  removeMembersBodySchema,
  removeMembersResultSchema,
  savedSearchChangeBodySchema,
  savedSearchSchema,
} from '../../../contracts/enterprise-search';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const VISIBILITY = '可见范围：本人的，以及共享且所属地区在本人管辖范围内（本地区及下级）的；只有创建人可以修改和删除。';

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
        body: newSavedSearchBodySchema,
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
        body: savedSearchChangeBodySchema,
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
    { config: { access: 'enterprises.read' }, schema: { tags: listTags, summary: '企业名单', description: VISIBILITY, response: { 200: z.object({ items: z.array(enterpriseListSchema) }) } } },
    async (request) => ({ items: await listEnterpriseLists(deps, requireCaller(request)) }),
  );
  r.post(
    '/api/enterprise-lists',
    {
      config: { access: 'enterprises.manage' },
      schema: {
        tags: listTags,
        summary: '新建企业名单（如“光伏目标企业”）',
        body: newEnterpriseListBodySchema,
        response: { 201: enterpriseListSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createEnterpriseList(deps, requireCaller(request), request.body)),
  );
  r.get(
    '/api/enterprise-lists/:id',
    { config: { access: 'enterprises.read' }, schema: { tags: listTags, summary: '一个名单', params: idParams, response: { 200: enterpriseListSchema } } },
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
        body: enterpriseListChangeBodySchema,
        response: { 200: enterpriseListSchema },
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
        querystring: listMemberQuerySchema,
        response: { 200: enterpriseListMemberPageSchema },
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
        body: addMembersBodySchema,
        response: { 200: addMembersResultSchema },
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
        body: removeMembersBodySchema,
        response: { 200: removeMembersResultSchema },
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
