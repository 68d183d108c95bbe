/**
 * The one enterprise merge of every import path (see db/queries/enterprise-imports.ts for the
 * rules): the set-based merge, then the search keys of updated enterprises whose merged names,
 * scope or products differ from the file's row (a rename keeps the old name as a former name, a
 * row without scope keeps the stored one), computed from the merged values.
 */
import type { Db } from '../../db/client';
import {
  mergeEnterpriseStage,
  selectEnterprisesNeedingKeys,
  updateEnterpriseSearchKeys,
  type EnterpriseMergeCounts,
  type MergeOptions,
  type StagedEnterpriseRow,
} from '../../db/queries/enterprise-imports';
import { inlineKeyComputer, type KeyComputer } from '../../search/key-computer';

const KEY_PAGE = 2_000;

export async function mergeStagedEnterprises(db: Db, table: string, opts: MergeOptions, keys: KeyComputer = inlineKeyComputer): Promise<EnterpriseMergeCounts> {
  const counts = await mergeEnterpriseStage(db, table, opts);
  let after: string | null = null;
  for (let done = 0; done < counts.needKeys; ) {
    const page = await selectEnterprisesNeedingKeys(db, table, after, KEY_PAGE);
    if (page.length === 0) break;
    const computed = await keys.compute(page);
    await updateEnterpriseSearchKeys(
      db,
      page.map((e, i) => ({ id: e.id, ...(computed[i] as (typeof computed)[number]) })),
    );
    after = (page[page.length - 1] as (typeof page)[number]).id;
    done += page.length;
    await opts.checkpoint?.();
  }
  return counts;
}

/** Fills the search keys of staged rows from their own names, scope and products. */
export async function fillSearchKeys(rows: StagedEnterpriseRow[], keys: KeyComputer = inlineKeyComputer): Promise<void> {
  const computed = await keys.compute(
    rows.map((r) => ({ name: r.name, formerNames: r.formerNames ?? [], businessScope: r.businessScope, mainProducts: r.mainProducts })),
  );
  rows.forEach((r, i) => Object.assign(r, computed[i]));
}
