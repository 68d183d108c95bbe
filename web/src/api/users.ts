import { api } from './client';
import type { User, UserPage } from '../../../src/contracts/users';

export interface UserQuery {
  q?: string;
  regionCode?: string;
  status?: 'active' | 'disabled' | 'locked';
  role?: string;
  page?: number;
  pageSize?: number;
}

export interface NewUser {
  username: string;
  displayName: string;
  regionCode: string;
  password: string;
}

export const usersApi = {
  list: (query: UserQuery) => api.get<UserPage>('/api/users', { ...query }),
  get: (id: string) => api.get<User>(`/api/users/${encodeURIComponent(id)}`),
  create: (body: NewUser) => api.post<User>('/api/users', body),
  /** Silent: the caller handles 409 (stale version) with a reload option. */
  update: (id: string, body: { displayName?: string; regionCode?: string; version: number }) =>
    api.patch<User>(`/api/users/${encodeURIComponent(id)}`, body, true),
  disable: (id: string, reason: string) => api.post<User>(`/api/users/${encodeURIComponent(id)}/disable`, { reason }),
  enable: (id: string, reason: string) => api.post<User>(`/api/users/${encodeURIComponent(id)}/enable`, { reason }),
  resetPassword: (id: string, newPassword: string, reason: string) =>
    api.post<User>(`/api/users/${encodeURIComponent(id)}/reset-password`, { newPassword, reason }),
  setRoles: (id: string, roles: string[], reason: string) =>
    api.put<User>(`/api/users/${encodeURIComponent(id)}/roles`, { roles, reason }),
  unlock: (id: string, reason: string) => api.post<User>(`/api/users/${encodeURIComponent(id)}/unlock`, { reason }),
  resetSecondFactor: (id: string, reason: string) => api.post<User>(`/api/users/${encodeURIComponent(id)}/second-factor/reset`, { reason }),
  /** 三权分立: the administrator accounts' password and status go through the security administrator's routes */
  adminDisable: (id: string, reason: string) => api.post<User>(`/api/security/users/${encodeURIComponent(id)}/disable`, { reason }),
  adminEnable: (id: string, reason: string) => api.post<User>(`/api/security/users/${encodeURIComponent(id)}/enable`, { reason }),
  adminResetPassword: (id: string, newPassword: string, reason: string) =>
    api.post<User>(`/api/security/users/${encodeURIComponent(id)}/reset-password`, { newPassword, reason }),
};
