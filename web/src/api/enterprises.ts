/**
 * One enterprise (page, edits), its contacts (masked; audited reveal and export), near-duplicate
 * review and the tag list. Shapes copied from src/http/routes/enterprises.ts,
 * enterprise-contacts.ts, enterprise-duplicates.ts and enterprise-tags.ts.
 */
import { api } from './client';

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

export interface FieldSource {
  source: string;
  date: string;
}

export interface Enterprise {
  id: string;
  /** the page address: credit code, or the id of an enterprise without one */
  key: string;
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
  statusLabel: string | null;
  ticker: string | null;
  businessScope: string | null;
  mainProducts: string | null;
  tags: string[];
  website: string | null;
  parentGroup: string | null;
  employees: number | null;
  revenueBand: string | null;
  revenueBandLabel: string | null;
  /** the source and data date of each field's current value */
  fieldSources: Record<string, FieldSource>;
  /** regions with contacts or projects ("already in contact") */
  contactRegionCodes: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface MaskedContact {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  regionCode: string;
  regionName: string;
  /** masked: 张* */
  name: string;
  title: string | null;
  /** masked: 138****5678 */
  phone: string | null;
  /** masked: z***@example.com */
  email: string | null;
  /** phones and e-mails inside are masked */
  notes: string | null;
  masked: true;
  createdByName: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface RevealedContact {
  id: string;
  name: string;
  title: string | null;
  phone: string | null;
  email: string | null;
  notes: string | null;
  masked: false;
}

export interface EnterpriseProject {
  id: string;
  code: string;
  name: string;
  stage: string;
  regionCode: string;
  regionName: string;
  signedAmountYuan: number | null;
  signedDate: string | null;
}

export interface EnterpriseListRef {
  id: string;
  name: string;
  shared: boolean;
  ownerName: string;
  addedAt: string;
}

export interface DuplicateRef {
  id: string;
  otherId: string;
  otherName: string;
  otherCreditCode: string | null;
  similarity: number;
  reason: string;
  reasonLabel: string;
}

export type TimelineKind = 'created' | 'fieldChange' | 'projectCreated' | 'projectStage' | 'contactAdded';

export interface TimelineItem {
  kind: TimelineKind;
  at: string;
  text: string;
  field: string | null;
  projectId: string | null;
  contactId: string | null;
  oldValue: unknown;
  newValue: unknown;
  source: string | null;
  sourceDate: string | null;
  actorName: string | null;
  /** created and field changes: the import that made them, and its file */
  importId: string | null;
  importFileName: string | null;
}

export interface EnterpriseDetail extends Enterprise {
  contacts: MaskedContact[];
  projects: EnterpriseProject[];
  lists: EnterpriseListRef[];
  duplicateCandidates: DuplicateRef[];
  timeline: TimelineItem[];
  timelineHasMore: boolean;
  /** 招商活动: null until the activities capability exists */
  activities: null | unknown[];
  /** 产业链节点: null until the industry-chain capability exists */
  chainNodes: null | unknown[];
}

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

export interface DuplicateCandidate {
  id: string;
  status: 'pending' | 'dismissed' | 'merged';
  similarity: number;
  reason: string;
  reasonLabel: string;
  uncoded: { id: string; name: string; projectCount: number; contactRegionCodes: string[] };
  coded: { id: string; name: string; creditCode: string; regionCode: string | null };
  createdAt: string;
}

export interface MergeResult {
  enterpriseId: string;
  creditCode: string;
  name: string;
  movedProjects: number;
  movedContacts: number;
  movedListMemberships: number;
}

export interface EnterpriseTag {
  name: string;
  builtIn: boolean;
  description: string | null;
  enterpriseCount: number;
  createdByName: string | null;
  createdAt: string | null;
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
    api.get<{ items: DuplicateCandidate[]; total: number }>('/api/enterprise-duplicates', { page, pageSize }),
  mergeDuplicate: (id: string, reason?: string) => api.post<MergeResult>(`/api/enterprise-duplicates/${enc(id)}/merge`, { reason }),
  dismissDuplicate: (id: string, reason?: string) =>
    api.post<DuplicateCandidate>(`/api/enterprise-duplicates/${enc(id)}/dismiss`, { reason }),

  tags: () => api.get<{ items: EnterpriseTag[] }>('/api/enterprise-tags').then((r) => r.items),
  createTag: (body: { name: string; description?: string | null }) => api.post<EnterpriseTag>('/api/enterprise-tags', body, true),
  deleteTag: (name: string) => api.delete<void>(`/api/enterprise-tags/${enc(name)}`),
};
