/** The figures of the running installation that /metrics exposes and `yinfeng doctor` reports (db/queries/operations). */
import {
  selectImportJobFigures,
  selectJobQueueFigures,
  selectRollupStaleness,
  type ImportJobFigures,
  type JobQueueFigures,
  type RollupStaleness,
} from '../../db/queries/operations/operations-figures';
import type { Deps } from '../context';

export interface OperationsFigures {
  jobs: JobQueueFigures[];
  rollups: RollupStaleness[];
  imports: ImportJobFigures[];
}

/** One read of each, one after another (on PGlite they share the one connection anyway). */
export async function readOperationsFigures(deps: Pick<Deps, 'db'>): Promise<OperationsFigures> {
  const jobs = await selectJobQueueFigures(deps.db);
  const rollups = await selectRollupStaleness(deps.db);
  const imports = await selectImportJobFigures(deps.db);
  return { jobs, rollups, imports };
}
