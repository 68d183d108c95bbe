/**
 * 招商活动: list, detail, log, change, delete, and the activity statistics. The answers' and requests' types come from
 * the server's contract (src/contracts/activities.ts); a changed answer fails the type check here.
 */
import type { Activity, ActivityCreate, ActivityImportResult, ActivityList, ActivityListQuery, ActivityStats, ActivityStatsQuery, ActivityUpdate } from '../../../src/contracts/activities';
import { ACTIVITY_TYPE_KEYS, LEADER_LEVEL_KEYS, ORGANISATION_KIND_KEYS, OUTCOME_KEYS } from '../../../src/contracts/activities';
import { acceptLanguage } from '../i18n/current';
import { translate } from '../i18n/translate';
import { api, ApiError } from './client';

export type { Activity, ActivityImportResult, ActivityList, ActivityStats } from '../../../src/contracts/activities';
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

export const ACTIVITY_IMPORT_KINDS = ['activities', 'activity-organisations', 'activity-projects'] as const;
export type ActivityImportKind = (typeof ACTIVITY_IMPORT_KINDS)[number];

function isImportResult(value: unknown): value is ActivityImportResult {
  return typeof value === 'object' && value !== null && Array.isArray((value as { problems?: unknown }).problems) && typeof (value as { fileName?: unknown }).fileName === 'string';
}

/**
 * Sends an activity ledger file (CSV of one kind, or xlsx with the sheets 招商活动/活动对象/活动项目) as the request body.
 * Resolves with the result on 200 and on 422 (its problems); throws on any other answer.
 */
export async function importActivities(file: File, kind: ActivityImportKind | undefined, dryRun: boolean): Promise<ActivityImportResult> {
  const isCsv = file.name.toLowerCase().endsWith('.csv');
  const query = new URLSearchParams({ dryRun: dryRun ? 'true' : 'false', ...(kind ? { kind } : {}) });
  let res: Response;
  try {
    res = await fetch(`/api/activities/import?${query.toString()}`, {
      method: 'POST',
      credentials: 'include',
      headers: {
        Accept: 'application/json',
        'Accept-Language': acceptLanguage(),
        'Content-Type': isCsv ? 'text/csv' : file.type || 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'x-file-name': encodeURIComponent(file.name),
      },
      body: file,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', translate('error.network'));
  }
  let payload: unknown = null;
  try {
    payload = await res.json();
  } catch {
    // not JSON
  }
  if ((res.status === 200 || res.status === 422) && isImportResult(payload)) return payload;
  const error = typeof payload === 'object' && payload !== null ? (payload as { error?: { code?: unknown; message?: unknown; details?: unknown } }).error : undefined;
  if (error && typeof error.message === 'string') throw new ApiError(res.status, typeof error.code === 'string' ? error.code : `HTTP_${res.status}`, error.message, error.details);
  if (res.status === 401) window.location.assign('/login');
  throw new ApiError(res.status, `HTTP_${res.status}`, res.status >= 500 ? translate('error.unavailable') : translate('error.httpStatus', { status: res.status }));
}
