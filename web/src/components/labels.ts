import dayjs from 'dayjs';
import { isMessageKey, type Translate } from '../i18n';

/** Every role, in the server's order (src/contracts/users.ts). */
export { ROLES as ALL_ROLES } from '../../../src/contracts/users';

/** 三权分立: an account holds at most one of these. */
export const ADMIN_ROLES: readonly string[] = ['sysadmin', 'secadmin', 'auditor'];

export function roleName(t: Translate, role: string): string {
  const key = `role.${role}`;
  return isMessageKey(key) ? t(key) : role;
}

export function roleNames(t: Translate, roles: readonly string[]): string {
  return roles.map((r) => roleName(t, r)).join('、');
}

export function levelName(t: Translate, level: string): string {
  const key = `level.${level}`;
  return isMessageKey(key) ? t(key) : level;
}

export function formatTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : value;
}

export function isLocked(lockedUntil: string | null): boolean {
  return lockedUntil !== null && dayjs(lockedUntil).isAfter(dayjs());
}
