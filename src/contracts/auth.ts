/**
 * The sign-in and own-account answers (当前用户, 安全事件, 动态口令): response schemas of the auth routes
 * and the web's types. zod only.
 */
import { z } from 'zod';

export const regionLevelSchema = z.enum(['province', 'prefecture', 'county', 'park']);

export const meSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.string().nullable().describe('第一个角色'),
  roles: z.array(z.string()),
  regionCode: z.string(),
  regionName: z.string(),
  regionLevel: regionLevelSchema,
  permissions: z.array(z.string()),
  mustChangePassword: z.boolean(),
  totpEnrolled: z.boolean().describe('已绑定动态口令'),
  totpRequired: z.boolean().describe('角色要求动态口令（系统、安全、审计管理员）'),
  setup: z.enum(['passwordChange', 'totpEnrolment']).nullable().describe('使用系统前必须完成的步骤：修改临时密码、绑定动态口令；null 表示无'),
});
export type Me = z.infer<typeof meSchema>;

export const accountEventSchema = z.object({
  at: z.string(),
  action: z.string(),
  outcome: z.string(),
  by: z.string().nullable(),
  reason: z.string().nullable(),
  clientIp: z.string().nullable(),
  message: z.string(),
});
/** One security event of the own account (lock, unlock by an administrator, resets, logins). */
export type AccountEvent = z.infer<typeof accountEventSchema>;

export const accountNoticeSchema = z.object({
  failedLogins: z.number().describe('上次登录以来的失败登录次数'),
  events: z.array(accountEventSchema).describe('上次登录以来账号被锁定、解锁、重置密码或动态口令等事件'),
});
/** What happened to the account since the previous login (shown once after login). */
export type AccountNotice = z.infer<typeof accountNoticeSchema>;

export const loginResultSchema = z.object({ user: meSchema, notice: accountNoticeSchema });
export type LoginResult = z.infer<typeof loginResultSchema>;

export const totpStatusSchema = z.object({ enrolled: z.boolean(), required: z.boolean(), enrolledAt: z.string().nullable(), recoveryCodesLeft: z.number() });
export type TotpStatus = z.infer<typeof totpStatusSchema>;

export const totpEnrolmentSchema = z.object({ secret: z.string(), otpauthUri: z.string(), qrSvg: z.string() });
export type TotpEnrolment = z.infer<typeof totpEnrolmentSchema>;

export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()).describe('一次性恢复码，仅此一次显示') });
export type RecoveryCodes = z.infer<typeof recoveryCodesSchema>;

// ——— requests: the routes validate with these, the web sends their input types ———

/** The messages of these checks: catalog keys (see common.ts CONTRACT_MESSAGES; http/schemas.ts checks each is one). */
export const AUTH_MESSAGES = {
  usernameRequired: 'auth.usernameRequired',
  passwordRequired: 'auth.passwordRequired',
  totpCodeRequired: 'auth.totpCodeRequired',
  currentPasswordRequired: 'auth.currentPasswordRequired',
} as const;

/** POST /api/auth/login. */
export const loginBodySchema = z.object({
  username: z.string().trim().min(1, AUTH_MESSAGES.usernameRequired).max(64),
  password: z.string().min(1, AUTH_MESSAGES.passwordRequired).max(128),
  totp: z.string().trim().max(32).optional().describe('动态口令（6 位数字）或一次性恢复码'),
});
export type LoginBody = z.input<typeof loginBodySchema>;

/** POST /api/auth/password. */
export const passwordChangeBodySchema = z.object({ currentPassword: z.string().min(1).max(128), newPassword: z.string().min(1).max(128) });
export type PasswordChangeBody = z.input<typeof passwordChangeBodySchema>;

/** POST /api/auth/totp/enrolment/confirm. */
export const totpConfirmBodySchema = z.object({ code: z.string().trim().min(1, AUTH_MESSAGES.totpCodeRequired).max(16) });
export type TotpConfirmBody = z.input<typeof totpConfirmBodySchema>;

/** POST /api/auth/totp/recovery-codes and DELETE /api/auth/totp: the current password. */
export const currentPasswordBodySchema = z.object({ password: z.string().min(1, AUTH_MESSAGES.currentPasswordRequired).max(128) });
export type CurrentPasswordBody = z.input<typeof currentPasswordBodySchema>;
