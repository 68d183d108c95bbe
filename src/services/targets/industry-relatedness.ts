/**
 * The precomputed targeting features (db/queries/targets/industry-relatedness.ts: counts per region
 * and industry, relatedness, growth signals, the top chain nodes' local enterprises) recomputed from the enterprise database: by the nightly
 * job (jobs/relatedness-job.ts), at the end of the demo seed and by `yinfeng targets refresh-features`
 * (alias refresh-relatedness). Scoring reads them as of the last refresh. Each refresh is audited with
 * its counts and duration (`industryRelatedness.refresh`).
 */
import { refreshTargetFeatures, type FeatureCounts } from '../../db/queries/targets/industry-relatedness';
import { recordAudit } from '../audit/audit';
import type { Caller, Deps } from '../context';
import { listTopNodeMatches } from './node-local-counts';

export interface RelatednessRefresh extends FeatureCounts {
  ms: number;
}

export async function refreshRelatedness(deps: Deps, caller: Caller): Promise<RelatednessRefresh> {
  const t0 = performance.now();
  const counts = await refreshTargetFeatures(deps.db, await listTopNodeMatches(deps.db));
  const ms = Math.round(performance.now() - t0);
  await recordAudit(deps.db, caller, {
    action: 'industryRelatedness.refresh',
    objectType: 'referenceData',
    objectId: 'industry_proximity',
    after: { ...counts, ms },
  });
  return { ...counts, ms };
}
