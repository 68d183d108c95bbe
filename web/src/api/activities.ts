/**
 * 招商活动: list, detail, log, change, delete, and the activity statistics. The answers' and requests' types come from
 * the server's contract (src/contracts/activities.ts); a changed answer fails the type check here.
 */
import type { Activity, ActivityCreate, ActivityList, ActivityListQuery, ActivityStats, ActivityStatsQuery, ActivityUpdate } from '../../../src/contracts/activities';
import { ACTIVITY_TYPE_KEYS, LEADER_LEVEL_KEYS, ORGANISATION_KIND_KEYS, OUTCOME_KEYS } from '../../../src/contracts/activities';
import { api } from './client';

export type { Activity, ActivityList, ActivityStats } from '../../../src/contracts/activities';
export type ActivityType = (typeof ACTIVITY_TYPE_KEYS)[number];
export type LeaderLevel = (typeof LEADER_LEVEL_KEYS)[number];
export type OrganisationKind = (typeof ORGANISATION_KIND_KEYS)[number];
export type Outcome = (typeof OUTCOME_KEYS)[number];
export { ACTIVITY_TYPE_KEYS, LEADER_LEVEL_KEYS, ORGANISATION_KIND_KEYS, OUTCOME_KEYS };

/** The list's query (type and leaderLevel go as comma-separated text; page numbers as numbers). */
type ListQuery = Omit<ActivityListQuery, 'page' | 'pageSize'> & { page?: number; pageSize?: number };

export const activitiesApi = {
  list: (query: ListQuery) => api.get<ActivityList>('/api/activities', { ...query }),
  get: (id: string) => api.get<Activity>(`/api/activities/${encodeURIComponent(id)}`),
  create: (body: ActivityCreate) => api.post<Activity>('/api/activities', body),
  update: (id: string, body: ActivityUpdate) => api.patch<Activity>(`/api/activities/${encodeURIComponent(id)}`, body),
  remove: (id: string, version: number, reason: string) => api.delete<{ id: string; deleted: true }>(`/api/activities/${encodeURIComponent(id)}`, { version, reason }),
  stats: (query: ActivityStatsQuery) => api.get<ActivityStats>('/api/stats/activities', { ...query }),
};
