import { api } from './client';
import type { Me } from './types';

export const authApi = {
  me: () => api.get<Me>('/api/auth/me'),
  login: (username: string, password: string) =>
    api.post<{ user: Me }>('/api/auth/login', { username, password }, true),
  logout: () => api.post<void>('/api/auth/logout', undefined, true),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<void>('/api/auth/password', { currentPassword, newPassword }),
};
