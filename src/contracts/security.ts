/** The security policy (安全策略) and the security administrator's requests; zod only. */
import { z } from 'zod';
import { reasonSchema } from './common';

export const securityPolicySchema = z.object({
  passwordMinLength: z.number().int().min(6).max(64),
  passwordMinClasses: z.number().int().min(1).max(4),
  maxFailedLogins: z.number().int().min(1).max(100),
  lockMinutes: z.number().int().min(1).max(24 * 60),
  sessionIdleMinutes: z.number().int().min(1).max(24 * 60),
  sessionAbsoluteHours: z.number().int().min(1).max(24 * 14),
});
export type SecurityPolicy = z.infer<typeof securityPolicySchema>;

export const securityPolicyBodySchema = securityPolicySchema.extend({ reason: reasonSchema });
export type SecurityPolicyBody = z.input<typeof securityPolicyBodySchema>;

export const resetPasswordBodySchema = z.object({ newPassword: z.string().max(128), reason: reasonSchema });
export type ResetPasswordBody = z.input<typeof resetPasswordBodySchema>;
