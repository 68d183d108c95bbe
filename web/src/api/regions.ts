import { api } from './client';
import type { Park, Region, RegionChild } from './types';
import type { ReasonBody } from '../../../src/contracts/common';
import type { NewParkBody, ParkQuery, ParkRenameBody } from '../../../src/contracts/users';

export const regionsApi = {
  get: (code: string) => api.get<Region>(`/api/regions/${encodeURIComponent(code)}`),
  children: (code: string) =>
    api.get<{ items: RegionChild[] }>(`/api/regions/${encodeURIComponent(code)}/children`).then((r) => r.items),
  parks: (regionCode: string) => api.get<{ items: Park[] }>('/api/parks', { regionCode } satisfies ParkQuery).then((r) => r.items),
  createPark: (parentCode: string, name: string) => api.post<Park>('/api/parks', { parentCode, name } satisfies NewParkBody),
  renamePark: (code: string, name: string, version: number) =>
    api.patch<Park>(`/api/parks/${encodeURIComponent(code)}`, { name, version } satisfies ParkRenameBody),
  deletePark: (code: string, reason: string) => api.delete<void>(`/api/parks/${encodeURIComponent(code)}`, { reason } satisfies ReasonBody),
};
