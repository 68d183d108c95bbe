/**
 * How an import computes search keys: on the calling thread (here), or in worker threads
 * (jobs/search-keys/search-key-pool.ts, for large background imports). The merge takes either.
 */
import { buildEnterpriseSearchKeys, type EnterpriseSearchKeys, type EnterpriseSearchSource } from './enterprise-search-keys';

export interface KeyComputer {
  compute(items: EnterpriseSearchSource[]): Promise<EnterpriseSearchKeys[]>;
  close(): Promise<void>;
}

/** Computes keys on the calling thread (small imports, and where workers are not wanted). */
export const inlineKeyComputer: KeyComputer = {
  compute: async (items) => items.map((item) => buildEnterpriseSearchKeys(item)),
  close: async () => undefined,
};
