/** Enterprise search, saved searches and enterprise lists (amounts in integer yuan). */
import { api } from './client';
import type {
  AddMembersBody,
  AddMembersResult,
  EnterpriseCriteria,
  EnterpriseList,
  EnterpriseListChangeBody,
  EnterpriseListMemberPage,
  EnterpriseSearchQuery,
  EnterpriseSearchResult,
  EnterpriseStatus,
  ListMemberQuery,
  MAX_ADD_FROM_SEARCH as SERVER_MAX_ADD,
  NewEnterpriseListBody,
  NewSavedSearchBody,
  RemoveMembersBody,
  RemoveMembersResult,
  SavedSearch,
  SavedSearchChangeBody,
} from '../../../src/contracts/enterprise-search';
import type { EnterpriseTag } from '../../../src/contracts/enterprises';

// The answers' and requests' types come from the server's contract (src/contracts/enterprise-search.ts).
export type {
  AddMembersResult,
  EnterpriseCriteria,
  EnterpriseList,
  EnterpriseListMember,
  EnterpriseSearchItem,
  EnterpriseSearchResult,
  EnterpriseSort,
  EnterpriseStatus,
  HighlightSegment,
  SavedSearch,
} from '../../../src/contracts/enterprise-search';
export type { EnterpriseTag } from '../../../src/contracts/enterprises';

export const ENTERPRISE_STATUSES = ['existing', 'operating', 'revoked', 'deregistered', 'movedOut', 'suspended', 'liquidating'] as const satisfies readonly EnterpriseStatus[];

/** At most this many results of one search go into a list in one call (the type check fails when the server's differs). */
export const MAX_ADD_FROM_SEARCH = 1000 satisfies typeof SERVER_MAX_ADD;

/** The criteria as GET query parameters (lists comma-separated, booleans as "true"). */
export function criteriaToQuery(c: EnterpriseCriteria): EnterpriseSearchQuery {
  return {
    q: c.q?.trim() || undefined,
    tags: c.tags?.length ? c.tags.join(',') : undefined,
    region: c.region,
    industry: c.industry,
    capitalMin: c.capitalMin,
    capitalMax: c.capitalMax,
    foundedFrom: c.foundedFrom,
    foundedTo: c.foundedTo,
    status: c.status?.length ? c.status.join(',') : undefined,
    inContact: c.inContact ? 'true' : undefined,
    sort: c.sort,
  };
}

/** The criteria as the JSON a saved search or `fromSearch` stores (empty fields dropped). */
export function criteriaToSaved(c: EnterpriseCriteria): EnterpriseCriteria {
  const out: EnterpriseCriteria = {};
  if (c.q?.trim()) out.q = c.q.trim();
  if (c.tags?.length) out.tags = c.tags;
  if (c.region) out.region = c.region;
  if (c.industry) out.industry = c.industry;
  if (c.capitalMin !== undefined) out.capitalMin = c.capitalMin;
  if (c.capitalMax !== undefined) out.capitalMax = c.capitalMax;
  if (c.foundedFrom !== undefined) out.foundedFrom = c.foundedFrom;
  if (c.foundedTo !== undefined) out.foundedTo = c.foundedTo;
  if (c.status?.length) out.status = c.status;
  if (c.inContact) out.inContact = true;
  if (c.sort) out.sort = c.sort;
  return out;
}

const id = encodeURIComponent;

export const enterpriseSearchApi = {
  /** `exact`: count every match even past 10,000 (slower) */
  search: (c: EnterpriseCriteria, page: number, pageSize: number, exact = false) =>
    api.get<EnterpriseSearchResult>('/api/enterprises', { ...criteriaToQuery(c), page, pageSize, ...(exact ? { exact: 'true' as const } : {}) } satisfies EnterpriseSearchQuery),
  tags: () => api.get<{ items: EnterpriseTag[] }>('/api/enterprise-tags').then((r) => r.items),

  savedSearches: () => api.get<{ items: SavedSearch[] }>('/api/enterprise-saved-searches').then((r) => r.items),
  createSavedSearch: (body: NewSavedSearchBody) =>
    api.post<SavedSearch>('/api/enterprise-saved-searches', body),
  changeSavedSearch: (searchId: string, body: SavedSearchChangeBody) =>
    api.patch<SavedSearch>(`/api/enterprise-saved-searches/${id(searchId)}`, body),
  deleteSavedSearch: (searchId: string) => api.delete<void>(`/api/enterprise-saved-searches/${id(searchId)}`),

  lists: () => api.get<{ items: EnterpriseList[] }>('/api/enterprise-lists').then((r) => r.items),
  list: (listId: string) => api.get<EnterpriseList>(`/api/enterprise-lists/${id(listId)}`, undefined, true),
  createList: (body: NewEnterpriseListBody) => api.post<EnterpriseList>('/api/enterprise-lists', body),
  changeList: (listId: string, body: EnterpriseListChangeBody) =>
    api.patch<EnterpriseList>(`/api/enterprise-lists/${id(listId)}`, body),
  deleteList: (listId: string) => api.delete<void>(`/api/enterprise-lists/${id(listId)}`),
  members: (listId: string, page: number, pageSize: number) =>
    api.get<EnterpriseListMemberPage>(`/api/enterprise-lists/${id(listId)}/members`, { page, pageSize } satisfies ListMemberQuery),
  addMembers: (listId: string, body: AddMembersBody) => api.post<AddMembersResult>(`/api/enterprise-lists/${id(listId)}/members`, body),
  removeMembers: (listId: string, body: RemoveMembersBody) =>
    api.delete<RemoveMembersResult>(`/api/enterprise-lists/${id(listId)}/members`, body),
  exportUrl: (listId: string) => `/api/enterprise-lists/${id(listId)}/export`,
};
