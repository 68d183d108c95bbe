/** Shapes of the Yinfeng HTTP API (see the server's OpenAPI document at /api/docs). */

// Answers already shared with the server (src/contracts); the rest of this file is still hand-written.
export type { AccountNotice, Me } from '../../../src/contracts/auth';
export type { Park, Region, RegionChild, User } from '../../../src/contracts/users';

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
