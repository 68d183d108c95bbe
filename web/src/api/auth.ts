import { api, request } from './client';
import type {
  AccountEvent,
  CurrentPasswordBody,
  LoginBody,
  LoginResult,
  Me,
  PasswordChangeBody,
  RecoveryCodes,
  TotpConfirmBody,
  TotpEnrolment,
  TotpStatus,
} from '../../../src/contracts/auth';

export const authApi = {
  me: () => api.get<Me>('/api/auth/me'),
  /** Silent: the login page shows the error (and asks for the 动态口令 on TOTP_REQUIRED). */
  login: (username: string, password: string, totp?: string) =>
    api.post<LoginResult>('/api/auth/login', { username, password, ...(totp ? { totp } : {}) } satisfies LoginBody, true),
  // once: the page goes to the login form whatever the answer, so a busy server (503) must not hold it for retries
  logout: () => request<void>('POST', '/api/auth/logout', { silent: true, once: true }),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<void>('/api/auth/password', { currentPassword, newPassword } satisfies PasswordChangeBody),
  securityEvents: () => api.get<{ items: AccountEvent[] }>('/api/auth/security-events'),
  totpStatus: () => api.get<TotpStatus>('/api/auth/totp'),
  startTotpEnrolment: () => api.post<TotpEnrolment>('/api/auth/totp/enrolment'),
  confirmTotpEnrolment: (code: string) => api.post<RecoveryCodes>('/api/auth/totp/enrolment/confirm', { code } satisfies TotpConfirmBody),
  regenerateRecoveryCodes: (password: string) => api.post<RecoveryCodes>('/api/auth/totp/recovery-codes', { password } satisfies CurrentPasswordBody),
  disableTotp: (password: string) => api.delete<void>('/api/auth/totp', { password } satisfies CurrentPasswordBody),
};
