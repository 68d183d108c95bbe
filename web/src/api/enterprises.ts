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
import type {
  ContactChangeBody,
  ContactsExportQuery,
  EnterpriseChangeBody,
  EnterpriseDetailQuery,
  NewContactBody,
  NewEnterpriseTagBody,
  OptionalReasonBody,
  RevenueBand,
} from '../../../src/contracts/enterprise-edits';
import type { PageQuery } from '../../../src/contracts/common';
import type { EnterpriseStatus } from '../../../src/contracts/enterprise-search';
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

export { ENTERPRISE_STATUSES, type EnterpriseStatus } from '../../../src/contracts/enterprise-search';
export { REVENUE_BANDS, type RevenueBand } from '../../../src/contracts/enterprise-edits';
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

export const REVENUE_BAND_LABELS: Record<RevenueBand, string> = {
  lt10m: '1000万元以下',
  '10m-100m': '1000万—1亿元',
  '100m-1b': '1亿—10亿元',
  '1b-10b': '10亿—100亿元',
  ge10b: '100亿元以上',
};

/** The request bodies and queries are the server's contracts (input types): a changed request fails the type check here. */
export type { ContactChangeBody, EnterpriseProfileFields, NewContactBody } from '../../../src/contracts/enterprise-edits';

const enc = encodeURIComponent;

export const enterprisesApi = {
  get: (key: string, query?: EnterpriseDetailQuery) =>
    api.get<EnterpriseDetail>(`/api/enterprises/${enc(key)}`, query, true),
  update: (key: string, body: EnterpriseChangeBody) => api.patch<Enterprise>(`/api/enterprises/${enc(key)}`, body, true),

  contacts: (key: string) => api.get<{ items: MaskedContact[] }>(`/api/enterprises/${enc(key)}/contacts`).then((r) => r.items),
  addContact: (key: string, body: NewContactBody) => api.post<MaskedContact>(`/api/enterprises/${enc(key)}/contacts`, body, true),
  updateContact: (id: string, body: ContactChangeBody) =>
    api.patch<MaskedContact>(`/api/contacts/${enc(id)}`, body, true),
  deleteContact: (id: string, reason?: string) => api.delete<void>(`/api/contacts/${enc(id)}`, { reason } satisfies OptionalReasonBody),
  revealContact: (id: string, reason?: string) => api.post<RevealedContact>(`/api/contacts/${enc(id)}/reveal`, { reason } satisfies OptionalReasonBody),
  /** GET, as xlsx (full values; audited with the row count) */
  contactsExportUrl: (query: ContactsExportQuery) => {
    const params = new URLSearchParams();
    if (query.enterprise) params.set('enterprise', query.enterprise);
    if (query.region) params.set('region', query.region);
    const qs = params.toString();
    return `/api/contacts/export${qs ? `?${qs}` : ''}`;
  },

  duplicates: (page = 1, pageSize = 20) =>
    api.get<DuplicatePage>('/api/enterprise-duplicates', { page, pageSize } satisfies PageQuery),
  mergeDuplicate: (id: string, reason?: string) => api.post<MergeResult>(`/api/enterprise-duplicates/${enc(id)}/merge`, { reason } satisfies OptionalReasonBody),
  dismissDuplicate: (id: string, reason?: string) =>
    api.post<DuplicateCandidate>(`/api/enterprise-duplicates/${enc(id)}/dismiss`, { reason } satisfies OptionalReasonBody),

  tags: () => api.get<{ items: EnterpriseTag[] }>('/api/enterprise-tags').then((r) => r.items),
  createTag: (body: NewEnterpriseTagBody) => api.post<EnterpriseTag>('/api/enterprise-tags', body, true),
  deleteTag: (name: string) => api.delete<void>(`/api/enterprise-tags/${enc(name)}`),
};
