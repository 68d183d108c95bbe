import { api } from './client';
import type { ReasonBody } from '../../../src/contracts/common';
import type { ResetPasswordBody } from '../../../src/contracts/security';
import type { NewUserBody, Role, User, UserChangeBody, UserPage, UserQuery, UserRolesBody } from '../../../src/contracts/users';

export type { NewUserBody, Role, UserQuery } from '../../../src/contracts/users';

export const usersApi = {
  list: (query: UserQuery) => api.get<UserPage>('/api/users', { ...query }),
  get: (id: string) => api.get<User>(`/api/users/${encodeURIComponent(id)}`),
  create: (body: NewUserBody) => api.post<User>('/api/users', body),
  /** Silent: the caller handles 409 (stale version) with a reload option. */
  update: (id: string, body: UserChangeBody) =>
    api.patch<User>(`/api/users/${encodeURIComponent(id)}`, body, true),
  disable: (id: string, reason: string) => api.post<User>(`/api/users/${encodeURIComponent(id)}/disable`, { reason } satisfies ReasonBody),
  enable: (id: string, reason: string) => api.post<User>(`/api/users/${encodeURIComponent(id)}/enable`, { reason } satisfies ReasonBody),
  resetPassword: (id: string, newPassword: string, reason: string) =>
    api.post<User>(`/api/users/${encodeURIComponent(id)}/reset-password`, { newPassword, reason } satisfies ResetPasswordBody),
  setRoles: (id: string, roles: Role[], reason: string) =>
    api.put<User>(`/api/users/${encodeURIComponent(id)}/roles`, { roles, reason } satisfies UserRolesBody),
  unlock: (id: string, reason: string) => api.post<User>(`/api/users/${encodeURIComponent(id)}/unlock`, { reason } satisfies ReasonBody),
  resetSecondFactor: (id: string, reason: string) => api.post<User>(`/api/users/${encodeURIComponent(id)}/second-factor/reset`, { reason } satisfies ReasonBody),
  /** 三权分立: the administrator accounts' password and status go through the security administrator's routes */
  adminDisable: (id: string, reason: string) => api.post<User>(`/api/security/users/${encodeURIComponent(id)}/disable`, { reason } satisfies ReasonBody),
  adminEnable: (id: string, reason: string) => api.post<User>(`/api/security/users/${encodeURIComponent(id)}/enable`, { reason } satisfies ReasonBody),
  adminResetPassword: (id: string, newPassword: string, reason: string) =>
    api.post<User>(`/api/security/users/${encodeURIComponent(id)}/reset-password`, { newPassword, reason } satisfies ResetPasswordBody),
};
