import { api } from './client';
import type { ReasonBody, RegionQuery } from '../../../src/contracts/common';
import type {
  CalendarOverride,
  CalendarOverrideBody,
  CalendarOverrides,
  EvidencePolicy,
  EvidencePolicyBody,
  LeaderLights,
  LightRules,
  LightRulesBody,
  SavedFilter,
  SavedFilterBody,
  SavedFilterQuery,
} from '../../../src/contracts/settings';

// The answers' types come from the server's contract (src/contracts/settings.ts).
export type { CalendarOverride, EvidencePolicy, LeaderLights, LightRules, SavedFilter } from '../../../src/contracts/settings';

const seg = encodeURIComponent;

export const settingsApi = {
  lightRules: () => api.get<LightRules>('/api/settings/light-rules'),
  saveLightRules: (body: LightRulesBody) => api.put<LightRules>('/api/settings/light-rules', body),
  evidencePolicy: () => api.get<EvidencePolicy>('/api/settings/evidence-policy'),
  saveEvidencePolicy: (body: EvidencePolicyBody) => api.put<EvidencePolicy>('/api/settings/evidence-policy', body),
  calendar: () => api.get<CalendarOverrides>('/api/calendar/overrides'),
  saveOverride: (date: string, body: CalendarOverrideBody) => api.put<CalendarOverride>(`/api/calendar/overrides/${seg(date)}`, body),
  deleteOverride: (date: string, reason: string) => api.delete<void>(`/api/calendar/overrides/${seg(date)}`, { reason } satisfies ReasonBody),
  lightsByLeader: (regionCode?: string) =>
    api.get<{ items: LeaderLights[] }>('/api/lights/by-leader', { regionCode } satisfies RegionQuery).then((r) => r.items),
  savedFilters: (page: string) => api.get<{ items: SavedFilter[] }>('/api/saved-filters', { page } satisfies SavedFilterQuery).then((r) => r.items),
  saveFilter: (body: SavedFilterBody) => api.post<SavedFilter>('/api/saved-filters', body),
  deleteFilter: (filterId: string) => api.delete<void>(`/api/saved-filters/${seg(filterId)}`),
};
