/**
 * Relatedness of industries (db/queries/targets/industry-relatedness.ts) recomputed from the
 * enterprise database: by the nightly job (jobs/relatedness-job.ts), at the end of the demo seed and
 * by `yinfeng targets refresh-relatedness`. Each refresh is audited with its counts and duration.
 */
import { refreshIndustryRelatedness } from '../../db/queries/targets/industry-relatedness';
import { recordAudit } from '../audit/audit';
import type { Caller, Deps } from '../context';

export interface RelatednessRefresh {
  divisions: number;
  pairs: number;
  ms: number;
}

export async function refreshRelatedness(deps: Deps, caller: Caller): Promise<RelatednessRefresh> {
  const t0 = performance.now();
  const counts = await refreshIndustryRelatedness(deps.db);
  const ms = Math.round(performance.now() - t0);
  await recordAudit(deps.db, caller, {
    action: 'industryRelatedness.refresh',
    objectType: 'referenceData',
    objectId: 'industry_proximity',
    after: { ...counts, ms },
  });
  return { ...counts, ms };
}
