import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ENTERPRISE_STATUSES } from '../../../domain/enterprise-status';
import type { Deps } from '../../../services/context';
import { MAX_PAGE_SIZE, searchEnterprises } from '../../../services/enterprises/enterprise-search';
import { requireCaller } from '../../access';

const tags = ['enterprises'];

const csv = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .transform((v) => v.split(/[,，]/).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item).max(20));

const yuan = z.coerce.number().int('金额须为整数元').min(0, '金额不能为负数').max(Number.MAX_SAFE_INTEGER);
const year = z.coerce.number().int().min(1900, '年份须在 1900 年之后').max(2100);

export const enterpriseSearchQuery = z.object({
  q: z
    .string()
    .max(100)
    .optional()
    .describe(
      '搜索框：以数字开头的信用代码字符（2–18 位）按统一社会信用代码前缀查找；只有拉丁字母（可含数字）按拼音全拼或首字母查找（如 xjqy）；' +
        '其他按中文：空格分开的每个词都须命中——企业名称、曾用名、经营范围、主要产品中的词（结巴分词），或名称、曾用名中的任意连续片段',
    ),
  tags: csv(z.string().max(30)).optional().describe('逗号分隔的标签，须全部具备（与）'),
  region: z.string().regex(/^\d{6}(\d{3})?$/, '地区代码须为 6 位行政区划代码或 9 位园区代码').optional().describe('注册地区：该地区及其全部下级'),
  industry: z.string().regex(/^([A-T]|\d{2})$/, '行业代码为门类字母或 2 位大类代码').optional().describe('行业：门类字母含其下全部大类'),
  capitalMin: yuan.optional().describe('注册资本下限（整数元，含）。例：1000 万元 = 10000000'),
  capitalMax: yuan.optional().describe('注册资本上限（整数元，含）'),
  foundedFrom: year.optional().describe('成立年份起（含）'),
  foundedTo: year.optional().describe('成立年份止（含）'),
  status: csv(z.enum(ENTERPRISE_STATUSES)).optional().describe('逗号分隔的经营状态（任一）'),
  inContact: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('只看本地区（含下级）已有联系人或项目往来的企业'),
  sort: z.enum(['relevance', 'capital']).optional().describe('relevance：相关度（无搜索词时按注册资本）；capital：注册资本从高到低'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
});

const segmentSchema = z.object({ text: z.string(), match: z.boolean() });

export const enterpriseItemSchema = z.object({
  id: z.string(),
  creditCode: z.string().nullable(),
  name: z.string(),
  formerNames: z.array(z.string()),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  industryCode: z.string().nullable(),
  industryName: z.string().nullable(),
  registeredCapitalYuan: z.number().nullable().describe('注册资本（整数元）；null 表示未知'),
  establishedOn: z.string().nullable(),
  status: z.string().nullable(),
  tags: z.array(z.string()),
  inContact: z.boolean().describe('本地区（含下级）已有联系人或项目往来'),
  highlight: z.object({
    name: z.array(segmentSchema),
    formerName: z.object({ text: z.string(), segments: z.array(segmentSchema) }).nullable(),
    creditCode: z.array(segmentSchema),
  }),
});

export async function enterpriseSearchRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/enterprises',
    {
      config: { access: 'enterprises.read' },
      schema: {
        tags,
        summary: '企业库检索（全国企业；“已联系”按本人管辖地区）',
        description:
          '返回当页企业、筛选结果的总数与分面计数。facets.tags：每个内置与自定义标签在全部筛选结果中的企业数；' +
          'facets.regions：地区筛选的下一级地区（未选地区时为本人所在省级的各地市）各自（含下级）的企业数，键为地区代码；' +
          'facets.regionRoot 为这些地区的上级（全国用户未选地区时为 null）；facets.regionNames 给出 facets.regions 各地区、regionRoot 及其各级上级的名称。' +
          'highlight 给出名称（及命中的曾用名）中命中的片段，不含 HTML。金额为整数元。',
        querystring: enterpriseSearchQuery,
        response: {
          200: z.object({
            items: z.array(enterpriseItemSchema),
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
            facets: z.object({
              tags: z.record(z.string(), z.number()).describe('标签 → 企业数'),
              regions: z.record(z.string(), z.number()).describe('下一级地区代码 → 企业数（含下级）'),
              regionRoot: z.string().nullable().describe('facets.regions 所在的上级地区代码；null 为全国'),
              regionNames: z.record(z.string(), z.string()).describe('地区代码 → 名称：facets.regions 的各地区、regionRoot 及其各级上级'),
            }),
          }),
        },
      },
    },
    async (request) => searchEnterprises(deps, requireCaller(request), request.query),
  );
}
