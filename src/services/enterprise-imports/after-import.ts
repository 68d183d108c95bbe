/**
 * Upkeep of the enterprise database after an import wrote enterprises or projects, inside the
 * import's transaction: investors created by SQL get their search keys, "already in contact"
 * follows the imported projects' investors, and enterprises without a credit code are checked for
 * near-duplicate names. Shared by the workbook import and the background enterprise import job.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { flagNearDuplicateNames } from '../../db/queries/enterprises/enterprise-duplicates';
import { updateEnterpriseSearchKeys } from '../../db/queries/enterprise-imports/enterprise-imports';
import { refreshContactRegionCodes } from '../../db/queries/enterprises/enterprises';
import { buildEnterpriseSearchKeys } from '../../search/enterprise-search-keys';

type Row = Record<string, unknown>;
const rowsOf = (result: unknown): Row[] => (result as { rows: Row[] }).rows;

/** Enterprises that never got search keys (investors created on the fly by SQL), in batches. */
export async function fillMissingSearchKeys(db: Db): Promise<number> {
  let filled = 0;
  for (;;) {
    const batch = rowsOf(
      await db.execute(sql`select id, name, former_names, business_scope, main_products from enterprises where search_words is null order by id limit 2000`),
    );
    if (batch.length === 0) return filled;
    await updateEnterpriseSearchKeys(
      db,
      batch.map((r) => ({
        id: String(r.id),
        ...buildEnterpriseSearchKeys({
          name: String(r.name),
          formerNames: (r.former_names as string[] | null) ?? [],
          businessScope: r.business_scope === null ? null : String(r.business_scope),
          mainProducts: r.main_products === null ? null : String(r.main_products),
        }),
      })),
    );
    filled += batch.length;
    if (batch.length < 2000) return filled;
  }
}

/** After projects were imported: keys of new investors, their "already in contact" regions, near-duplicates. */
export async function upkeepAfterProjectImport(db: Db): Promise<void> {
  await fillMissingSearchKeys(db);
  // the staging table of the workbook import (imports.ts) names the imported projects
  const ids = rowsOf(
    await db.execute(sql`select distinct p.investor_id from projects p join imp_projects s on s.code = p.code where p.investor_id is not null`),
  ).map((r) => String(r.investor_id));
  if (ids.length > 0) await refreshContactRegionCodes(db, ids);
  await flagNearDuplicateNames(db);
}

/** After enterprises were imported: investors without a code may now have a coded twin. */
export async function upkeepAfterEnterpriseImport(db: Db): Promise<void> {
  await flagNearDuplicateNames(db);
}
