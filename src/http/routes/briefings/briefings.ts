/** /api/briefings: 每周招商工作简报, 旬调度 and 月度简报 — list, generate, edit, issue, revise, figure records, docx/PDF. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  briefingEditionQuerySchema,
  briefingGenerateSchema,
  briefingIssueSchema,
  briefingListQuerySchema,
  briefingListSchema,
  briefingRecordsQuerySchema,
  briefingRecordsSchema,
  briefingReviseSchema,
  briefingSchema,
  briefingUpdateSchema,
} from '../../../contracts/briefings';
import { buildBriefingDocument } from '../../../documents/briefing-content';
import { renderBriefingDocx } from '../../../documents/briefing-docx';
import { renderBriefingPdf } from '../../../documents/briefing-pdf';
import { getBriefing, issueBriefing, listBriefings, listFigureRecords, reviseBriefing, updateBriefing } from '../../../services/briefings/briefings';
import { generateBriefing } from '../../../services/briefings/generate-briefings';
import type { Deps } from '../../../services/context';
import { requireCaller } from '../../access';
import { idParams } from '../../schemas';

const tags = ['briefings'];
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export async function briefingRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/briefings',
    {
      config: { access: 'briefings.read' },
      schema: { tags, summary: '本地区及下级的简报（按统计期倒序；可按种类、状态、地区筛选）', querystring: briefingListQuerySchema, response: { 200: briefingListSchema } },
    },
    async (request) => listBriefings(deps, requireCaller(request), request.query),
  );
  r.post(
    '/api/briefings/generate',
    {
      config: { access: 'briefings.manage' },
      schema: {
        tags,
        summary: '生成简报：该地区、种类和日期所在统计期的简报不存在时新建草稿；已有草稿时刷新数字，未编辑的段落重新生成（resetText 时全部重新生成）；已签发的须先修订',
        body: briefingGenerateSchema,
        response: { 200: briefingSchema.extend({ created: z.boolean() }) },
      },
    },
    async (request) => generateBriefing(deps, requireCaller(request), request.body),
  );
  r.get(
    '/api/briefings/:id',
    {
      config: { access: 'briefings.read' },
      schema: { tags, summary: '一期简报：数字（每个数字带所计入的记录）、段落文字、签发版次；edition 给出时为该已签发版次', params: idParams, querystring: briefingEditionQuerySchema, response: { 200: briefingSchema } },
    },
    async (request) => getBriefing(deps, requireCaller(request), request.params.id, request.query.edition),
  );
  r.patch(
    '/api/briefings/:id',
    {
      config: { access: 'briefings.manage' },
      schema: { tags, summary: '修改草稿的段落文字（须带当前版本号；已签发的不能修改）', params: idParams, body: briefingUpdateSchema, response: { 200: briefingSchema } },
    },
    async (request) => updateBriefing(deps, requireCaller(request), request.params.id, request.body),
  );
  r.post(
    '/api/briefings/:id/issue',
    {
      config: { access: 'briefings.issue' },
      schema: { tags, summary: '签发：当前稿定为已签发版次（首次签发时编第N期），此后不可修改', params: idParams, body: briefingIssueSchema, response: { 200: briefingSchema } },
    },
    async (request) => issueBriefing(deps, requireCaller(request), request.params.id, request.body),
  );
  r.post(
    '/api/briefings/:id/revise',
    {
      config: { access: 'briefings.issue' },
      schema: { tags, summary: '修订已签发的简报：生成下一版草稿（原版次保留、仍可下载），须写明原因', params: idParams, body: briefingReviseSchema, response: { 200: briefingSchema } },
    },
    async (request) => reviseBriefing(deps, requireCaller(request), request.params.id, request.body),
  );
  r.get(
    '/api/briefings/:id/records',
    {
      config: { access: 'briefings.read' },
      schema: { tags, summary: '某个数字所计入的记录（活动或项目）', params: idParams, querystring: briefingRecordsQuerySchema, response: { 200: briefingRecordsSchema } },
    },
    async (request) => listFigureRecords(deps, requireCaller(request), request.params.id, request.query),
  );
  r.get(
    '/api/briefings/:id/document.:format',
    {
      config: { access: 'briefings.read' },
      schema: {
        tags,
        summary: '下载简报：docx（WPS、Word 可打开）或 PDF（嵌入中文字体）；edition 给出时为该已签发版次，否则为当前稿（草稿标明“草稿”）',
        params: idParams.extend({ format: z.enum(['docx', 'pdf']) }),
        querystring: briefingEditionQuerySchema,
      },
    },
    async (request, reply) => {
      const briefing = await getBriefing(deps, requireCaller(request), request.params.id, request.query.edition);
      const doc = buildBriefingDocument(briefing);
      const format = request.params.format;
      const buffer = format === 'pdf' ? await renderBriefingPdf(doc) : await renderBriefingDocx(doc);
      const fileName = `${doc.fileBaseName}.${format}`;
      return reply
        .type(format === 'pdf' ? 'application/pdf' : DOCX_TYPE)
        .header('content-disposition', `attachment; filename="briefing-${briefing.regionCode}-${briefing.periodStart}.${format}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .header('cache-control', 'no-store')
        .send(buffer);
    },
  );
}
