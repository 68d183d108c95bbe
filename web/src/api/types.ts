/** Shapes of the Yinfeng HTTP API (see the server's OpenAPI document at /api/docs). */

export type RegionLevel = 'province' | 'prefecture' | 'county' | 'park';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  /** The first role; null for an account without roles yet. */
  role: string | null;
  roles: string[];
  regionCode: string;
  regionName: string;
  regionLevel: RegionLevel;
  permissions: string[];
  mustChangePassword: boolean;
  /** the account has a TOTP second factor */
  totpEnrolled: boolean;
  /** its roles require one (系统、安全、审计管理员) */
  totpRequired: boolean;
  /** what must be done before anything else: change the temporary password, enrol the second factor */
  setup: 'passwordChange' | 'totpEnrolment' | null;
}

/** One security event of the own account (lock, unlock by an administrator, resets, logins). */
export interface AccountEvent {
  at: string;
  action: string;
  outcome: string;
  by: string | null;
  reason: string | null;
  clientIp: string | null;
  message: string;
}

/** What happened to the account since the previous login (shown once after login). */
export interface AccountNotice {
  failedLogins: number;
  events: AccountEvent[];
}

export interface TotpStatus {
  enrolled: boolean;
  required: boolean;
  enrolledAt: string | null;
  recoveryCodesLeft: number;
}

export type UserStatus = 'active' | 'disabled';

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  regionCode: string;
  regionName: string;
  status: UserStatus;
  lockedUntil: string | null;
  failedLoginCount: number;
  mustChangePassword?: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  version: number;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface Policy {
  passwordMinLength: number;
  passwordMinClasses: number;
  maxFailedLogins: number;
  lockMinutes: number;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
}

export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorUsername: string | null;
  /** the actor's display name (null for the command line or an unknown user name) */
  actorName?: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  /** the object's name (project code and name, receipt's project and month, file name …) */
  objectName?: string | null;
  regionCode: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  clientIp: string | null;
  outcome: AuditOutcome;
  requestId: string | null;
}

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  path: { code: string; name: string }[];
}

export interface RegionChild {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  hasChildren: boolean;
}

export interface Park {
  code: string;
  name: string;
  parentCode: string;
  parentName: string;
  version: number;
}
