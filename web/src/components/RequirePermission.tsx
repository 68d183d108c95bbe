import type { ReactNode } from 'react';
import { can, type Permission } from '../access';
import { useMe } from '../auth/session';
import Forbidden from '../pages/Forbidden';

export function RequirePermission({ permission, children }: { permission?: Permission; children: ReactNode }) {
  const me = useMe();
  return can(me, permission) ? <>{children}</> : <Forbidden />;
}
