import { api } from './client';
import type { AccountEvent, AccountNotice, Me, TotpStatus } from './types';

export const authApi = {
  me: () => api.get<Me>('/api/auth/me'),
  /** Silent: the login page shows the error (and asks for the 动态口令 on TOTP_REQUIRED). */
  login: (username: string, password: string, totp?: string) =>
    api.post<{ user: Me; notice: AccountNotice }>('/api/auth/login', { username, password, ...(totp ? { totp } : {}) }, true),
  logout: () => api.post<void>('/api/auth/logout', undefined, true),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<void>('/api/auth/password', { currentPassword, newPassword }),
  securityEvents: () => api.get<{ items: AccountEvent[] }>('/api/auth/security-events'),
  totpStatus: () => api.get<TotpStatus>('/api/auth/totp'),
  startTotpEnrolment: () => api.post<{ secret: string; otpauthUri: string; qrSvg: string }>('/api/auth/totp/enrolment'),
  confirmTotpEnrolment: (code: string) => api.post<{ recoveryCodes: string[] }>('/api/auth/totp/enrolment/confirm', { code }),
  regenerateRecoveryCodes: (password: string) => api.post<{ recoveryCodes: string[] }>('/api/auth/totp/recovery-codes', { password }),
  disableTotp: (password: string) => api.delete<void>('/api/auth/totp', { password }),
};
