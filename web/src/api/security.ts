import { api } from './client';
import type { AuditEntry, Page, Policy, User } from './types';

export interface AuditQuery {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  outcome?: string;
  page?: number;
  pageSize?: number;
}

export const securityApi = {
  policy: () => api.get<Policy>('/api/security/policy'),
  savePolicy: (policy: Policy, reason: string) => api.put<Policy>('/api/security/policy', { ...policy, reason }),
  lockedUsers: () => api.get<{ items: User[] }>('/api/security/locked-users').then((r) => r.items),
  audit: (query: AuditQuery) => api.get<Page<AuditEntry>>('/api/audit', { ...query }),
};
