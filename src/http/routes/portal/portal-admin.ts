/**
 * The officers' side of the portal (issue 14): publishing a project (/api/projects/:id/publication),
 * resources with photos, the policy library and the contact offices (/api/portal/…). Reading the lists
 * needs projects.read, every change portal.manage; services keep each to the caller's region scope.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  deleteBodySchema,
  officeCreateSchema,
  officeListSchema,
  officeSchema,
  officeUpdateSchema,
  photoParams,
  photoUploadSchema,
  policyCreateSchema,
  policyItemCreateSchema,
  policyItemUpdateSchema,
  policyListQuerySchema,
  policyListSchema,
  policySchema,
  policyUpdateSchema,
  publicationBodySchema,
  publicationStateSchema,
  publishedListQuerySchema,
  publishedListSchema,
  resourceCreateSchema,
  resourceListQuerySchema,
  resourceListSchema,
  resourceSchema,
  resourceUpdateSchema,
  withdrawBodySchema,
} from '../../../contracts/portal';
import type { Deps } from '../../../services/context';
import { createOffice, deleteOffice, listOffices, updateOffice } from '../../../services/portal/offices';
import { createPolicy, createPolicyItem, deletePolicy, deletePolicyItem, getPolicy, listPolicies, updatePolicy, updatePolicyItem } from '../../../services/portal/policies';
import { getPublicationState, listPublishedProjects, publishProject, withdrawPublication } from '../../../services/portal/publications';
import { createResource, deleteResource, deleteResourcePhoto, getResource, listResources, readResourcePhoto, updateResource, uploadResourcePhoto } from '../../../services/portal/resources';
import { requireCaller } from '../../access';
import { idParams } from '../../schemas';

const tags = ['portal'];
const deleted = { 200: z.object({ id: z.string(), deleted: z.literal(true) }) };

export async function portalAdminRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // project publications
  r.get(
    '/api/projects/:id/publication',
    { config: { access: 'projects.read' }, schema: { tags, summary: '项目的门户发布状态：当前公开内容、门户预览与发布历史', params: idParams, response: { 200: publicationStateSchema } } },
    async (request) => getPublicationState(deps, requireCaller(request), request.params.id),
  );
  r.put(
    '/api/projects/:id/publication',
    { config: { access: 'portal.manage' }, schema: { tags, summary: '在门户发布项目，或修改已发布的公开内容（须带当前版本号）', params: idParams, body: publicationBodySchema, response: { 200: publicationStateSchema } } },
    async (request) => publishProject(deps, requireCaller(request), request.params.id, request.body),
  );
  r.post(
    '/api/projects/:id/publication/withdraw',
    { config: { access: 'portal.manage' }, schema: { tags, summary: '从门户撤下项目（须带版本号与原因）', params: idParams, body: withdrawBodySchema, response: { 200: publicationStateSchema } } },
    async (request) => withdrawPublication(deps, requireCaller(request), request.params.id, request.body),
  );
  r.get(
    '/api/portal/publications',
    { config: { access: 'projects.read' }, schema: { tags, summary: '本地区及下级当前在门户发布的项目；status=withdrawn 为已撤回且未重新发布的项目（可重新发布）', querystring: publishedListQuerySchema, response: { 200: publishedListSchema } } },
    async (request) => listPublishedProjects(deps, requireCaller(request), request.query),
  );

  // resources
  r.get(
    '/api/portal/resources',
    { config: { access: 'projects.read' }, schema: { tags, summary: '本地区及下级的资源载体', querystring: resourceListQuerySchema, response: { 200: resourceListSchema } } },
    async (request) => listResources(deps, requireCaller(request), request.query),
  );
  r.get(
    '/api/portal/resources/:id',
    { config: { access: 'projects.read' }, schema: { tags, summary: '一个资源载体', params: idParams, response: { 200: resourceSchema } } },
    async (request) => getResource(deps, requireCaller(request), request.params.id),
  );
  r.post(
    '/api/portal/resources',
    { config: { access: 'portal.manage' }, schema: { tags, summary: '新建资源载体', body: resourceCreateSchema, response: { 200: resourceSchema } } },
    async (request) => createResource(deps, requireCaller(request), request.body),
  );
  r.patch(
    '/api/portal/resources/:id',
    { config: { access: 'portal.manage' }, schema: { tags, summary: '修改资源载体（须带当前版本号）', params: idParams, body: resourceUpdateSchema, response: { 200: resourceSchema } } },
    async (request) => updateResource(deps, requireCaller(request), request.params.id, request.body),
  );
  r.delete(
    '/api/portal/resources/:id',
    { config: { access: 'portal.manage' }, schema: { tags, summary: '删除资源载体（须带版本号与原因）', params: idParams, body: deleteBodySchema, response: deleted } },
    async (request) => deleteResource(deps, requireCaller(request), request.params.id, request.body),
  );
  r.post(
    '/api/portal/resources/:id/photos',
    { config: { access: 'portal.manage' }, bodyLimit: 15 * 1024 * 1024, schema: { tags, summary: '上传资源载体图片（仅图片，不超过 10 MB）', params: idParams, body: photoUploadSchema, response: { 200: resourceSchema } } },
    async (request) => uploadResourcePhoto(deps, requireCaller(request), request.params.id, request.body),
  );
  r.delete(
    '/api/portal/resources/:id/photos/:photoId',
    { config: { access: 'portal.manage' }, schema: { tags, summary: '删除资源载体图片', params: photoParams, response: { 200: resourceSchema } } },
    async (request) => deleteResourcePhoto(deps, requireCaller(request), request.params.id, request.params.photoId),
  );
  r.get(
    '/api/portal/resources/:id/photos/:photoId',
    { config: { access: 'projects.read' }, schema: { tags, summary: '资源载体图片（含未发布的）', params: photoParams } },
    async (request, reply) => {
      const photo = await readResourcePhoto(deps, requireCaller(request), request.params.id, request.params.photoId);
      return reply.type(photo.mimeType).header('x-content-type-options', 'nosniff').send(Buffer.from(photo.content));
    },
  );

  // policies and their items
  r.get(
    '/api/portal/policies',
    { config: { access: 'projects.read' }, schema: { tags, summary: '本地区及下级的政策', querystring: policyListQuerySchema, response: { 200: policyListSchema } } },
    async (request) => listPolicies(deps, requireCaller(request), request.query),
  );
  r.get(
    '/api/portal/policies/:id',
    { config: { access: 'projects.read' }, schema: { tags, summary: '一项政策及其条款', params: idParams, response: { 200: policySchema } } },
    async (request) => getPolicy(deps, requireCaller(request), request.params.id),
  );
  r.post(
    '/api/portal/policies',
    { config: { access: 'portal.manage' }, schema: { tags, summary: '新建政策', body: policyCreateSchema, response: { 200: policySchema } } },
    async (request) => createPolicy(deps, requireCaller(request), request.body),
  );
  r.patch(
    '/api/portal/policies/:id',
    { config: { access: 'portal.manage' }, schema: { tags, summary: '修改政策（须带当前版本号）', params: idParams, body: policyUpdateSchema, response: { 200: policySchema } } },
    async (request) => updatePolicy(deps, requireCaller(request), request.params.id, request.body),
  );
  r.delete(
    '/api/portal/policies/:id',
    { config: { access: 'portal.manage' }, schema: { tags, summary: '删除政策及其条款（须带版本号与原因）', params: idParams, body: deleteBodySchema, response: deleted } },
    async (request) => deletePolicy(deps, requireCaller(request), request.params.id, request.body),
  );
  r.post(
    '/api/portal/policies/:id/items',
    { config: { access: 'portal.manage' }, schema: { tags, summary: '新增政策条款', params: idParams, body: policyItemCreateSchema, response: { 200: policySchema } } },
    async (request) => createPolicyItem(deps, requireCaller(request), request.params.id, request.body),
  );
  r.patch(
    '/api/portal/policy-items/:id',
    { config: { access: 'portal.manage' }, schema: { tags, summary: '修改政策条款（须带当前版本号）', params: idParams, body: policyItemUpdateSchema, response: { 200: policySchema } } },
    async (request) => updatePolicyItem(deps, requireCaller(request), request.params.id, request.body),
  );
  r.delete(
    '/api/portal/policy-items/:id',
    { config: { access: 'portal.manage' }, schema: { tags, summary: '删除政策条款（须带版本号与原因）', params: idParams, body: deleteBodySchema, response: { 200: policySchema } } },
    async (request) => deletePolicyItem(deps, requireCaller(request), request.params.id, request.body),
  );

  // contact offices
  r.get(
    '/api/portal/offices',
    { config: { access: 'projects.read' }, schema: { tags, summary: '本地区及下级的招商联系窗口', querystring: publishedListQuerySchema, response: { 200: officeListSchema } } },
    async (request) => listOffices(deps, requireCaller(request), request.query),
  );
  r.post(
    '/api/portal/offices',
    { config: { access: 'portal.manage' }, schema: { tags, summary: '新建联系窗口', body: officeCreateSchema, response: { 200: officeSchema } } },
    async (request) => createOffice(deps, requireCaller(request), request.body),
  );
  r.patch(
    '/api/portal/offices/:id',
    { config: { access: 'portal.manage' }, schema: { tags, summary: '修改联系窗口（须带当前版本号）', params: idParams, body: officeUpdateSchema, response: { 200: officeSchema } } },
    async (request) => updateOffice(deps, requireCaller(request), request.params.id, request.body),
  );
  r.delete(
    '/api/portal/offices/:id',
    { config: { access: 'portal.manage' }, schema: { tags, summary: '删除联系窗口（须带版本号与原因；仍被引用的不能删除）', params: idParams, body: deleteBodySchema, response: deleted } },
    async (request) => deleteOffice(deps, requireCaller(request), request.params.id, request.body),
  );
}
