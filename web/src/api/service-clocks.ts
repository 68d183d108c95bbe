/** 服务时钟 (GET /api/stats/service-items): the answer's type comes from the server's contract. */
import type { ServiceClockQuery, ServiceClockStats } from '../../../src/contracts/service-clocks';
import { api } from './client';

export type { ServiceClockStats };

export const serviceClocksApi = {
  stats: (query: ServiceClockQuery) => api.get<ServiceClockStats>('/api/stats/service-items', { ...query }),
};
