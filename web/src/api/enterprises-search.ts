/**
 * Enterprise search, saved searches and enterprise lists: hand-written copies of the server's schemas
 * in src/http/routes/enterprises/enterprise-search.ts, enterprise-lists.ts and enterprise-tags.ts. Amounts are integer yuan.
 */
import { api } from './client';

/** src/domain/enterprise-status.ts */
export const ENTERPRISE_STATUSES = ['existing', 'operating', 'revoked', 'deregistered', 'movedOut', 'suspended', 'liquidating'] as const;
export type EnterpriseStatus = (typeof ENTERPRISE_STATUSES)[number];
export type EnterpriseSort = 'relevance' | 'capital';

export interface HighlightSegment {
  text: string;
  match: boolean;
}

export interface EnterpriseSearchItem {
  id: string;
  creditCode: string | null;
  name: string;
  formerNames: string[];
  regionCode: string | null;
  regionName: string | null;
  industryCode: string | null;
  industryName: string | null;
  /** null: unknown */
  registeredCapitalYuan: number | null;
  establishedOn: string | null;
  status: string | null;
  tags: string[];
  /** the caller's region (and below) already has contacts or projects with it */
  inContact: boolean;
  highlight: {
    name: HighlightSegment[];
    formerName: { text: string; segments: HighlightSegment[] } | null;
    creditCode: HighlightSegment[];
  };
}

export interface EnterpriseSearchResult {
  items: EnterpriseSearchItem[];
  total: number;
  page: number;
  pageSize: number;
  facets: {
    /** every built-in and defined tag (0 when absent) → enterprises among all results */
    tags: Record<string, number>;
    /** child region code (below the region filter, else below the caller's province) → enterprises in its subtree */
    regions: Record<string, number>;
    /** the region whose children `regions` counts; null: the whole country */
    regionRoot: string | null;
    /** code → name for every code in `regions`, `regionRoot` and its ancestors */
    regionNames: Record<string, string>;
  };
}

/** The criteria of GET /api/enterprises; also the `query` of a saved search and of `fromSearch` (savedQuerySchema). */
export interface EnterpriseCriteria {
  q?: string;
  tags?: string[];
  /** 6-digit region or 9-digit park code: that region and its whole subtree */
  region?: string;
  /** 门类 letter or 2-digit 大类 */
  industry?: string;
  /** integer yuan, inclusive */
  capitalMin?: number;
  capitalMax?: number;
  foundedFrom?: number;
  foundedTo?: number;
  status?: EnterpriseStatus[];
  inContact?: boolean;
  sort?: EnterpriseSort;
}

export interface SavedSearch {
  id: string;
  name: string;
  query: EnterpriseCriteria;
  shared: boolean;
  ownerId: string;
  ownerName: string;
  regionCode: string;
  regionName: string;
  mine: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface EnterpriseList {
  id: string;
  name: string;
  description: string | null;
  shared: boolean;
  ownerId: string;
  ownerName: string;
  regionCode: string;
  regionName: string;
  memberCount: number;
  mine: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface EnterpriseListMember {
  id: string;
  creditCode: string | null;
  name: string;
  formerNames: string[];
  regionCode: string | null;
  regionName: string | null;
  industryCode: string | null;
  industryName: string | null;
  registeredCapitalYuan: number | null;
  establishedOn: string | null;
  status: string | null;
  tags: string[];
  ticker: string | null;
  mainProducts: string | null;
  website: string | null;
  parentGroup: string | null;
  note: string | null;
  addedByName: string | null;
  addedAt: string;
}

export interface AddMembersResult {
  added: number;
  alreadyPresent: number;
  /** credit codes (or enterprise ids) not in the enterprise database */
  notFound: string[];
  memberCount: number;
}

export interface EnterpriseTag {
  name: string;
  builtIn: boolean;
  description: string | null;
  enterpriseCount: number;
  createdByName: string | null;
  createdAt: string | null;
}

/** At most this many results of one search go into a list in one call (services/enterprises/enterprise-lists MAX_ADD_FROM_SEARCH). */
export const MAX_ADD_FROM_SEARCH = 1000;

/** The criteria as GET query parameters (lists comma-separated, booleans as "true"). */
export function criteriaToQuery(c: EnterpriseCriteria): Record<string, string | number | undefined> {
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
  search: (c: EnterpriseCriteria, page: number, pageSize: number) =>
    api.get<EnterpriseSearchResult>('/api/enterprises', { ...criteriaToQuery(c), page, pageSize }),
  tags: () => api.get<{ items: EnterpriseTag[] }>('/api/enterprise-tags').then((r) => r.items),

  savedSearches: () => api.get<{ items: SavedSearch[] }>('/api/enterprise-saved-searches').then((r) => r.items),
  createSavedSearch: (body: { name: string; query: EnterpriseCriteria; shared?: boolean }) =>
    api.post<SavedSearch>('/api/enterprise-saved-searches', body),
  changeSavedSearch: (searchId: string, body: { name?: string; query?: EnterpriseCriteria; shared?: boolean }) =>
    api.patch<SavedSearch>(`/api/enterprise-saved-searches/${id(searchId)}`, body),
  deleteSavedSearch: (searchId: string) => api.delete<void>(`/api/enterprise-saved-searches/${id(searchId)}`),

  lists: () => api.get<{ items: EnterpriseList[] }>('/api/enterprise-lists').then((r) => r.items),
  list: (listId: string) => api.get<EnterpriseList>(`/api/enterprise-lists/${id(listId)}`, undefined, true),
  createList: (body: { name: string; description?: string | null; shared?: boolean }) => api.post<EnterpriseList>('/api/enterprise-lists', body),
  changeList: (listId: string, body: { name?: string; description?: string | null; shared?: boolean; version: number }) =>
    api.patch<EnterpriseList>(`/api/enterprise-lists/${id(listId)}`, body),
  deleteList: (listId: string) => api.delete<void>(`/api/enterprise-lists/${id(listId)}`),
  members: (listId: string, page: number, pageSize: number) =>
    api.get<{ items: EnterpriseListMember[]; total: number }>(`/api/enterprise-lists/${id(listId)}/members`, { page, pageSize }),
  addMembers: (
    listId: string,
    body: { creditCodes?: string[]; enterpriseIds?: string[]; fromSearch?: { query: EnterpriseCriteria; limit?: number }; note?: string | null },
  ) => api.post<AddMembersResult>(`/api/enterprise-lists/${id(listId)}/members`, body),
  removeMembers: (listId: string, body: { creditCodes?: string[]; enterpriseIds?: string[] }) =>
    api.delete<{ removed: number; memberCount: number }>(`/api/enterprise-lists/${id(listId)}/members`, body),
  exportUrl: (listId: string) => `/api/enterprise-lists/${id(listId)}/export`,
};
