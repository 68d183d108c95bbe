/**
 * Answers used across pages, re-exported from the server's contracts (src/contracts): the web
 * writes no API shape by hand, so a changed answer fails `npm run typecheck` here.
 */
export type { AccountNotice, Me } from '../../../src/contracts/auth';
export type { Park, Region, RegionChild, User } from '../../../src/contracts/users';
export type { AuditEntry, AuditOutcome } from '../../../src/contracts/audit';
export type { SecurityPolicy as Policy } from '../../../src/contracts/security';
