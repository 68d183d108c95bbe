/** 安商稳商: follow-up visits, the aftercare list and its settings; the answers' types come from the server's contract. */
import type {
  AftercareList,
  AftercareQueryInput,
  AftercareSettingsBody,
  AftercareSettingsValue,
  FollowUp,
  FollowUpRecordBody,
  NewFollowUpBody,
  ProjectFollowUps,
  RedFlagKey,
  Signals,
} from '../../../src/contracts/aftercare';
import { RED_FLAG_KEYS } from '../../../src/contracts/aftercare';
import { api } from './client';

export type { AftercareList, AftercareSettingsValue, FollowUp, RedFlagKey, Signals };
export { RED_FLAG_KEYS };

const seg = encodeURIComponent;
type ListQuery = Omit<AftercareQueryInput, 'page' | 'pageSize'> & { page?: number; pageSize?: number };

export const aftercareApi = {
  list: (query: ListQuery) => api.get<AftercareList>('/api/aftercare', { ...query }),
  followUps: (projectId: string) => api.get<ProjectFollowUps>(`/api/projects/${seg(projectId)}/follow-ups`),
  addFollowUp: (projectId: string, body: NewFollowUpBody) => api.post<FollowUp>(`/api/projects/${seg(projectId)}/follow-ups`, body, true),
  record: (followUpId: string, body: FollowUpRecordBody) => api.patch<FollowUp>(`/api/follow-ups/${seg(followUpId)}`, body, true),
  settings: () => api.get<AftercareSettingsValue>('/api/settings/aftercare'),
  runClocks: () => api.post<{ today: string; raised: Record<string, number>; digests: number }>('/api/notifications/run'),
  saveSettings: (body: AftercareSettingsBody) => api.put<AftercareSettingsValue>('/api/settings/aftercare', body),
};
