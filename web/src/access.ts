import type { Me } from './api/types';

export type Permission =
  | 'users.read'
  | 'users.manage'
  | 'regions.manage'
  | 'security.manage'
  | 'audit.read'
  | 'projects.read'
  | 'projects.manage'
  | 'funds.manage'
  | 'funds.verify'
  | 'imports.run'
  | 'evidence.upload'
  | 'settings.manage'
  | 'stats.read'
  | 'targets.manage'
  | 'returns.submit'
  | 'returns.review'
  | 'enterprises.read'
  | 'enterprises.manage'
  | 'enterprises.import'
  | 'contacts.reveal'
  | 'contacts.export'
  | 'chains.read'
  | 'chains.manage'
  | 'targeting.read'
  | 'targeting.manage'
  | 'activities.read'
  | 'activities.manage'
  | 'activities.approve'
  | 'briefings.read'
  | 'briefings.manage'
  | 'briefings.issue'
  | 'portal.manage'
  | 'inquiries.read'
  | 'inquiries.manage'
  | 'commitments.read'
  | 'commitments.manage';

/** What the signed-in user may see and do; the server checks again on every request. */
export function can(me: Me | null | undefined, permission: Permission | undefined): boolean {
  if (!permission) return true;
  return me?.permissions.includes(permission) ?? false;
}

interface Guarded {
  permission?: Permission;
  /** Shown only to holders of one of these roles (a convenience entry, not a security boundary). */
  roles?: readonly string[];
  children?: Guarded[];
}

/** Keeps the routes the user may open; a group without any visible child disappears. */
export function visibleRoutes<T extends Guarded>(routes: readonly T[], me: Me | null | undefined): T[] {
  const out: T[] = [];
  for (const route of routes) {
    if (!can(me, route.permission)) continue;
    if (route.roles && !route.roles.some((r) => me?.roles.includes(r))) continue;
    if (route.children) {
      const children = visibleRoutes(route.children as T[], me);
      if (children.length === 0) continue;
      out.push({ ...route, children });
    } else {
      out.push(route);
    }
  }
  return out;
}
