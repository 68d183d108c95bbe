/**
 * The public read API (issue 14): /api/public/… needs no session and answers published things only
 * (services/portal/public-catalog.ts). Ids are taken as plain text, so a malformed id answers the same 404
 * as an unknown or unpublished one. Lists are cacheable for a minute by browsers (no cookies are read).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  policyMatchQuerySchema,
  policyMatchSchema,
  publicIdParams,
  publicOfficeListSchema,
  publicOfficeQuerySchema,
  publicPhotoParams,
  publicPolicyItemListSchema,
  publicPolicyItemQuerySchema,
  publicPolicyItemSchema,
  publicPolicyListSchema,
  publicPolicySchema,
  publicProjectListSchema,
  publicProjectQuerySchema,
  publicProjectSchema,
  publicResourceListSchema,
  publicResourceQuerySchema,
  publicResourceSchema,
  publishedListQuerySchema,
} from '../../../contracts/portal';
import type { Deps } from '../../../services/context';
import { matchPolicyItems } from '../../../services/portal/policy-matcher';
import {
  getPublicPolicy,
  getPublicPolicyItem,
  getPublicProject,
  getPublicResource,
  listPublicOffices,
  listPublicPolicies,
  listPublicProjects,
  listPublicResources,
  readPublicPhoto,
  searchPublicPolicyItems,
} from '../../../services/portal/public-catalog';
import { langOf } from '../../request-lang';

const tags = ['public'];
/** the portal's public reads tolerate replica lag (plugins/read-routing.ts) */
const config = { access: 'public', reads: 'replica' } as const;
const security: { [name: string]: string[] }[] = [];

export async function publicApiRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/public/projects',
    { config, schema: { tags, security, summary: '门户：推介项目（已发布），可按地区、行业、产业链筛选', querystring: publicProjectQuerySchema, response: { 200: publicProjectListSchema } } },
    async (request) => listPublicProjects(deps, request.query),
  );
  r.get(
    '/api/public/projects/:id',
    { config, schema: { tags, security, summary: '门户：一个推介项目（仅公开字段）', params: publicIdParams, response: { 200: publicProjectSchema } } },
    async (request) => getPublicProject(deps, request.params.id),
  );
  r.get(
    '/api/public/resources',
    { config, schema: { tags, security, summary: '门户：资源载体，可按类型、地区、适合行业（含其下各类）、面积、可用状态筛选', querystring: publicResourceQuerySchema, response: { 200: publicResourceListSchema } } },
    async (request) => listPublicResources(deps, request.query),
  );
  r.get(
    '/api/public/resources/:id',
    { config, schema: { tags, security, summary: '门户：一个资源载体', params: publicIdParams, response: { 200: publicResourceSchema } } },
    async (request) => getPublicResource(deps, request.params.id),
  );
  r.get(
    '/api/public/resources/:id/photos/:photoId',
    { config, schema: { tags, security, summary: '门户：资源载体图片', params: publicPhotoParams } },
    async (request, reply) => {
      const photo = await readPublicPhoto(deps, request.params.id, request.params.photoId);
      return reply.type(photo.mimeType).header('etag', `"${photo.sha256}"`).header('x-content-type-options', 'nosniff').send(photo.content);
    },
  );
  r.get(
    '/api/public/policies',
    { config, schema: { tags, security, summary: '门户：政策（有已发布条款的）', querystring: publishedListQuerySchema, response: { 200: publicPolicyListSchema } } },
    async (request) => listPublicPolicies(deps, request.query),
  );
  r.get(
    '/api/public/policies/:id',
    { config, schema: { tags, security, summary: '门户：一项政策及其已发布条款', params: publicIdParams, response: { 200: publicPolicySchema } } },
    async (request) => getPublicPolicy(deps, request.params.id),
  );
  r.get(
    '/api/public/policy-items',
    { config, schema: { tags, security, summary: '门户：搜索政策条款（中文分词，与企业搜索同法）', querystring: publicPolicyItemQuerySchema, response: { 200: publicPolicyItemListSchema } } },
    async (request) => searchPublicPolicyItems(deps, request.query),
  );
  r.get(
    '/api/public/policy-items/:id',
    { config, schema: { tags, security, summary: '门户：一条政策条款', params: publicIdParams, response: { 200: publicPolicyItemSchema } } },
    async (request) => getPublicPolicyItem(deps, request.params.id),
  );
  r.get(
    '/api/public/policy-match',
    { config, schema: { tags, security, summary: '门户：按行业、企业规模、地区匹配适用的政策条款，并说明理由', querystring: policyMatchQuerySchema, response: { 200: policyMatchSchema } } },
    async (request) => matchPolicyItems(deps, request.query, langOf(request)),
  );
  r.get(
    '/api/public/offices',
    { config, schema: { tags, security, summary: '门户：各地招商联系窗口', querystring: publicOfficeQuerySchema, response: { 200: publicOfficeListSchema } } },
    async (request) => listPublicOffices(deps, request.query),
  );
}
