/**
 * 驻点小分队 and partners (招商大使、商会/协会、委托招商): lists, pages with their roll-ups, create, change, delete.
 * Types come from the server's contracts (src/contracts/resident-teams.ts, src/contracts/partners.ts).
 */
import type { Partner, PartnerCreate, PartnerList, PartnerUpdate } from '../../../src/contracts/partners';
import { PARTNER_KIND_KEYS } from '../../../src/contracts/partners';
import type { Team, TeamCreate, TeamList, TeamUpdate } from '../../../src/contracts/resident-teams';
import { api } from './client';

export type { Partner, PartnerList, Team, TeamList };
export type PartnerKind = (typeof PARTNER_KIND_KEYS)[number];
export { PARTNER_KIND_KEYS };

export const teamsApi = {
  list: (query: { region?: string; q?: string } = {}) => api.get<TeamList>('/api/resident-teams', { ...query }),
  get: (id: string) => api.get<Team>(`/api/resident-teams/${encodeURIComponent(id)}`),
  create: (body: TeamCreate) => api.post<Team>('/api/resident-teams', body),
  update: (id: string, body: TeamUpdate) => api.patch<Team>(`/api/resident-teams/${encodeURIComponent(id)}`, body),
};

export const partnersApi = {
  list: (query: { region?: string; kind?: PartnerKind; q?: string } = {}) => api.get<PartnerList>('/api/partners', { ...query }),
  get: (id: string) => api.get<Partner>(`/api/partners/${encodeURIComponent(id)}`),
  create: (body: PartnerCreate) => api.post<Partner>('/api/partners', body),
  update: (id: string, body: PartnerUpdate) => api.patch<Partner>(`/api/partners/${encodeURIComponent(id)}`, body),
};
