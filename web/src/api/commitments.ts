import { api } from './client';
import type { z } from 'zod';
import type {
  ClauseChangeBody,
  clauseSchema,
  FulfilmentBody,
  ledgerQuerySchema,
  ledgerSchema,
  NewClauseBody,
  noticeSchema,
} from '../../../src/contracts/commitments';

// The answers' types come from the server's contracts (src/contracts/commitments.ts).
export type Clause = z.infer<typeof clauseSchema>;
export type Ledger = z.infer<typeof ledgerSchema>;
export type LedgerQuery = z.input<typeof ledgerQuerySchema>;
export type Notice = z.infer<typeof noticeSchema>;
export type { NewClauseBody } from '../../../src/contracts/commitments';
export { CLAUSE_TYPE_KEYS, COMMITMENT_STATUS_KEYS } from '../../../src/contracts/commitments';

const id = encodeURIComponent;

export const commitmentsApi = {
  ofProject: (projectId: string) => api.get<{ items: Clause[] }>(`/api/projects/${id(projectId)}/commitments`).then((r) => r.items),
  create: (projectId: string, body: NewClauseBody) => api.post<Clause>(`/api/projects/${id(projectId)}/commitments`, body),
  update: (clauseId: string, body: ClauseChangeBody) => api.patch<Clause>(`/api/commitments/${id(clauseId)}`, body),
  remove: (clauseId: string, reason: string) => api.delete<unknown>(`/api/commitments/${id(clauseId)}`, { reason }),
  submitReview: (clauseId: string, version: number) => api.post<Clause>(`/api/commitments/${id(clauseId)}/review-submission`, { version }),
  review: (clauseId: string, body: { decision: 'approved' | 'rejected'; note: string; version: number }) => api.post<Clause>(`/api/commitments/${id(clauseId)}/review`, body),
  agree: (clauseId: string, version: number) => api.post<Clause>(`/api/commitments/${id(clauseId)}/agree`, { version }),
  fulfil: (clauseId: string, body: FulfilmentBody) => api.post<Clause>(`/api/commitments/${id(clauseId)}/fulfilments`, body),
  reassign: (clauseId: string, body: { responsibleUserId: string; responsibleDepartment: string; reason: string; version: number }) => api.post<Clause>(`/api/commitments/${id(clauseId)}/responsible`, body),
  changeStatus: (clauseId: string, body: { action: 'dispute' | 'waive' | 'clear'; reason: string; version: number }) => api.post<Clause>(`/api/commitments/${id(clauseId)}/status`, body),
  ledger: (query: LedgerQuery) => api.get<Ledger>('/api/commitments', query),
  notice: (regionCode: string | undefined) => api.get<Notice>('/api/commitments/notice', { regionCode }),
  noticeXlsxUrl: (regionCode: string | undefined) => `/api/commitments/notice.xlsx${regionCode ? `?regionCode=${id(regionCode)}` : ''}`,
};
