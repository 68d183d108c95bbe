import { api } from './client';

/** A locked month: which approved return locks it and who reopens it (null: open). */
export interface MonthLock {
  regionName: string;
  reopener: string;
  message: string;
}

export interface GridReceipt {
  id: string;
  amountYuan: number;
  note: string | null;
  version: number;
  enteredByName: string | null;
  enteredByMe: boolean;
  verifiedByName: string | null;
  verified: boolean;
  counts: boolean;
}

export interface GridRow {
  projectId: string;
  projectCode: string;
  projectName: string;
  stage: string;
  regionCode: string;
  regionName: string;
  previousMonthYuan: number | null;
  receipt: GridReceipt | null;
  lock: MonthLock | null;
}

export interface FundGrid {
  regionCode: string;
  regionName: string;
  month: string;
  futureMonth: boolean;
  truncated: boolean;
  items: GridRow[];
}

export interface GridSaveResult {
  saved: { projectId: string; change: 'create' | 'correct' }[];
  refused: { projectId: string; projectCode: string | null; message: string }[];
}

export interface PendingReceipt {
  id: string;
  projectId: string;
  projectCode: string;
  projectName: string;
  regionName: string;
  month: string;
  amountYuan: number;
  note: string | null;
  enteredByName: string | null;
  enteredAt: string;
  version: number;
  evidenceCount: number;
  lock: MonthLock | null;
}

export const fundsApi = {
  grid: (region: string, month: string) => api.get<FundGrid>('/api/funds/grid', { region, month }),
  saveGrid: (body: { region: string; month: string; reason?: string | null; entries: { projectId: string; amountYuan: number; version?: number }[] }) =>
    api.put<GridSaveResult>('/api/funds/grid', body),
  pending: (query: { region: string; month?: string; page?: number; pageSize?: number }) =>
    api.get<{ total: number; items: PendingReceipt[] }>('/api/receipts/pending', query),
  verify: (receiptId: string, version: number) => api.post<unknown>(`/api/receipts/${encodeURIComponent(receiptId)}/verify`, { version }),
};
