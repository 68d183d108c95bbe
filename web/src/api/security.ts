import { api } from './client';
import type { AuditPage, AuditQuery } from '../../../src/contracts/audit';
import type { SecurityPolicy, SecurityPolicyBody } from '../../../src/contracts/security';
import type { User } from '../../../src/contracts/users';

export type { AuditQuery } from '../../../src/contracts/audit';

export const securityApi = {
  policy: () => api.get<SecurityPolicy>('/api/security/policy'),
  savePolicy: (policy: SecurityPolicy, reason: string) => api.put<SecurityPolicy>('/api/security/policy', { ...policy, reason } satisfies SecurityPolicyBody),
  lockedUsers: () => api.get<{ items: User[] }>('/api/security/locked-users').then((r) => r.items),
  audit: (query: AuditQuery) => api.get<AuditPage>('/api/audit', { ...query }),
};
