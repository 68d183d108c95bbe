/**
 * The one enterprise merge of every import path (see db/queries/enterprise-imports/enterprise-imports.ts for the
 * rules): the set-based merge, then the search keys of updated enterprises whose merged names,
 * scope or products differ from the file's row (a rename keeps the old name as a former name, a
 * row without scope keeps the stored one), computed from the merged values.
 *
 * Like every door that changes what an approved (locked) monthly return counts, the merge refuses
 * new tags that would make an investor of a project signed in a locked period a top investor or no
 * longer one (LockedFiguresRejection, naming the row, the project, the month and who reopens it);
 * the caller rolls the import back and reports the rows.
 */
import type { Db } from '../../db/client';
import {
  mergeEnterpriseStage,
  selectEnterprisesNeedingKeys,
  selectInvestorChangesOfMerge,
  selectMergedTags,
  updateEnterpriseSearchKeys,
  type EnterpriseMergeCounts,
  type MergeOptions,
  type StagedEnterpriseRow,
} from '../../db/queries/enterprise-imports/enterprise-imports';
import { inlineKeyComputer, type KeyComputer } from '../../search/key-computer';
import { renderMessage } from '../../domain/messages/catalog';
import { withText } from '../../imports/problem-text';
import { describeLockedInvestorChange, findLockedInvestorChanges, LockedFiguresRejection } from '../returns/locked-figures';

const KEY_PAGE = 2_000;

export async function mergeStagedEnterprises(db: Db, table: string, opts: MergeOptions, keys: KeyComputer = inlineKeyComputer): Promise<EnterpriseMergeCounts> {
  const counts = await mergeEnterpriseStage(db, table, opts);
  if (counts.updated > 0) {
    const locked = await findLockedInvestorChanges(db, selectInvestorChangesOfMerge(table));
    if (locked.length > 0) {
      const tags = await selectMergedTags(db, table, locked.map((l) => l.key));
      throw new LockedFiguresRejection(
        locked.map((l) => {
          const text = describeLockedInvestorChange(l);
          return withText({ row: l.key, column: '标签', value: (tags.get(l.key) ?? []).join('、'), reason: renderMessage(text, 'zh') }, text);
        }),
      );
    }
  }
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
