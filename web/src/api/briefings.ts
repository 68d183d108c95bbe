/**
 * 简报: list, generate, read, edit, issue, revise, the records behind a figure. Types from the server's contract
 * (src/contracts/briefings.ts).
 */
import type { Briefing, BriefingGenerate, BriefingList, BriefingListQuery, BriefingRecords } from '../../../src/contracts/briefings';
import { BRIEFING_KIND_KEYS } from '../../../src/contracts/briefings';
import { api } from './client';

export type { Briefing, BriefingList, BriefingRecords } from '../../../src/contracts/briefings';
export type BriefingKind = (typeof BRIEFING_KIND_KEYS)[number];
export { BRIEFING_KIND_KEYS };

type ListQuery = Omit<BriefingListQuery, 'page' | 'pageSize'> & { page?: number; pageSize?: number };
const path = (id: string) => `/api/briefings/${encodeURIComponent(id)}`;

export const briefingsApi = {
  list: (query: ListQuery) => api.get<BriefingList>('/api/briefings', { ...query }),
  get: (id: string, edition?: number) => api.get<Briefing>(path(id), edition ? { edition } : {}),
  generate: (body: BriefingGenerate) => api.post<Briefing & { created: boolean }>('/api/briefings/generate', body),
  update: (id: string, version: number, sections: { key: string; text: string }[]) => api.patch<Briefing>(path(id), { version, sections }),
  issue: (id: string, version: number) => api.post<Briefing>(`${path(id)}/issue`, { version }),
  revise: (id: string, version: number, reason: string) => api.post<Briefing>(`${path(id)}/revise`, { version, reason }),
  records: (id: string, figure: string, edition?: number) => api.get<BriefingRecords>(`${path(id)}/records`, { figure, ...(edition ? { edition } : {}) }),
  documentUrl: (id: string, format: 'docx' | 'pdf', edition?: number) => `${path(id)}/document.${format}${edition ? `?edition=${edition}` : ''}`,
};
