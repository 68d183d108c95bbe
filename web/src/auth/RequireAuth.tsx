import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { PageLoading } from '../components/PageLoading';
import { useMeQuery } from './session';

export const PASSWORD_PATH = '/account/password';
export const TWO_FACTOR_PATH = '/account/two-factor';

/**
 * Shows children only to a signed-in user; forces a pending password change first, then the
 * enrolment of a mandatory second factor (the server refuses every other call until then too).
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const location = useLocation();
  const { data: me, isPending } = useMeQuery();
  if (isPending) return <PageLoading />;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if ((me.setup === 'passwordChange' || me.mustChangePassword) && location.pathname !== PASSWORD_PATH) {
    return <Navigate to={PASSWORD_PATH} replace />;
  }
  if (me.setup === 'totpEnrolment' && location.pathname !== TWO_FACTOR_PATH) {
    return <Navigate to={TWO_FACTOR_PATH} replace />;
  }
  return <>{children}</>;
}
