import { api } from './client';
import type { FundGrid, FundGridBody, FundGridQuery, GridSaveResult, PendingReceipt, PendingReceiptQuery } from '../../../src/contracts/fund-ledger';
import type { VersionBody } from '../../../src/contracts/project-records';

// The answers' types come from the server's contracts (src/contracts/fund-ledger.ts).
export type { FundGrid, GridRow, GridSaveResult, PendingReceipt } from '../../../src/contracts/fund-ledger';

export const fundsApi = {
  grid: (region: string, month: string) => api.get<FundGrid>('/api/funds/grid', { region, month } satisfies FundGridQuery),
  saveGrid: (body: FundGridBody) =>
    api.put<GridSaveResult>('/api/funds/grid', body),
  pending: (query: PendingReceiptQuery) =>
    api.get<{ total: number; items: PendingReceipt[] }>('/api/receipts/pending', query),
  verify: (receiptId: string, version: number) => api.post<unknown>(`/api/receipts/${encodeURIComponent(receiptId)}/verify`, { version } satisfies VersionBody),
};
