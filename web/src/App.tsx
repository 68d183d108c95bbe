import { Suspense, useEffect } from 'react';
import { Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { setUnauthorizedHandler } from './api/client';
import { RequireAuth } from './auth/RequireAuth';
import { PageLoading } from './components/PageLoading';
import { RequirePermission } from './components/RequirePermission';
import { BasicLayout } from './layouts/BasicLayout';
import Login from './pages/Login';
import NotFound from './pages/NotFound';
import { pageRoutes } from './routes';

/** A 401 anywhere (except the login form itself) ends the session in the client and goes to /login. */
function useUnauthorizedRedirect() {
  const navigate = useNavigate();
  const location = useLocation();
  const client = useQueryClient();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      client.clear();
      if (window.location.pathname !== '/login') {
        navigate('/login', { replace: true, state: { from: location.pathname + location.search } });
      }
    });
  }, [client, navigate, location.pathname, location.search]);
}

export function AppRoutes() {
  useUnauthorizedRedirect();
  return (
    <Routes>
      <Route path="/login" element={<Login />} />
      <Route
        element={
          <RequireAuth>
            <BasicLayout />
          </RequireAuth>
        }
      >
        {pageRoutes().map((route) => {
          const Page = route.component;
          if (!Page) return null;
          return (
            <Route
              key={route.path}
              path={route.path}
              element={
                <RequirePermission permission={route.permission}>
                  <Suspense fallback={<PageLoading />}>
                    <Page />
                  </Suspense>
                </RequirePermission>
              }
            />
          );
        })}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
