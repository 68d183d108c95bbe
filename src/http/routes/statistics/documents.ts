/** Statistics documents: 月通报, 季总结, 年排名 as xlsx or PDF, for a region (scope as in /api/stats/*) and month. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DOCUMENT_KINDS, gatherNoticeData } from '../../../documents/notice-data';
import { renderNoticePdf } from '../../../documents/notice-pdf';
import { renderNoticeXlsx } from '../../../documents/notice-xlsx';
import type { Deps } from '../../../services/context';
import { requireCaller } from '../../access';
import { documentQuerySchema } from '../../../contracts/statistics';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function documentRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/documents/:kind.:format',
    {
      config: { access: 'stats.read', reads: 'replica' },
      schema: {
        tags: ['statistics'],
        summary: '统计文书：月通报（monthly）、季总结（quarterly）、年排名（annual），xlsx 或 PDF（嵌入中文字体）；地区含全部下级，口径同 /api/stats/*',
        params: z.object({ kind: z.enum(DOCUMENT_KINDS), format: z.enum(['xlsx', 'pdf']) }),
        querystring: documentQuerySchema,
      },
    },
    async (request, reply) => {
      const { kind, format } = request.params;
      const data = await gatherNoticeData(deps, requireCaller(request), { kind, ...request.query });
      const buffer = format === 'pdf' ? await renderNoticePdf(data) : await renderNoticeXlsx(data);
      const fileName = `${data.fileBaseName}.${format}`;
      return reply
        .type(format === 'pdf' ? 'application/pdf' : XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${kind}-${data.regionCode}-${data.month}.${format}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .header('cache-control', 'no-store')
        .send(buffer);
    },
  );
}
