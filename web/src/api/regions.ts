import { api } from './client';
import type { Park, Region, RegionChild } from './types';

export const regionsApi = {
  get: (code: string) => api.get<Region>(`/api/regions/${encodeURIComponent(code)}`),
  children: (code: string) =>
    api.get<{ items: RegionChild[] }>(`/api/regions/${encodeURIComponent(code)}/children`).then((r) => r.items),
  parks: (regionCode: string) => api.get<{ items: Park[] }>('/api/parks', { regionCode }).then((r) => r.items),
  createPark: (parentCode: string, name: string) => api.post<Park>('/api/parks', { parentCode, name }),
  renamePark: (code: string, name: string, version: number) =>
    api.patch<Park>(`/api/parks/${encodeURIComponent(code)}`, { name, version }),
  deletePark: (code: string, reason: string) => api.delete<void>(`/api/parks/${encodeURIComponent(code)}`, { reason }),
};
