import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contactChangeBodySchema, contactsExportQuerySchema, newContactBodySchema, optionalReasonBodySchema } from '../../../contracts/enterprise-edits';
import { maskedContactSchema, revealedContactSchema } from '../../../contracts/enterprises';
import { exportContactsXlsx } from '../../../exports/contacts-xlsx';
import type { Deps } from '../../../services/context';
import { addContact, deleteContact, listEnterpriseContacts, revealContact, updateContact } from '../../../services/enterprises/enterprise-contacts';
import { requireCaller } from '../../access';
import { idParams } from '../../schemas';

const tags = ['enterprises'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const keyParams = z.object({ key: z.string().trim().min(1).max(40).describe('统一社会信用代码，或无代码企业的 id') });

export async function enterpriseContactRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/enterprises/:key/contacts',
    {
      config: { access: 'enterprises.read' },
      schema: { tags, summary: '企业联系人（本人管辖范围内，脱敏）', params: keyParams, response: { 200: z.object({ items: z.array(maskedContactSchema) }) } },
    },
    async (request) => ({ items: await listEnterpriseContacts(deps, requireCaller(request), request.params.key) }),
  );

  r.post(
    '/api/enterprises/:key/contacts',
    {
      config: { access: 'enterprises.manage' },
      schema: { tags, summary: '新增联系人（属于本人地区或所选的下级地区）', params: keyParams, body: newContactBodySchema, response: { 201: maskedContactSchema } },
    },
    async (request, reply) => reply.status(201).send(await addContact(deps, requireCaller(request), request.params.key, request.body)),
  );

  r.patch(
    '/api/contacts/:id',
    {
      config: { access: 'enterprises.manage' },
      schema: {
        tags,
        summary: '修改联系人；version 不是最新时返回 409',
        description:
          '没有查看完整信息的人也能更换或清除电话、邮箱、备注：字段省略表示不变，null 表示清除（姓名不能清除），字符串表示替换。' +
          '与当前脱敏显示值完全相同的字符串（如 138****5678）视为不变，不会写入；其他含 * 的姓名、电话、邮箱，以及仍含原备注中脱敏电话或邮箱的备注，返回 400。' +
          '修改记入审计（只记脱敏值）。',
        params: idParams,
        body: contactChangeBodySchema,
        response: { 200: maskedContactSchema },
      },
    },
    async (request) => updateContact(deps, requireCaller(request), request.params.id, request.body),
  );

  r.delete(
    '/api/contacts/:id',
    {
      config: { access: 'enterprises.manage' },
      schema: {
        tags,
        summary: '删除联系人（从页面、导出和“已接触”筛选中移除；审计只留脱敏值）',
        params: idParams,
        body: optionalReasonBodySchema,
      },
    },
    async (request, reply) => {
      await deleteContact(deps, requireCaller(request), request.params.id, request.body?.reason);
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/contacts/:id/reveal',
    {
      config: { access: 'contacts.reveal' },
      schema: {
        tags,
        summary: '查看联系人完整姓名、电话、邮箱（写审计记录，不记录明文）',
        params: idParams,
        body: optionalReasonBodySchema,
        response: { 200: revealedContactSchema },
      },
    },
    async (request) => revealContact(deps, requireCaller(request), request.params.id, request.body?.reason),
  );

  r.get(
    '/api/contacts/export',
    {
      config: { access: 'contacts.export' },
      schema: {
        tags,
        summary: '导出联系人为 xlsx（完整信息；本人管辖范围内，可限定地区或企业；写审计记录含行数）',
        querystring: contactsExportQuerySchema,
      },
    },
    async (request, reply) => {
      const { buffer } = await exportContactsXlsx(deps, requireCaller(request), { regionCode: request.query.region, enterprise: request.query.enterprise });
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="contacts.xlsx"; filename*=UTF-8''${encodeURIComponent('企业联系人.xlsx')}`)
        .send(buffer);
    },
  );
}
