import { useQuery, useQueryClient } from '@tanstack/react-query';
import { authApi } from '../api/auth';
import type { Me } from '../api/types';

export const ME_KEY = ['me'] as const;

/** The signed-in user; `undefined` while loading, an error (401) when signed out. */
export function useMeQuery() {
  return useQuery({ queryKey: ME_KEY, queryFn: authApi.me, retry: false, staleTime: 60_000 });
}

/** For pages under RequireAuth, where the user is known. */
export function useMe(): Me {
  const { data } = useMeQuery();
  if (!data) throw new Error('useMe outside RequireAuth');
  return data;
}

export function useSetMe() {
  const client = useQueryClient();
  return (me: Me | null) => {
    if (me) client.setQueryData(ME_KEY, me);
    else client.clear();
  };
}
