/** /api/chains: industry chains, their versions and the diff between two; the chains import; the shipped templates. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorSchema } from '../../schemas';
import {
  chainListQuerySchema,
  adoptTemplateBodySchema,
  chainDetailSchema,
  chainDiffQuerySchema,
  chainDiffSchema,
  chainEditBodySchema,
  chainEditResultSchema,
  chainImportQuerySchema,
  chainImportResultSchema,
  chainOutcomeSchema,
  chainSummarySchema,
  chainTemplateSchema,
  chainVersionQuerySchema,
  chainVersionSchema,
  chainCoverageSchema,
  coverageQuerySchema,
  nodeEnterpriseSchema,
  nodeProjectSchema,
  nodeRecordsQuerySchema,
} from '../../../contracts/chains';
import { AppError } from '../../../domain/app-error';
import { msg } from '../../../domain/messages/catalog';
import { buildChainCsv } from '../../../exports/chain-csv';
import { adoptTemplate, listTemplates, readTemplateFile } from '../../../services/chains/chain-templates';
import { diffChainVersions, getChain, listChains, listChainVersions } from '../../../services/chains/chains';
import { editChain } from '../../../services/chains/edit-chain';
import { importChains } from '../../../services/chains/import-chains';
import { getChainCoverage, listNodeEnterprises, listNodeProjects } from '../../../services/chains/chain-coverage';
import type { Deps } from '../../../services/context';
import { requireCaller } from '../../access';
import { decodeFileName, IMPORT_CONTENT_TYPES } from '../imports/imports';

const tags = ['chains'];
const MiB = 1024 * 1024;
const codeParams = z.object({ code: z.string().min(1).max(40) });
const nodeParams = codeParams.extend({ node: z.string().min(1).max(40) });

export async function chainRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.addContentTypeParser(IMPORT_CONTENT_TYPES, { parseAs: 'buffer', bodyLimit: 10 * MiB }, (_request, body, done) => done(null, body));
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/chains',
    {
      config: { access: 'chains.read' },
      schema: { tags, summary: '本级使用（上级定义）与下级定义的产业链', querystring: chainListQuerySchema, response: { 200: z.object({ items: z.array(chainSummarySchema) }) } },
    },
    async (request) => ({ items: await listChains(deps, requireCaller(request), request.query.usedBy) }),
  );
  r.get(
    '/api/chains/:code',
    {
      config: { access: 'chains.read' },
      schema: { tags, summary: '一条产业链及其节点（默认当前版本）', params: codeParams, querystring: chainVersionQuerySchema, response: { 200: chainDetailSchema } },
    },
    async (request) => getChain(deps, requireCaller(request), request.params.code, request.query.version),
  );
  r.put(
    '/api/chains/:code',
    {
      config: { access: 'chains.manage' },
      schema: {
        tags,
        summary: '编辑产业链：保存整条产业链（名称与全部节点）为新版本，规则与导入文件相同',
        description:
          '请求体为编辑后的整条产业链与编辑所依据的版本 baseVersion。只有定义地区本级或其上级的产业研究员能修改（否则 403；看不见的产业链 404）。' +
          '有问题时 400，details 逐条给出 field（nodes.<序号>.<字段>，或 name）与指明节点编码和字段的说明，不保存；' +
          '产业链已有比 baseVersion 更新的版本时 409（说明谁保存了第几版），不保存。内容与当前版本相同则不变。dryRun=true 只检查。',
        params: codeParams,
        querystring: chainImportQuerySchema,
        body: chainEditBodySchema,
        response: { 200: chainEditResultSchema },
      },
    },
    async (request) => editChain(deps, requireCaller(request), request.params.code, request.body, { dryRun: request.query.dryRun }),
  );
  r.get(
    '/api/chains/:code/file',
    {
      config: { access: 'chains.read' },
      schema: { tags, summary: '下载产业链某一版本（默认当前版本）的 CSV（产业链导入格式），修改后可作为新版本导入', params: codeParams, querystring: chainVersionQuerySchema, produces: ['text/csv'] },
    },
    async (request, reply) => {
      const chain = await getChain(deps, requireCaller(request), request.params.code, request.query.version);
      const fileName = `${chain.code}-v${chain.version}.csv`;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(`${chain.name}-第${chain.version}版.csv`)}`)
        .send(buildChainCsv(chain));
    },
  );
  r.get(
    '/api/chains/:code/versions',
    { config: { access: 'chains.read' }, schema: { tags, summary: '产业链的各个版本（新的在前）', params: codeParams, response: { 200: z.object({ items: z.array(chainVersionSchema) }) } } },
    async (request) => ({ items: await listChainVersions(deps, requireCaller(request), request.params.code) }),
  );
  r.get(
    '/api/chains/:code/diff',
    {
      config: { access: 'chains.read' },
      schema: { tags, summary: '两个版本之间的变化：新增、删除和修改的节点', params: codeParams, querystring: chainDiffQuerySchema, response: { 200: chainDiffSchema } },
    },
    async (request) => diffChainVersions(deps, requireCaller(request), request.params.code, request.query.from, request.query.to),
  );
  r.get(
    '/api/chains/:code/coverage',
    {
      config: { access: 'chains.read' },
      schema: {
        tags,
        summary: '产业链在一个地区（含下级）的覆盖：各节点的本地企业、项目、到位资金，以及强链、补链、延链的判定与规则',
        params: codeParams,
        querystring: coverageQuerySchema,
        response: { 200: chainCoverageSchema },
      },
    },
    async (request) => getChainCoverage(deps, requireCaller(request), request.params.code, request.query.regionCode),
  );
  r.get(
    '/api/chains/:code/nodes/:node/enterprises',
    {
      config: { access: 'chains.read' },
      schema: {
        tags,
        summary: '节点（含下级节点）的本地企业：按行业代码或按产品/经营范围用词匹配，注册资本大的在前',
        params: nodeParams,
        querystring: nodeRecordsQuerySchema,
        response: { 200: z.object({ items: z.array(nodeEnterpriseSchema), total: z.number().int() }) },
      },
    },
    async (request) => listNodeEnterprises(deps, requireCaller(request), request.params.code, request.params.node, request.query),
  );
  r.get(
    '/api/chains/:code/nodes/:node/projects',
    {
      config: { access: 'chains.read' },
      schema: {
        tags,
        summary: '节点（含下级节点）的本地项目（按行业代码匹配），含至今到位资金',
        params: nodeParams,
        querystring: nodeRecordsQuerySchema,
        response: { 200: z.object({ items: z.array(nodeProjectSchema), total: z.number().int() }) },
      },
    },
    async (request) => listNodeProjects(deps, requireCaller(request), request.params.code, request.params.node, request.query),
  );
  r.post(
    '/api/chains/import',
    {
      bodyLimit: 10 * MiB,
      config: { access: 'chains.manage' },
      schema: {
        tags,
        summary: '导入产业链文件（CSV，或含“产业链”工作表的 xlsx）：请求体为文件本身，文件名放在请求头 x-file-name（URL 编码）',
        description:
          '整个文件要么全部导入，要么一条也不写：有问题时返回 422 与问题清单（行、列、值、原因）。内容与当前版本相同的产业链不变；' +
          '内容变化的产业链生成新版本。新产业链由导入人所属的省或地州市定义。',
        querystring: chainImportQuerySchema,
        response: { 200: chainImportResultSchema, 422: z.union([chainImportResultSchema.extend({ error: z.object({ code: z.string(), message: z.string() }) }), errorSchema]) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      if (!Buffer.isBuffer(body)) throw new AppError('BAD_REQUEST', msg('http.fileBody', { types: { names: IMPORT_CONTENT_TYPES.map((type) => msg('text.plain', { text: type })) } }));
      const fileName = decodeFileName(request.headers['x-file-name'], body, request.headers['content-type']);
      const result = await importChains(deps, requireCaller(request), body, { fileName, dryRun: request.query.dryRun });
      if (!result.ok) {
        return reply.status(422).send({ ...result, error: { code: 'VALIDATION', message: `文件“${result.fileName}”有 ${result.problems.length} 个问题，未导入任何产业链` } });
      }
      return reply.status(200).send(result);
    },
  );
  r.get(
    '/api/chain-templates',
    { config: { access: 'chains.read' }, schema: { tags, summary: '系统自带的产业链模板', response: { 200: z.object({ items: z.array(chainTemplateSchema) }) } } },
    async () => ({ items: await listTemplates() }),
  );
  r.get(
    '/api/chain-templates/:code/file',
    {
      config: { access: 'chains.read' },
      schema: { tags, summary: '下载模板的 CSV（产业链导入格式），可修改后导入', params: codeParams, produces: ['text/csv'] },
    },
    async (request, reply) => {
      const { fileName, bytes } = await readTemplateFile(request.params.code);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .send(bytes);
    },
  );
  r.post(
    '/api/chain-templates/:code/adopt',
    {
      config: { access: 'chains.manage' },
      schema: {
        tags,
        summary: '采用模板：复制为本级（省或地州市）的产业链；再次采用会把模板的最新内容作为新版本',
        params: codeParams,
        body: adoptTemplateBodySchema,
        response: { 200: chainOutcomeSchema },
      },
    },
    async (request) => adoptTemplate(deps, requireCaller(request), request.params.code, { chainCode: request.body.chainCode }),
  );
}
