/**
 * The officers' side of the investor portal (招商门户): publications of projects, resources, policies and their
 * items, contact offices. Types come from the
 * server's contracts (src/contracts/portal.ts).
 */
import type { Office, OfficeCreate, OfficeUpdate, Policy, PolicyCreate, PolicyItem, PolicyItemCreate, PolicyItemUpdate, PublicationBody, PublicationState, Resource, ResourceCreate, ResourceUpdate } from '../../../src/contracts/portal';
import { AVAILABILITIES, ENTERPRISE_SIZES, PRICE_UNITS, RESOURCE_KINDS } from '../../../src/contracts/portal';
import { api } from './client';

export type { Office, Policy, PolicyItem, PublicationState, Resource };
export type EnterpriseSize = (typeof ENTERPRISE_SIZES)[number];
export type ResourceKind = (typeof RESOURCE_KINDS)[number];
export type Availability = (typeof AVAILABILITIES)[number];
export type PriceUnit = (typeof PRICE_UNITS)[number];
export { AVAILABILITIES, ENTERPRISE_SIZES, PRICE_UNITS, RESOURCE_KINDS };

export interface ResourceListItem {
  id: string;
  kind: ResourceKind;
  regionName: string;
  name: string;
  areaSqm: number | null;
  availability: Availability;
  published: boolean;
  photos: number;
  version: number;
}
export interface PublishedItem {
  projectId: string;
  projectCode: string;
  projectName: string;
  stage: string;
  regionName: string;
  publicTitle: string;
  publishedAt: string;
  /** withdrawn list only: when and by whom it was taken off */
  withdrawnAt: string | null;
  withdrawnBy: string | null;
}
export type PublicationListStatus = 'published' | 'withdrawn';

const resourcePath = (id: string) => `/api/portal/resources/${encodeURIComponent(id)}`;
const publicationPath = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}/publication`;

export const resourcesApi = {
  list: (query: { kind?: ResourceKind } = {}) => api.get<{ items: ResourceListItem[] }>('/api/portal/resources', { ...query }),
  get: (id: string) => api.get<Resource>(resourcePath(id)),
  create: (body: ResourceCreate) => api.post<Resource>('/api/portal/resources', body),
  update: (id: string, body: ResourceUpdate) => api.patch<Resource>(resourcePath(id), body),
  uploadPhoto: (id: string, body: { fileName: string; contentBase64: string }) => api.post<Resource>(`${resourcePath(id)}/photos`, body),
};

export const publicationsApi = {
  list: (status: PublicationListStatus = 'published') => api.get<{ items: PublishedItem[] }>('/api/portal/publications', status === 'withdrawn' ? { status } : {}),
  get: (projectId: string) => api.get<PublicationState>(publicationPath(projectId)),
  publish: (projectId: string, body: PublicationBody) => api.put<PublicationState>(publicationPath(projectId), body),
  withdraw: (projectId: string, body: { version: number; reason: string }) => api.post<PublicationState>(`${publicationPath(projectId)}/withdraw`, body),
};

export interface PolicyListItem {
  id: string;
  regionName: string;
  title: string;
  issuingBody: string;
  documentNumber: string;
  isDemo: boolean;
  items: number;
  publishedItems: number;
  version: number;
}

const policyPath = (id: string) => `/api/portal/policies/${encodeURIComponent(id)}`;

export const policiesApi = {
  list: (query: { q?: string } = {}) => api.get<{ items: PolicyListItem[] }>('/api/portal/policies', { ...query }),
  get: (id: string) => api.get<Policy>(policyPath(id)),
  create: (body: PolicyCreate) => api.post<Policy>('/api/portal/policies', body),
  addItem: (policyId: string, body: PolicyItemCreate) => api.post<Policy>(`${policyPath(policyId)}/items`, body),
  updateItem: (id: string, body: PolicyItemUpdate) => api.patch<Policy>(`/api/portal/policy-items/${encodeURIComponent(id)}`, body),
};

export const officesApi = {
  list: () => api.get<{ items: Office[] }>('/api/portal/offices'),
  create: (body: OfficeCreate) => api.post<Office>('/api/portal/offices', body),
  update: (id: string, body: OfficeUpdate) => api.patch<Office>(`/api/portal/offices/${encodeURIComponent(id)}`, body),
};
