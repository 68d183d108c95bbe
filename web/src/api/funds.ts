import { api } from './client';
import type { FundGrid, GridSaveResult, PendingReceipt } from '../../../src/contracts/fund-ledger';

// The answers' types come from the server's contracts (src/contracts/fund-ledger.ts).
export type { FundGrid, GridRow, GridSaveResult, PendingReceipt } from '../../../src/contracts/fund-ledger';

export const fundsApi = {
  grid: (region: string, month: string) => api.get<FundGrid>('/api/funds/grid', { region, month }),
  saveGrid: (body: { region: string; month: string; reason?: string | null; entries: { projectId: string; amountYuan: number; version?: number }[] }) =>
    api.put<GridSaveResult>('/api/funds/grid', body),
  pending: (query: { region: string; month?: string; page?: number; pageSize?: number }) =>
    api.get<{ total: number; items: PendingReceipt[] }>('/api/receipts/pending', query),
  verify: (receiptId: string, version: number) => api.post<unknown>(`/api/receipts/${encodeURIComponent(receiptId)}/verify`, { version }),
};
