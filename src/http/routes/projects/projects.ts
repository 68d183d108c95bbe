import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { channelSchema, completionSummarySchema, lightSchema, likelihoodSchema, projectDetailSchema, projectPageSchema, projectSchema, sourceFilterSchema, sourceSchema, stageSchema } from '../../../contracts/projects';
import type { Deps } from '../../../services/context';
import { changeProjectStage, createProject, getCompletionSummary, getProjectDetail, listProjects, updateProject } from '../../../services/projects/projects';
import { requireCaller } from '../../access';
import { dateSchema, idParams, monthSchema, regionCodeSchema, yuanQuerySchema, yuanSchema } from '../../schemas';
import { schemaMessage } from '../../../domain/messages/catalog';

const tags = ['projects'];
const csv = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item));

/** The filters that reproduce a statistic exactly (the list behind a figure), shared by the list and its export. */
export const drillDownQuery = {
  fundsFrom: monthSchema.optional().describe('执行项目：该期间（同一年内）到位资金 > 0 的项目，口径同统计（先证后计）'),
  fundsTo: monthSchema.optional(),
  fundsKind: z.enum(['new', 'continued']).optional().describe('与 fundsFrom/fundsTo 同用：新建或续建'),
  signedFrom: monthSchema.optional().describe('签约项目：签约日期在该期间内'),
  signedTo: monthSchema.optional(),
};

/** No defaults here: a PATCH must leave absent fields alone (the service defaults a new project). */
const projectBody = z.object({
  name: z.string().trim().min(1, schemaMessage('schema.projectName')).max(200),
  regionCode: regionCodeSchema,
  investorName: z.string().max(200).nullable().optional(),
  investorCreditCode: z.string().max(18).nullable().optional(),
  source: sourceSchema.nullable().optional(),
  industryCode: z.string().max(8).nullable().optional(),
  plannedInvestmentYuan: yuanSchema.nullable().optional().describe('计划总投资（元）；null 表示尚不清楚'),
  signedAmountYuan: yuanSchema.nullable().optional().describe('签约额（元）；null 表示尚不清楚'),
  signedDate: dateSchema.nullable().optional(),
  agreedStartDate: dateSchema.nullable().optional(),
  startedDate: dateSchema.nullable().optional(),
  operatingDate: dateSchema.nullable().optional(),
  likelihood: likelihoodSchema.nullable().optional(),
  expectedLandingDate: dateSchema.nullable().optional(),
  description: z.string().max(5000).nullable().optional(),
  leaderId: z.string().uuid().nullable().optional(),
  teamMemberIds: z.array(z.string().uuid()).max(50).optional(),
  milestones: z
    .array(z.object({ title: z.string().trim().min(1).max(200), dueDate: dateSchema.nullable().optional(), doneOn: dateSchema.nullable().optional() }))
    .max(100)
    .optional(),
  tags: z.array(z.string().max(30)).max(30).optional(),
  isKey: z.boolean().optional(),
  channel: channelSchema.nullable().optional().describe('招商方式：chain 以链、partner 以商、event 以会、residentTeam 驻点、commissioned 委托、online 云招商、direct 直接'),
});

export async function projectRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/projects',
    {
      config: { access: 'projects.read' },
      schema: {
        tags,
        summary: '项目列表（本地区及下级），含各阶段数量与红绿灯',
        querystring: z.object({
          q: z.string().max(100).optional(),
          regionCode: regionCodeSchema.optional(),
          stage: csv(stageSchema).optional().describe('逗号分隔的阶段'),
          light: lightSchema.optional(),
          source: csv(sourceFilterSchema).optional().describe('逗号分隔的资金来源；none 为来源未填'),
          industry: z.string().regex(/^([A-T]|\d{2,4})$/, schemaMessage('schema.industryFilter')).optional(),
          amountMinYuan: yuanQuerySchema.optional().describe('签约额下限（元）'),
          amountMaxYuan: yuanQuerySchema.optional(),
          leaderId: z.string().uuid().optional(),
          mine: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('只看我包联或参与专班的项目'),
          isKey: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
          ...drillDownQuery,
          incomplete: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('true：只看资料不全（待完善）的项目'),
          sort: z.enum(['updated', 'signedAmount', 'code', 'signedDate']).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(500).default(20),
        }),
        response: { 200: projectPageSchema },
      },
    },
    async (request) => {
      const q = request.query;
      return listProjects(deps, requireCaller(request), { ...q, stages: q.stage, sources: q.source });
    },
  );

  r.get(
    '/api/projects/completion',
    {
      config: { access: 'projects.read' },
      schema: {
        tags,
        summary: '待完善：资料不全的项目数，按下级地区和缺少的资料统计（项目清单用 /api/projects?incomplete=true）',
        querystring: z.object({ regionCode: regionCodeSchema.optional().describe('默认为本人所在地区') }),
        response: { 200: completionSummarySchema },
      },
    },
    async (request) => getCompletionSummary(deps, requireCaller(request), request.query),
  );

  r.post(
    '/api/projects',
    {
      config: { access: 'projects.manage' },
      schema: {
        tags,
        summary: '新建项目（初始阶段须满足该阶段的全部要求）',
        body: projectBody.extend({ code: z.string().trim().max(40).optional(), stage: stageSchema.optional() }),
        response: { 201: projectSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createProject(deps, requireCaller(request), request.body)),
  );

  r.get(
    '/api/projects/:id',
    { config: { access: 'projects.read' }, schema: { tags, summary: '项目详情：下一阶段清单、五个一、阶段时间线', params: idParams, response: { 200: projectDetailSchema } } },
    async (request) => getProjectDetail(deps, requireCaller(request), request.params.id),
  );

  r.patch(
    '/api/projects/:id',
    {
      config: { access: 'projects.manage' },
      schema: {
        tags,
        summary: '修改项目（只检查改动涉及的阶段要求）；version 不是最新时返回 409',
        params: idParams,
        body: projectBody.partial().extend({ version: z.number().int().min(1) }),
        response: { 200: projectSchema },
      },
    },
    async (request) => updateProject(deps, requireCaller(request), request.params.id, request.body),
  );

  r.post(
    '/api/projects/:id/stage',
    {
      config: { access: 'projects.manage' },
      schema: {
        tags,
        summary: '变更阶段：按阶段规则检查；终止须说明原因；退回须填写说明',
        params: idParams,
        body: z.object({
          to: stageSchema,
          note: z.string().max(1000).optional(),
          terminationReason: z.string().max(1000).optional(),
          evidenceIds: z.array(z.string().uuid()).max(20).optional().describe('已上传的佐证材料（安装要求该阶段须有佐证时必填）'),
          version: z.number().int().min(1),
        }),
        response: { 200: projectSchema },
      },
    },
    async (request) => changeProjectStage(deps, requireCaller(request), request.params.id, request.body),
  );
}
