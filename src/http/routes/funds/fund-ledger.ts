/** The ledger as statisticians work: the monthly entry grid of a region and the 待核实 queue. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../../services/context';
import { getFundGrid, listPendingReceipts, saveFundGrid } from '../../../services/funds/fund-ledger';
import { requireCaller } from '../../access';
import { receiptSchema } from '../../../contracts/project-records';
import { fundGridBodySchema, fundGridQuerySchema, fundGridSchema, gridSaveResultSchema, pendingReceiptQuerySchema, pendingReceiptSchema } from '../../../contracts/fund-ledger';

const tags = ['funds'];

export async function fundLedgerRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/funds/grid',
    {
      config: { access: 'funds.manage' },
      schema: {
        tags,
        summary: '月度录入表：某地区（含下级）全部项目某月的到位资金、上月金额与锁定情况',
        querystring: fundGridQuerySchema,
        response: { 200: fundGridSchema },
      },
    },
    async (request) => getFundGrid(deps, requireCaller(request), request.query),
  );
  r.put(
    '/api/funds/grid',
    {
      config: { access: 'funds.manage' },
      schema: {
        tags,
        summary: '保存月度录入表中改动的行：新录入或更正（更正须说明原因）；逐行校验，被拒绝的行附原因返回',
        body: fundGridBodySchema,
        response: { 200: gridSaveResultSchema.extend({ saved: z.array(z.object({ projectId: z.string(), change: z.enum(['create', 'correct']), receipt: receiptSchema })) }) },
      },
    },
    async (request) => saveFundGrid(deps, requireCaller(request), request.body),
  );
  r.get(
    '/api/receipts/pending',
    {
      config: { access: 'funds.verify' },
      schema: {
        tags,
        summary: '待核实：本地区（含下级）他人录入、尚未核实的到位资金（本人录入的不列出，也不能由本人核实）',
        querystring: pendingReceiptQuerySchema,
        response: {
          200: z.object({
            total: z.number(),
            items: z.array(pendingReceiptSchema),
          }),
        },
      },
    },
    async (request) => listPendingReceipts(deps, requireCaller(request), request.query),
  );
}
