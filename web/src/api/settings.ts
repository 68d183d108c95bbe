import { api } from './client';
import type { Stage } from './projects';

export interface LightRules {
  noProgressYellowDays: number;
  noProgressRedDays: number;
  notStartedYellowDays: number;
  notStartedRedDays: number;
  overdueProblemIsRed: boolean;
}

export interface EvidencePolicy {
  stagesNeedingEvidence: Exclude<Stage, 'lead'>[];
  receiptNeedsEvidence: boolean;
  receiptNeedsVerification: boolean;
}

export interface CalendarOverride {
  date: string;
  kind: 'workday' | 'holiday';
  name: string;
}

export interface LeaderLights {
  leaderId: string | null;
  leaderName: string;
  red: number;
  yellow: number;
  total: number;
}

export interface SavedFilter {
  id: string;
  page: string;
  name: string;
  filter: Record<string, unknown>;
  createdAt: string;
}

export const settingsApi = {
  lightRules: () => api.get<LightRules>('/api/settings/light-rules'),
  saveLightRules: (body: LightRules & { reason: string }) => api.put<LightRules>('/api/settings/light-rules', body),
  evidencePolicy: () => api.get<EvidencePolicy>('/api/settings/evidence-policy'),
  saveEvidencePolicy: (body: EvidencePolicy & { reason: string }) =>
    api.put<EvidencePolicy>('/api/settings/evidence-policy', body),
  calendar: () => api.get<{ officialLastYear: number; items: CalendarOverride[] }>('/api/calendar/overrides'),
  saveOverride: (date: string, body: { kind: CalendarOverride['kind']; name: string; reason: string }) =>
    api.put<CalendarOverride>(`/api/calendar/overrides/${encodeURIComponent(date)}`, body),
  deleteOverride: (date: string, reason: string) =>
    api.delete<void>(`/api/calendar/overrides/${encodeURIComponent(date)}`, { reason }),
  lightsByLeader: (regionCode?: string) =>
    api.get<{ items: LeaderLights[] }>('/api/lights/by-leader', { regionCode }).then((r) => r.items),
  savedFilters: (page: string) => api.get<{ items: SavedFilter[] }>('/api/saved-filters', { page }).then((r) => r.items),
  saveFilter: (body: { page: string; name: string; filter: Record<string, unknown> }) =>
    api.post<SavedFilter>('/api/saved-filters', body),
  deleteFilter: (filterId: string) => api.delete<void>(`/api/saved-filters/${encodeURIComponent(filterId)}`),
};
