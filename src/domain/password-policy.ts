/** Password policy (configurable by the security administrator) and the check against it. */
import { msg, renderMessage, type Message } from './messages/catalog';
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

/** The reason the password is refused (a catalog message), or null when it satisfies the policy. */
export function checkPasswordMessage(password: string, policy: SecurityPolicy, username?: string, options: { allowCommon?: boolean } = {}): Message | null {
  if (password.length < policy.passwordMinLength) return msg('password.tooShort', { min: policy.passwordMinLength });
  if (password.length > 128) return msg('password.tooLong');
  if (countCharacterClasses(password) < policy.passwordMinClasses) return msg('password.classes', { min: policy.passwordMinClasses });
  if (username && password.toLowerCase().includes(username.toLowerCase())) return msg('password.containsUsername');
  if (!options.allowCommon && isCommonPassword(password)) return msg('password.common');
  return null;
}

/** Returns the Chinese reason the password is refused, or null when it satisfies the policy. */
export function checkPassword(password: string, policy: SecurityPolicy, username?: string, options: { allowCommon?: boolean } = {}): string | null {
  const refused = checkPasswordMessage(password, policy, username, options);
  return refused ? renderMessage(refused, 'zh') : null;
}
