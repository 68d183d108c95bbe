/** Password policy (configurable by the security administrator) and the check against it. */
import { isCommonPassword } from './common-passwords';

export interface SecurityPolicy {
  passwordMinLength: number;
  /** how many of the four classes (lower, upper, digit, symbol) a password must contain */
  passwordMinClasses: number;
  maxFailedLogins: number;
  lockMinutes: number;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
}

export function countCharacterClasses(password: string): number {
  let n = 0;
  if (/[a-z]/.test(password)) n++;
  if (/[A-Z]/.test(password)) n++;
  if (/[0-9]/.test(password)) n++;
  if (/[^A-Za-z0-9]/.test(password)) n++;
  return n;
}

/** Returns the Chinese reason the password is refused, or null when it satisfies the policy. */
export function checkPassword(password: string, policy: SecurityPolicy, username?: string, options: { allowCommon?: boolean } = {}): string | null {
  if (password.length < policy.passwordMinLength) return `密码至少 ${policy.passwordMinLength} 位`;
  if (password.length > 128) return '密码不能超过 128 位';
  if (countCharacterClasses(password) < policy.passwordMinClasses) {
    return `密码须包含小写字母、大写字母、数字、符号中的至少 ${policy.passwordMinClasses} 类`;
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  if (!options.allowCommon && isCommonPassword(password)) return '密码过于常见（常用密码或其简单变形，如 a123456、woaini1314、Password@2026），请换一个';
  return null;
}
