/**
 * One enterprise (page, edits), its contacts (masked; audited reveal and export), near-duplicate
 * review and the tag list. The answers' types come from the server's contract
 * (src/contracts/enterprises.ts); a changed answer fails the type check here.
 */
import type {
  DuplicateCandidate,
  DuplicatePage,
  Enterprise,
  EnterpriseDetail,
  EnterpriseTag,
  MaskedContact,
  MergeResult,
  RevealedContact,
} from '../../../src/contracts/enterprises';
import { api } from './client';

export type {
  DuplicateCandidate,
  DuplicateRef,
  Enterprise,
  EnterpriseDetail,
  EnterpriseListRef,
  EnterpriseProject,
  EnterpriseTag,
  FieldSource,
  MaskedContact,
  MergeResult,
  RevealedContact,
  TimelineItem,
  TimelineKind,
} from '../../../src/contracts/enterprises';

export const ENTERPRISE_STATUSES = ['existing', 'operating', 'revoked', 'deregistered', 'movedOut', 'suspended', 'liquidating'] as const;
export type EnterpriseStatus = (typeof ENTERPRISE_STATUSES)[number];
/** The server's labels (src/domain/enterprise-status.ts); the page shows `statusLabel` when it has one. */
export const ENTERPRISE_STATUS_LABELS: Record<EnterpriseStatus, string> = {
  existing: '存续',
  operating: '在业',
  revoked: '吊销',
  deregistered: '注销',
  movedOut: '迁出',
  suspended: '停业',
  liquidating: '清算',
};

export const REVENUE_BANDS = ['lt10m', '10m-100m', '100m-1b', '1b-10b', 'ge10b'] as const;
export type RevenueBand = (typeof REVENUE_BANDS)[number];
export const REVENUE_BAND_LABELS: Record<RevenueBand, string> = {
  lt10m: '1000万元以下',
  '10m-100m': '1000万—1亿元',
  '100m-1b': '1亿—10亿元',
  '1b-10b': '10亿—100亿元',
  ge10b: '100亿元以上',
};

export interface EnterpriseProfileFields {
  name: string;
  formerNames: string[];
  regionCode: string | null;
  industryCode: string | null;
  registeredCapitalYuan: number | null;
  establishedOn: string | null;
  status: EnterpriseStatus | null;
  ticker: string | null;
  businessScope: string | null;
  mainProducts: string | null;
  tags: string[];
  website: string | null;
  parentGroup: string | null;
  employees: number | null;
  revenueBand: RevenueBand | null;
}

export type EnterpriseEdit = Partial<EnterpriseProfileFields> & { creditCode?: string; version: number };

export interface ContactInput {
  name: string;
  title?: string | null;
  phone?: string | null;
  email?: string | null;
  notes?: string | null;
  regionCode?: string;
}

const enc = encodeURIComponent;

export const enterprisesApi = {
  get: (key: string, query?: { timelineLimit?: number; timelineBefore?: string }) =>
    api.get<EnterpriseDetail>(`/api/enterprises/${enc(key)}`, query, true),
  update: (key: string, body: EnterpriseEdit) => api.patch<Enterprise>(`/api/enterprises/${enc(key)}`, body, true),

  contacts: (key: string) => api.get<{ items: MaskedContact[] }>(`/api/enterprises/${enc(key)}/contacts`).then((r) => r.items),
  addContact: (key: string, body: ContactInput) => api.post<MaskedContact>(`/api/enterprises/${enc(key)}/contacts`, body, true),
  updateContact: (id: string, body: Partial<ContactInput> & { version: number }) =>
    api.patch<MaskedContact>(`/api/contacts/${enc(id)}`, body, true),
  deleteContact: (id: string, reason?: string) => api.delete<void>(`/api/contacts/${enc(id)}`, { reason }),
  revealContact: (id: string, reason?: string) => api.post<RevealedContact>(`/api/contacts/${enc(id)}/reveal`, { reason }),
  /** GET, as xlsx (full values; audited with the row count) */
  contactsExportUrl: (query: { enterprise?: string; region?: string }) => {
    const params = new URLSearchParams();
    if (query.enterprise) params.set('enterprise', query.enterprise);
    if (query.region) params.set('region', query.region);
    const qs = params.toString();
    return `/api/contacts/export${qs ? `?${qs}` : ''}`;
  },

  duplicates: (page = 1, pageSize = 20) =>
    api.get<DuplicatePage>('/api/enterprise-duplicates', { page, pageSize }),
  mergeDuplicate: (id: string, reason?: string) => api.post<MergeResult>(`/api/enterprise-duplicates/${enc(id)}/merge`, { reason }),
  dismissDuplicate: (id: string, reason?: string) =>
    api.post<DuplicateCandidate>(`/api/enterprise-duplicates/${enc(id)}/dismiss`, { reason }),

  tags: () => api.get<{ items: EnterpriseTag[] }>('/api/enterprise-tags').then((r) => r.items),
  createTag: (body: { name: string; description?: string | null }) => api.post<EnterpriseTag>('/api/enterprise-tags', body, true),
  deleteTag: (name: string) => api.delete<void>(`/api/enterprise-tags/${enc(name)}`),
};
